// Postgres errors the API turns into client errors (a duplicate name is a 409, not a 500).

import { AppError } from '../errors';

/** SQLSTATE of err or of an error it wraps (drizzle wraps driver errors in `cause`). */
function sqlState(err: unknown): { code: string; constraint?: string } | null {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return { code, ...(typeof constraint === 'string' ? { constraint } : {}) };
    }
  }
  return null;
}

/** A unique index refused the row; with `constraint`, only that index counts. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const state = sqlState(err);
  return state?.code === '23505' && (constraint === undefined || state.constraint === constraint);
}

/** For `.catch()` on a write: that index's violation becomes a 409 with `message`, anything else passes. */
export function conflictOn(constraint: string, message: string): (err: unknown) => never {
  return (err) => {
    if (isUniqueViolation(err, constraint)) throw new AppError('conflict', message);
    throw err;
  };
}
