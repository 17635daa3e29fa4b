// Campaigns: an approved template sent to an audience on a schedule, within Meta's limits, with a state per
// recipient. REST shapes for the admin and the public API (/api/v1), and the recipient state machine.
import { z } from 'zod';
import { ContactTag } from './contact-attributes';
import { Uuid } from './ids';
import { StorableString, VisibleText } from './text';

export const CampaignKind = z.enum(['marketing', 'utility']);
export type CampaignKind = z.infer<typeof CampaignKind>;

export const CampaignStatus = z.enum(['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled']);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

/** Why a campaign paused itself. */
export const CampaignPauseReason = z.enum(['quality_red', 'number_unhealthy', 'template_unavailable']);
export type CampaignPauseReason = z.infer<typeof CampaignPauseReason>;

/**
 * A recipient's states, in the only order they move: queued → sending (released to the fan-out) → sent
 * (Meta accepted it) → delivered → read → replied. failed and skipped end it.
 */
export const RecipientState = z.enum([
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'replied',
  'failed',
  'skipped',
]);
export type RecipientState = z.infer<typeof RecipientState>;

const RANK: Record<RecipientState, number> = {
  queued: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  read: 4,
  replied: 5,
  failed: 6,
  skipped: 6,
};

/**
 * Whether a recipient in `from` may move to `to`: forward only; failed and skipped are final, except that a
 * late delivery/read/reply proves a "failed" send went out after all.
 */
export function recipientMayMove(from: RecipientState, to: RecipientState): boolean {
  if (from === 'skipped') return false;
  if (from === 'failed') return to === 'delivered' || to === 'read' || to === 'replied';
  if (to === 'skipped') return from === 'queued' || from === 'sending';
  if (to === 'failed') return from === 'queued' || from === 'sending' || from === 'sent';
  return RANK[to] > RANK[from];
}

export const SkipReason = z.enum(['opted_out', 'invalid', 'over_limit', 'no_channel', 'cancelled']);
export type SkipReason = z.infer<typeof SkipReason>;

/** Meta's messaging tiers: unique recipients of business-initiated messages per rolling 24 h. */
export const MessagingTier = z.enum(['TIER_250', 'TIER_2K', 'TIER_10K', 'TIER_100K', 'TIER_UNLIMITED']);
export type MessagingTier = z.infer<typeof MessagingTier>;
export const TIER_LIMITS: Record<MessagingTier, number | null> = {
  TIER_250: 250,
  TIER_2K: 2_000,
  TIER_10K: 10_000,
  TIER_100K: 100_000,
  TIER_UNLIMITED: null,
};

/** "HH:MM", 00:00–23:59. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (00:00–23:59)');

/** Nothing is sent between start and end (local time in the tenant's zone; may wrap midnight). */
export const QuietHours = z
  .strictObject({ start: LocalTime, end: LocalTime })
  .refine((q) => q.start !== q.end, 'start and end must differ');
export type QuietHours = z.infer<typeof QuietHours>;

/**
 * Where a template variable's value comes from for each recipient: a fixed text, the contact's name, a CSV
 * column, or a contact attribute (city, neighbourhood, pop or a custom key).
 */
export const VariableSource = z.discriminatedUnion('from', [
  z.strictObject({ from: z.literal('text'), value: VisibleText.max(1024) }),
  z.strictObject({ from: z.literal('name'), fallback: VisibleText.max(120).optional() }),
  z.strictObject({ from: z.literal('csv'), column: StorableString.trim().min(1).max(60) }),
  z.strictObject({ from: z.literal('attribute'), key: StorableString.trim().min(1).max(40) }),
]);
export type VariableSource = z.infer<typeof VariableSource>;

export const CampaignTemplate = z.strictObject({
  name: StorableString.min(1).max(512),
  language: StorableString.min(2).max(16),
  /** One source per {{n}} of the template's body, in order; checked against the synced template. */
  variables: z.array(VariableSource).max(20).default([]),
});
export type CampaignTemplate = z.infer<typeof CampaignTemplate>;

