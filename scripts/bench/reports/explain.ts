// Where a report's time goes in Postgres: runs the product's own report builders (services/report-build.ts)
// for the year tenant's 12 months against the primary, as the app role inside the tenant's transaction (RLS
// as in production), with a recording stand-in for the transaction that runs EXPLAIN (ANALYZE, BUFFERS) on
// every statement before running it. Returns each statement's execution time and the top of its plan, so
// the slowest query is named (the first lever to pull if a target is missed).

import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { ReportQuery } from '../../../workers/contract/reports';
import { type Tx, tenantSetup } from '../../../workers/services/db';
import {
  reportBacklog,
  reportSummary,
  reportTable,
  reportVolume,
} from '../../../workers/services/report-build';
import { reportSettings } from '../../../workers/services/report-query';

export interface ExplainedStatement {
  report: string;
  /** The statement's first line, to recognise it. */
  statement: string;
  executionMs: number;
  planningMs: number;
  plan: string[];
}

const dialect = new PgDialect();

/** The part of a drizzle transaction the report builders use: `execute` of a SQL template. */
function recordingTx(db: pg.Client, report: string, out: ExplainedStatement[]): Tx {
  const execute = async (query: SQL) => {
    const q = dialect.sqlToQuery(query);
    const plan = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${q.sql}`, q.params);
    const lines = plan.rows.map((r) => r['QUERY PLAN']);
    const ms = (label: string) =>
      Number(/([\d.]+) ms/.exec(lines.find((l) => l.startsWith(label)) ?? '')?.[1] ?? NaN);
    out.push({
      report,
      statement: q.sql.replace(/\s+/g, ' ').slice(0, 120),
      executionMs: ms('Execution Time'),
      planningMs: ms('Planning Time'),
      plan: lines.slice(0, 12),
    });
    return db.query(q.sql, q.params);
  };
  return { execute } as unknown as Tx;
}

export async function explainSlowest(
  db: pg.Client,
  tenantId: string,
  range: { from: string; to: string },
  log: (l: string) => void,
): Promise<ExplainedStatement[]> {
  const out: ExplainedStatement[] = [];
  const query: ReportQuery = { from: range.from, to: range.to };
  const runs: [string, (tx: Tx) => Promise<unknown>][] = [
    ['summary', (tx) => reportSummary(tx, tenantId, query)],
    ['table agent', (tx) => reportTable(tx, tenantId, { ...query, dimension: 'agent' })],
    ['table tag', (tx) => reportTable(tx, tenantId, { ...query, dimension: 'tag' })],
    ['volume', (tx) => reportVolume(tx, tenantId, query)],
    ['backlog', (tx) => reportBacklog(tx, tenantId, query)],
  ];
  try {
    await db.query('begin');
    await db.query('set local role fio_app');
    // As the route does (workers/routes/reports.ts): the tenant and the settings of a 12-month report.
    const setup = dialect.sqlToQuery(tenantSetup(tenantId, reportSettings(365)));
    await db.query(setup.sql, setup.params);
    for (const [name, run] of runs) await run(recordingTx(db, `${name} (12 months)`, out));
  } catch (err) {
    log(`  explain failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await db.query('rollback').catch(() => {});
  }
  out.sort((a, b) => b.executionMs - a.executionMs);
  for (const s of out.slice(0, 5))
    log(`  slowest: ${s.report}: ${s.executionMs.toFixed(1)} ms — ${s.statement.slice(0, 80)}`);
  return out;
}
