// Helpers for the alert suites: run the minute cron's alert job the way the cron does, read what the
// operator's webhook receiver (hook `operator` of scripts/webhook-receiver) got for one tenant, and read a
// tenant's alerts as its admin sees them.
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { evaluateAlerts } from '../../workers/alerts/evaluate';
import { deliverOperatorAlerts } from '../../workers/alerts/operator-delivery';
import type { AlertListResponse, OperatorAlertPayload } from '../../workers/contract';
import { openDatabases } from '../../workers/services/db';
import { TEST_OPERATOR_WEBHOOK_SECRET } from '../support/fixtures';
import { api } from './helpers';
import { attempts, scriptHook } from './webhook-helpers';

export const OPERATOR_HOOK = 'operator';

/** One run of the alert job: evaluate every rule, then attempt the operator's due deliveries. */
export async function alertMinute(): Promise<void> {
  const dbs = openDatabases(env);
  try {
    await evaluateAlerts(env, dbs.primary);
    await deliverOperatorAlerts(env, dbs.primary);
  } finally {
    await dbs.close();
  }
}

/** The operator receiver checks signatures with the suite's secret; extra behaviour (failTimes …) optional. */
export async function scriptOperator(script: Record<string, unknown> = {}): Promise<void> {
  await scriptHook(OPERATOR_HOOK, { secret: TEST_OPERATOR_WEBHOOK_SECRET, ...script });
}

export interface OperatorAttempt {
  deliveryId: string | null;
  event: string | null;
  signature: string;
  status: number;
  body: OperatorAlertPayload;
}

/** Every attempt the operator hook saw about `tenantId`'s alerts, in arrival order. */
export async function operatorAttempts(tenantId: string): Promise<OperatorAttempt[]> {
  const all = (await attempts(OPERATOR_HOOK)) as unknown as OperatorAttempt[];
  return all.filter((a) => a.body?.alert?.tenantId === tenantId);
}

export async function alertsOf(token: string, query = ''): Promise<AlertListResponse> {
  const res = await api<AlertListResponse>('GET', `/api/alerts${query}`, token);
  expect(res.status).toBe(200);
  return res.body;
}
