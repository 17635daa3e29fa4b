// The reports' SQL: sums of the per-ticket facts (report_tickets) and of the hourly message rollup
// (report_hours) over tenant-local days, for the current and the previous period at once, broken down by one
// key (none, agent, team, channel or tag). Each metric is counted in exactly one place here, so a card, a
// table row and a CSV line are the same numbers (README, "Reports: one definition per metric").
import { type SQL, sql } from 'drizzle-orm';
import type { ReportDimension, ReportQuery } from '../contract';
import type { TransactionSettings, Tx } from './db';
import type { ReportPeriods } from './report-range';

/** Up to this many days a report's statements are kept serial (see reportSettings). */
const SERIAL_UP_TO_DAYS = 92;

/**
 * A report transaction's settings. work_mem: the median first response and resolution sort a year of tickets per
 * period, 5–7 MB, which the default 4 MB spilled to disk (an external merge per request). parallel_setup_cost
 * for ranges up to a quarter: Postgres started two parallel workers for a 7-day statement of 3,000 hour rows,
 * and starting them cost more than the statement (42 ms against 3 ms, bench:reports' year tenant). A year's
 * scans keep the default: there the workers pay back (12-month calls were about 10 % slower without them).
 */
export function reportSettings(days: number): TransactionSettings {
  const workMem = { work_mem: '32MB' };
  return days <= SERIAL_UP_TO_DAYS ? { ...workMem, parallel_setup_cost: '5000' } : workMem;
}

/** What every report query reads within: the tenant's transaction, zone, periods and filters. */
export interface ReportScope {
  tx: Tx;
  tenantId: string;
  tz: string;
  periods: ReportPeriods;
  query: ReportQuery;
}

/** 'total' is the card: every ticket once. */
export type ReportKey = ReportDimension | 'total';
export type PeriodName = 'current' | 'previous';

export interface TicketAggregate extends Record<string, unknown> {
  p: PeriodName;
  key: string | null;
  /** The totals row (every fact once), not a key's row. */
  total: boolean;
  opened: number;
  resolved: number;
  res_n: number;
  res_avg: number | null;
  res_med: number | null;
  contained: number;
  reopened: number;
  surveys: number;
  responses: number;
  csat_avg: number | null;
  handoffs: number;
  sla_part: number;
  sla_whole: number;
}
export interface FirstResponseAggregate extends Record<string, unknown> {
  p: PeriodName;
  key: string | null;
  total: boolean;
  n: number;
  avg: number | null;
  med: number | null;
}
export interface HandoffAggregate extends Record<string, unknown> {
  p: PeriodName;
  key: string | null;
  total: boolean;
  reason: string;
  n: number;
}
export interface MessageAggregate extends Record<string, unknown> {
  p: PeriodName;
  key: string | null;
  total: boolean;
  messages_in: number;
  messages_out: number;
}

/** The instants a run of tenant-local days covers, as constants of the statement (not columns of `p`). */
interface Span {
  s: SQL;
  e: SQL;
}

/**
 * From the first day's start to the last day's end: both periods, or only the current one. Each statement also
 * bounds its rows by this span. The bound is implied by the join to `p`, but a join to a CTE gives the planner no
 * constants, so it read every ticket fact or hour row of the tenant: a 7-day report of a tenant with a year of
 * history scanned 54,000 tickets per statement (30 ms; 13 ms through the indexes, bench:reports).
 */
function spanOf(tz: string, from: string, to: string): Span {
  return {
    s: sql`((${from}::date)::timestamp at time zone ${tz})`,
    e: sql`((${to}::date + 1)::timestamp at time zone ${tz})`,
  };
}
/** The previous period is the run of days right before the current one (report-range.ts). */
const bothPeriods = (tz: string, pr: ReportPeriods): Span => spanOf(tz, pr.previous.from, pr.current.to);

/** The period rows every query joins: start and end instants of the tenant's local days. */
function periods(tz: string, pr: ReportPeriods): SQL {
  const row = (name: PeriodName, from: string, to: string) => {
    const span = spanOf(tz, from, to);
    return sql`select ${name}::text as p, ${span.s} as s, ${span.e} as e`;
  };
  return sql`${row('current', pr.current.from, pr.current.to)} union all ${row('previous', pr.previous.from, pr.previous.to)}`;
}

/**
 * The breakdown as a lateral (a ticket with two tags is in both rows; an untagged one in the null row). Each
 * row is a (key, total) pair: every fact also lands once in the totals row (`total` true, key null), so a
 * table's rows and its totals row come from one scan of the facts, not from two statements of each kind.
 */
