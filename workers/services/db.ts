// Postgres access from workerd: @neondatabase/serverless pools under drizzle, the primary plus read replicas
// through drizzle's withReplicas, and tenant-scoped transactions that set the RLS tenant for their duration.
import { neonConfig } from '@neondatabase/serverless';
import {
  createTableRelationsHelpers,
  type ExtractTablesWithRelations,
  extractTablesRelationalConfig,
  type RelationalSchemaConfig,
  type SQL,
  sql,
} from 'drizzle-orm';
import { NeonDatabase, NeonDriver } from 'drizzle-orm/neon-serverless';
import { PgDialect, type PgWithReplicas, withReplicas } from 'drizzle-orm/pg-core';
import * as schema from '../../drizzle/schema';
import { type Env, replicaUrls } from '../env';
import { BudgetedPool, connectionBudget } from './db-budget';
import { errorFields, log } from './log';

export type Database = NeonDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Queryable = Database | Tx;

let configuredProxy: string | undefined | null = null;

type Relational = RelationalSchemaConfig<ExtractTablesWithRelations<typeof schema>>;
let relational: Relational | undefined;
/**
 * The schema's relational config, built once per isolate. `drizzle({ client, schema })` builds it again for
 * every instance, and every request opens its own pools: it was a quarter of the HTTP Worker's CPU per
 * WhatsApp webhook (CPU profile under bench:webhooks' closed loop), most of which never query Postgres.
 */
function relationalSchema(): Relational {
  if (!relational) {
    const config = extractTablesRelationalConfig<Relational['schema']>(schema, createTableRelationsHelpers);
    relational = { fullSchema: schema, schema: config.tables, tableNamesMap: config.tableNamesMap };
  }
  return relational;
}

/** What `drizzle({ client, schema })` builds (drizzle-orm/neon-serverless), on the isolate's one relational config. */
function drizzleOn(client: BudgetedPool): Database {
  const dialect = new PgDialect();
  const config = relationalSchema();
  const session = new NeonDriver(client, dialect).createSession(config);
  return Object.assign(new NeonDatabase<typeof schema>(dialect, session, config), { $client: client });
}

/** Locally the driver reaches Postgres through a WebSocket-to-TCP bridge; Neon needs no proxy setting. */
export function configureDriver(env: Env): void {
  if (configuredProxy === (env.PG_WS_PROXY ?? undefined)) return;
  configuredProxy = env.PG_WS_PROXY ?? undefined;
  // The driver's write coalescing sends from setTimeout(0), and workerd defers timers in a Durable Object
  // while socket messages keep arriving: a busy conversation's flush would not leave until the burst ends.
  neonConfig.coalesceWrites = false;
  const proxy = env.PG_WS_PROXY;
  if (!proxy) return;
  neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineConnect = false;
  neonConfig.pipelineTLS = false;
  neonConfig.forceDisablePgSSL = true;
}

/**
 * Where a query that may be answered from a cache gets its primary: `Databases` opens the pool only when
 * `primary` is read, so a caller that finds its answer cached never builds one (webhooks mostly do).
 */
export type PrimaryAccess = Pick<Databases, 'primary'>;

export interface Databases {
  /** Writes, and reads of what the caller just wrote. */
  primary: Database;
  /** Reads that may lag a little (lists, old history); falls back to the primary when no replica is set. */
  db: PgWithReplicas<Database>;
  close(): Promise<void>;
}

/** A pooled client idle this long is closed, handing its permit back to the isolate's budget (ms). */
const POOL_IDLE_MS = 250;

/**
 * Opens pools for one request (workerd forbids sharing sockets across requests). Pools connect lazily,
 * so a request that never queries never opens a socket. Every connection takes a permit of the isolate's
 * budget (db-budget.ts); a pool holds at most two (an open transaction plus one read beside it), and an idle
 * one goes back quickly rather than after the driver's 10 s, because other objects of the isolate may wait.
 */
