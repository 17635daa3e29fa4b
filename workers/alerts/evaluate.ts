// One evaluation of every alert rule for every tenant at once (the minute cron): the conditions Postgres knows
// (numbers unhealthy, SLA breach rate) in one set-based call, the metrics' rules in memory, then one call that
// raises what newly holds, resolves what cleared and stores the operator's deliveries of both. Cost per run,
// whatever the number of tenants: four statements (conditions, marks, sync; the ticket scan reads only the last
// hour's tickets through partial indexes) plus one metrics snapshot.
import { sql } from 'drizzle-orm';
import type { AlertKind } from '../contract';
import type { Env } from '../env';
import { metricsSnapshot } from '../observability/metrics';
import type { Database } from '../services/db';
import { errorFields, log } from '../services/log';
import {
  type ClearedCondition,
  type CounterMark,
  counterMarks,
  counterVerdicts,
  gaugeConditions,
  type HeldCondition,
} from './metric-rules';
import { operatorWebhook } from './operator-delivery';
import { alertThresholds } from './thresholds';

const HOUR_MS = 60 * 60 * 1000;
const MARKS = 'counters';

export type AlertTransition = {
  id: string;
  tenant_id: string | null;
  kind: AlertKind;
  transition: 'opened' | 'resolved';
};

/** Runs every rule once and applies the outcome; returns what opened and what resolved. */
export async function evaluateAlerts(
  env: Env,
  primary: Database,
  now = new Date(),
): Promise<AlertTransition[]> {
  const t = alertThresholds(env);
  const since = new Date(now.getTime() - HOUR_MS).toISOString();
  const { rows } = await primary.execute<HeldCondition>(
    sql`select tenant_id, kind, subject, severity, details
        from fio_alert_conditions(${since}::timestamptz, ${t.slaBreachPercent}, ${t.slaMinTickets})`,
  );
  const held: HeldCondition[] = [...rows];
  const kinds: AlertKind[] = ['channel_unhealthy', 'sla_breach_rate'];
  let cleared: ClearedCondition[] = [];
  try {
    // The metrics may be unreachable (Analytics Engine's API down): then their rules decide nothing this run,
    // and their open alerts stay open rather than resolving on missing data.
    const snapshot = await metricsSnapshot(env);
    held.push(...gaugeConditions(snapshot, t));
    kinds.push('outbox_backlog', 'archive_lag');
    const marks = counterMarks(snapshot.counters);
    const before = await swapMarks(primary, now, marks);
    const verdicts = counterVerdicts(marks, before, t);
    held.push(...verdicts.held);
    cleared = verdicts.cleared;
  } catch (err) {
    log('warn', 'alert metrics unavailable; their rules skipped this run', errorFields(err));
  }
  const operator = operatorWebhook(env) !== null;
  const { rows: changes } = await primary.execute<AlertTransition>(
    sql`select id, tenant_id, kind, transition from fio_sync_alerts(${now.toISOString()}::timestamptz,
        array(select jsonb_array_elements_text(${JSON.stringify(kinds)}::jsonb)),
        ${JSON.stringify(held)}::jsonb, ${JSON.stringify(cleared)}::jsonb, ${operator})`,
  );
  for (const c of changes)
    log(c.transition === 'opened' ? 'warn' : 'info', `alert ${c.transition}`, {
      alertId: c.id,
      tenantId: c.tenant_id,
      kind: c.kind,
    });
  return changes;
}

async function swapMarks(
  primary: Database,
  now: Date,
  marks: Map<string, CounterMark>,
): Promise<Map<string, CounterMark>> {
  const values = [...marks].map(([tenant_id, value]) => ({ tenant_id, value }));
  const { rows } = await primary.execute<{ tenant_id: string; value: CounterMark }>(
    sql`select tenant_id, value from fio_swap_alert_marks(${now.toISOString()}::timestamptz, ${MARKS},
        ${JSON.stringify(values)}::jsonb)`,
  );
  return new Map(rows.map((r) => [r.tenant_id, r.value]));
}
