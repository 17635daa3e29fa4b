// The one error envelope, used by every HTTP response and (as code/message) by WebSocket error frames.
import { z } from 'zod';

export const ErrorCode = z.enum([
  'bad_request',
  'validation_failed',
  'invalid_json',
  'unknown_frame',
  'frame_too_large',
  'unauthorized',
  /** Login: this user signs in with a second factor and the request had none. */
  'totp_required',
  /** Login or a 2FA route: the code (TOTP, recovery code or sign-in ticket) was wrong, used or expired. */
  'totp_invalid',
  /** Login: the tenant requires 2FA of this user, not enrolled yet; details hold {enrolmentToken}. */
  'totp_enrolment_required',
  /** A widget visitor whose contact has a verified identity must present an identity token to resume. */
  'identity_required',
  'forbidden',
  /** The platform operator suspended this tenant: sign-ins, sockets and webhooks are refused. */
  'tenant_suspended',
  'not_found',
  'conflict',
  'window_closed',
  /** A WhatsApp Cloud number whose access token the Graph API did not accept as its owner's. */
  'ownership_not_proven',
  /** The ERP refused the credentials (or could not be reached) on "save and test": nothing was stored. */
  'erp_test_failed',
  /** A bot flow the checker refused; details hold {issues: FlowIssue[]}, each pointing at its step. */
  'flow_invalid',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'not_ready',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorEnvelope = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** HTTP status for each code, so the code alone decides how a failure is reported. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  invalid_json: 400,
  unknown_frame: 400,
  frame_too_large: 413,
  unauthorized: 401,
  totp_required: 401,
  totp_invalid: 401,
  totp_enrolment_required: 403,
  identity_required: 401,
  forbidden: 403,
  tenant_suspended: 403,
  not_found: 404,
  conflict: 409,
  window_closed: 422,
  ownership_not_proven: 422,
  erp_test_failed: 422,
  flow_invalid: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  not_ready: 503,
  unavailable: 503,
  internal: 500,
};
