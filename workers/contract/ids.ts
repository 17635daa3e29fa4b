// Identifier and small scalar schemas shared by every boundary (HTTP, WebSocket frames, DO RPC).
import { z } from 'zod';
import { VisibleText } from './text';

/**
 * One spelling per id: the lowercase hyphenated UUID that Postgres and crypto.randomUUID() print (zod's uuid
 * rule, lower case only). Postgres compares uuids ignoring case, but object names, maps and tokens compare
 * strings, so a second spelling of one row would name a second Durable Object (a second writer: duplicate
 * seqs). Any other spelling is refused.
 */
const CANONICAL_UUID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|0{8}-0{4}-0{4}-0{4}-0{12}|f{8}-f{4}-f{4}-f{4}-f{12})$/;
export const Uuid = z.string().regex(CANONICAL_UUID, 'must be a lowercase UUID');
export type Uuid = z.infer<typeof Uuid>;

/** The same rule as a predicate, cheap enough for every object name (names, references, cursors, the router). */
export function isCanonicalUuid(value: unknown): value is string {
  return typeof value === 'string' && CANONICAL_UUID.test(value);
}

export const TenantSlug = z
  .string()
  .min(2)
  .max(63)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'lowercase letters, digits and dashes');

/** A client-chosen idempotency key for one send (a UUID in every client we ship). */
export const ClientId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and -');

/** Event sequence numbers start at 1; 0 means "I have nothing yet". */
export const Seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const MESSAGE_TEXT_MAX = 4096;
/** What a visitor or an agent writes: storable and not blank (see text.ts), refused otherwise. */
export const MessageText = VisibleText.max(MESSAGE_TEXT_MAX, `at most ${MESSAGE_TEXT_MAX} characters`);

/** A person's, team's or channel's name as our clients set it: trimmed, storable, not blank. */
export const DisplayName = VisibleText.trim().max(120);

export const Role = z.enum(['owner', 'admin', 'supervisor', 'agent']);
export type Role = z.infer<typeof Role>;
