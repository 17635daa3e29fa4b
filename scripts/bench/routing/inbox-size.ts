// What the tenant inbox object holds, read from outside workerd: its SQLite file in the stack's persisted
// object storage (wrangler keeps one `<id>.sqlite` per object: page_count × page_size, the summaries row
// count, the tenant it serves from its meta table) and the resident memory of the workerd processes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { snapshot } from '../cpu';

export interface InboxFile {
  tenantId: string | null;
  /** page_count × page_size as SQLite reports it (WAL included), or the files' sizes if it cannot be opened. */
  bytes: number;
  summaries: number | null;
  method: 'sqlite' | 'file size';
}

type Db = {
  prepare(sql: string): { get(...args: unknown[]): Record<string, unknown> | undefined };
  close(): void;
};

/** node:sqlite (Node 22+); without it, file sizes. */
async function openReadOnly(path: string): Promise<Db | null> {
  try {
    const mod = (await import('node:sqlite')) as unknown as {
      DatabaseSync: new (p: string, o: { readOnly: boolean }) => Db;
    };
    return new mod.DatabaseSync(path, { readOnly: true });
  } catch {
    return null;
  }
}

const size = (p: string) => {
  try {
    return statSync(p).size;
  } catch {
    return 0;
  }
};

/** Every tenant inbox object's SQLite under the worker's state directory. */
export async function inboxFiles(workerStateDir: string): Promise<InboxFile[]> {
  const root = join(workerStateDir, 'wrangler', 'v3', 'do');
  let dirs: string[] = [];
  try {
    dirs = readdirSync(root).filter((d) => d.endsWith('-TenantInboxDO'));
  } catch {
    return [];
  }
  const out: InboxFile[] = [];
  for (const dir of dirs) {
    for (const f of readdirSync(join(root, dir))) {
      if (!f.endsWith('.sqlite') || f === 'metadata.sqlite') continue;
      const path = join(root, dir, f);
      const db = await openReadOnly(path);
      if (!db) {
        out.push({
          tenantId: null,
          bytes: size(path) + size(`${path}-wal`),
          summaries: null,
          method: 'file size',
        });
        continue;
      }
      try {
        const pages = Number(db.prepare('PRAGMA page_count').get()?.page_count ?? 0);
        const pageSize = Number(db.prepare('PRAGMA page_size').get()?.page_size ?? 0);
        const tenant = db.prepare(`SELECT value FROM meta WHERE key = 'tenant'`).get()?.value;
        const n = db.prepare('SELECT count(*) AS n FROM summaries').get()?.n;
        out.push({
          tenantId: typeof tenant === 'string' ? tenant : null,
          bytes: pages * pageSize,
          summaries: n === undefined ? null : Number(n),
          method: 'sqlite',
        });
      } catch {
        out.push({
          tenantId: null,
          bytes: size(path) + size(`${path}-wal`),
          summaries: null,
          method: 'file size',
        });
      } finally {
        db.close();
      }
    }
  }
  return out;
}

/**
 * With workerd stopped: clears the inbox's "built" flag in its SQLite (meta key `built`), so its next hello
 * rebuilds from Postgres again and adds the conversations the last rebuild's limit left out (rows already
 * held are kept: a rebuild row never replaces one). Returns false when the file or node:sqlite is missing.
 */
export async function forgetBuilt(workerStateDir: string, tenantId: string): Promise<boolean> {
  const root = join(workerStateDir, 'wrangler', 'v3', 'do');
  let mod: { DatabaseSync: new (p: string) => Db & { exec(sql: string): void } };
  try {
    mod = (await import('node:sqlite')) as unknown as typeof mod;
  } catch {
    return false;
  }
  for (const dir of readdirSync(root).filter((d) => d.endsWith('-TenantInboxDO'))) {
    for (const f of readdirSync(join(root, dir))) {
      if (!f.endsWith('.sqlite') || f === 'metadata.sqlite') continue;
      const db = new mod.DatabaseSync(join(root, dir, f));
      try {
        const tenant = db.prepare(`SELECT value FROM meta WHERE key = 'tenant'`).get()?.value;
        if (tenant !== tenantId) continue;
        db.exec(`DELETE FROM meta WHERE key = 'built'`);
        return true;
      } catch {
        // not an inbox of this shape
      } finally {
        db.close();
      }
    }
  }
  return false;
}

function isOurs(pid: number, procs: Map<number, { ppid: number }>): boolean {
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    if (p === process.pid) return true;
    p = procs.get(p)?.ppid ?? 0;
  }
  return false;
}

/** Resident memory of this bench's workerd processes (bytes; VmRSS from /proc), and how many there are. */
export function workerdRss(): { bytes: number; processes: number } {
  const procs = snapshot().procs;
  let bytes = 0;
  let processes = 0;
  for (const [pid, p] of procs) {
    if (p.comm !== 'workerd' || !isOurs(pid, procs)) continue;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) {
        bytes += Number(m[1]) * 1024;
        processes++;
      }
    } catch {
      // gone meanwhile
    }
  }
  return { bytes, processes };
}

/** Waits until workerd's RSS stops moving (GC after a load), bounded; returns the last reading. */
export async function settledRss(maxMs = 5_000): Promise<number> {
  let last = workerdRss().bytes;
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    const now = workerdRss().bytes;
    if (Math.abs(now - last) < 256 * 1024) return now;
    last = now;
  }
  return last;
}
