// The supervisors' live view (RoutingFrame): each active agent's presence, load and capacity, and each team's
// queue (plus the team-less one). Built from the setup and indexed counts; sent after `ready` and, coalesced to
// at most one every 250 ms, whenever a load, a queue or a presence changes. Live only, never replayed.
import type { RoutingLoad } from '../../workers/contract';
import { capacityOf, type ServiceSetup } from '../../workers/services/service-setup';
import type { InboxPresence } from './inbox-presence';
import type { RoutingIndex } from './routing-index';

export const ROUTING_FRAME_EVERY_MS = 250;

export function routingLoad(setup: ServiceSetup, presence: InboxPresence, index: RoutingIndex): RoutingLoad {
  const status = new Map(presence.all().map((p) => [p.userId, p.status]));
  const stats = new Map(index.queueStats().map((s) => [s.teamId, s]));
  const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);
  const teamless = stats.get(null);
  return {
    agents: setup.agents.map((a) => ({
      userId: a.id,
      name: a.name,
      status: status.get(a.id) ?? 'offline',
      load: index.loadOf(a.id),
      capacity: capacityOf(setup, a.id),
      teamIds: a.teamIds,
    })),
    queues: [
      ...setup.teams.map((t) => ({
        teamId: t.id,
        teamName: t.name,
        mode: t.mode,
        queued: stats.get(t.id)?.queued ?? 0,
        oldestQueuedAt: iso(stats.get(t.id)?.oldestMs),
      })),
      {
        teamId: null,
        teamName: null,
        mode: 'manual' as const,
        queued: teamless?.queued ?? 0,
        oldestQueuedAt: iso(teamless?.oldestMs),
      },
    ],
  };
}
