// Builds the report answers (contract reports.ts) from the aggregates in report-query.ts: the cards, the
// tables with their totals row, the heatmap and the backlog series. Rounding happens here once (durations to
// 0.1 s, rates to 4 places, CSAT to 2), so the JSON and the CSV carry the same numbers.
import { sql } from 'drizzle-orm';
import type {
  BacklogSeries,
  ReportDimension,
  ReportMetrics,
  ReportQuery,
  ReportRow,
  ReportSummary,
  ReportTable,
  VolumeHeatmap,
} from '../contract';
import { AppError } from '../errors';
import type { Tx } from './db';
import {
  backlogCounts,
  firstResponseAggregates,
  handoffAggregates,
  messageAggregates,
  type PeriodName,
  type ReportKey,
  type ReportScope,
  ticketAggregates,
  volumeCells,
} from './report-query';
import { daysOf, reportPeriods } from './report-range';

const round = (n: number | null, places: number) =>
  n === null ? null : Math.round(Number(n) * 10 ** places) / 10 ** places;
const rate = (part: number, whole: number) => (whole === 0 ? null : round(part / whole, 4));

export function emptyMetrics(): ReportMetrics {
  return {
    ticketsOpened: 0,
    ticketsResolved: 0,
    messagesIn: 0,
    messagesOut: 0,
    firstResponse: { count: 0, averageSeconds: null, medianSeconds: null },
    resolution: { count: 0, averageSeconds: null, medianSeconds: null },
    csat: { surveys: 0, responses: 0, responseRate: null, average: null },
    botContainment: { part: 0, whole: 0, rate: null },
    handoffs: { total: 0, byReason: {} },
    slaMet: { part: 0, whole: 0, rate: null },
    reopened: { part: 0, whole: 0, rate: null },
  };
}

/** The tenant's zone, the periods, and a 404 for a filter naming something the tenant does not have. */
async function context(tx: Tx, tenantId: string, query: ReportQuery): Promise<ReportScope> {
  const periods = reportPeriods(query);
  const t = await tx.execute<{ timezone: string }>(
    sql`select timezone from tenants where id = ${tenantId}::uuid`,
  );
  const tz = t.rows[0]?.timezone ?? 'America/Sao_Paulo';
  const checks: [string | undefined, string, string][] = [
    [query.agentId, 'users', 'Agent'],
    [query.teamId, 'teams', 'Team'],
    [query.channelId, 'channels', 'Channel'],
  ];
  for (const [id, table, what] of checks) {
    if (!id) continue;
    const found = await tx.execute(
      sql`select 1 from ${sql.raw(table)} where tenant_id = ${tenantId}::uuid and id = ${id}::uuid`,
    );
    if (found.rows.length === 0) throw new AppError('not_found', `${what} not found`);
  }
  return { tx, tenantId, tz, periods, query };
}

/** Every metric per period for one breakdown: each key's row, and the totals row (every ticket once). */
interface Breakdown {
  /** By `${period}|${key ?? ''}`. */
  rows: Map<string, ReportMetrics>;
  /** By period: the cards' numbers. */
  totals: Map<PeriodName, ReportMetrics>;
}

function entry<K>(map: Map<K, ReportMetrics>, id: K): ReportMetrics {
  let m = map.get(id);
  if (!m) {
    m = emptyMetrics();
    map.set(id, m);
  }
  return m;
}

async function metricsBy(c: ReportScope, key: ReportKey): Promise<Breakdown> {
  const tickets = await ticketAggregates(c, key);
  const first = await firstResponseAggregates(c, key);
  const handoffs = await handoffAggregates(c, key);
  const messages = await messageAggregates(c, key);
  const out: Breakdown = { rows: new Map(), totals: new Map() };
  const at = (r: { p: PeriodName; key: string | null; total: boolean }) =>
    r.total ? entry(out.totals, r.p) : entry(out.rows, `${r.p}|${r.key ?? ''}`);
  for (const r of tickets) {
    const m = at(r);
    m.ticketsOpened = r.opened;
    m.ticketsResolved = r.resolved;
    m.resolution = {
      count: r.res_n,
      averageSeconds: r.res_n ? round(r.res_avg, 1) : null,
      medianSeconds: r.res_n ? round(r.res_med, 1) : null,
    };
    m.csat = {
      surveys: r.surveys,
      responses: r.responses,
      responseRate: r.surveys === 0 ? null : Math.min(1, rate(r.responses, r.surveys) ?? 0),
      average: r.responses ? round(r.csat_avg, 2) : null,
    };
    m.botContainment = { part: r.contained, whole: r.resolved, rate: rate(r.contained, r.resolved) };
    m.reopened = { part: r.reopened, whole: r.resolved, rate: rate(r.reopened, r.resolved) };
    m.slaMet = { part: r.sla_part, whole: r.sla_whole, rate: rate(r.sla_part, r.sla_whole) };
  }
  for (const r of first) {
    at(r).firstResponse = {
      count: r.n,
      averageSeconds: r.n ? round(r.avg, 1) : null,
      medianSeconds: r.n ? round(r.med, 1) : null,
    };
  }
  for (const r of handoffs) {
    const m = at(r);
    m.handoffs.total += r.n;
    m.handoffs.byReason[r.reason] = (m.handoffs.byReason[r.reason] ?? 0) + r.n;
  }
  for (const r of messages) {
    const m = at(r);
    m.messagesIn = r.messages_in;
    m.messagesOut = r.messages_out;
  }
  return out;
}

async function freshAt(tx: Tx, tenantId: string): Promise<string | null> {
  const { rows } = await tx.execute<{ fresh_at: string | null }>(
    sql`select to_char(fresh_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as fresh_at
        from report_state where tenant_id = ${tenantId}::uuid`,
  );
  return rows[0]?.fresh_at ?? null;
}

