// The operator hears every alert transition (opened, resolved) of every tenant through one outgoing webhook
// (OPERATOR_WEBHOOK_URL), signed like tenants' webhooks (`v1=` HMAC-SHA256 over `timestamp.body` with
// OPERATOR_WEBHOOK_SECRET, services/webhook-signing.ts). Each transition's delivery row is stored with the
// transition itself, so none is lost; its id is the Fio-Delivery-Id the receiver dedupes by, the same on every
// retry. Attempts run from the minute cron: claimed with a lease (a second run never repeats an attempt), retried
// on the outgoing webhooks' schedule (about a day), then dead and logged.
import { sql } from 'drizzle-orm';
import {
  type AlertDetails,
  type AlertKind,
  type AlertSeverity,
  alertMessage,
  alertTitle,
  type OperatorAlertPayload,
} from '../contract';
import type { Env } from '../env';
import type { Database } from '../services/db';
import { log } from '../services/log';
import { postSigned } from '../services/webhook-delivery';
import { retrySchedule } from '../services/webhook-signing';

/** Longer than an attempt can take (10 s): only a crashed run's claim is attempted again. */
const LEASE_SECONDS = 60;
/** Attempts per cron run, a few at a time. */
const BATCH = 100;
const PARALLEL = 8;

type Claimed = {
  id: string;
  transition: 'opened' | 'resolved';
  attempts: number;
  alert_id: string;
  tenant_id: string | null;
  kind: AlertKind;
  severity: AlertSeverity;
  subject: string;
  details: AlertDetails;
  opened_at: string;
  resolved_at: string | null;
};

export interface OperatorWebhook {
  url: string;
  secret: string;
}

/** The operator's webhook, or null when not configured (a URL without a secret is not: never unsigned). */
export function operatorWebhook(env: Env): OperatorWebhook | null {
  const url = env.OPERATOR_WEBHOOK_URL?.trim();
  const secret = env.OPERATOR_WEBHOOK_SECRET?.trim();
  if (!url) return null;
  if (!secret) {
    log('warn', 'OPERATOR_WEBHOOK_URL is set without OPERATOR_WEBHOOK_SECRET; operator alerts not sent');
    return null;
  }
  return { url, secret };
}

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

export function operatorPayload(row: Claimed, now: Date): OperatorAlertPayload {
  return {
    id: row.id,
    type: row.transition === 'opened' ? 'alert.opened' : 'alert.resolved',
    occurredAt: now.toISOString(),
    alert: {
      id: row.alert_id,
      tenantId: row.tenant_id,
      kind: row.kind,
      severity: row.severity,
      subject: row.subject,
      details: row.details,
      title: alertTitle(row.kind),
      message: alertMessage(row.kind, row.details),
      openedAt: iso(row.opened_at) as string,
      resolvedAt: iso(row.resolved_at),
    },
  };
}

export interface DeliveryReport {
  delivered: number;
  failed: number;
}

/** Attempts the due operator deliveries once each. */
export async function deliverOperatorAlerts(
  env: Env,
  primary: Database,
  now = new Date(),
): Promise<DeliveryReport> {
  const report = { delivered: 0, failed: 0 };
  const hook = operatorWebhook(env);
  if (!hook) return report;
  const { rows } = await primary.execute<Claimed>(
    sql`select * from fio_claim_alert_deliveries(${now.toISOString()}::timestamptz, ${LEASE_SECONDS}, ${BATCH})`,
  );
  const schedule = retrySchedule(env.WEBHOOK_RETRY_SCHEDULE_MS);
  const queue = [...rows];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const payload = operatorPayload(row, now);
      const outcome = await postSigned(
        env,
        hook.url,
        hook.secret,
        row.id,
        payload.type,
        JSON.stringify(payload),
      );
      const wait = schedule[row.attempts - 1];
      const next = outcome.ok || wait === undefined ? null : new Date(Date.now() + wait).toISOString();
      await primary.execute(
        sql`select fio_finish_alert_delivery(${row.id}::uuid, ${outcome.ok}, ${outcome.status}::integer,
            ${outcome.error}::text, ${next}::timestamptz)`,
      );
      if (outcome.ok) report.delivered++;
      else {
        report.failed++;
        log(
          next ? 'warn' : 'error',
          next ? 'operator alert delivery failed; will retry' : 'operator alert delivery dead',
          {
            deliveryId: row.id,
            alertId: row.alert_id,
            attempts: row.attempts,
            status: outcome.status,
            error: outcome.error,
          },
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, rows.length) }, worker));
  return report;
}