function keyOf(key: ReportKey, alias: 'f' | 'h', agentColumn = 'agent_id'): SQL {
  const plus = ' union all select null::text, true';
  switch (key) {
    case 'total':
      return sql`cross join lateral (select null::text as key, true as total) k`;
    case 'agent':
      return sql.raw(
        `cross join lateral (select ${alias}.${agentColumn}::text as key, false as total${plus}) k`,
      );
    case 'team':
      return sql.raw(`cross join lateral (select ${alias}.team_id::text as key, false as total${plus}) k`);
    case 'channel':
      return sql.raw(`cross join lateral (select ${alias}.channel_id::text as key, false as total${plus}) k`);
    case 'tag':
      return sql.raw(
        `cross join lateral (select u.key, false as total from unnest(case when cardinality(${alias}.tags) = 0 then array[null::text] else ${alias}.tags end) as u(key)${plus}) k`,
      );
  }
}

/** The query's filters on a facts or rollup alias; first response filters on who gave it. */
function filters(q: ReportQuery, alias: 'f' | 'h', agentColumn = 'agent_id'): SQL {
  const parts: SQL[] = [];
  if (q.agentId) parts.push(sql`and ${sql.raw(`${alias}.${agentColumn}`)} = ${q.agentId}::uuid`);
  if (q.teamId) parts.push(sql`and ${sql.raw(`${alias}.team_id`)} = ${q.teamId}::uuid`);
  if (q.channelId) parts.push(sql`and ${sql.raw(`${alias}.channel_id`)} = ${q.channelId}::uuid`);
  if (q.tag) parts.push(sql`and ${sql.raw(`${alias}.tags`)} @> array[${q.tag}::text]`);
  return sql.join(parts, sql` `);
}

/**
 * Tickets with anything in the joined period: opened before its end and not closed before its start; the same
 * over the whole span as constants, which the (tenant, closed_at) index answers (a coalesce would hide the column).
 */
const live = (span: Span) =>
  sql`f.opened_at < p.e and (f.closed_at >= p.s or f.closed_at is null)
    and f.opened_at < ${span.e} and (f.closed_at >= ${span.s} or f.closed_at is null)`;
const within = (column: string) => sql.raw(`f.${column} >= p.s and f.${column} < p.e`);
const hoursIn = (span: Span) => sql`h.hour >= ${span.s} and h.hour < ${span.e}`;

export async function ticketAggregates(s: ReportScope, key: ReportKey): Promise<TicketAggregate[]> {
  const { tx, tenantId, tz, periods: pr, query: q } = s;
  const closed = within('closed_at');
  const { rows } = await tx.execute<TicketAggregate>(
    sql`with p as (${periods(tz, pr)})
        select p.p, k.key, k.total,
          count(*) filter (where ${within('opened_at')})::int as opened,
          count(*) filter (where ${closed})::int as resolved,
          count(f.resolution_seconds) filter (where ${closed})::int as res_n,
          avg(f.resolution_seconds) filter (where ${closed})::float8 as res_avg,
          percentile_cont(0.5) within group (order by f.resolution_seconds) filter (where ${closed})::float8 as res_med,
          count(*) filter (where ${closed} and f.contained)::int as contained,
          count(*) filter (where ${closed} and f.reopened)::int as reopened,
          count(*) filter (where ${closed} and f.csat_survey)::int as surveys,
          count(f.csat_score) filter (where ${closed})::int as responses,
          avg(f.csat_score) filter (where ${closed})::float8 as csat_avg,
          count(*) filter (where ${within('handed_off_at')})::int as handoffs,
          (count(*) filter (where ${within('sla_first_at')} and f.sla_first_met)
            + count(*) filter (where ${within('sla_resolution_at')} and f.sla_resolution_met)
            + coalesce(sum(f.sla_next_met) filter (where ${closed}), 0))::int as sla_part,
          (count(*) filter (where ${within('sla_first_at')})
            + count(*) filter (where ${within('sla_resolution_at')})
            + coalesce(sum(f.sla_next_met + f.sla_next_missed) filter (where ${closed}), 0))::int as sla_whole
        from p join report_tickets f on f.tenant_id = ${tenantId}::uuid and ${live(bothPeriods(tz, pr))} ${filters(q, 'f')}
        ${keyOf(key, 'f')}
        group by p.p, k.key, k.total`,
  );
  return rows;
}

/** First response counts on the day of the reply, under the agent who gave it. */
export async function firstResponseAggregates(
  s: ReportScope,
  key: ReportKey,
): Promise<FirstResponseAggregate[]> {
  const { tx, tenantId, tz, periods: pr, query: q } = s;
  const { rows } = await tx.execute<FirstResponseAggregate>(
    sql`with p as (${periods(tz, pr)})
        select p.p, k.key, k.total, count(*)::int as n, avg(f.first_response_seconds)::float8 as avg,
          percentile_cont(0.5) within group (order by f.first_response_seconds)::float8 as med
        from p join report_tickets f on f.tenant_id = ${tenantId}::uuid and ${live(bothPeriods(tz, pr))}
          and ${within('first_response_at')} ${filters(q, 'f', 'first_response_agent_id')}
        ${keyOf(key, 'f', 'first_response_agent_id')}
        group by p.p, k.key, k.total`,
  );
  return rows;
}