/** The cards: the totals row of any breakdown (every ticket once), with the rollups' freshness. */
async function summaryOf(c: ReportScope, totals: ReportTable['totals']): Promise<ReportSummary> {
  return {
    timezone: c.tz,
    range: c.periods.current,
    previousRange: c.periods.previous,
    ...totals,
    freshAt: await freshAt(c.tx, c.tenantId),
  };
}

const totalsOf = (totals: Map<PeriodName, ReportMetrics>): ReportTable['totals'] => ({
  current: totals.get('current') ?? emptyMetrics(),
  previous: totals.get('previous') ?? emptyMetrics(),
});

export async function reportSummary(tx: Tx, tenantId: string, query: ReportQuery): Promise<ReportSummary> {
  const c = await context(tx, tenantId, query);
  const { totals } = await metricsBy(c, 'total');
  return summaryOf(c, totalsOf(totals));
}

const NONE_LABEL: Record<ReportDimension, string> = {
  agent: 'Sem agente',
  team: 'Sem equipe',
  channel: 'Sem canal',
  tag: 'Sem etiqueta',
};

/** Names for the keys (a deleted agent or team keeps its id as the label). */
async function labels(tx: Tx, tenantId: string, dimension: ReportDimension, keys: string[]) {
  const out = new Map<string, string>();
  if (dimension === 'tag') {
    for (const k of keys) out.set(k, k);
    return out;
  }
  const table = { agent: 'users', team: 'teams', channel: 'channels' }[dimension];
  if (keys.length > 0) {
    const { rows } = await tx.execute<{ id: string; name: string }>(
      sql`select id::text as id, name from ${sql.raw(table)}
          where tenant_id = ${tenantId}::uuid and id = any(${`{${keys.join(',')}}`}::uuid[])`,
    );
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

export async function reportTable(
  tx: Tx,
  tenantId: string,
  query: ReportQuery & { dimension: ReportDimension },
): Promise<ReportTable> {
  return tableOf(await context(tx, tenantId, query), query.dimension);
}

async function tableOf(c: ReportScope, dimension: ReportDimension): Promise<ReportTable> {
  const { tx, tenantId } = c;
  const { rows: by, totals } = await metricsBy(c, dimension);
  const keys = new Set<string>();
  for (const id of by.keys()) keys.add(id.slice(id.indexOf('|') + 1));
  const named = await labels(
    tx,
    tenantId,
    dimension,
    [...keys].filter((k) => k !== ''),
  );
  const rows: ReportRow[] = [...keys].map((k) => ({
    key: k === '' ? null : k,
    label: k === '' ? NONE_LABEL[dimension] : (named.get(k) ?? k),
    current: by.get(`current|${k}`) ?? emptyMetrics(),
    previous: by.get(`previous|${k}`) ?? emptyMetrics(),
  }));
  // Named rows by name, the "none" row last: a stable order the screen and the CSV share.
  rows.sort((a, b) =>
    a.key === null
      ? 1
      : b.key === null
        ? -1
        : a.label.localeCompare(b.label, 'pt-BR') || a.key.localeCompare(b.key),
  );
  return {
    timezone: c.tz,
    dimension,
    range: c.periods.current,
    previousRange: c.periods.previous,
    rows,
    totals: totalsOf(totals),
  };
}

/** The table and the cards from one transaction: the cards are the table's totals row. */
export async function reportTableAndSummary(
  tx: Tx,
  tenantId: string,
  query: ReportQuery & { dimension: ReportDimension },
): Promise<{ table: ReportTable; summary: ReportSummary }> {
  const c = await context(tx, tenantId, query);
  const table = await tableOf(c, query.dimension);
  return { table, summary: await summaryOf(c, table.totals) };
}

/** The heatmap and the backlog from one transaction (one zone lookup and filter check for both). */
export async function reportCharts(
  tx: Tx,
  tenantId: string,
  query: ReportQuery,
): Promise<{ volume: VolumeHeatmap; backlog: BacklogSeries }> {
  const c = await context(tx, tenantId, query);
  return { volume: await volumeOf(c), backlog: await backlogOf(c) };
}

export async function reportVolume(tx: Tx, tenantId: string, query: ReportQuery): Promise<VolumeHeatmap> {
  return volumeOf(await context(tx, tenantId, query));
}

async function volumeOf(c: ReportScope): Promise<VolumeHeatmap> {
  const found = await volumeCells(c);
  const at = new Map(found.map((r) => [`${r.weekday}|${r.hour}`, r]));
  const cells: VolumeHeatmap['cells'] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const r = at.get(`${weekday}|${hour}`);
      cells.push({ weekday, hour, messagesIn: r?.messages_in ?? 0, ticketsOpened: r?.opened ?? 0 });
    }
  }
  return { timezone: c.tz, range: c.periods.current, cells };
}

export async function reportBacklog(tx: Tx, tenantId: string, query: ReportQuery): Promise<BacklogSeries> {
  return backlogOf(await context(tx, tenantId, query));
}

async function backlogOf(c: ReportScope): Promise<BacklogSeries> {
  const counts = await backlogCounts(c);
  const byDay = new Map(counts.days.map((d) => [d.day, d]));
  let open = counts.base;
  const days = daysOf(c.periods.current).map((day) => {
    const d = byDay.get(day);
    const opened = d?.opened ?? 0;
    const resolved = d?.resolved ?? 0;
    open += opened - resolved;
    return { day, opened, resolved, openAtEnd: open };
  });
  return { timezone: c.tz, range: c.periods.current, days };
}
