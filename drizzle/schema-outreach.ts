// Postgres tables for reaching customers first and for integrations (issue 15): campaigns and their
// recipients, the opt-out (suppression) list, outages, and outgoing webhook endpoints with their deliveries.
// Re-exported from schema.ts; RLS and grants are in the hand-written part of the migration.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { channels, contacts, conversations, tenants, users } from './schema';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One broadcast of an approved template to an audience. `kind` is the consent category: marketing respects
 * the marketing opt-out list; utility (due dates, outages) only the utility one.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind').notNull().default('marketing'),
    /** draft → scheduled → running ⇄ paused → completed | cancelled (`CampaignStatus`). */
    status: text('status').notNull().default('draft'),
    /** Why it paused by itself (quality_red, number_unhealthy …), null when paused by a person or running. */
    pausedReason: text('paused_reason'),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    /** Arm A's template and arm B's when split (`CampaignTemplate[]`, 1 or 2 entries). */
    templates: jsonb('templates').notNull(),
    /** Percentage of recipients in arm A when there are two templates (1–99). */
    splitPercent: integer('split_percent').notNull().default(100),
    /** The audience as chosen (`CampaignAudience`): filters, and whether a CSV was uploaded. */
    audience: jsonb('audience').notNull(),
    /** When sending may begin; null: as soon as started. */
    scheduledAt: at('scheduled_at'),
    /** Local times in the tenant's zone when nothing is sent (`QuietHours`), null: none. */
    quietHours: jsonb('quiet_hours'),
    /** A utility campaign sent for an outage (its notice or its resolution). */
    outageId: uuid('outage_id'),
    /** The CSV import's report: rows refused with their reasons (`ImportReport`). */
    importReport: jsonb('import_report'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    startedAt: at('started_at'),
    completedAt: at('completed_at'),
  },
  (t) => [
    index('campaigns_tenant_idx').on(t.tenantId, t.createdAt),
    check('campaigns_kind_check', sql`${t.kind} in ('marketing','utility')`),
    check(
      'campaigns_status_check',
      sql`${t.status} in ('draft','scheduled','running','paused','completed','cancelled')`,
    ),
    check('campaigns_split_check', sql`${t.splitPercent} between 1 and 100`),
  ],
);

/**
 * One person a campaign reaches: a state machine (`RecipientState`) moved forward only, by the sender and by
 * the status webhooks. Unique per campaign × phone, which is what makes a send at most once.
 */
export const campaignRecipients = pgTable(
  'campaign_recipients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    /** E.164 digits without '+'. */
    phone: text('phone').notNull(),
    name: text('name'),
    /** The template's {{1}}…{{n}} for this person. */
    variables: jsonb('variables').notNull().default(sql`'[]'::jsonb`),
    /** 'a' or 'b'. */
    arm: text('arm').notNull().default('a'),
    state: text('state').notNull().default('queued'),
    /** Why skipped: opted_out, invalid, over_limit … (`SkipReason`). */
    skipReason: text('skip_reason'),
    /** Meta's error code and title when failed. */
    errorCode: integer('error_code'),
    errorTitle: text('error_title'),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    /** The message's seq in its conversation, once appended. */
    seq: integer('seq'),
    /** The provider's message id (wamid), once accepted. */
    externalId: text('external_id'),
    /** Released to the fan-out queue (the daily tier counts from here). */
    dispatchedAt: at('dispatched_at'),
    sentAt: at('sent_at'),
    deliveredAt: at('delivered_at'),
    readAt: at('read_at'),
    repliedAt: at('replied_at'),
    failedAt: at('failed_at'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('campaign_recipients_campaign_phone_key').on(t.campaignId, t.phone),
    index('campaign_recipients_campaign_state_idx').on(t.campaignId, t.state),
    index('campaign_recipients_phone_sent_idx').on(t.tenantId, t.phone, t.sentAt),
    check(
      'campaign_recipients_state_check',
      sql`${t.state} in ('queued','sending','sent','delivered','read','replied','failed','skipped')`,
    ),
    check('campaign_recipients_arm_check', sql`${t.arm} in ('a','b')`),
  ],
);

/**
 * The tenant's suppression list: a phone that said "SAIR" (or tapped the template's opt-out button, or that
 * Meta refused with 131050) gets no campaigns of that category. Utility is a separate category.
 */
export const contactOptOuts = pgTable(
  'contact_opt_outs',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    category: text('category').notNull().default('marketing'),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    /** keyword, button, meta_131050, agent, api, import (`OptOutSource`). */
    source: text('source').notNull(),
    /** The word or code that did it ("SAIR", "131050"). */
    detail: text('detail'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.phone, t.category] }),
    check('contact_opt_outs_category_check', sql`${t.category} in ('marketing','utility')`),
  ],
);

/** A mass outage or planned maintenance in an area; the bot tells affected customers before anything else. */
export const outages = pgTable(
  'outages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull().default('outage'),
    title: text('title').notNull(),
    /** `OutageArea`: cities, neighbourhoods, POPs, contract ids (any match affects the contact). */
    area: jsonb('area').notNull(),
    startsAt: at('starts_at').notNull(),
    expectedEndAt: at('expected_end_at'),
    /** What the bot and the notice say. */
    message: text('message').notNull(),
    resolvedAt: at('resolved_at'),
    resolutionMessage: text('resolution_message'),
    /** The proactive notice and resolution campaigns, when sent. */
    noticeCampaignId: uuid('notice_campaign_id'),
    resolutionCampaignId: uuid('resolution_campaign_id'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('outages_tenant_idx').on(t.tenantId, t.startsAt),
    check('outages_kind_check', sql`${t.kind} in ('outage','maintenance')`),
  ],
);

/** An integration's subscription: a URL, the events it wants, and the secret its deliveries are signed with. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description'),
    /** `WebhookEventType[]`. */
    events: text('events').array().notNull(),
    /** The signing secret, encrypted at rest like channel credentials (services/secret-box). */
    secretCiphertext: text('secret_ciphertext').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    lastSuccessAt: at('last_success_at'),
    lastFailureAt: at('last_failure_at'),
    lastError: text('last_error'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_endpoints_tenant_idx').on(t.tenantId)],
);

/**
 * One event for one endpoint; its id is the delivery id the receiver dedupes by. Deliveries with the same
 * `orderKey` (a conversation, a contact, a campaign) go out in `ordinal` order, one at a time.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ordinal: bigint('ordinal', { mode: 'number' }).generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventType: text('event_type').notNull(),
    orderKey: text('order_key').notNull(),
    payload: jsonb('payload').notNull(),
    /** pending → delivered | dead (`DeliveryState`). */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    deliveredAt: at('delivered_at'),
  },
  (t) => [
    index('webhook_deliveries_order_idx').on(t.endpointId, t.orderKey, t.status, t.ordinal),
    index('webhook_deliveries_status_idx').on(t.tenantId, t.status, t.nextAttemptAt),
    check('webhook_deliveries_status_check', sql`${t.status} in ('pending','delivered','dead')`),
  ],
);
