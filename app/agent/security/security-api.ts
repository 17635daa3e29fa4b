// REST calls of two-factor authentication, through the client's one fetch wrapper. `token` is the access
// token, or (for the two enrolment calls during a sign-in) the enrolment token the login answered with.
import { RecoveryCodesResponse, TwoFactorEnrolment, TwoFactorStatus } from '../../../workers/contract';
import { request, requestParsed } from '../api';

const post = (body?: unknown) => ({
  method: 'POST',
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

export const getTwoFactorStatus = (token: string) =>
  requestParsed(TwoFactorStatus, '/api/auth/2fa', { token });

export const startEnrolment = (token: string) =>
  requestParsed(TwoFactorEnrolment, '/api/auth/2fa/enrolment', { token, ...post() });

export const confirmEnrolment = (token: string, code: string) =>
  requestParsed(RecoveryCodesResponse, '/api/auth/2fa/enrolment/confirm', { token, ...post({ code }) });

export const disableTwoFactor = (token: string, proof: { password: string } | { code: string }) =>
  request<null>('/api/auth/2fa/disable', { token, ...post(proof) });

export const regenerateRecoveryCodes = (token: string, code: string) =>
  requestParsed(RecoveryCodesResponse, '/api/auth/2fa/recovery-codes', { token, ...post({ code }) });

/** What the user typed as a code, in the form the server takes: no spaces; digits or a recovery code. */
export function cleanCode(input: string): string {
  return input.replace(/\s+/g, '');
}
