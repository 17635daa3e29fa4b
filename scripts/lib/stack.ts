// The whole local product in one call: Postgres (embedded primary + replica, or $DATABASE_URL), the
// WebSocket bridge, migrations, the demo seed, and the Worker in workerd. Used by `npm run dev`, the
// end-to-end tests and the benchmarks, so all three run the same thing.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { appRoleUrl, enableAppRoleLogin, migrate } from '../migrate';
import { DEMO_TENANT, type SeededTenant, seedTenant } from '../seed';
import { findFreePort, type PostgresCluster, startPostgresCluster } from './postgres-cluster';
import { type WorkerProcess, workerProcess } from './worker-process';
import { startWsBridge, type WsBridge } from './ws-bridge';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);

export interface StackOptions {
  /** Where Postgres data, DO storage, secrets and logs live (git-ignored). */
  dataDir: string;
  fresh?: boolean;
  workerPort?: number;
  /** Use this Postgres (owner role) instead of the embedded one. */
  databaseUrl?: string;
  appDatabaseUrl?: string;
  replicaUrls?: string[];
  eventRetention?: number;
  echoWorkerLogs?: boolean;
}

export interface Stack {
  workerUrl: string;
  ownerUrl: string;
  appUrl: string;
  replicaUrls: string[];
  cluster: PostgresCluster | null;
  demo: SeededTenant;
  worker: WorkerProcess;
  stop(): Promise<void>;
}

/** A random secret kept in the data dir, so restarts keep tokens and the app role's password valid. */
function persistentSecret(
  dataDir: string,
  name: string,
  encoding: 'base64url' | 'base64' = 'base64url',
): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = randomBytes(32).toString(encoding);
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const dataDir = resolve(opts.dataDir);
  if (opts.fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => {});
    cleanups.length = 0;
  };
  try {
    let cluster: PostgresCluster | null = null;
    let ownerUrl: string;
    let appUrl: string;
    let replicaUrls: string[];
    if (opts.databaseUrl) {
      ownerUrl = opts.databaseUrl;
      await migrate(ownerUrl);
      appUrl = opts.appDatabaseUrl ?? ownerUrl;
      replicaUrls = opts.replicaUrls ?? [];
    } else {
      cluster = await startPostgresCluster({ dataDir: join(dataDir, 'postgres'), database: 'fio' });
      const c = cluster;
      cleanups.push(() => c.stop());
      ownerUrl = cluster.primaryUrl;
      await migrate(ownerUrl);
      const password = persistentSecret(dataDir, 'app-role-password');
      await enableAppRoleLogin(ownerUrl, password);
      appUrl = appRoleUrl(ownerUrl, password);
      replicaUrls = cluster.replicaUrl ? [appRoleUrl(cluster.replicaUrl, password)] : [];
    }
    const demo = await seedTenant(ownerUrl, DEMO_TENANT);

    let bridge: WsBridge | null = null;
    if ([appUrl, ...replicaUrls].some(isLoopback)) {
      bridge = await startWsBridge({ host: '127.0.0.1' });
      const b = bridge;
      cleanups.push(() => b.close());
    }
    const worker = workerProcess({
      root: ROOT,
      port: opts.workerPort ?? (await findFreePort()),
      stateDir: join(dataDir, 'worker'),
      logFile: join(dataDir, 'worker.log'),
      echo: opts.echoWorkerLogs ?? false,
      vars: {
        DATABASE_URL: appUrl,
        DATABASE_REPLICA_URLS: replicaUrls.join(','),
        JWT_SECRET: process.env.JWT_SECRET ?? persistentSecret(dataDir, 'jwt-secret'),
        DO_EVENT_RETENTION: String(opts.eventRetention ?? 1000),
        CHANNEL_SECRETS_KEY:
          process.env.CHANNEL_SECRETS_KEY ?? persistentSecret(dataDir, 'channel-secrets-key', 'base64'),
        WHATSAPP_APP_SECRET:
          process.env.WHATSAPP_APP_SECRET ?? persistentSecret(dataDir, 'whatsapp-app-secret'),
        WHATSAPP_VERIFY_TOKEN:
          process.env.WHATSAPP_VERIFY_TOKEN ?? persistentSecret(dataDir, 'whatsapp-verify-token'),
        ...(bridge ? { PG_WS_PROXY: `127.0.0.1:${bridge.port}` } : {}),
      },
    });
    cleanups.push(() => worker.stop());
    await worker.start();
    return { workerUrl: worker.url, ownerUrl, appUrl, replicaUrls, cluster, demo, worker, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