/** Contacts matching every given filter (an empty filter means every contact with a phone). */
export const AudienceFilter = z.strictObject({
  /** Contacts carrying any of these tags. */
  tagsAny: z.array(ContactTag).max(20).optional(),
  /** Attribute equals (city, neighbourhood, pop, or `custom.<key>`), compared without case or accents. */
  attributes: z.record(z.string().min(1).max(48), VisibleText.max(120)).optional(),
  /** Contacts who last wrote on this channel (a WhatsApp number). */
  channelId: Uuid.optional(),
  /** Last customer message after / before these instants (ISO 8601 with offset). */
  lastContactAfter: z.iso.datetime({ offset: true }).optional(),
  lastContactBefore: z.iso.datetime({ offset: true }).optional(),
});
export type AudienceFilter = z.infer<typeof AudienceFilter>;

/** The audience: filters over contacts, or none when the campaign's recipients come only from a CSV. */
export const CampaignAudience = z.strictObject({
  filter: AudienceFilter.nullable().default(null),
  /** True once a CSV was imported (its rows are recipients too). */
  csv: z.boolean().default(false),
});
export type CampaignAudience = z.infer<typeof CampaignAudience>;

export const CreateCampaignRequest = z.strictObject({
  name: VisibleText.trim().min(1).max(120),
  kind: CampaignKind.default('marketing'),
  channelId: Uuid,
  /** One template, or two for an A/B split. */
  templates: z.array(CampaignTemplate).min(1).max(2),
  /** Arm A's share when there are two templates (1–99); ignored with one. */
  splitPercent: z.number().int().min(1).max(99).default(50),
  filter: AudienceFilter.nullable().default(null),
  /** When to start sending (must be in the future); null: when started. */
  scheduledAt: z.iso.datetime({ offset: true }).nullable().default(null),
  quietHours: QuietHours.nullable().default(null),
});
export type CreateCampaignRequest = z.infer<typeof CreateCampaignRequest>;

