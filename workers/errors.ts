// AppError: the one error type the Worker throws on purpose; rendered as the contract's error envelope.
import type { ZodError } from 'zod';
import { ERROR_STATUS, type ErrorCode, type ErrorEnvelope } from './contract';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
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
  return Response.json(envelope(err.code, err.message, requestId, err.details), { status: err.status });
}
