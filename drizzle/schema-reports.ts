// Postgres tables behind the reports (issue 16): per-ticket facts and message counts derived from the event
// log (conversation_events), and the hourly rollup the screens read. All of it is derived: the rollup job
// (workers/scheduled/report-rollups.ts) rewrites a conversation's rows whole from its events, so re-running
// it changes nothing and deleting these rows only costs a rebuild. Re-exported from schema.ts; RLS and
// grants are in the hand-written part of the migration.
import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from './schema';

const at = (name: string) => timestamp(name, { withTimezone: true });
const tenantRef = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

/**
 * One row per ticket, everything a report needs about it, with the ticket's final agent, team and tags (the
 * assignee at close; now, for an open ticket). Times are instants: the tenant's local days are applied when
 * a report is read, so a time-zone change needs no rebuild.
 */
export const reportTickets = pgTable(
  'report_tickets',
  {
    tenantId: tenantRef(),
    ticketId: uuid('ticket_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    channelId: uuid('channel_id'),
    agentId: uuid('agent_id'),
    teamId: uuid('team_id'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    openedAt: at('opened_at').notNull(),
    closedAt: at('closed_at'),
    /** The first message by a person (the ticket's firstResponseAt), who wrote it, and seconds since opening. */
    firstResponseAt: at('first_response_at'),
    firstResponseAgentId: uuid('first_response_agent_id'),
    firstResponseSeconds: doublePrecision('first_response_seconds'),
    resolutionSeconds: doublePrecision('resolution_seconds'),
    handedOffAt: at('handed_off_at'),
    handoffReason: text('handoff_reason'),
    /** A person wrote on it (an agent's message). */
    human: boolean('human').notNull(),
    /** Closed by the bot alone: never queued or assigned, no agent message. */
    contained: boolean('contained').notNull(),
    csatSurvey: boolean('csat_survey').notNull(),
    csatScore: smallint('csat_score'),
    /** The next ticket of the conversation was an agent's reopen of this one. */
    reopened: boolean('reopened').notNull(),
    /** SLA targets as decided (met or breached, and when); next-response turns count at the close. */
    slaFirstAt: at('sla_first_at'),
    slaFirstMet: boolean('sla_first_met'),
    slaResolutionAt: at('sla_resolution_at'),
    slaResolutionMet: boolean('sla_resolution_met'),
    slaNextMet: integer('sla_next_met').notNull().default(0),
    slaNextMissed: integer('sla_next_missed').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ticketId] }),
    index('report_tickets_conversation_idx').on(t.tenantId, t.conversationId),
    index('report_tickets_opened_idx').on(t.tenantId, t.openedAt),
    index('report_tickets_closed_idx').on(t.tenantId, t.closedAt),
  ],
);

/** Messages of one conversation per UTC hour and ticket (null before its first ticket): the rollup's input. */
export const reportConversationHours = pgTable(
  'report_conversation_hours',
  {
    tenantId: tenantRef(),
    conversationId: uuid('conversation_id').notNull(),
    hour: at('hour').notNull(),
    ticketId: uuid('ticket_id'),
    channelId: uuid('channel_id'),
    messagesIn: integer('messages_in').notNull(),
    messagesOut: integer('messages_out').notNull(),
  },
  (t) => [
    index('report_conversation_hours_conversation_idx').on(t.tenantId, t.conversationId),
    index('report_conversation_hours_hour_idx').on(t.tenantId, t.hour),
  ],
);

/**
 * The rollup: messages per UTC hour and (channel, agent, team, tags) of their ticket. Hours are zone-free, so
 * every whole-hour time zone reads its local days and hours from the same rows.
 */
export const reportHours = pgTable(
  'report_hours',
  {
    tenantId: tenantRef(),
    hour: at('hour').notNull(),
    channelId: uuid('channel_id'),
    agentId: uuid('agent_id'),
    teamId: uuid('team_id'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    messagesIn: integer('messages_in').notNull(),
    messagesOut: integer('messages_out').notNull(),
  },
  (t) => [index('report_hours_hour_idx').on(t.tenantId, t.hour)],
);

/** Per tenant: how far the rollup job has read the archive (`archived_at`), and when it last finished. */
export const reportState = pgTable('report_state', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  watermark: at('watermark'),
  freshAt: at('fresh_at'),
});
