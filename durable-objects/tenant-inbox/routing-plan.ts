// Who gets which queued conversation, as a pure function of the queue, the teams and the agents (no I/O, no
// clock): the tenant inbox's drain asks it for a plan, then carries each assignment out through the
// conversation object. Rules (README "Routing"):
// - a team in `manual` mode is never routed; a conversation with no team is never routed (it waits for a take);
// - only agents online, active, members of the conversation's team and under their capacity receive work;
// - the queue goes highest priority first, then longest waiting (queuedAt), then conversation id;
// - balanced: the candidate with the fewest open assigned conversations, ties → the one assigned least
//   recently; round_robin: the next member after the team's last assignee, skipping full and offline ones;
// - a conversation requeued for being left unanswered avoids its last agent when anyone else can take it.
import type { RoutingMode } from '../../workers/contract';

export interface PlanTeam {
  id: string;
  mode: RoutingMode;
  /** Members in round-robin order. */
  memberIds: string[];
  /** The member this team last assigned to (round-robin continues after them). */
  lastAgentId: string | null;
}

export interface PlanAgent {
  id: string;
  name: string;
  /** Only agents whose presence is 'online' (not away, not offline) are given here. */
  capacity: number;
  /** Open conversations assigned to them now (plus assignments in flight). */
  load: number;
  /** When they were last given a conversation automatically (0: never). */
  lastAssignedMs: number;
}

export interface QueuedConversation {
  conversationId: string;
  protocol: string | null;
  teamId: string | null;
  priority: number;
  queuedMs: number;
  /** Give to someone else than this agent when possible (requeued as unanswered by them). */
  avoidAgentId: string | null;
}

export interface PlannedAssignment {
  conversationId: string;
  protocol: string | null;
  teamId: string;
  agentId: string;
  agentName: string;
}

/** Queue order: priority 5 first, then the oldest entry into the queue, then a stable tie-break. */
export function queueOrder(a: QueuedConversation, b: QueuedConversation): number {
  return (
    b.priority - a.priority ||
    a.queuedMs - b.queuedMs ||
    (a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0)
  );
}

/**
 * The assignments to make now. `agents` and `teams` are not modified (the plan works on copies); `order`
 * numbers assignments within the plan so "least recently assigned" also holds between them.
 */
export function planAssignments(input: {
  teams: readonly PlanTeam[];
  agents: readonly PlanAgent[];
  queue: readonly QueuedConversation[];
}): PlannedAssignment[] {
  const agents = new Map(input.agents.map((a) => [a.id, { ...a }]));
  const teams = new Map(
    input.teams.filter((t) => t.mode !== 'manual').map((t) => [t.id, { ...t, memberIds: [...t.memberIds] }]),
  );
  const out: PlannedAssignment[] = [];
  let free = [...agents.values()].reduce((n, a) => n + Math.max(0, a.capacity - a.load), 0);
  let stamp = Math.max(0, ...[...agents.values()].map((a) => a.lastAssignedMs)) + 1;
  for (const item of [...input.queue].sort(queueOrder)) {
    if (free <= 0) break;
    const team = item.teamId ? teams.get(item.teamId) : undefined;
    if (!team) continue;
    let candidates = team.memberIds
      .map((id) => agents.get(id))
      .filter((a): a is PlanAgent => a !== undefined && a.load < a.capacity);
    if (candidates.length === 0) continue;
    if (item.avoidAgentId && candidates.some((a) => a.id !== item.avoidAgentId))
      candidates = candidates.filter((a) => a.id !== item.avoidAgentId);
    const chosen = team.mode === 'balanced' ? leastLoaded(candidates) : nextInTurn(team, candidates);
    chosen.load += 1;
    chosen.lastAssignedMs = stamp++;
    team.lastAgentId = chosen.id;
    free -= 1;
    out.push({
      conversationId: item.conversationId,
      protocol: item.protocol,
      teamId: team.id,
      agentId: chosen.id,
      agentName: chosen.name,
    });
  }
  return out;
}

function leastLoaded(candidates: PlanAgent[]): PlanAgent {
  let best = candidates[0] as PlanAgent;
  for (const a of candidates.slice(1)) {
    if (
      a.load < best.load ||
      (a.load === best.load && a.lastAssignedMs < best.lastAssignedMs) ||
      (a.load === best.load && a.lastAssignedMs === best.lastAssignedMs && a.id < best.id)
    )
      best = a;
  }
  return best;
}

/** The first candidate after the team's last assignee in member order, wrapping around. */
function nextInTurn(team: PlanTeam, candidates: PlanAgent[]): PlanAgent {
  const eligible = new Set(candidates.map((a) => a.id));
  const members = team.memberIds;
  const start = team.lastAgentId ? members.indexOf(team.lastAgentId) : -1;
  for (let k = 1; k <= members.length; k++) {
    const id = members[(start + k + members.length) % members.length];
    if (id && eligible.has(id)) return candidates.find((a) => a.id === id) as PlanAgent;
  }
  return candidates[0] as PlanAgent;
}
