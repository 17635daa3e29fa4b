// The daily retention job: for every tenant with a retention period for message content, text and files
// older than the period are redacted with the same code path as an LGPD erasure (content-redaction.ts):
// the conversation objects first, then Postgres, then R2. Conversations are taken a page at a time until none
// has old content left; a failure leaves the rest for the next run (every step is idempotent).
import { sql } from 'drizzle-orm';
import type { Env } from '../env';
import {
  conversationsWithOldContent,
  deleteFiles,
  forgetOldPreviews,
  redactInObjects,
  redactInPostgres,
} from '../services/content-redaction';
import { type Database, inTenant } from '../services/db';
import { errorFields, log } from '../services/log';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Conversations per round (one object call each, one Postgres transaction per round). */
const ROUND = 50;

export interface RetentionReport {
  tenants: number;
  conversations: number;
  redactedEvents: number;
  deletedFiles: number;
}

/** Redacts one tenant's content created before `before`. */
export async function applyRetention(
  env: Env,
  primary: Database,
  tenantId: string,
  before: string,
): Promise<Omit<RetentionReport, 'tenants'>> {
  const report = { conversations: 0, redactedEvents: 0, deletedFiles: 0 };
  const done = new Set<string>();
  for (;;) {
    const found = await inTenant(primary, tenantId, (tx) =>
      conversationsWithOldContent(tx, tenantId, before, ROUND + done.size),
    );
    // A conversation whose rows could not all be redacted is not retried in the same run.
    const batch = found.filter((id) => !done.has(id)).slice(0, ROUND);
    if (batch.length === 0) break;
    const keys = await redactInObjects(env, tenantId, batch, before, false);
    const pg = await inTenant(primary, tenantId, async (tx) => {
      const redacted = await redactInPostgres(tx, tenantId, batch, before);
      await forgetOldPreviews(tx, batch, before);
      return redacted;
    });
    report.deletedFiles += await deleteFiles(env.MEDIA, [...keys, ...pg.keys]);
    report.redactedEvents += pg.rows;
    report.conversations += batch.length;
    for (const id of batch) done.add(id);
  }
  return report;
}

/** Every tenant with a retention period (the lookup runs before any tenant is known; see migration 0014). */
export async function runMessageRetention(
  env: Env,
  primary: Database,
  now = new Date(),
): Promise<RetentionReport> {
  const { rows } = await primary.execute<{ tenant_id: string; days: number }>(
    sql`select tenant_id, days from fio_tenants_with_retention()`,
  );
  const report: RetentionReport = { tenants: 0, conversations: 0, redactedEvents: 0, deletedFiles: 0 };
  for (const { tenant_id: tenantId, days } of rows) {
    const before = new Date(now.getTime() - days * DAY_MS).toISOString();
    try {
      const r = await applyRetention(env, primary, tenantId, before);
      report.tenants += 1;
      report.conversations += r.conversations;
      report.redactedEvents += r.redactedEvents;
      report.deletedFiles += r.deletedFiles;
    } catch (err) {
      // One tenant's failure (its objects or Postgres) does not keep the others' content past its period.
      log('error', 'message retention failed for a tenant', { tenantId, ...errorFields(err) });
    }
  }
  log('info', 'message retention applied', { ...report });
  return report;
}
