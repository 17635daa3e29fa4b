// AppError: the one error type the Worker throws on purpose; rendered as the contract's error envelope.
import type { ZodError } from 'zod';
import { ERROR_STATUS, type ErrorCode, type ErrorEnvelope } from './contract';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Seconds a client should wait before trying again: sent as `Retry-After` (429 and 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** 429 `rate_limited` with the seconds to wait (at least 1). */
  static rateLimited(retryAfterMs: number, message = 'Too many attempts, try again later'): AppError {
    return new AppError('rate_limited', message, undefined, Math.max(1, Math.ceil(retryAfterMs / 1000)));
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static fromZod(error: ZodError, what: string): AppError {
    return new AppError('validation_failed', `Invalid ${what}`, zodDetails(error));
  }
}

/** A compact, client-readable list of what was wrong: path and message per issue. */
export function zodDetails(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

export function envelope(
  code: ErrorCode,
  message: string,
  requestId: string,
  details?: unknown,
): ErrorEnvelope {
  return { error: { code, message, requestId, ...(details === undefined ? {} : { details }) } };
}

export function errorResponse(err: AppError, requestId: string): Response {
  const res = Response.json(envelope(err.code, err.message, requestId, err.details), { status: err.status });
  if (err.retryAfterSeconds !== undefined) res.headers.set('retry-after', String(err.retryAfterSeconds));
  return res;
}
