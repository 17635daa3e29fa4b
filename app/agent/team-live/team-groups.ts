// The live team view's layout from a routing frame: one group per queue (its team's agents under it), then
// agents in no team; and the ticking wait of a queue. Pure, for tests.
import type { RoutingLoad } from '../../../workers/contract';

export type LoadAgent = RoutingLoad['agents'][number];
export type LoadQueue = RoutingLoad['queues'][number];

export interface TeamGroup {
  key: string;
  queue: LoadQueue | null;
  agents: LoadAgent[];
}

const STATUS_ORDER = { online: 0, away: 1, offline: 2 } as const;

/** Online first, then away, then offline; by name within each. */
function byStatus(a: LoadAgent, b: LoadAgent): number {
  return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name);
}

export function teamGroups(routing: RoutingLoad): TeamGroup[] {
  const groups: TeamGroup[] = routing.queues.map((queue) => ({
    key: queue.teamId ?? 'none',
    queue,
    agents: queue.teamId
      ? routing.agents.filter((a) => a.teamIds.includes(queue.teamId as string)).sort(byStatus)
      : [],
  }));
  const loose = routing.agents.filter((a) => a.teamIds.length === 0).sort(byStatus);
  if (loose.length > 0) {
    const none = groups.find((g) => g.key === 'none');
    if (none) none.agents = loose;
    else groups.push({ key: 'none', queue: null, agents: loose });
  }
  return groups;
}

/** "0:42", "12:05", "1:02:09": how long the oldest queued conversation has waited, to the second. */
export function waitClock(since: string, now: number): string {
  const total = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}
