// What the visitor reads when a session cannot start: the server's refusals in the widget's words (site not
// allowed, identification required, too many attempts, unreachable, the ISP's account suspended), else the
// server's own message.
import { ApiError } from './api';
import { t } from './i18n';

/** The ISP's Fio account is suspended: the widget stops (no retry, no reconnect) and says so politely. */
export function isSuspended(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'tenant_suspended';
}

export function sessionProblem(err: unknown): string {
  if (!(err instanceof ApiError)) return t().sessionFailed;
  if (err.code === 'identity_required') return t().identityRequired;
  if (err.code === 'forbidden') return t().forbidden;
  if (err.code === 'rate_limited') return t().limited;
  if (err.code === 'unreachable') return t().unreachable;
  if (err.code === 'tenant_suspended') return t().unavailableHere;
  return err.message || t().sessionFailed;
}
