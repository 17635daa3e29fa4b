// Operational alerts (issue 16): one row per raised condition (a number unhealthy, the outbox backlog over its
// threshold …) from the minute it is raised until it clears, and the operator webhook's deliveries of each
// transition. Re-exported from schema.ts; RLS, grants and the cron's security-definer functions are in the
// hand-written part of the migration.
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants, users } from './schema';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One alert: raised once while its condition holds (at most one open row per tenant + kind + subject), resolved
 * when it clears. `tenant_id` null is platform-wide (only the operator hears it). `details` holds the numbers
 * the message is worded from (`AlertDetails`).
 */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    /** `AlertKind`: channel_unhealthy, llm_failing, erp_down, outbox_backlog, archive_lag, sla_breach_rate. */
    kind: text('kind').notNull(),
    severity: text('severity').notNull(),
    /** What it is about within the kind (a channel id); '' when the kind has one per tenant. */
    subject: text('subject').notNull().default(''),
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    openedAt: at('opened_at').notNull().defaultNow(),
    /** The last evaluation that found the condition still holding. */
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    resolvedAt: at('resolved_at'),
    acknowledgedAt: at('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    // Dedupe: one open alert per tenant (or the platform) + kind + subject.
    uniqueIndex('alerts_open_key')
      .on(sql`coalesce(${t.tenantId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.kind, t.subject)
      .where(sql`${t.resolvedAt} is null`),
    // The admins' list: open first, then the most recent.
    index('alerts_tenant_recent_idx').on(t.tenantId, t.openedAt.desc()),
    check('alerts_severity_check', sql`${t.severity} in ('warning','critical')`),
  ],
);

/**
 * One POST of one alert transition to the operator webhook (OPERATOR_WEBHOOK_URL). Stored in the same statement
 * as the transition, so none is lost; the id is the delivery id the receiver dedupes by.
 */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    /** 'opened' | 'resolved'. */
    transition: text('transition').notNull(),
    /** pending → delivered | dead. */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    deliveredAt: at('delivered_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('alert_deliveries_transition_key').on(t.alertId, t.transition),
    index('alert_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    check('alert_deliveries_transition_check', sql`${t.transition} in ('opened','resolved')`),
    check('alert_deliveries_status_check', sql`${t.status} in ('pending','delivered','dead')`),
  ],
);

/**
 * The counters' values at the previous evaluation (per tenant and counter name), so a rule can look at what
 * happened since then (ERP calls and errors, LLM errors) without keeping history.
 */
export const alertMarks = pgTable(
  'alert_marks',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    value: jsonb('value').notNull(),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('alert_marks_key').on(t.tenantId, t.name)],
);
