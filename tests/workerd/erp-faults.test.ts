// When the ERP misbehaves, for both adapters against the simulator's fault modes: HTML where JSON was
// expected, wrong credentials, a hang or a slow answer past the deadline, a 500 and a dropped connection.
// All end in erp_unavailable with a detail for the logs; reads are retried once (a single 500 or reset
// is absorbed), writes never (the simulator records exactly one call).
import { afterEach, describe, expect, it } from 'vitest';
import type { ErpResult } from '../../workers/erp/tools';
import { clearFaults, ERP, newIsp, requests, SEEDED, setFaults, sideEffects, tools } from './erp-sim';

const WRITE_ROUTE = { ixc: 'desbloqueio_confianca', sgp: 'liberacaopromessa' } as const;
const READ_ROUTE = { ixc: 'radusuarios', sgp: 'verificaacesso' } as const;

function unavailable<T>(result: ErpResult<T>): string {
  if (result.ok) throw new Error('expected erp_unavailable, got a value');
  expect(result.error.code).toBe('erp_unavailable');
  expect(result.error.message).toContain('não respondeu');
  return result.error.detail ?? '';
}

describe.each(['ixc', 'sgp'] as const)('%s when things fail', (kind) => {
  const isp = newIsp(`${kind}-faults`);
  const erp = tools(kind, isp);
  const fast = tools(kind, isp, { timeoutMs: 300 });
  afterEach(() => clearFaults(isp));

  it('an HTML page instead of JSON is erp_unavailable, not retried', async () => {
    await setFaults(isp, { failure: { kind: 'html' } });
    const before = (await requests(isp, READ_ROUTE[kind])).length;
    expect(unavailable(await erp.connectionStatus(SEEDED.ana.contract))).toContain(
      'HTML page instead of JSON',
    );
    expect((await requests(isp, READ_ROUTE[kind])).length - before).toBe(1);
  });

  it('wrong credentials are erp_unavailable with a clear detail, for the tools and the connection test', async () => {
    const wrong = tools(kind, isp, {
      credentials: kind === 'ixc' ? { user: '1', token: 'nope' } : { token: 'nope', app: 'fio' },
    });
    expect(unavailable(await wrong.testConnection())).toContain('credentials refused');
    expect(unavailable(await wrong.findCustomer({ document: SEEDED.ana.document }))).toContain(
      'credentials refused',
    );
  });

  it('a hanging ERP is erp_unavailable at the deadline; the read was tried twice', async () => {
    await setFaults(isp, { failure: { kind: 'hang', route: READ_ROUTE[kind] } });
    const before = (await requests(isp, READ_ROUTE[kind])).length;
    expect(unavailable(await fast.connectionStatus(SEEDED.ana.contract))).toContain('timeout');
    expect((await requests(isp, READ_ROUTE[kind])).length - before).toBe(2);
  });

  it('a slow ERP: within the deadline it answers, past it erp_unavailable', async () => {
    await setFaults(isp, { latencyMs: 100 });
    expect((await erp.connectionStatus(SEEDED.ana.contract)).ok).toBe(true);
    await setFaults(isp, { latencyMs: 2000 });
    expect(unavailable(await fast.findCustomer({ document: SEEDED.ana.document }))).toContain('timeout');
  });

  it('one 500 or one dropped connection on a read is absorbed by the single retry', async () => {
    for (const failure of ['http500', 'reset'] as const) {
      await setFaults(isp, { failure: { kind: failure, times: 1, route: READ_ROUTE[kind] } });
      const before = (await requests(isp, READ_ROUTE[kind])).length;
      const status = await erp.connectionStatus(SEEDED.ana.contract);
      expect(status.ok && status.value.state).toBe('online');
      const sent = (await requests(isp, READ_ROUTE[kind])).slice(before);
      expect(sent.map((r) => r.fault)).toEqual([failure, null]);
    }
  });

  it('a read failing twice with 500 is erp_unavailable after exactly two calls', async () => {
    await setFaults(isp, { failure: { kind: 'http500', route: READ_ROUTE[kind] } });
    const before = (await requests(isp, READ_ROUTE[kind])).length;
    expect(unavailable(await erp.connectionStatus(SEEDED.ana.contract))).toContain('HTTP 500');
    expect((await requests(isp, READ_ROUTE[kind])).length - before).toBe(2);
  });

  it('a trust unlock is never retried: one call on 500, reset or hang, and nothing unlocked', async () => {
    for (const failure of ['http500', 'reset', 'hang'] as const) {
      await setFaults(isp, { failure: { kind: failure, route: WRITE_ROUTE[kind] } });
      const before = (await requests(isp, WRITE_ROUTE[kind])).length;
      unavailable(await fast.trustUnlock(SEEDED.carla.contract));
      expect((await requests(isp, WRITE_ROUTE[kind])).length - before).toBe(1);
    }
    expect((await sideEffects(isp)).unlocks).toEqual([]);
  });

  it('a ticket is never retried: one call when the ERP fails, and no ticket', async () => {
    const route = kind === 'ixc' ? 'su_ticket' : 'chamado';
    await setFaults(isp, { failure: { kind: 'http500', route } });
    unavailable(
      await erp.openTicket(SEEDED.eduarda.contract, SEEDED.eduarda.customer, 'sem sinal', 'technical'),
    );
    expect(await requests(isp, route)).toHaveLength(1);
    expect((await sideEffects(isp)).tickets).toEqual([]);
  });
});

describe('the simulator control API', () => {
  it('refuses a malformed fault with the reason and changes nothing', async () => {
    const isp = newIsp('control');
    for (const body of [
      { isp, latencyMs: -1 },
      { isp, failure: { kind: 'explode' } },
      { isp: 'Not An ISP!' },
    ]) {
      const res = await fetch(`${ERP}/_control/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/latencyMs|kind|isp/);
    }
    const current = await (await fetch(`${ERP}/_control/faults?isp=${isp}`)).json();
    expect(current).toEqual({ faults: { latencyMs: 0, failure: null } });
  });

  it('reset restores the seed: an unlock granted before is granted again, recorded requests are gone', async () => {
    const isp = newIsp('control');
    const ixc = tools('ixc', isp);
    expect((await ixc.trustUnlock(SEEDED.carla.contract)).ok).toBe(true);
    expect((await ixc.trustUnlock(SEEDED.carla.contract)).ok).toBe(false);
    const reset = await fetch(`${ERP}/_control/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ isp }),
    });
    expect(reset.status).toBe(200);
    expect(await requests(isp)).toEqual([]);
    expect((await sideEffects(isp)).unlocks).toEqual([]);
    expect((await ixc.trustUnlock(SEEDED.carla.contract)).ok).toBe(true);
  });
});
