// Identifier and small scalar schemas shared by every boundary (HTTP, WebSocket frames, DO RPC).
import { z } from 'zod';
import { VisibleText } from './text';

export const Uuid = z.uuid();
export type Uuid = z.infer<typeof Uuid>;

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

export const Role = z.enum(['admin', 'supervisor', 'agent']);
export type Role = z.infer<typeof Role>;
