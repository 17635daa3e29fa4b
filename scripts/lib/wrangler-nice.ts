// Lowers the scheduling priority of a `wrangler dev`'s own node processes (never its workerd children), so on
// a saturated machine the runtime that answers requests runs first and wrangler's bookkeeping waits.
// Why: wrangler source-maps every uncaught exception and error line the Worker reports, re-reading and
// re-parsing the bundle's source map (6.6 MB for fio-objects) each time. Under a webhook burst the objects
// reported hundreds (Postgres deadlines missed while starved), their wrangler took a quarter of a core on
// this 2-core machine, starving workerd further: a spiral in which the split stack stopped answering for
// tens of seconds. Stopping that node process outright tripled throughput with no stall, so nothing on the
// request path waits on it. Only node itself is lowered: workerd's own path holds "node_modules", and a match on
// that once lowered workerd with it, so the runtime ran at the lowest priority on every stack (the 60-tenant
// scale run's objects were starved by the bench driving them). Linux only (/proc); elsewhere a no-op.
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The lowest priority: wrangler's node work runs in the CPU time workerd leaves. */
const NICE = 19;

/** `pid` (the spawned wrangler shim) and its node descendants, workerd and esbuild left as they are. */
export function deprioritizeWrangler(pid: number): void {
  for (const p of [pid, ...descendants(pid)]) {
    if (!isNodeExecutable(command(p))) continue;
    try {
      setPriority(p, NICE);
    } catch {
      // gone already, or not ours to change: the stack still works, only less fairly scheduled
    }
  }
}

/** The node binary, by its file name (`node`, `/usr/bin/node`); never workerd or esbuild under node_modules. */
export function isNodeExecutable(executable: string): boolean {
  return /(^|\/)node$/.test(executable);
}

/** The executable of a running process ('' once it is gone). */
export function command(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
  } catch {
    return '';
  }
}

function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

export function descendants(pid: number): number[] {
  const out: number[] = [];
  for (const c of children(pid)) out.push(c, ...descendants(c));
  return out;
}
