// Two-factor authentication (TOTP, RFC 6238) shapes: enrolment, recovery codes, the user's status, the
// tenant's policy, and what the login's `totp` field may hold.
import { z } from 'zod';

/** Who must sign in with a second factor: nobody, owners and admins, or everyone. */
export const TwoFactorPolicy = z.enum(['none', 'admins', 'everyone']);
export type TwoFactorPolicy = z.infer<typeof TwoFactorPolicy>;

/** A 6-digit code from an authenticator app. */
export const TotpCode = z.string().regex(/^\d{6}$/, 'six digits');

/**
 * The login's second factor: a 6-digit code, a recovery code (xxxx-xxxx-xxxx, dashes and case optional) or
 * the sign-in ticket an enrolment confirmed with an enrolment token hands out.
 */
export const SecondFactorCode = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'a 6-digit or recovery code');

/** POST /api/auth/2fa/enrolment: a new secret to scan (the QR code encodes otpauthUri). */
export const TwoFactorEnrolment = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrSvg: z.string(),
});
export type TwoFactorEnrolment = z.infer<typeof TwoFactorEnrolment>;

export const ConfirmTwoFactorRequest = z.object({ code: TotpCode });

/**
 * The confirm answer: the 10 recovery codes, shown this once. With an enrolment token (sign-in interrupted
 * by the policy) it also holds `signInTicket`: send it as `totp` with the same email and password to finish
 * signing in (single use, 5 minutes).
 */
export const RecoveryCodesResponse = z.object({
  recoveryCodes: z.array(z.string()).length(10),
  signInTicket: z.string().optional(),
});
export type RecoveryCodesResponse = z.infer<typeof RecoveryCodesResponse>;

/** Disabling needs the current password or a code (6 digits or a recovery code). */
export const DisableTwoFactorRequest = z.union([
  z.object({ password: z.string().min(1).max(1024) }).strict(),
  z.object({ code: SecondFactorCode }).strict(),
]);

export const RegenerateRecoveryCodesRequest = z.object({ code: SecondFactorCode });

/** GET /api/auth/2fa: my second factor and whether my tenant requires one of me. */
export const TwoFactorStatus = z.object({
  enabled: z.boolean(),
  enabledAt: z.string().nullable(),
  recoveryCodesLeft: z.number().int(),
  policy: TwoFactorPolicy,
  requiredForMe: z.boolean(),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;
