// Audit log vocabulary: every action the append-only audit log records, and the entry shape admins read.
import { z } from 'zod';

/** One list, so a filter, a label and a test can enumerate every action. Add new actions here. */
export const AuditAction = z.enum([
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.sign_out_everywhere',
  'auth.session_revoked',
  'auth.refresh_reused',
  'auth.password_changed',
  'auth.password_reset_requested',
  'auth.password_reset',
  'auth.2fa_enabled',
  'auth.2fa_disabled',
  'auth.recovery_code_used',
  'user.invited',
  'user.invitation_revoked',
  'user.invitation_accepted',
  'user.created',
  'user.updated',
  'user.role_changed',
  'user.deactivated',
  'user.reactivated',
  'api_key.created',
  'api_key.revoked',
  'channel.created',
  'channel.updated',
  'channel.removed',
  'erp.credentials_changed',
  'tenant.settings_changed',
  'contact.exported',
  'contact.erased',
  'ticket.transferred',
  'ticket.closed',
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditActorType = z.enum(['user', 'api_key', 'visitor', 'system', 'anonymous']);
export type AuditActorType = z.infer<typeof AuditActorType>;

export const AuditEntryView = z.object({
  id: z.number().int(),
  at: z.string(),
  actorType: AuditActorType,
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  action: AuditAction,
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;
