// Reports over REST for supervisors and admins (`reports.read`): the cards, the tables by agent, team,
// channel or tag (with their totals row), the volume heatmap and the backlog series (and all four at once for
// the screen's first view), each for tenant-local days `from`..`to` with the previous period, and each as CSV
// too. Read from a replica: the rollups are written by the once-a-minute job, and `freshAt` says how far they are.
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { type ReportOverview, ReportQuery, ReportTableQuery } from '../contract';
import { authorize } from '../middleware/authorize';
import { inTenant, replicaOf, type Tx } from '../services/db';
import {
  reportBacklog,
  reportCharts,
  reportSummary,
  reportTable,
  reportTableAndSummary,
  reportVolume,
} from '../services/report-build';
import { backlogCsv, summaryCsv, tableCsv, volumeCsv } from '../services/report-csv';
import { reportSettings } from '../services/report-query';
import { reportPeriods } from '../services/report-range';
import { parseQuery } from '../validation';

function csv(body: string, name: string, range: { from: string; to: string }): Response {
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="relatorio-${name}-${range.from}-a-${range.to}.csv"`,
      'cache-control': 'no-store',
    },
  });
}

/**
 * A report's read: the range checked first (400 before any connection), then on a replica, in the tenant's
 * transaction (RLS), with the settings for the range's length (report-query.ts).
 */
function readReport<T>(
  c: Context<AppEnv>,
  q: Pick<ReportQuery, 'from' | 'to'>,
  build: (tx: Tx, tenantId: string) => Promise<T>,
): Promise<T> {
  const { days } = reportPeriods(q);
  const tid = c.var.agent.tid;
  return inTenant(replicaOf(c.var.dbs.db), tid, (tx) => build(tx, tid), reportSettings(days));
}

export const reportRoutes = new Hono<AppEnv>()
  // The screen's first view in one request: the table with its cards on one replica connection and the charts on
  // a second beside it (the request's pool holds two), instead of four requests each authorising and
  // connecting on its own.
  .get('/api/reports/overview', authorize('reports.read'), async (c) => {
    const q = parseQuery(c, ReportTableQuery);
    const [first, charts] = await Promise.all([
      readReport(c, q, (tx, tid) => reportTableAndSummary(tx, tid, q)),
      readReport(c, q, (tx, tid) => reportCharts(tx, tid, q)),
    ]);
    return c.json({ ...first, ...charts } satisfies ReportOverview);
  })
  .get('/api/reports/summary', authorize('reports.read'), async (c) => {
    const q = parseQuery(c, ReportQuery);
    return c.json(await readReport(c, q, (tx, tid) => reportSummary(tx, tid, q)));
  })
  .get('/api/reports/summary.csv', authorize('reports.read'), async (c) => {
    const q = parseQuery(c, ReportQuery);
    const s = await readReport(c, q, (tx, tid) => reportSummary(tx, tid, q));
    return csv(summaryCsv(s), 'resumo', s.range);
  })
  .get('/api/reports/table', authorize('reports.read'), async (c) => {
    const q = parseQuery(c, ReportTableQuery);
    return c.json(await readReport(c, q, (tx, tid) => reportTable(tx, tid, q)));
  })
  .get('/api/reports/table.csv', authorize('reports.read'), async (c) => {
    const q = parseQuery(c, ReportTableQuery);
    const t = await readReport(c, q, (tx, tid) => reportTable(tx, tid, q));
    return csv(tableCsv(t), `por-${q.dimension}`, t.range);
  })
  .get('/api/reports/volume', authorize('reports.read'), async (c) => {
    const q = parseQuery(c, ReportQuery);
    return c.json(await readReport(c, q, (tx, tid) => reportVolume(tx, tid, q)));
  })
  .get('/api/reports/volume.csv', authorize('reports.read'), async (c) => {
    const q = parseQuery(c, ReportQuery);
    const v = await readReport(c, q, (tx, tid) => reportVolume(tx, tid, q));
    return csv(volumeCsv(v), 'volume', v.range);
  })
  .get('/api/reports/backlog', authorize('reports.read'), async (c) => {
    const q = parseQuery(c, ReportQuery);
    return c.json(await readReport(c, q, (tx, tid) => reportBacklog(tx, tid, q)));
  })
  .get('/api/reports/backlog.csv', authorize('reports.read'), async (c) => {
    const q = parseQuery(c, ReportQuery);
    const b = await readReport(c, q, (tx, tid) => reportBacklog(tx, tid, q));
    return csv(backlogCsv(b), 'backlog', b.range);
  });
