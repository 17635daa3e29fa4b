// Every minute: each tenant's report facts and rollups catch up with the events archived since its watermark
// (services/report-rollup.ts). Tenants run one after another; one tenant's failure is logged and the others
// go on (its watermark did not move, so the next minute retries it). A tenant whose previous run still holds
// its lock is skipped this minute.
import { sql } from 'drizzle-orm';
import type { Database } from '../services/db';
import { errorFields, log } from '../services/log';
import { rollupTenant } from '../services/report-rollup';

export interface ReportRollupReport {
  tenants: number;
  conversations: number;
  failed: number;
}

export async function runReportRollups(primary: Database, now = new Date()): Promise<ReportRollupReport> {
  const { rows } = await primary.execute<{ tenant_id: string }>(
    sql`select tenant_id from fio_report_tenants()`,
  );
  const report: ReportRollupReport = { tenants: 0, conversations: 0, failed: 0 };
  for (const { tenant_id: tenantId } of rows) {
    try {
      const run = await rollupTenant(primary, tenantId, now);
      report.tenants += 1;
      report.conversations += run.conversations;
    } catch (err) {
      report.failed += 1;
      log('error', 'report rollup failed for a tenant', { tenantId, ...errorFields(err) });
    }
  }
  if (report.conversations > 0 || report.failed > 0) log('info', 'report rollups updated', { ...report });
  return report;
}
