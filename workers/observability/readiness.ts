// What GET /ready checks, each timed: the Postgres primary (the only one that decides readiness: without it
// nothing durable happens), each read replica (with its replay lag), the archive backlog from the metrics
// store and the queue producers' bindings. Checks run
// in parallel, each bounded, so a hung dependency costs the probe at most CHECK_MS.
import { sql } from 'drizzle-orm';
import { type Env, replicaUrls } from '../env';
import { type Databases, withTimeout } from '../services/db';
import { metricsSnapshot } from './metrics';

const CHECK_MS = 3_000;

export interface ReadinessCheck {
  name: string;
  ok: boolean;
  ms: number;
  /** Whether a failure makes the Worker not ready (only the primary). */
  required: boolean;
  detail?: string;
  /** Replicas: seconds behind the primary's last replayed transaction (null when idle or unknown). */
  lagSeconds?: number | null;
  /** Archive: events not yet in Postgres across tenants, and the oldest one's age. */
  backlog?: number;
  archiveLagSeconds?: number;
}

export async function readinessChecks(env: Env, dbs: Databases): Promise<ReadinessCheck[]> {
  const replicas = replicaUrls(env).length > 0 ? dbs.db.$replicas : [];
  return Promise.all([
    timed('postgres_primary', true, async () => {
      await dbs.primary.execute(sql`select 1`);
      return {};
    }),
    ...replicas.map((replica, i) =>
      timed(`postgres_replica_${i + 1}`, false, async () => {
        const r = await replica.execute<{ lag: number | null }>(
          sql`select extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as lag`,
        );
        const lag = r.rows[0]?.lag ?? null;
        return { lagSeconds: lag === null ? null : Math.round(lag * 10) / 10 };
      }),
    ),
    timed('archive_backlog', false, async () => {
      const snap = await metricsSnapshot(env);
      let backlog = 0;
      let lag = 0;
      for (const g of snap.gauges) {
        if (g.name === 'fio_outbox_backlog') backlog += g.value;
        if (g.name === 'fio_archive_lag_seconds') lag = Math.max(lag, g.value);
      }
      return { backlog, archiveLagSeconds: Math.round(lag * 10) / 10 };
    }),
    timed('queues', false, async () => {
      const missing = (
        ['MEDIA_QUEUE', 'CAMPAIGN_QUEUE', 'CAMPAIGN_EVENTS_QUEUE', 'WEBHOOK_QUEUE'] as const
      ).filter((b) => typeof env[b]?.send !== 'function');
      if (missing.length > 0) throw new Error(`unbound: ${missing.join(', ')}`);
      return {};
    }),
  ]);
}

async function timed(
  name: string,
  required: boolean,
  check: () => Promise<Partial<ReadinessCheck>>,
): Promise<ReadinessCheck> {
  const started = Date.now();
  try {
    const extra = await withTimeout(check(), CHECK_MS, name);
    return { name, ok: true, ms: Date.now() - started, required, ...extra };
  } catch (err) {
    // A public probe: the kind of failure, never a driver message that may name hosts or users.
    const detail = err instanceof Error && err.message.includes('timed out') ? 'timed out' : 'failed';
    return { name, ok: false, ms: Date.now() - started, required, detail };
  }
}
