// REST shapes for passwords and invitations: change my password, reset by e-mailed link, invite a user and
// accept an invitation. The strength rule itself (length, common list) is the server's password policy.
import { z } from 'zod';
import { DisplayName as Name, Role, Uuid } from './ids';

/** A password being set: the length and common-password rules are checked by the server (details.reason). */
export const NewPassword = z.string().min(1).max(1024);
/** The opaque token from an e-mailed link. */
export const LinkToken = z.string().min(1).max(256);

/** Why a new password was refused (details[].reason of a validation_failed on the password field). */
export const PasswordRefusalReason = z.enum(['too_short', 'common', 'personal']);

/** POST /api/me/password → 204. A wrong current password: 400 on `currentPassword` (reason `incorrect`). */
export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: NewPassword,
});

/** POST /api/auth/password-reset → always 202 with PASSWORD_RESET_ACCEPTED, whether the e-mail exists or not. */
export const PasswordResetRequest = z.object({ email: z.email().max(254) });
export const PasswordResetAccepted = z.object({ status: z.literal('accepted'), message: z.string() });
export const PASSWORD_RESET_ACCEPTED: z.infer<typeof PasswordResetAccepted> = {
  status: 'accepted',
  message:
    'Se este e-mail tiver uma conta, enviamos um link para redefinir a senha. / If this e-mail has an account, we sent it a link to reset the password.',
};

/** POST /api/auth/password-reset/confirm and POST /api/auth/invitations/accept → 200 {email}. */
export const SetPasswordWithToken = z.object({ token: LinkToken, password: NewPassword });
export const PasswordSetResponse = z.object({ email: z.string() });

export const MailStatus = z.enum(['pending', 'sent', 'failed']);
export type MailStatus = z.infer<typeof MailStatus>;

/** A pending invitation as admins see it: who, what role, until when, and whether its e-mail went out. */
export const Invitation = z.object({
  userId: Uuid,
  email: z.string(),
  name: z.string(),
  role: Role,
  teamIds: z.array(Uuid),
  invitedAt: z.string(),
  expiresAt: z.string(),
  expired: z.boolean(),
  mail: MailStatus,
});
export type Invitation = z.infer<typeof Invitation>;

/** POST /api/admin/invitations → 201 Invitation. Only owners may invite owners. */
export const InviteRequest = z.object({
  email: z.email().max(254),
  name: Name,
  role: Role,
  teamIds: z.array(Uuid).max(50).default([]),
});
export const InvitationsResponse = z.object({ invitations: z.array(Invitation) });
