// After real traffic the counters show the right tenant and values: a WhatsApp (Evolution) message into a
// tenant, an agent's reply the provider accepts, ERP calls against the simulator with one failing, and a
// conversation's outbox backlog per tenant. Another tenant's series never move.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observedErpTools } from '../../workers/observability/erp-metrics';
import { setGaugePart } from '../../workers/observability/metrics';
import { agentSays, type CareTenant, careTenant, evolutionCustomer } from './care-helpers';
import { clearFaults, newIsp, SEEDED, setFaults, tools } from './erp-sim';
import { ownerClient } from './fresh-tenant';
import { scrape } from './metrics-helpers';

let owner: Client;
let tenant: CareTenant;
let other: CareTenant;

beforeAll(async () => {
  owner = await ownerClient();
  tenant = await careTenant(owner, 'metricas', {});
  other = await careTenant(owner, 'metricas-outro', {});
});

afterAll(async () => {
  await owner?.end();
});

const POLL = { timeout: 15_000, interval: 300 };

describe('metrics after traffic', () => {
  it('counts a WhatsApp message in and the agent reply out, for that tenant only', async () => {
    const customer = await evolutionCustomer(owner, tenant);
    await customer.says('Oi, estou sem internet');
    const conversationId = await customer.conversationId();
    await expect
      .poll(
        async () =>
          (await scrape()).value('fio_messages_in_total', { tenant: tenant.id, channel: 'evolution' }),
        POLL,
      )
      .toBe(1);
    await agentSays(tenant.agent, conversationId, 'Vamos verificar, um momento.');
    await expect.poll(async () => (await customer.sent()).length, POLL).toBeGreaterThanOrEqual(1);
    await expect
      .poll(
        async () =>
          (await scrape()).value('fio_messages_out_total', { tenant: tenant.id, channel: 'evolution' }),
        POLL,
      )
      .toBe(1);
    const s = await scrape();
    expect(s.value('fio_messages_in_total', { tenant: other.id })).toBeUndefined();
    expect(s.value('fio_messages_out_total', { tenant: other.id })).toBeUndefined();
  });

  it('counts ERP calls, their latency and a failure from the simulator', async () => {
    const isp = newIsp('metrics');
    const erp = observedErpTools(env, tenant.id, tools('ixc', isp));
    expect((await erp.connectionStatus(SEEDED.ana.contract)).ok).toBe(true);
    await setFaults(isp, { failure: { kind: 'html' } });
    try {
      expect((await erp.connectionStatus(SEEDED.ana.contract)).ok).toBe(false);
    } finally {
      await clearFaults(isp);
    }
    const labels = { tenant: tenant.id, erp: 'ixc', call: 'connectionStatus' };
    await expect.poll(async () => (await scrape()).value('fio_erp_calls_total', labels), POLL).toBe(2);
    const s = await scrape();
    expect(s.value('fio_erp_errors_total', { ...labels, reason: 'erp_unavailable' })).toBe(1);
    expect(s.value('fio_erp_latency_ms_sum', labels)).toBeGreaterThanOrEqual(0);
    expect(s.value('fio_erp_calls_total', { tenant: other.id })).toBeUndefined();
  });

  it('sums conversations’ backlog per tenant and clears it to 0 when caught up', async () => {
    const a = crypto.randomUUID();
    const b = crypto.randomUUID();
    setGaugePart(env, 'fio_outbox_backlog', tenant.id, a, 3, Date.now() - 10_000);
    setGaugePart(env, 'fio_outbox_backlog', tenant.id, b, 4, Date.now());
    let s = await scrape();
    expect(s.value('fio_outbox_backlog', { tenant: tenant.id })).toBe(7);
    expect(s.value('fio_archive_lag_seconds', { tenant: tenant.id })).toBeGreaterThanOrEqual(10);
    setGaugePart(env, 'fio_outbox_backlog', tenant.id, a, 0, null);
    setGaugePart(env, 'fio_outbox_backlog', tenant.id, b, 0, null);
    s = await scrape();
    expect(s.value('fio_outbox_backlog', { tenant: tenant.id })).toBe(0);
    expect(s.value('fio_archive_lag_seconds', { tenant: tenant.id })).toBe(0);
  });
});