export function openDatabases(env: Env): Databases {
  configureDriver(env);
  const waitMs = connectionBudget(env).stats().waitMs;
  const pools: BudgetedPool[] = [];
  const pool = (connectionString: string) => {
    const p = new BudgetedPool({
      connectionString,
      max: 2,
      idleTimeoutMillis: POOL_IDLE_MS,
      // A pool-level wait (both clients busy) is bounded too: the budget's wait plus time to connect.
      connectionTimeoutMillis: waitMs + 5_000,
    });
    // An idle client whose socket drops (Postgres restarted, request finished) reports here; the next
    // query opens a new connection, so this is only worth a debug line, never an uncaught exception.
    p.on('error', (err: Error) => log('debug', 'idle Postgres client dropped', errorFields(err)));
    pools.push(p);
    return p;
  };
  // Built on first use: most webhook and socket requests are answered from caches and objects and never
  // touch Postgres, and building pools and drizzle instances for them was measurable per-request work.
  let primary: Database | null = null;
  let db: PgWithReplicas<Database> | null = null;
  const getPrimary = () => {
    primary ??= drizzleOn(pool(env.DATABASE_URL));
    return primary;
  };
  return {
    get primary() {
      return getPrimary();
    },
    get db() {
      if (!db) {
        const replicas = replicaUrls(env).map((url) => drizzleOn(pool(url)));
        const [first, ...rest] = replicas;
        db = withReplicas(getPrimary(), first ? [first, ...rest] : [getPrimary()]);
      }
      return db;
    },
    // Bounded: ending a pool whose server vanished must not hang the request or alarm that owns it.
    close: async () => {
      if (pools.length === 0) return;
      await withTimeout(Promise.allSettled(pools.map((p) => p.end())), 2_000, 'closing pools').catch(
        () => {},
      );
    },
  };
}

/**
 * One replica for a read that needs its own transaction (RLS sets the tenant per transaction, and
 * withReplicas sends transactions to the primary). Picked at random, like withReplicas does.
 */
export function replicaOf(db: PgWithReplicas<Database>): Database {
  const replicas = db.$replicas;
  return replicas[Math.floor(Math.random() * replicas.length)] ?? db.$primary;
}

/**
 * Runs fn in a transaction whose RLS tenant is `tenantId`. Every tenant-owned query goes through here, so a
 * forgotten WHERE still cannot see another tenant's rows. `database` may be a replica (read-only tx).
 */
export async function inTenant<T>(
  database: Database,
  tenantId: string,
  fn: (tx: Tx) => Promise<T>,
  settings: TransactionSettings = {},
): Promise<T> {
  return database.transaction(async (tx) => {
    await tx.execute(tenantSetup(tenantId, settings));
    return fn(tx);
  });
}

/** The statement that opens a tenant transaction: one round trip for the tenant and any settings, all `local`. */
export function tenantSetup(tenantId: string, settings: TransactionSettings = {}): SQL {
  const extra = Object.entries(settings).map(([name, value]) => sql`, set_config(${name}, ${value}, true)`);
  return sql`select set_config('app.tenant_id', ${tenantId}, true)${sql.join(extra)}`;
}

/** Postgres settings for one transaction only (`set local`), for reads that need more than the defaults. */
export interface TransactionSettings {
  /** Memory per sort or hash before it spills to disk, e.g. '32MB'. */
  work_mem?: string;
  /** The planner's price of starting parallel workers; higher keeps small statements serial. */
  parallel_setup_cost?: string;
}

/** Rejects after `ms` so a hung Postgres becomes a clear error instead of a stuck request. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * True for failures that mean "Postgres cannot be reached right now" (no connection, shutting down, too
 * many clients, our own deadline), as opposed to a query that Postgres answered with an error. Callers
 * turn these into 503 + Retry-After instead of a 500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(08|53300|57P0[1-3])/.test(code)) return true;
    if (
      /Connection terminated|ECONNREFUSED|connect ECONN|WebSocket|timed out after|Network connection lost/i.test(
        e.message,
      )
    ) {
      return true;
    }
  }
  return false;
}
