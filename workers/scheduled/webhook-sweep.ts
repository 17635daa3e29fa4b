// Every minute: outgoing webhook deliveries that are due and at the head of their key but nobody is attempting
// (their queue message was lost: a send that failed after the rows were stored, a restart, a crashed attempt
// whose lease ran out) are queued again. A delivery's own retry message normally arrives first; the grace
// keeps the sweep from racing it.
import { sql } from 'drizzle-orm';
import type { Env } from '../env';
import type { Database } from '../services/db';
import { log } from '../services/log';
import { queueWebhookDeliveries } from '../services/webhook-events';

/** Overdue by at least this long before the sweep steps in. */
export const SWEEP_GRACE_MS = 30_000;
const SWEEP_LIMIT = 2_000;

export async function sweepWebhookDeliveries(
  env: Env,
  primary: Database,
  now = new Date(),
  graceMs = SWEEP_GRACE_MS,
): Promise<number> {
  const before = new Date(now.getTime() - graceMs).toISOString();
  const { rows } = await primary.execute<{ tenant_id: string; id: string }>(
    sql`select tenant_id, id from fio_due_webhook_deliveries(${before}::timestamptz, ${SWEEP_LIMIT})`,
  );
  const byTenant = new Map<string, string[]>();
  for (const r of rows) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r.id]);
  for (const [tenantId, ids] of byTenant) await queueWebhookDeliveries(env, tenantId, ids);
  if (rows.length > 0) log('info', 'webhook sweep re-queued deliveries', { count: rows.length });
  return rows.length;
}
