// Where the CPU went during a run: per-process user+system time from /proc, grouped by role (workerd,
// Postgres, driver, …), in cores busy over the run, plus the machine's overall busy share.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat (100 on Linux x86-64 and arm64). */
const TICKS_PER_SECOND = 100;

interface Proc {
  comm: string;
  ppid: number;
  ticks: number;
}

export interface CpuSnapshot {
  at: number;
  procs: Map<number, Proc>;
  busy: number;
  total: number;
}

export interface CpuUsage {
  seconds: number;
  /** Cores busy on average, per role. */
  cores: Record<string, number>;
  /** Share of all cores busy, 0..1. */
  machineBusy: number;
}

function readProc(pid: number): Proc | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const rest = stat.slice(close + 2).split(' ');
    // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
    return { comm, ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return null;
  }
}

export function snapshot(): CpuSnapshot {
  const procs = new Map<number, Proc>();
  try {
    for (const name of readdirSync('/proc')) {
      const pid = Number(name);
      if (!Number.isInteger(pid)) continue;
      const p = readProc(pid);
      if (p) procs.set(pid, p);
    }
  } catch {
    // no /proc: usage stays empty
  }
  let busy = 0;
  let total = 0;
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const v = line.trim().split(/\s+/).slice(1, 9).map(Number);
    total = v.reduce((a, b) => a + b, 0);
    busy = total - (v[3] ?? 0) - (v[4] ?? 0);
  } catch {
    // no /proc/stat
  }
  return { at: performance.now(), procs, busy, total };
}

/** Whether `pid` is `root` or runs under it (parent links of one snapshot). */
export function isDescendant(pid: number, root: number, procs: Map<number, Proc>): boolean {
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    if (p === root) return true;
    p = procs.get(p)?.ppid ?? 0;
  }
  return false;
}

/** `roles` names specific pids (this process, the driver, the baseline); the rest are grouped by name. */
export function usage(start: CpuSnapshot, end: CpuSnapshot, roles: Map<number, string>): CpuUsage {
  const seconds = (end.at - start.at) / 1000;
  const cores: Record<string, number> = {};
  for (const [pid, p] of end.procs) {
    const ticks = p.ticks - (start.procs.get(pid)?.ticks ?? 0);
    if (ticks <= 0) continue;
    let role = roles.get(pid);
    if (!role) {
      if (!isDescendant(pid, process.pid, end.procs)) role = 'outside the bench';
      else if (p.comm === 'workerd') role = 'workerd (app + DOs)';
      else if (p.comm === 'postgres') role = 'postgres';
      else if (p.comm.startsWith('chrom') || p.comm.startsWith('headless')) role = 'chromium';
      else if (p.comm.startsWith('node') || p.comm.startsWith('MainThread')) role = 'wrangler (node)';
      else role = 'other';
    }
    cores[role] = (cores[role] ?? 0) + ticks / TICKS_PER_SECOND / Math.max(seconds, 1e-3);
  }
  const total = end.total - start.total;
  return { seconds, cores, machineBusy: total > 0 ? (end.busy - start.busy) / total : 0 };
}

/** The pid holding a loopback TCP listener on `port` (IPv4), among this process's descendants; null if unknown. */
export function listenerPid(port: number): number | null {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let inode: string | undefined;
  try {
    for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A') inode = f[9];
    }
  } catch {
    return null;
  }
  if (!inode) return null;
  const procs = snapshot().procs;
  for (const [pid] of procs) {
    if (!isDescendant(pid, process.pid, procs)) continue;
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`))
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`) return pid;
    } catch {
      // gone, or not ours to read
    }
  }
  return null;
}

/** The TCP ports `pid` listens on (Linux: its socket inodes matched against /proc/net/tcp; elsewhere none). */
export function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m?.[1]) inodes.add(m[1]);
    }
    const ports: number[] = [];
    for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      const port = f[1]?.split(':')[1];
      if (f[3] === '0A' && port && f[9] && inodes.has(f[9])) ports.push(Number.parseInt(port, 16));
    }
    return ports;
  } catch {
    return [];
  }
}
