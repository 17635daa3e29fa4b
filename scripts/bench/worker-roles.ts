// Names Fio's workerd and wrangler processes for the benches' CPU table, in either layout: with the split
// (scripts/lib/worker-process.ts) the HTTP Worker and the Durable Objects are separate process trees, and
// their cost is worth seeing apart (which thread is the bottleneck).
import type { WorkerProcess } from '../lib/worker-process';
import { isDescendant, listenerPid, snapshot } from './cpu';

/** Roles for the processes under `worker` (call again after a restart: the pids change). */
export function workerRoles(worker: WorkerProcess): Map<number, string> {
  const roles = new Map<number, string>();
  const procs = snapshot().procs;
  const { http, objects } = worker.pids();
  const proxy = listenerPid(Number(new URL(worker.url).port));
  const app = worker.topology === 'split' ? 'fio workerd (HTTP Worker)' : 'fio workerd (app + DOs)';
  for (const [pid, proc] of procs) {
    if (http !== undefined && isDescendant(pid, http, procs)) {
      if (proc.comm !== 'workerd') roles.set(pid, 'fio wrangler (node)');
      else roles.set(pid, pid === proxy ? 'fio workerd (dev proxy)' : app);
    } else if (objects !== undefined && isDescendant(pid, objects, procs)) {
      roles.set(pid, proc.comm === 'workerd' ? 'fio-objects workerd (DOs)' : 'fio-objects wrangler (node)');
    }
  }
  return roles;
}
