// Audit log vocabulary: every action the append-only audit log records, and the entry shape admins read.
import { z } from 'zod';
import { Uuid } from './ids';

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
  'user.capacity_changed',
  'team.routing_changed',
  'api_key.created',
  'api_key.revoked',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'webhook.secret_rotated',
  'webhook.redelivered',
  'channel.created',
  'channel.updated',
  'channel.removed',
  'erp.credentials_changed',
  'erp.disconnected',
  'ai.settings_changed',
  'knowledge.created',
  'knowledge.updated',
  'knowledge.deleted',
  'tenant.settings_changed',
  /** The platform operator created, suspended or reactivated the tenant (actor: system, label operator). */
  'tenant.created',
  'tenant.suspended',
  'tenant.reactivated',
  'contact.exported',
  'contact.erased',
  'ticket.transferred',
  'ticket.closed',
  'bot_flow.saved',
  'bot_flow.published',
  'campaign.created',
  'campaign.deleted',
  'campaign.started',
  'campaign.paused',
  'campaign.resumed',
  'campaign.cancelled',
  'opt_out.added',
  'opt_out.removed',
  'outage.created',
  'outage.resolved',
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

/** The highest id an audit page may name as its cursor (bigint identity, kept well inside JS integers). */
const AuditCursor = z.string().regex(/^[1-9][0-9]{0,14}$/, 'not a cursor we issued');

const IsoTime = z.iso.datetime({ offset: true });

/** GET /api/admin/audit: filters (all optional, combined with AND) and keyset pagination, newest first. */
export const AuditListQuery = z
  .object({
    action: AuditAction.optional(),
    /** The acting user's (or API key's) id. */
    actor: Uuid.optional(),
    /** The id of what was acted on (a user, a channel, a contact, a conversation…). */
    target: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[A-Za-z0-9._:-]+$/, 'an id')
      .optional(),
    from: IsoTime.optional(),
    to: IsoTime.optional(),
    cursor: AuditCursor.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: '`from` must not be after `to`',
    path: ['from'],
  });
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export const AuditListResponse = z.object({
  entries: z.array(AuditEntryView),
  /** Pass as `cursor` for the next (older) page; null on the last one. */
  nextCursor: z.string().nullable(),
});
export type AuditListResponse = z.infer<typeof AuditListResponse>;