/** Hand-offs count on the day the bot handed the ticket to people, by the bot's reason. */
export async function handoffAggregates(s: ReportScope, key: ReportKey): Promise<HandoffAggregate[]> {
  const { tx, tenantId, tz, periods: pr, query: q } = s;
  const { rows } = await tx.execute<HandoffAggregate>(
    sql`with p as (${periods(tz, pr)})
        select p.p, k.key, k.total, f.handoff_reason as reason, count(*)::int as n
        from p join report_tickets f on f.tenant_id = ${tenantId}::uuid and ${live(bothPeriods(tz, pr))}
          and ${within('handed_off_at')} ${filters(q, 'f')}
        ${keyOf(key, 'f')}
        group by p.p, k.key, k.total, f.handoff_reason`,
  );
  return rows;
}

/** Messages count in the hour they were written, under their ticket's final agent, team, channel and tags. */
export async function messageAggregates(s: ReportScope, key: ReportKey): Promise<MessageAggregate[]> {
  const { tx, tenantId, tz, periods: pr, query: q } = s;
  const { rows } = await tx.execute<MessageAggregate>(
    sql`with p as (${periods(tz, pr)})
        select p.p, k.key, k.total, coalesce(sum(h.messages_in), 0)::int as messages_in,
          coalesce(sum(h.messages_out), 0)::int as messages_out
        from p join report_hours h on h.tenant_id = ${tenantId}::uuid and h.hour >= p.s and h.hour < p.e
          and ${hoursIn(bothPeriods(tz, pr))} ${filters(q, 'h')}
        ${keyOf(key, 'h')}
        group by p.p, k.key, k.total`,
  );
  return rows;
}

/** Customer messages and tickets opened per local weekday × hour over the current period. */
export async function volumeCells(
  s: ReportScope,
): Promise<{ weekday: number; hour: number; messages_in: number; opened: number }[]> {
  const { tx, tenantId, tz, periods: pr, query: q } = s;
  const current = spanOf(tz, pr.current.from, pr.current.to);
  const { rows } = await tx.execute<{ weekday: number; hour: number; messages_in: number; opened: number }>(
    sql`with p as (select * from (${periods(tz, pr)}) x where x.p = 'current'),
        -- Summed per UTC hour first (a year: ~8,800 hours instead of one row per hour × agent × team ×
        -- channel × tags), then placed on the local weekday and hour: the same sums, far fewer conversions.
        m as (
          select extract(dow from x.hour at time zone ${tz})::int as weekday,
            extract(hour from x.hour at time zone ${tz})::int as hour, sum(x.n)::int as n
          from (
            select h.hour, sum(h.messages_in) as n
            from p join report_hours h on h.tenant_id = ${tenantId}::uuid and h.hour >= p.s and h.hour < p.e
              and ${hoursIn(current)} ${filters(q, 'h')}
            group by h.hour) x
          group by 1, 2),
        o as (
          select extract(dow from f.opened_at at time zone ${tz})::int as weekday,
            extract(hour from f.opened_at at time zone ${tz})::int as hour, count(*)::int as n
          from p join report_tickets f on f.tenant_id = ${tenantId}::uuid and ${within('opened_at')}
            and f.opened_at >= ${current.s} and f.opened_at < ${current.e} ${filters(q, 'f')}
          group by 1, 2)
        select coalesce(m.weekday, o.weekday) as weekday, coalesce(m.hour, o.hour) as hour,
          coalesce(m.n, 0) as messages_in, coalesce(o.n, 0) as opened
        from m full join o on o.weekday = m.weekday and o.hour = m.hour`,
  );
  return rows;
}

/** Open tickets at the range's start, and each local day's openings and closes. */
export async function backlogCounts(
  s: ReportScope,
): Promise<{ base: number; days: { day: string; opened: number; resolved: number }[] }> {
  const { tx, tenantId, tz, periods: pr, query: q } = s;
  const { s: start, e: end } = spanOf(tz, pr.current.from, pr.current.to);
  const base = await tx.execute<{ n: number }>(
    sql`select count(*)::int as n from report_tickets f where f.tenant_id = ${tenantId}::uuid
          and f.opened_at < ${start} and (f.closed_at >= ${start} or f.closed_at is null)
          ${filters(q, 'f')}`,
  );
  const { rows } = await tx.execute<{ day: string; opened: number; resolved: number }>(
    sql`select d.day::text as day, sum(d.opened)::int as opened, sum(d.resolved)::int as resolved from (
          select (f.opened_at at time zone ${tz})::date as day, 1 as opened, 0 as resolved from report_tickets f
          where f.tenant_id = ${tenantId}::uuid and f.opened_at >= ${start} and f.opened_at < ${end} ${filters(q, 'f')}
          union all
          select (f.closed_at at time zone ${tz})::date, 0, 1 from report_tickets f
          where f.tenant_id = ${tenantId}::uuid and f.closed_at >= ${start} and f.closed_at < ${end} ${filters(q, 'f')}
        ) d group by d.day`,
  );
  return { base: base.rows[0]?.n ?? 0, days: rows };
}
