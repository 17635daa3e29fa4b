// ERP down and LLM failing through the real metrics (workers/observability/metrics.ts and its store) and the
// real minute job: what the counters did since the previous run raises the alert, a run where calls went
// through clears it, and the operator hears both transitions.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countMetric } from '../../workers/observability/metrics';
import { alertMinute, alertsOf, operatorAttempts, scriptOperator } from './alerts-helpers';
import { type FreshTenant, freshTenant, ownerClient } from './fresh-tenant';

let owner: Client;
let T: FreshTenant;

beforeAll(async () => {
  owner = await ownerClient();
  T = await freshTenant(owner, 'alerts-metrics', ['admin']);
  await scriptOperator();
});
afterAll(async () => {
  await owner.end();
});

const erp = (calls: number, errors: number) => {
  countMetric(env, 'fio_erp_calls_total', T.id, { kind: 'ixc' }, calls);
  if (errors > 0)
    countMetric(env, 'fio_erp_errors_total', T.id, { kind: 'ixc', code: 'erp_unavailable' }, errors);
};
const ofKind = async (kind: string) =>
  (await alertsOf(T.tokens.admin as string)).alerts.filter((a) => a.kind === kind);

describe('ERP down', () => {
  it('opens when most of the last minute calls failed, and closes when they go through again', async () => {
    erp(2, 0);
    await alertMinute(); // the first mark: nothing to compare with yet
    expect(await ofKind('erp_down')).toEqual([]);
    erp(6, 4);
    await alertMinute();
    const [open] = await ofKind('erp_down');
    expect(open).toMatchObject({
      state: 'open',
      severity: 'critical',
      details: { calls: 6, errors: 4, value: 66.7, threshold: 50 },
    });
    expect(open?.message['pt-BR']).toBe(
      '4 de 6 chamadas ao ERP falharam no último minuto (66.7%, limite 50%).',
    );
    // A quiet minute (no calls) decides nothing: still open.
    await alertMinute();
    expect((await ofKind('erp_down'))[0]?.state).toBe('open');
    erp(5, 1);
    await alertMinute();
    expect((await ofKind('erp_down')).map((a) => a.state)).toEqual(['resolved']);
    const got = (await operatorAttempts(T.id)).filter((a) => a.body.alert.kind === 'erp_down');
    expect(got.map((a) => [a.event, a.signature])).toEqual([
      ['alert.opened', 'valid'],
      ['alert.resolved', 'valid'],
    ]);
  });
});

describe('LLM failing', () => {
  it('opens on 3 model failures in a minute and closes after a minute without any', async () => {
    countMetric(env, 'fio_llm_errors_total', T.id, { reason: 'timeout' }, 3);
    await alertMinute();
    expect((await ofKind('llm_failing')).map((a) => [a.state, a.details.value])).toEqual([['open', 3]]);
    await alertMinute();
    expect((await ofKind('llm_failing')).map((a) => a.state)).toEqual(['resolved']);
  });
});
