// A failed call to Fio's REST API as both clients (agent app and widget) see it: the HTTP status and the
// error envelope's code, message and details, so screens word the failure by its code.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The envelope's `details` (per-field problems for validation errors), when the server sent them. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}
