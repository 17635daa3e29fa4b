// Form errors keyed by the full path of what was refused (`csat.delaySeconds`, `firstResponseMinutes`), for
// forms whose fields sit deeper than the shared form-errors' first path segment: the contract's check
// before sending and the server's envelope details land on the same field, with this screen's words.
import type { z } from 'zod';
import { ApiError } from '../../api';
import { Invalid } from '../form-errors';

interface Issue {
  path: string;
  message: string;
}

function fieldsOf(
  issues: readonly Issue[],
  words: (path: string) => string | undefined,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const i of issues) if (!(i.path in fields)) fields[i.path] = words(i.path) ?? i.message;
  return fields;
}

/** The value checked with the contract's schema; a refusal is thrown as Invalid, one message per path. */
export function checkedWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  words: (path: string) => string | undefined,
  form: string,
): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new Invalid({ fields: fieldsOf(issues, words), form });
}

/**
 * Sends; an envelope with per-field details becomes Invalid on the same paths (`prefix` is stripped: the
 * request's `settings.` when the form edits only the settings). Anything else is rethrown as it came.
 */
export async function sentWith<T>(
  send: Promise<T>,
  words: (path: string) => string | undefined,
  form: string,
  prefix = '',
): Promise<T> {
  try {
    return await send;
  } catch (err) {
    const details: unknown = err instanceof ApiError ? err.details : undefined;
    if (!Array.isArray(details)) throw err;
    const issues = details.flatMap((d: unknown) => {
      const i = d as Partial<Issue> | null;
      return typeof i?.path === 'string' && typeof i.message === 'string' && i.path.startsWith(prefix)
        ? [{ path: i.path.slice(prefix.length), message: i.message }]
        : [];
    });
    if (issues.length === 0) throw err;
    throw new Invalid({ fields: fieldsOf(issues, words), form });
  }
}
