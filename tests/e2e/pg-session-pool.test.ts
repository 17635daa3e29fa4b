// The bridge's session pool (scripts/lib/pg-session-pool.ts), with the app's own driver over WebSocket against a
// real Postgres: a client that left cleanly hands its server session to the next one (same backend, no new
// Postgres process) with its session state reset; a wrong password is refused on a reused session; a session
// left inside a transaction or mid-statement is never handed out again; without `pool` every client gets its
// own backend as before.
import { Client, neonConfig } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startPostgresCluster } from '../../scripts/lib/postgres-cluster';
import { startWsBridge, type WsBridge } from '../../scripts/lib/ws-bridge';
import { removeTestData, testDataDir } from '../support/test-data';

const dataDir = testDataDir('e2e', 'pg-session-pool');
let cluster: Awaited<ReturnType<typeof startPostgresCluster>>;
let pooled: WsBridge;
let plain: WsBridge;

beforeAll(async () => {
  cluster = await startPostgresCluster({ dataDir, fresh: true, database: 'fio', replica: false });
  pooled = await startWsBridge({ pool: true });
  plain = await startWsBridge();
  neonConfig.webSocketConstructor = WebSocket;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineConnect = false;
  neonConfig.pipelineTLS = false;
  neonConfig.forceDisablePgSSL = true;
}, 180_000);

afterAll(async () => {
  await pooled?.close();
  await plain?.close();
  await cluster?.stop();
  removeTestData(dataDir);
});

/** A driver client through `bridge`, as the Worker's would be (the proxy names the target on its URL). */
async function connect(bridge: WsBridge, password?: string): Promise<Client> {
  neonConfig.wsProxy = (host, port) => `127.0.0.1:${bridge.port}/v1?address=${host}:${port}`;
  const url = new URL(cluster.primaryUrl);
  if (password !== undefined) url.password = password;
  const client = new Client({ connectionString: url.toString() });
  client.on('error', () => {});
  await client.connect();
  return client;
}

async function backend(client: Client): Promise<number> {
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  return Number(rows[0]?.pid);
}

describe('the bridge session pool', () => {
  it('hands a cleanly closed session to the next client, reset, without starting a backend', async () => {
    const first = await connect(pooled);
    const pid = await backend(first);
    const { rows: started } = await first.query<{ at: string }>(
      'select backend_start::text as at from pg_stat_activity where pid = pg_backend_pid()',
    );
    await first.query(`select set_config('app.tenant_id', 'tenant-a', false)`);
    await first.query('create temp table scratch (n int)');
    await first.end();
    await new Promise((r) => setTimeout(r, 100));

    const second = await connect(pooled);
    // The same backend process, started for the first client: no new Postgres backend for the second.
    expect(await backend(second)).toBe(pid);
    const { rows: still } = await second.query<{ at: string }>(
      'select backend_start::text as at from pg_stat_activity where pid = pg_backend_pid()',
    );
    expect(still[0]?.at).toBe(started[0]?.at);
    // DISCARD ALL ran between them: no session setting, no temp table of the first client.
    const { rows } = await second.query<{ t: string | null }>(
      `select nullif(current_setting('app.tenant_id', true), '') as t`,
    );
    expect(rows[0]?.t).toBeNull();
    await expect(second.query('select * from scratch')).rejects.toThrow(/scratch/);
    await second.end();
  });

  it('refuses a wrong password on a reused session and keeps the session for the right one', async () => {
    const first = await connect(pooled);
    const pid = await backend(first);
    await first.end();
    await new Promise((r) => setTimeout(r, 100));
    await expect(connect(pooled, 'not-the-password')).rejects.toThrow(/password authentication failed/);
    const again = await connect(pooled);
    expect(await backend(again)).toBe(pid);
    await again.end();
  });

  it('never reuses a session its client left inside a transaction', async () => {
    const first = await connect(pooled);
    const pid = await backend(first);
    await first.query('begin');
    await first.query(`select set_config('app.tenant_id', 'tenant-b', true)`);
    await first.end();
    await new Promise((r) => setTimeout(r, 200));
    const next = await connect(pooled);
    expect(await backend(next)).not.toBe(pid);
    const { rows } = await next.query<{ n: number }>(
      'select count(*)::int as n from pg_stat_activity where pid = $1',
      [pid],
    );
    expect(rows[0]?.n).toBe(0);
    await next.end();
  });

  it('without pooling, gives every client a backend of its own', async () => {
    const first = await connect(plain);
    const pid = await backend(first);
    await first.end();
    const second = await connect(plain);
    expect(await backend(second)).not.toBe(pid);
    await second.end();
  });
});
