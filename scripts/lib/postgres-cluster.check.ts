// Self-check for postgres-cluster.ts and ws-bridge.ts against real servers.
// Run: npx tsx scripts/lib/postgres-cluster.check.ts (exits non-zero on any FAIL).

import { rm } from 'node:fs/promises';
import { Client, neonConfig } from '@neondatabase/serverless';
import WebSocket from 'ws';
import { type PostgresCluster, startPostgresCluster } from './postgres-cluster';
import { withPgClient } from './postgres-replica';
import { startWsBridge, type WsBridge } from './ws-bridge';

const dataDir = `/tmp/fio-pg-check-${process.pid}`;
let failures = 0;

async function step(name: string, fn: () => Promise<string | undefined>): Promise<void> {
  const started = performance.now();
  try {
    const detail = await fn();
    const ms = Math.round(performance.now() - started);
    console.log(`PASS ${name} (${ms} ms)${detail ? ` - ${detail}` : ''}`);
  } catch (err) {
    failures++;
    console.log(`FAIL ${name}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function expect(cond: boolean, message: string): void {
  if (!cond) throw new Error(message);
}

async function count(url: string): Promise<number> {
  return withPgClient(url, async (c) => {
    const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM check_items');
    return rows[0]?.n ?? -1;
  });
}

async function neonQuery(bridge: WsBridge, url: string, sql: string): Promise<Record<string, unknown>[]> {
  neonConfig.webSocketConstructor = WebSocket;
  neonConfig.wsProxy = (host, port) => `127.0.0.1:${bridge.port}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineConnect = false;
  neonConfig.pipelineTLS = false;
  neonConfig.forceDisablePgSSL = true;
  const client = new Client(url);
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  // Held in an object so TypeScript does not narrow them to null across the async closures.
  const live: { cluster: PostgresCluster | null; bridge: WsBridge | null } = { cluster: null, bridge: null };
  const need = (): PostgresCluster => {
    if (!live.cluster) throw new Error('cluster not running');
    return live.cluster;
  };

  await step('fresh cluster start (initdb + base backup + replica)', async () => {
    const c = await startPostgresCluster({ dataDir, fresh: true });
    live.cluster = c;
    return `primary :${c.primaryPort}, replica :${c.replicaPort}`;
  });

  await step('rows written on primary are readable on replica', async () => {
    const c = need();
    await withPgClient(c.primaryUrl, async (pg) => {
      await pg.query('CREATE TABLE check_items (id serial PRIMARY KEY, label text NOT NULL)');
      await pg.query("INSERT INTO check_items (label) SELECT 'row ' || g FROM generate_series(1, 1000) g");
    });
    await c.waitForReplicaCatchUp();
    const n = await count(c.replicaUrl ?? '');
    expect(n === 1000, `replica sees ${n} rows, want 1000`);
    // Visibility lag of a single commit, measured by polling the replica.
    await withPgClient(c.primaryUrl, (pg) => pg.query("INSERT INTO check_items (label) VALUES ('lag')"));
    const t0 = performance.now();
    while ((await count(c.replicaUrl ?? '')) !== 1001) expect(performance.now() - t0 < 5000, 'lag > 5s');
    return `single-commit visibility lag ${Math.round(performance.now() - t0)} ms`;
  });

  await step('replica is read-only', async () => {
    const c = need();
    const code = await withPgClient(c.replicaUrl ?? '', async (pg) => {
      const { rows } = await pg.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r');
      expect(rows[0]?.r === true, 'replica is not in recovery');
      return pg.query("INSERT INTO check_items (label) VALUES ('nope')").then(
        () => 'ok',
        (err: { code?: string }) => err.code ?? 'unknown',
      );
    });
    expect(code === '25006', `write on replica gave ${code}, want 25006 read_only_sql_transaction`);
    return 'INSERT rejected with 25006';
  });

  await step('stopPrimary / startPrimary', async () => {
    const c = need();
    await c.stopPrimary();
    const down = await count(c.primaryUrl).then(
      () => 'up',
      (err: { code?: string }) => err.code ?? 'error',
    );
    expect(down === 'ECONNREFUSED', `primary answered while stopped (${down})`);
    expect((await count(c.replicaUrl ?? '')) === 1001, 'replica stopped serving reads');
    const t0 = performance.now();
    await c.startPrimary();
    const restartMs = Math.round(performance.now() - t0);
    await withPgClient(c.primaryUrl, (pg) =>
      pg.query("INSERT INTO check_items (label) VALUES ('after restart')"),
    );
    await c.waitForReplicaCatchUp(15_000);
    expect((await count(c.replicaUrl ?? '')) === 1002, 'replica did not resume streaming');
    return `down=ECONNREFUSED, restart ${restartMs} ms, replica resumed streaming`;
  });

  await step('neon serverless Client through ws bridge', async () => {
    const c = need();
    const bridge = await startWsBridge();
    live.bridge = bridge;
    const sql = 'SELECT count(*)::int AS n, version() AS v FROM check_items';
    const rows = await neonQuery(bridge, c.primaryUrl, sql);
    expect(rows[0]?.n === 1002, `primary via bridge returned ${JSON.stringify(rows)}`);
    const rrows = await neonQuery(bridge, c.replicaUrl ?? '', 'SELECT pg_is_in_recovery() AS r');
    expect(rrows[0]?.r === true, 'replica via bridge is not in recovery');
    return `bridge :${bridge.port}, ${String(rows[0]?.v).split(' on ')[0]}`;
  });

  await step('bridge rejects non-loopback targets with 403', async () => {
    const port = live.bridge?.port ?? 0;
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/v1?address=10.1.2.3:5432`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => resolve(-1));
    });
    expect(status === 403, `got HTTP ${status}`);
    return 'HTTP 403';
  });

  await step('bridge turns ECONNREFUSED into a connection error', async () => {
    const c = need();
    const b = live.bridge;
    if (!b) throw new Error('no bridge');
    await c.stopPrimary();
    try {
      const outcome = await neonQuery(b, c.primaryUrl, 'SELECT 1').then(
        () => 'connected',
        (err: Error) => err.message,
      );
      expect(outcome !== 'connected', 'query succeeded against a stopped primary');
      return `driver error: "${outcome}"`;
    } finally {
      await c.startPrimary();
    }
  });

  await step('stop and reuse existing data (fresh=false)', async () => {
    await need().stop();
    await need().stop(); // idempotent
    const t0 = performance.now();
    const c = await startPostgresCluster({ dataDir });
    const startMs = Math.round(performance.now() - t0);
    live.cluster = c;
    await c.waitForReplicaCatchUp();
    const [p, r] = [await count(c.primaryUrl), await count(c.replicaUrl ?? '')];
    expect(p === 1002 && r === 1002, `after restart primary=${p} replica=${r}`);
    return `reuse start ${startMs} ms; primary and replica both have 1002 rows`;
  });

  await step('reuse while previous servers still run (simulated crash)', async () => {
    // The old cluster object is abandoned without stop(), like a crashed process would leave it.
    const c = await startPostgresCluster({ dataDir });
    live.cluster = c;
    expect((await count(c.replicaUrl ?? '')) === 1002, 'replica lost data');
    return 'stale servers stopped via pg_ctl, cluster restarted';
  });

  await live.bridge?.close();
  await live.cluster?.stop();
  if (failures === 0) await rm(dataDir, { recursive: true, force: true });
  else console.log(`data and logs kept in ${dataDir}`);
  console.log(failures === 0 ? 'ALL PASS' : `${failures} FAILED`);
  process.exitCode = failures === 0 ? 0 : 1;
}

await main();
