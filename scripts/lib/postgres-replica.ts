// Building blocks for postgres-cluster.ts: one postgres server process (run as OS user `postgres`
// when we are root), the streaming replica built by a low-level base backup (the embedded build
// ships no pg_basebackup), replay catch-up polling, and a tiny typed `pg` helper.

import { type ChildProcess, spawn } from 'node:child_process';
import type { Dirent } from 'node:fs';
import { closeSync, openSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The subset of node-postgres we use; `pg` ships no types and @types/pg is not installed. */
export interface PgClient {
  connect(): Promise<void>;
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): void;
}
type PgClientCtor = new (config: { connectionString: string; connectionTimeoutMillis?: number }) => PgClient;
const { Client } = createRequire(import.meta.url)('pg') as { Client: PgClientCtor };

/** Opens a connection, runs `fn`, always closes. Errors on an idle socket are swallowed, not thrown. */
export async function withPgClient<T>(url: string, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export interface FileOwner {
  uid: number;
  gid: number;
}

export const REPLICA_SLOT = 'fio_replica';
export const USER = 'postgres';
export const PASSWORD = 'postgres';

type RunAs = { uid?: number; gid?: number; env: NodeJS.ProcessEnv };

/** Options for running a Postgres binary; messages are forced to C so logs stay greppable. */
export function spawnOptions(owner: FileOwner | null): RunAs {
  return { ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C', LANG: 'C' } };
}

const liveServers = new Set<ChildProcess>();
let exitHookInstalled = false;

/** One postgres process; the data dir and port stay fixed so it can be stopped and started again. */
export class PgServer {
  private child: ChildProcess | null = null;
  private stopping = false;

  constructor(
    private readonly name: string,
    private readonly dir: string,
    readonly port: number,
    private readonly flags: string[],
    private readonly log: string,
    private readonly bin: string,
    private readonly owner: FileOwner | null,
  ) {}

  url(database: string): string {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${this.port}/${database}`;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    if (this.child) return;
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      // Synchronous last resort if the host exits without stop(): request a fast shutdown.
      process.on('exit', () => {
        for (const child of liveServers) child.kill('SIGINT');
      });
    }
    const logFd = openSync(this.log, 'a');
    const args = ['-D', this.dir, '-p', String(this.port), ...this.flags];
    const child = spawn(this.bin, args, {
      ...spawnOptions(this.owner),
      stdio: ['ignore', logFd, logFd],
    });
    closeSync(logFd);
    this.child = child;
    liveServers.add(child);
    let exited = false;
    const gone = (why: string): void => {
      exited = true;
      liveServers.delete(child);
      if (this.child === child) this.child = null;
      if (!this.stopping) console.error(`[postgres ${this.name}] ${why}; see ${this.log}`);
    };
    child.once('error', (err) => gone(`could not run: ${err.message}`));
    child.once('exit', (code, signal) => gone(`exited (code ${code}, signal ${signal})`));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exited) throw new Error(`postgres ${this.name} failed to start:\n${this.logTail()}`);
      try {
        // Checking the data dir guards against a foreign server already listening on our port.
        const dir = await withPgClient(this.url('postgres'), async (client) => {
          const { rows } = await client.query<{ dir: string }>(
            "SELECT current_setting('data_directory') AS dir",
          );
          return rows[0]?.dir;
        });
        if (dir !== undefined && path.resolve(dir) === path.resolve(this.dir)) return;
        throw new Error(`port ${this.port} is served by another postgres (${dir})`);
      } catch (err) {
        if (Date.now() > deadline) {
          await this.stop();
          throw new Error(`postgres ${this.name} not ready after ${timeoutMs}ms: ${String(err)}`);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Fast shutdown (SIGINT); escalates to immediate (SIGQUIT) if it hangs. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.stopping = true;
    try {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGINT');
      });
    } finally {
      this.stopping = false;
    }
  }

  private logTail(): string {
    try {
      return readFileSync(this.log, 'utf8').split('\n').slice(-15).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

// Same exclusions pg_basebackup applies: runtime-only state that must not seed a new server.
const SKIP_ENTRIES = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'pg_internal.init',
  'backup_label.old',
  'tablespace_map.old',
]);
const EMPTY_DIRS = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Copies a live data directory; files can vanish mid-copy (temp files, dropped relations), which is fine. */
async function copyDataDir(src: string, dest: string, owner: FileOwner | null, top: boolean): Promise<void> {
  await fs.mkdir(dest, { mode: 0o700 });
  if (owner) await fs.chown(dest, owner.uid, owner.gid);
  let entries: Dirent[];
  try {
    entries = await fs.readdir(src, { withFileTypes: true });
  } catch (err) {
    if (isMissing(err)) return;
    throw err;
  }
  // Entries of one directory are copied concurrently; libuv's thread pool bounds the real parallelism.
  const copyEntry = async (entry: Dirent): Promise<void> => {
    const from = path.join(src, entry.name);
    const to = path.join(dest, entry.name);
    if (SKIP_ENTRIES.has(entry.name) || entry.name.startsWith('pgsql_tmp')) return;
    try {
      if (entry.isDirectory()) {
        if (top && EMPTY_DIRS.has(entry.name)) {
          await fs.mkdir(to, { mode: 0o700 });
          if (owner) await fs.chown(to, owner.uid, owner.gid);
        } else {
          await copyDataDir(from, to, owner, false);
        }
      } else if (entry.isSymbolicLink()) {
        await fs.symlink(await fs.readlink(from), to);
        if (owner) await fs.lchown(to, owner.uid, owner.gid);
      } else if (entry.isFile()) {
        await fs.copyFile(from, to);
        if (owner) await fs.chown(to, owner.uid, owner.gid);
      }
    } catch (err) {
      if (!isMissing(err)) throw err;
    }
  };
  await Promise.all(entries.map(copyEntry));
}

async function writeOwned(file: string, content: string, owner: FileOwner | null): Promise<void> {
  await fs.writeFile(file, content, { mode: 0o600 });
  if (owner) await fs.chown(file, owner.uid, owner.gid);
}

/**
 * Makes sure the physical slot exists and still retains the WAL a replica needs.
 * Returns false when it had to be (re)created, i.e. any existing replica is unusable.
 */
export async function ensureReplicaSlot(adminUrl: string): Promise<boolean> {
  return withPgClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ wal_status: string | null }>(
      'SELECT wal_status FROM pg_replication_slots WHERE slot_name = $1',
      [REPLICA_SLOT],
    );
    const status = rows[0]?.wal_status;
    if (status !== undefined && status !== 'lost') return true;
    if (status === 'lost') await client.query('SELECT pg_drop_replication_slot($1)', [REPLICA_SLOT]);
    // immediately_reserve=true: WAL is retained from now on, i.e. from before the backup's checkpoint.
    await client.query('SELECT pg_create_physical_replication_slot($1, true)', [REPLICA_SLOT]);
    return false;
  });
}

/**
 * Builds a standby data directory at `replicaDir` from the running primary using the
 * non-exclusive low-level backup API. The copy lands in a temp dir first and is renamed
 * at the end, so a crash half-way never leaves a directory that looks usable.
 */
export async function createReplicaDataDir(
  adminUrl: string,
  primaryDir: string,
  replicaDir: string,
  owner: FileOwner | null,
): Promise<void> {
  const tmpDir = `${replicaDir}.partial`;
  await fs.rm(tmpDir, { recursive: true, force: true });
  await fs.rm(replicaDir, { recursive: true, force: true });
  // The backup session must stay open from pg_backup_start until pg_backup_stop.
  const { labelfile, spcmapfile } = await withPgClient(adminUrl, async (client) => {
    await client.query("SELECT pg_backup_start('fio-replica', true)");
    await copyDataDir(primaryDir, tmpDir, owner, true);
    // No WAL archiving here, so there is nothing to wait for; the replica streams WAL via the slot.
    const { rows } = await client.query<{ labelfile: string; spcmapfile: string | null }>(
      'SELECT labelfile, spcmapfile FROM pg_backup_stop(false)',
    );
    const row = rows[0];
    if (!row) throw new Error('pg_backup_stop returned no row');
    return row;
  });
  await writeOwned(path.join(tmpDir, 'backup_label'), labelfile, owner);
  if (spcmapfile) await writeOwned(path.join(tmpDir, 'tablespace_map'), spcmapfile, owner);
  await writeOwned(path.join(tmpDir, 'standby.signal'), '', owner);
  for (const sub of ['archive_status', 'summaries']) {
    await fs.mkdir(path.join(tmpDir, 'pg_wal', sub), { mode: 0o700 });
    if (owner) await fs.chown(path.join(tmpDir, 'pg_wal', sub), owner.uid, owner.gid);
  }
  await fs.rename(tmpDir, replicaDir);
}

/** Settings that make a copied data dir a hot standby streaming from `primaryPort`. */
export function replicaSettings(primaryPort: number, user: string, password: string): Record<string, string> {
  return {
    hot_standby: 'on',
    // Avoids replay conflicts cancelling long read queries on the replica.
    hot_standby_feedback: 'on',
    primary_conninfo: `host=127.0.0.1 port=${primaryPort} user=${user} password=${password} application_name=${REPLICA_SLOT}`,
    primary_slot_name: REPLICA_SLOT,
    // Reconnect quickly after a primary restart (fault tests); the default is 5s.
    wal_retrieve_retry_interval: '500ms',
  };
}

/** Polls until the replica has replayed everything the primary had written when called. */
export async function waitForReplay(
  primaryUrl: string,
  replicaUrl: string,
  timeoutMs: number,
): Promise<void> {
  const target = await withPgClient(primaryUrl, async (client) => {
    const { rows } = await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    return rows[0]?.lsn ?? '0/0';
  });
  const deadline = Date.now() + timeoutMs;
  let replayed: string | null = null;
  while (Date.now() < deadline) {
    try {
      const done = await withPgClient(replicaUrl, async (client) => {
        for (;;) {
          const { rows } = await client.query<{ ok: boolean; lsn: string | null }>(
            'SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS ok, pg_last_wal_replay_lsn()::text AS lsn',
            [target],
          );
          replayed = rows[0]?.lsn ?? null;
          if (rows[0]?.ok) return true;
          if (Date.now() >= deadline) return false;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      });
      if (done) return;
    } catch {
      // The replica may be restarting; retry until the deadline.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`replica did not replay ${target} within ${timeoutMs}ms (at ${replayed ?? 'unknown'})`);
}
