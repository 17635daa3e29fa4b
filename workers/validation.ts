// zod at the HTTP boundary: bodies, queries and path ids parse or become a validation_failed envelope.
import type { Context } from 'hono';
import type { z } from 'zod';
import { Uuid } from './contract';
import { AppError } from './errors';
import { parseJsonText } from './json-text';
import { exceedsUtf8Bytes } from './utf8';

const BODY_MAX_BYTES = 64 * 1024;

/** `maxBytes`: a larger cap for the few bodies that are documents (a bot flow), 64 KiB otherwise. */
export async function parseJsonBody<T extends z.ZodType>(
  c: Context,
  schema: T,
  maxBytes = BODY_MAX_BYTES,
): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new AppError('bad_request', 'Content-Type must be application/json');
  const text = await c.req.text();
  if (exceedsUtf8Bytes(text, maxBytes)) {
    throw new AppError('bad_request', `Body is limited to ${maxBytes} bytes`);
  }
  const json = parseJsonText(text, 'Body');
  if (!json.ok) throw new AppError('invalid_json', json.message);
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) throw AppError.fromZod(parsed.error, 'body');
  return parsed.data;
}

export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw AppError.fromZod(parsed.error, 'query');
  return parsed.data;
}

/**
 * A malformed id, or a real one in any spelling but the canonical lowercase one (upper case, braces, spaces
 * after percent-decoding), cannot name anything: reported exactly like an unknown one.
 */
export function parseIdParam(value: string | undefined, what: string): string {
  const parsed = Uuid.safeParse(value);
  if (!parsed.success) throw new AppError('not_found', `${what} not found`);
  return parsed.data;
}
