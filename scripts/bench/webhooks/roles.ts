// Names the processes whose CPU the report shows: the bench process (it hosts the Postgres bridge), the driver,
// both dev proxies, and the ceiling's own workerd/wrangler, so they are not mistaken for Fio's.
import { listenerPid, snapshot } from '../cpu';

export interface RolePids {
  driver: number;
  fioPort: number;
  ceilingPid: number;
  ceilingPort: number;
}

function descendsFrom(pid: number, root: number, parents: Map<number, number>): boolean {
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    if (p === root) return true;
    p = parents.get(p) ?? 0;
  }
  return false;
}

/** Fio's remaining processes keep cpu.ts's names: workerd (app + DOs), wrangler (node), postgres. */
export function processRoles(p: RolePids): Map<number, string> {
  const roles = new Map<number, string>([
    [process.pid, 'bench + pg bridge'],
    [p.driver, 'driver'],
  ]);
  const procs = snapshot().procs;
  const parents = new Map([...procs].map(([pid, proc]) => [pid, proc.ppid]));
  const ceilingProxy = listenerPid(p.ceilingPort);
  for (const [pid, proc] of procs) {
    if (!descendsFrom(pid, p.ceilingPid, parents)) continue;
    if (proc.comm !== 'workerd') roles.set(pid, 'ceiling wrangler (node)');
    else roles.set(pid, pid === ceilingProxy ? 'ceiling workerd (dev proxy)' : 'ceiling workerd (app)');
  }
  const fioProxy = listenerPid(p.fioPort);
  if (fioProxy !== null) roles.set(fioProxy, 'fio workerd (dev proxy)');
  return roles;
}