/** A CSV row refused at import, with the 1-based line number and why. */
export const ImportProblem = z.object({
  line: z.number().int().min(1),
  code: z.enum(['invalid_phone', 'duplicate', 'missing_variable', 'too_long', 'opted_out']),
  message: z.string(),
  value: z.string().nullable(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportReport = z.object({
  rows: z.number().int(),
  accepted: z.number().int(),
  problems: z.array(ImportProblem),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** Counts per recipient state (and per arm when split). */
export const RecipientCounts = z.object({
  total: z.number().int(),
  queued: z.number().int(),
  sending: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  read: z.number().int(),
  replied: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
});
export type RecipientCounts = z.infer<typeof RecipientCounts>;

export const CampaignView = z.object({
  id: Uuid,
  name: z.string(),
  kind: CampaignKind,
  status: CampaignStatus,
  pausedReason: CampaignPauseReason.nullable(),
  channelId: Uuid,
  templates: z.array(CampaignTemplate),
  splitPercent: z.number().int(),
  audience: CampaignAudience,
  scheduledAt: z.string().nullable(),
  quietHours: QuietHours.nullable(),
  outageId: Uuid.nullable(),
  importReport: ImportReport.nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  counts: RecipientCounts,
  /** Per arm ('a', 'b') when split. */
  arms: z.record(z.enum(['a', 'b']), RecipientCounts).nullable(),
  /** When the next recipients may go (the daily tier, quiet hours or the schedule hold them), if waiting. */
  nextWindowAt: z.string().nullable(),
});
export type CampaignView = z.infer<typeof CampaignView>;

export const CampaignListResponse = z.object({ campaigns: z.array(CampaignView) });
export const CampaignResponse = z.object({ campaign: CampaignView });

export const RecipientView = z.object({
  id: Uuid,
  phone: z.string(),
  name: z.string().nullable(),
  arm: z.enum(['a', 'b']),
  state: RecipientState,
  skipReason: SkipReason.nullable(),
  errorCode: z.number().int().nullable(),
  errorTitle: z.string().nullable(),
  conversationId: Uuid.nullable(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  readAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
  failedAt: z.string().nullable(),
});
export type RecipientView = z.infer<typeof RecipientView>;

/** The consent categories of the suppression list, and how a phone got on it. */
export const OptOutCategory = z.enum(['marketing', 'utility']);
export type OptOutCategory = z.infer<typeof OptOutCategory>;
export const OptOutSource = z.enum(['keyword', 'button', 'meta_131050', 'agent', 'api', 'import']);
export type OptOutSource = z.infer<typeof OptOutSource>;

export const OptOutView = z.object({
  phone: z.string(),
  category: OptOutCategory,
  contactId: Uuid.nullable(),
  contactName: z.string().nullable(),
  source: OptOutSource,
  detail: z.string().nullable(),
  createdAt: z.string(),
});
export type OptOutView = z.infer<typeof OptOutView>;

// ---- REST shapes added by the campaigns API (part B1) ------------------------------------------------------

/** PATCH of a draft: any field of the create request (the kind and origin stay). */
export const UpdateCampaignRequest = z
  .strictObject({
    name: VisibleText.trim().min(1).max(120),
    channelId: Uuid,
    templates: z.array(CampaignTemplate).min(1).max(2),
    splitPercent: z.number().int().min(1).max(99),
    filter: AudienceFilter.nullable(),
    scheduledAt: z.iso.datetime({ offset: true }).nullable(),
    quietHours: QuietHours.nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateCampaignRequest = z.infer<typeof UpdateCampaignRequest>;

/** Newest first; `cursor` is the last campaign id of the previous page. */
export const CampaignListQuery = z.strictObject({
  cursor: Uuid.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  status: CampaignStatus.optional(),
});
export type CampaignListQuery = z.infer<typeof CampaignListQuery>;
export const CampaignPage = CampaignListResponse.extend({ nextCursor: Uuid.nullable() });
export type CampaignPage = z.infer<typeof CampaignPage>;

/** Who a filter selects right now: how many, how many of those are suppressed, and a few of them. */
export const AudiencePreviewRequest = z.strictObject({
  filter: AudienceFilter.nullable().default(null),
  kind: CampaignKind.default('marketing'),
});
export type AudiencePreviewRequest = z.infer<typeof AudiencePreviewRequest>;
export const AudiencePreview = z.object({
  /** Contacts matching the filter (with a phone, not erased). */
  count: z.number().int(),
  /** Of those, on the suppression list for the kind: they would be skipped. */
  suppressed: z.number().int(),
  sample: z.array(z.object({ contactId: Uuid, name: z.string().nullable(), phone: z.string() })),
});
export type AudiencePreview = z.infer<typeof AudiencePreview>;

/** POST /api/campaigns/:id/recipients answers with the report and the campaign's new counts. */
export const ImportResponse = z.object({ report: ImportReport, campaign: CampaignView });
export type ImportResponse = z.infer<typeof ImportResponse>;

export const RecipientListQuery = z.strictObject({
  state: RecipientState.optional(),
  arm: z.enum(['a', 'b']).optional(),
  /** The last recipient id of the previous page. */
  cursor: Uuid.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RecipientListQuery = z.infer<typeof RecipientListQuery>;
export const RecipientPage = z.object({ recipients: z.array(RecipientView), nextCursor: Uuid.nullable() });
export type RecipientPage = z.infer<typeof RecipientPage>;

export const OptOutListQuery = z.strictObject({
  /** Digits of a phone (any part of it). */
  q: z
    .string()
    .trim()
    .regex(/^[\d\s()+-]{1,20}$/, 'digits of a phone')
    .optional(),
  category: OptOutCategory.optional(),
  /** An opaque cursor from the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,16}:\d{8,15}:(marketing|utility)$/, 'not a cursor we issued')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type OptOutListQuery = z.infer<typeof OptOutListQuery>;
export const OptOutPage = z.object({ optOuts: z.array(OptOutView), nextCursor: z.string().nullable() });
export type OptOutPage = z.infer<typeof OptOutPage>;

/** An agent (or an integration) adds a phone as people type it. */
export const AddOptOutRequest = z.strictObject({
  phone: z.string().trim().min(8).max(24),
  category: OptOutCategory.default('marketing'),
});
export type AddOptOutRequest = z.infer<typeof AddOptOutRequest>;
export const RemoveOptOutQuery = z.strictObject({ category: OptOutCategory.default('marketing') });
