// Names the processes whose CPU the report shows: the bench process (it hosts the Postgres bridge), the driver,
// the dev proxies, the ceiling's and the floor's own workerd/wrangler, so they are not mistaken for Fio's, and Fio's HTTP
// Worker apart from its Durable Objects (scripts/bench/worker-roles.ts).
import type { WorkerProcess } from '../../lib/worker-process';
import { isDescendant, listenerPid, snapshot } from '../cpu';
import { workerRoles } from '../worker-roles';

export interface RolePids {
  driver: number;
  worker: WorkerProcess;
  ceilingPid: number;
  ceilingPort: number;
  floor: { http?: number; objects?: number };
  floorPort: number;
}

/** Fio's remaining processes (Postgres) keep cpu.ts's names. */
export function processRoles(p: RolePids): Map<number, string> {
  const roles = new Map<number, string>([
    ...workerRoles(p.worker),
    [process.pid, 'bench + pg bridge'],
    [p.driver, 'driver'],
  ]);
  const procs = snapshot().procs;
  const ceilingProxy = listenerPid(p.ceilingPort);
  for (const [pid, proc] of procs) {
    if (!isDescendant(pid, p.ceilingPid, procs)) continue;
    if (proc.comm !== 'workerd') roles.set(pid, 'ceiling wrangler (node)');
    else roles.set(pid, pid === ceilingProxy ? 'ceiling workerd (dev proxy)' : 'ceiling workerd (app)');
  }
  const floorProxy = listenerPid(p.floorPort);
  for (const [pid, proc] of procs) {
    const { http, objects } = p.floor;
    if (http !== undefined && isDescendant(pid, http, procs)) {
      if (proc.comm !== 'workerd') roles.set(pid, 'floor wrangler (node)');
      else roles.set(pid, pid === floorProxy ? 'floor workerd (dev proxy)' : 'floor workerd (HTTP)');
    } else if (objects !== undefined && isDescendant(pid, objects, procs)) {
      roles.set(pid, proc.comm === 'workerd' ? 'floor workerd (DOs)' : 'floor wrangler (node)');
    }
  }
  return roles;
}
