// The live supervisor view derived on the client from what the inbox socket already streams: the routing
// frame (queues per team, agents' status and load), the conversation summaries (SLA standing of each open
// ticket) and the active outages. No endpoint of its own: it moves the moment a frame arrives. Pure, for tests;
// its shape is the contract's LiveSupervisorView plus the breached count and the tickets at risk.
import type { InboxSummary, RoutingLoad } from '../../../workers/contract';
import { slaStanding } from '../../../workers/contract/inbox';
import type { OutageView } from '../../../workers/contract/outages';
import type { LiveSupervisorView } from '../../../workers/contract/reports';

export type LiveTeam = LiveSupervisorView['teams'][number] & { slaBreached: number; key: string };

export interface SlaTicket {
  conversationId: string;
  contact: string;
  teamName: string | null;
  assigneeName: string | null;
  standing: 'at_risk' | 'breached';
  dueAt: string | null;
}

export interface LiveView extends Omit<LiveSupervisorView, 'teams'> {
  teams: LiveTeam[];
  /** Tickets at risk or breached, the most urgent first (breached, then by due time). */
  slaTickets: SlaTicket[];
}

const PRESENCE_ORDER = { online: 0, away: 1, offline: 2 } as const;

export function liveView(
  routing: RoutingLoad | null,
  summaries: readonly InboxSummary[],
  outages: readonly OutageView[],
  nowMs: number,
): LiveView {
  const open = summaries.filter((s) => s.status !== 'closed');
  const standing = new Map<string, 'at_risk' | 'breached'>();
  for (const s of open) {
    const st = slaStanding(s.sla, nowMs);
    if (st === 'at_risk' || st === 'breached') standing.set(s.conversationId, st);
  }
  const countFor = (teamId: string | null, which: 'at_risk' | 'breached') =>
    open.filter((s) => s.teamId === teamId && standing.get(s.conversationId) === which).length;

  const agents = routing?.agents ?? [];
  const teams: LiveTeam[] = (routing?.queues ?? []).map((q) => ({
    key: q.teamId ?? 'none',
    teamId: q.teamId,
    name: q.teamName ?? '',
    waiting: q.queued,
    longestWaitSeconds: q.oldestQueuedAt
      ? Math.max(0, Math.floor((nowMs - Date.parse(q.oldestQueuedAt)) / 1000))
      : null,
    agentsOnline: agents.filter(
      (a) => a.status === 'online' && q.teamId !== null && a.teamIds.includes(q.teamId),
    ).length,
    slaAtRisk: countFor(q.teamId, 'at_risk'),
    slaBreached: countFor(q.teamId, 'breached'),
  }));

  const slaTickets: SlaTicket[] = open
    .filter((s) => standing.has(s.conversationId))
    .map((s) => ({
      conversationId: s.conversationId,
      contact: s.contact.name ?? s.contact.phone ?? s.protocol ?? s.conversationId.slice(0, 8),
      teamName: s.teamName,
      assigneeName: s.assigneeName,
      standing: standing.get(s.conversationId) as 'at_risk' | 'breached',
      dueAt: s.sla?.dueAt ?? null,
    }))
    .sort(
      (a, b) =>
        (a.standing === 'breached' ? 0 : 1) - (b.standing === 'breached' ? 0 : 1) ||
        (a.dueAt ?? '').localeCompare(b.dueAt ?? ''),
    );

  return {
    at: new Date(nowMs).toISOString(),
    teams,
    agents: [...agents]
      .sort((a, b) => PRESENCE_ORDER[a.status] - PRESENCE_ORDER[b.status] || a.name.localeCompare(b.name))
      .map((a) => ({
        userId: a.userId,
        name: a.name,
        presence: a.status,
        open: a.load,
        capacity: a.capacity,
      })),
    outages: outages.map((o) => ({
      id: o.id,
      title: o.title,
      startsAt: o.startsAt,
      conversations: o.conversationCount,
    })),
    slaTickets,
  };
}
