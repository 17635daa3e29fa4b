// Reports: the query every report screen and CSV export takes, and the shapes they answer with. Each metric
// has one definition (README, "Reports: one definition per metric"), computed from the event log into daily
// rollups, so the cards (totals) and the tables (per agent, team, channel, tag) add up to the same numbers.
import { z } from 'zod';
import { Uuid } from './ids';

/** The breakdowns a table can have. */
export const REPORT_DIMENSIONS = ['agent', 'team', 'channel', 'tag'] as const;
export const ReportDimension = z.enum(REPORT_DIMENSIONS);
export type ReportDimension = z.infer<typeof ReportDimension>;

/** The longest range one query may cover (days, both ends included): a year and a leap day. */
export const REPORT_MAX_DAYS = 366;

/** A calendar day in the tenant's time zone. */
export const ReportDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/**
 * `from` and `to` are days in the tenant's time zone, both included; the previous period is the same number of
 * days right before `from`. Optional filters narrow every metric to one agent, team, channel or tag.
 */
export const ReportQuery = z.object({
  from: ReportDay,
  to: ReportDay,
  agentId: Uuid.optional(),
  teamId: Uuid.optional(),
  channelId: Uuid.optional(),
  tag: z.string().min(1).max(64).optional(),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

/** A table's query: the same range and filters, broken down by one dimension. */
export const ReportTableQuery = ReportQuery.extend({ dimension: ReportDimension });
export type ReportTableQuery = z.infer<typeof ReportTableQuery>;

/** A duration metric: how many samples and their average and median (seconds); null without samples. */
export const DurationStat = z.object({
  count: z.number().int().nonnegative(),
  averageSeconds: z.number().nonnegative().nullable(),
  medianSeconds: z.number().nonnegative().nullable(),
});
export type DurationStat = z.infer<typeof DurationStat>;

/** A ratio metric: part of a whole; `rate` is part / whole (0–1), null when the whole is 0. */
export const RateStat = z.object({
  part: z.number().int().nonnegative(),
  whole: z.number().int().nonnegative(),
  rate: z.number().min(0).max(1).nullable(),
});
export type RateStat = z.infer<typeof RateStat>;

/** Every metric for one slice of tickets (a whole period, or one row of a table). */
export const ReportMetrics = z.object({
  /** Tickets opened in the period. */
  ticketsOpened: z.number().int().nonnegative(),
  /** Tickets resolved (closed) in the period. */
  ticketsResolved: z.number().int().nonnegative(),
  /** Messages from customers / to customers (agents and bot) in the period. */
  messagesIn: z.number().int().nonnegative(),
  messagesOut: z.number().int().nonnegative(),
  /** From a ticket's opening to the first human agent's reply (bot replies never count). */
  firstResponse: DurationStat,
  /** From a ticket's opening to its resolution. */
  resolution: DurationStat,
  /** CSAT: answers over surveys sent; `average` on the 1–5 scale. */
  csat: z.object({
    surveys: z.number().int().nonnegative(),
    responses: z.number().int().nonnegative(),
    responseRate: z.number().min(0).max(1).nullable(),
    average: z.number().min(1).max(5).nullable(),
  }),
  /** Resolved tickets no human touched, over tickets resolved. */
  botContainment: RateStat,
  /** Hand-offs from the bot to people, by reason (the bot's own reason codes). */
  handoffs: z.object({
    total: z.number().int().nonnegative(),
    byReason: z.record(z.string(), z.number().int()),
  }),
  /** SLA targets met over SLA targets that came due in the period. */
  slaMet: RateStat,
  /** Resolved tickets reopened later, over tickets resolved. */
  reopened: RateStat,
});
export type ReportMetrics = z.infer<typeof ReportMetrics>;

export const ReportRange = z.object({ from: ReportDay, to: ReportDay });

/** The cards: this period and the previous one, same filters. */
export const ReportSummary = z.object({
  timezone: z.string(),
  range: ReportRange,
  previousRange: ReportRange,
  current: ReportMetrics,
  previous: ReportMetrics,
  /** When the rollups were last brought up to date (events archived after it are not counted yet). */
  freshAt: z.string().nullable(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

export const ReportRow = z.object({
  /** The agent's, team's or channel's id, or the tag itself; null for "none" (no agent, no team, untagged). */
  key: z.string().nullable(),
  label: z.string(),
  current: ReportMetrics,
  previous: ReportMetrics,
});
export type ReportRow = z.infer<typeof ReportRow>;

/** A table: one row per agent / team / channel / tag. */
export const ReportTable = z.object({
  timezone: z.string(),
  dimension: ReportDimension,
  range: ReportRange,
  previousRange: ReportRange,
  rows: z.array(ReportRow),
  /**
   * Every ticket of the range once (the "Total" row): equal to the summary's cards. For agent, team and channel
   * the rows' counts add up to it; for tags they may not (a ticket with two tags is in both rows).
   */
  totals: z.object({ current: ReportMetrics, previous: ReportMetrics }),
});
export type ReportTable = z.infer<typeof ReportTable>;

/** Messages from customers by weekday (0 = Sunday) × hour of day, in the tenant's time zone. */
export const VolumeHeatmap = z.object({
  timezone: z.string(),
  range: ReportRange,
  cells: z.array(
    z.object({
      weekday: z.number().int().min(0).max(6),
      hour: z.number().int().min(0).max(23),
      messagesIn: z.number().int().nonnegative(),
      ticketsOpened: z.number().int().nonnegative(),
    }),
  ),
});
export type VolumeHeatmap = z.infer<typeof VolumeHeatmap>;

/** Open tickets at the end of each day of the range, with the day's openings and resolutions. */
export const BacklogSeries = z.object({
  timezone: z.string(),
  range: ReportRange,
  days: z.array(
    z.object({
      day: ReportDay,
      opened: z.number().int().nonnegative(),
      resolved: z.number().int().nonnegative(),
      openAtEnd: z.number().int().nonnegative(),
    }),
  ),
});
export type BacklogSeries = z.infer<typeof BacklogSeries>;

/**
 * The screen's first view in one request (`/api/reports/overview`, a table query): the cards, the table for the
 * tab on screen, the heatmap and the backlog. The cards are the table's totals row, so they agree by construction.
 */
export const ReportOverview = z.object({
  summary: ReportSummary,
  table: ReportTable,
  volume: VolumeHeatmap,
  backlog: BacklogSeries,
});
export type ReportOverview = z.infer<typeof ReportOverview>;

/** The live supervisor view: now, not a period. */
export const LiveSupervisorView = z.object({
  at: z.string(),
  teams: z.array(
    z.object({
      teamId: Uuid.nullable(),
      name: z.string(),
      waiting: z.number().int().nonnegative(),
      longestWaitSeconds: z.number().int().nonnegative().nullable(),
      agentsOnline: z.number().int().nonnegative(),
      slaAtRisk: z.number().int().nonnegative(),
    }),
  ),
  agents: z.array(
    z.object({
      userId: Uuid,
      name: z.string(),
      presence: z.enum(['online', 'away', 'offline']),
      open: z.number().int().nonnegative(),
      capacity: z.number().int().nonnegative().nullable(),
    }),
  ),
  outages: z.array(
    z.object({ id: Uuid, title: z.string(), startsAt: z.string(), conversations: z.number().int() }),
  ),
});
export type LiveSupervisorView = z.infer<typeof LiveSupervisorView>;
