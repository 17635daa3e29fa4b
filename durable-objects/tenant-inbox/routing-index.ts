// Routing's questions to the inbox store, each answered from an index (summaries_queue, summaries_assignee,
// summaries_unanswered in inbox-store.ts), never by a sweep over every open conversation: an agent's load,
// a team's head of queue, an agent's open conversations, the unanswered ones due, and the queues' sizes.
import type { QueuedConversation } from './routing-plan';

export interface QueueStat {
  teamId: string | null;
  queued: number;
  oldestMs: number | null;
}

export class RoutingIndex {
  constructor(private readonly sql: SqlStorage) {}

  /** Open conversations assigned to the agent now. */
  loadOf(agentId: string): number {
    return this.sql
      .exec<{ n: number }>(
        "SELECT count(*) AS n FROM summaries WHERE assignee_id = ? AND status = 'assigned'",
        agentId,
      )
      .one().n;
  }

  /** The head of a team's queue: highest priority first, then the longest waiting, at most `limit`. */
  queued(teamId: string, limit: number): QueuedConversation[] {
    return this.sql
      .exec<{
        conversation_id: string;
        protocol: string | null;
        priority: number;
        queued_ms: number;
        avoid_id: string | null;
      }>(
        `SELECT conversation_id, json_extract(body, '$.protocol') AS protocol, priority, queued_ms, avoid_id
         FROM summaries WHERE status = 'queued' AND team_id = ?
         ORDER BY priority DESC, queued_ms LIMIT ?`,
        teamId,
        limit,
      )
      .toArray()
      .map((r) => ({
        conversationId: r.conversation_id,
        protocol: r.protocol,
        teamId,
        priority: r.priority,
        queuedMs: r.queued_ms,
        avoidAgentId: r.avoid_id,
      }));
  }

  /** The agent's open conversations with their teams (the ones an offline requeue gives back). */
  assignedTo(agentId: string): { conversationId: string; teamId: string | null }[] {
    return this.sql
      .exec<{ conversation_id: string; team_id: string | null }>(
        "SELECT conversation_id, team_id FROM summaries WHERE assignee_id = ? AND status = 'assigned'",
        agentId,
      )
      .toArray()
      .map((r) => ({ conversationId: r.conversation_id, teamId: r.team_id }));
  }

  /** A team's assigned conversations whose customer has waited for the assignee since before `dueFromMs`. */
  unansweredSince(
    teamId: string,
    dueFromMs: number,
  ): { conversationId: string; assigneeId: string; fromMs: number }[] {
    return this.sql
      .exec<{ conversation_id: string; assignee_id: string; unanswered_ms: number }>(
        `SELECT conversation_id, assignee_id, unanswered_ms FROM summaries
         WHERE team_id = ? AND unanswered_ms IS NOT NULL AND unanswered_ms <= ? ORDER BY unanswered_ms`,
        teamId,
        dueFromMs,
      )
      .toArray()
      .map((r) => ({
        conversationId: r.conversation_id,
        assigneeId: r.assignee_id,
        fromMs: r.unanswered_ms,
      }));
  }

  /** When the team's longest-unanswered conversation started waiting on its assignee (null: none). */
  firstUnanswered(teamId: string): number | null {
    return this.sql
      .exec<{ m: number | null }>(
        'SELECT min(unanswered_ms) AS m FROM summaries WHERE team_id = ? AND unanswered_ms IS NOT NULL',
        teamId,
      )
      .one().m;
  }

  /** Queued conversations per team (null: no team), with the oldest entry time. */
  queueStats(): QueueStat[] {
    return this.sql
      .exec<{ team_id: string | null; n: number; oldest: number | null }>(
        `SELECT team_id, count(*) AS n, min(queued_ms) AS oldest FROM summaries
         WHERE status = 'queued' GROUP BY team_id`,
      )
      .toArray()
      .map((r) => ({ teamId: r.team_id, queued: r.n, oldestMs: r.oldest }));
  }
}
