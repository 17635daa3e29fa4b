// The routing screen's number boxes: blank means "not set" (null), anything else must be a whole number the
// contract's schema accepts; a refusal names the field with the screen's own words.
import type { z } from 'zod';

/** "" → null; "3" → 3; anything else (1.5, -1, "abc") → the value the schema is asked about (and refuses). */
export function readNumber(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  return /^-?\d+(?:[.,]\d+)?$/.test(t) ? Number(t.replace(',', '.')) : Number.NaN;
}

/** The number box's value checked by `schema` (nullable): the value, or the message when refused. */
export function checkNumber(
  text: string,
  schema: z.ZodType<number | null>,
  message: string,
): { ok: true; value: number | null } | { ok: false; message: string } {
  const value = readNumber(text);
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message };
}

/** The box's text for a stored value. */
export const numberText = (n: number | null): string => (n === null ? '' : String(n));
