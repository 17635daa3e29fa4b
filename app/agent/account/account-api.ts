// REST calls of the password screens through the client's one fetch wrapper, and the API's refusals turned
// into one message per field (by the `reason` the server gives) in the user's language.
import { ApiError, request } from '../api';
import { acct } from './account-i18n';

export const requestReset = (email: string) =>
  request<unknown>('/api/auth/password-reset', { method: 'POST', body: JSON.stringify({ email }) });

export const confirmReset = (token: string, password: string) =>
  request<{ email: string }>('/api/auth/password-reset/confirm', {
    method: 'POST',
    body: JSON.stringify({ token, password }),
  });

export const acceptInvitation = (token: string, password: string) =>
  request<{ email: string }>('/api/auth/invitations/accept', {
    method: 'POST',
    body: JSON.stringify({ token, password }),
  });

export const changePassword = (token: string, currentPassword: string, newPassword: string) =>
  request<unknown>('/api/me/password', {
    method: 'POST',
    token,
    body: JSON.stringify({ currentPassword, newPassword }),
  });

export interface Refusal {
  /** Field path → message (password, newPassword, currentPassword, token). */
  fields: Record<string, string>;
  form: string | null;
}

/** A failed call as messages: per field when the server named a reason, else one for the whole form. */
export function refusalOf(err: unknown): Refusal {
  if (!(err instanceof ApiError)) return { fields: {}, form: acct().failed };
  const details = Array.isArray(err.details) ? (err.details as { path?: unknown; reason?: unknown }[]) : [];
  const fields: Record<string, string> = {};
  for (const d of details) {
    if (typeof d.path !== 'string') continue;
    const reason = typeof d.reason === 'string' ? acct().reasons[d.reason] : undefined;
    fields[d.path] = reason ?? err.message;
  }
  if (Object.keys(fields).length) return { fields, form: null };
  return { fields: {}, form: err.status >= 500 || err.status === 0 ? acct().failed : err.message };
}
