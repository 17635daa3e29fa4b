// What the visitor reads when a session cannot start: the server's refusals in the widget's words (site not
// allowed, identification required, too many attempts, unreachable), else the server's own message.
import { ApiError } from './api';
import { t } from './i18n';

export function sessionProblem(err: unknown): string {
  if (!(err instanceof ApiError)) return t().sessionFailed;
  if (err.code === 'identity_required') return t().identityRequired;
  if (err.code === 'forbidden') return t().forbidden;
  if (err.code === 'rate_limited') return t().limited;
  if (err.code === 'unreachable') return t().unreachable;
  return err.message || t().sessionFailed;
}
