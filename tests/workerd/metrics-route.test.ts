// GET /metrics: only the operator's token opens it, its text is Prometheus exposition format 0.0.4, and what
// an isolate records reaches it per tenant (the batched flush into the metrics store).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { countMetric, metricsSnapshot, setGauge } from '../../workers/observability/metrics';
import { TEST_OPERATOR_TOKEN } from '../support/fixtures';
import { call } from './helpers';
import { parsePrometheus, scrape } from './metrics-helpers';

describe('GET /metrics', () => {
  it('refuses anonymous callers and wrong tokens with the error envelope', async () => {
    for (const headers of <Record<string, string>[]>[
      {},
      { authorization: 'Bearer wrong-token-0123456789abcdef' },
      { authorization: TEST_OPERATOR_TOKEN },
    ]) {
      const res = await call('/metrics', { headers });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { code: string; requestId: string } };
      expect(body.error.code).toBe('unauthorized');
      expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
    }
  });

  it('prints what was recorded, per tenant, in a format Prometheus parses', async () => {
    const tenant = crypto.randomUUID();
    countMetric(env, 'fio_send_failures_total', tenant, { channel: 'cloud', code: '131047' });
    countMetric(env, 'fio_send_failures_total', tenant, { code: '131047', channel: 'cloud' }, 2);
    countMetric(env, 'fio_messages_in_total', tenant, { channel: 'widget' });
    setGauge(env, 'fio_outbox_backlog', tenant, 7);
    setGauge(env, 'fio_outbox_backlog', tenant, 4);
    const res = await call('/metrics', { headers: { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const families = parsePrometheus(await res.text());
    expect(families.get('fio_send_failures_total')?.type).toBe('counter');
    expect(families.get('fio_outbox_backlog')?.type).toBe('gauge');
    const find = (name: string, labels: Record<string, string>) =>
      families.get(name)?.samples.find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    expect(find('fio_send_failures_total', { tenant, channel: 'cloud', code: '131047' })?.value).toBe(3);
    expect(find('fio_messages_in_total', { tenant, channel: 'widget' })?.value).toBe(1);
    expect(find('fio_outbox_backlog', { tenant })?.value).toBe(4);
    // The same numbers through the snapshot the alert checks read.
    const snap = await metricsSnapshot(env);
    expect(
      snap.counters.find((s) => s.tenantId === tenant && s.name === 'fio_messages_in_total')?.value,
    ).toBe(1);
  });

  it('keeps counting across flushes (counters add up in the store)', async () => {
    const tenant = crypto.randomUUID();
    countMetric(env, 'fio_llm_errors_total', tenant, { reason: 'timeout' });
    expect((await scrape()).value('fio_llm_errors_total', { tenant, reason: 'timeout' })).toBe(1);
    countMetric(env, 'fio_llm_errors_total', tenant, { reason: 'timeout' }, 4);
    expect((await scrape()).value('fio_llm_errors_total', { tenant, reason: 'timeout' })).toBe(5);
  });
});
