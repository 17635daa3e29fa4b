// What the scale run reads from outside the product while it runs: each of this bench's workerd processes'
// resident memory (VmRSS from /proc), Postgres connections by role and state (pg_stat_activity, sampled
// every second, the maximum kept), and Postgres's rows and bytes (pg_stat_user_tables, pg_database_size).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import pg from 'pg';
import { snapshot } from '../cpu';

function isOurs(pid: number, procs: Map<number, { ppid: number }>): boolean {
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    if (p === process.pid) return true;
    p = procs.get(p)?.ppid ?? 0;
  }
  return false;
}

/** Each of our workerd processes' RSS in bytes, largest first (one process today; two once the objects split). */
export function workerdProcesses(): { pid: number; rss: number }[] {
  const procs = snapshot().procs;
  const out: { pid: number; rss: number }[] = [];
  for (const [pid, p] of procs) {
    if (p.comm !== 'workerd' || !isOurs(pid, procs)) continue;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) out.push({ pid, rss: Number(m[1]) * 1024 });
    } catch {
      // gone meanwhile
    }
  }
  return out.sort((a, b) => b.rss - a.rss);
}

export const totalRss = () => workerdProcesses().reduce((s, p) => s + p.rss, 0);

/**
 * Open files of our busiest workerd process (/proc/<pid>/fd) and its limit: a live conversation object holds
 * its SQLite files open, and the run crashed workerd at this machine's 20,000 (`accept(): Too many
 * open files`), so the run reports how close each phase came.
 */
export function workerdOpenFiles(): {
  open: number;
  limit: number | null;
  /** What the busiest one's descriptors are: sockets, SQLite files (with WAL and shm), the rest. */
  kinds: { sockets: number; sqlite: number; other: number };
} {
  let open = 0;
  let limit: number | null = null;
  let busiest: number | null = null;
  for (const { pid } of workerdProcesses()) {
    try {
      const n = readdirSync(`/proc/${pid}/fd`).length;
      if (n < open) continue;
      open = n;
      busiest = pid;
      const m = /Max open files\s+(\d+)/.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'));
      limit = m ? Number(m[1]) : null;
    } catch {
      // gone meanwhile
    }
  }
  const kinds = { sockets: 0, sqlite: 0, other: 0 };
  if (busiest !== null) {
    try {
      for (const fd of readdirSync(`/proc/${busiest}/fd`)) {
        let target = '';
        try {
          target = readlinkSync(`/proc/${busiest}/fd/${fd}`);
        } catch {
          continue; // closed meanwhile
        }
        if (target.startsWith('socket:')) kinds.sockets++;
        else if (/\.sqlite(-wal|-shm)?$/.test(target)) kinds.sqlite++;
        else kinds.other++;
      }
    } catch {
      // gone meanwhile
    }
  }
  return { open, limit, kinds };
}

/** RSS once it stops moving (GC after a burst), bounded. */
export async function settled(maxMs = 15_000): Promise<number> {
  let last = totalRss();
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1_000));
    const now = totalRss();
    if (Math.abs(now - last) < 512 * 1024) return now;
    last = now;
  }
  return last;
}

export interface ConnectionPeak {
  /** `role/state` → the most connections seen at once. */
  byRoleState: Record<string, number>;
  maxTotal: number;
  samples: number;
}

/** Samples pg_stat_activity every second until stopped. */
export function connectionSampler(ownerUrl: string) {
  const client = new pg.Client({ connectionString: ownerUrl });
  client.on('error', () => {});
  const peak: ConnectionPeak = { byRoleState: {}, maxTotal: 0, samples: 0 };
  let stopped = false;
  const loop = (async () => {
    await client.connect();
    while (!stopped) {
      const rows = (
        await client.query<{ k: string; n: number }>(
          `select coalesce(usename, '(system)') || '/' || coalesce(state, '—') as k, count(*)::int as n
             from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()
            group by 1`,
        )
      ).rows;
      let total = 0;
      for (const r of rows) {
        total += r.n;
        peak.byRoleState[r.k] = Math.max(peak.byRoleState[r.k] ?? 0, r.n);
      }
      peak.maxTotal = Math.max(peak.maxTotal, total);
      peak.samples++;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  })();
  return {
    peak,
    async stop(): Promise<ConnectionPeak> {
      stopped = true;
      await loop.catch(() => {});
      await client.end().catch(() => {});
      return peak;
    },
  };
}

export interface PgCounts {
  /** Live rows per table (partitions folded into their parent name). */
  rows: Record<string, number>;
  /** Inserted + updated + deleted rows since the stats began, all tables. */
  writes: number;
  databaseBytes: number;
}

export async function pgCounts(ownerUrl: string): Promise<PgCounts> {
  const client = new pg.Client({ connectionString: ownerUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    // Backends flush their table statistics at most once a second: wait for the last writes to show.
    await new Promise((r) => setTimeout(r, 1_500));
    const res = await client.query<{ rel: string; live: string; writes: string }>(
      `select regexp_replace(relname, '_(default|p\\d+.*)$', '') as rel, sum(n_live_tup)::bigint as live,
              sum(n_tup_ins + n_tup_upd + n_tup_del)::bigint as writes
         from pg_stat_user_tables group by 1`,
    );
    const size = await client.query<{ b: string }>(
      `select pg_database_size(current_database())::bigint as b`,
    );
    const rows: Record<string, number> = {};
    let writes = 0;
    for (const r of res.rows) {
      rows[r.rel] = Number(r.live);
      writes += Number(r.writes);
    }
    return { rows, writes, databaseBytes: Number(size.rows[0]?.b ?? 0) };
  } finally {
    await client.end();
  }
}

/** Counts every run-tagged message Postgres holds (exactly once?) and their archive lag (archived_at − created_at). */
export async function archived(
  ownerUrl: string,
  like: string,
): Promise<{ markers: Map<string, number>; lagMs: number[] }> {
  const client = new pg.Client({ connectionString: ownerUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    const res = await client.query<{ text: string; lag: number }>(
      `select payload->'message'->>'text' as text,
              (extract(epoch from (archived_at - created_at)) * 1000)::float8 as lag
         from conversation_events
        where type = 'message.created' and payload->'message'->>'text' like $1`,
      [like],
    );
    const markers = new Map<string, number>();
    const lagMs: number[] = [];
    for (const r of res.rows) {
      const m = /#[a-z0-9]+#/.exec(r.text);
      if (!m) continue;
      markers.set(m[0], (markers.get(m[0]) ?? 0) + 1);
      lagMs.push(r.lag);
    }
    return { markers, lagMs };
  } finally {
    await client.end();
  }
}
