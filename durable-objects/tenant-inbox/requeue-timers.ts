// Giving assigned conversations back to the queue (README "Routing"): an agent offline for their team's
// `requeueOfflineSeconds` gives back that team's conversations; a customer left unanswered by the assignee for
// the team's `requeueUnansweredMinutes` goes back as `unanswered`, and the next assignment prefers someone
// else. Deadlines read the inbox's ObjectClock (settable under tests) against the summaries' wall-clock
// times, come from indexed queries, and become the object's alarm; the conversation object records the
// requeue (announced on the timeline) only while it still holds.
import { conversationObjectName } from '../../workers/services/conversation-names';
import type { ObjectClock } from '../object-clock';
import type { InboxRouter, RouterHost } from './inbox-router';

export class RequeueTimers {
  /** Conversation id → the row revision a requeue was refused at: not asked again until the row changes. */
  private readonly refused = new Map<string, number>();

  constructor(
    private readonly host: RouterHost,
    private readonly router: InboxRouter,
    private readonly time: ObjectClock,
  ) {}

  /** Requeues what is due and sets the alarm for the next deadline. */
  async run(): Promise<void> {
    const tenantId = this.host.tenantId();
    const setup = tenantId ? await this.router.currentSetup() : null;
    if (!tenantId || !setup) return;
    const now = this.time.nowMs();
    let next = Number.POSITIVE_INFINITY;
    const due: Promise<void>[] = [];
    const offlineLimit = new Map(setup.teams.map((t) => [t.id, t.requeueOfflineSeconds]));
    for (const p of this.host.presence.all()) {
      if (p.status !== 'offline') continue;
      const since = Date.parse(p.since);
      for (const row of this.host.index.assignedTo(p.userId)) {
        const limit = row.teamId ? offlineLimit.get(row.teamId) : null;
        if (limit === null || limit === undefined) continue;
        const at = since + limit * 1000;
        if (at <= now) due.push(this.requeue(tenantId, row.conversationId, p.userId, 'agent_offline'));
        else next = Math.min(next, at);
      }
    }
    for (const t of setup.teams) {
      if (t.requeueUnansweredMinutes === null) continue;
      const limitMs = t.requeueUnansweredMinutes * 60_000;
      for (const row of this.host.index.unansweredSince(t.id, now - limitMs))
        due.push(this.requeue(tenantId, row.conversationId, row.assigneeId, 'unanswered'));
    }
    await Promise.all(due);
    for (const t of setup.teams) {
      if (t.requeueUnansweredMinutes === null) continue;
      const first = this.firstUnanswered(t.id);
      // At least a second ahead: a row the conversation object just refused never spins the alarm.
      if (first !== null)
        next = Math.min(next, Math.max(first + t.requeueUnansweredMinutes * 60_000, now + 1000));
    }
    if (Number.isFinite(next)) this.host.wakeAt(this.time.wallTime(next));
  }

  /** The earliest unanswered start of the team that was not refused at its current revision. */
  private firstUnanswered(teamId: string): number | null {
    const first = this.host.index.firstUnanswered(teamId);
    if (first === null || this.refused.size === 0) return first;
    const open = this.host.index
      .unansweredSince(teamId, Number.MAX_SAFE_INTEGER)
      .filter((r) => !this.stillRefused(r.conversationId));
    return open[0]?.fromMs ?? null;
  }

  private stillRefused(conversationId: string): boolean {
    const rev = this.refused.get(conversationId);
    if (rev === undefined) return false;
    if (this.host.store.routingRow(conversationId)?.rev === rev) return true;
    this.refused.delete(conversationId);
    return false;
  }

  private async requeue(
    tenantId: string,
    conversationId: string,
    fromAgentId: string,
    reason: 'agent_offline' | 'unanswered',
  ): Promise<void> {
    if (this.stillRefused(conversationId)) return;
    try {
      const stub = this.host.env.CONVERSATIONS.getByName(conversationObjectName(tenantId, conversationId));
      const result = await stub.requeue({ tenantId, conversationId }, fromAgentId, reason);
      if (!result) return;
      this.host.accept({ summary: result.summary, rev: result.rev });
      if (result.changed && reason === 'unanswered') this.host.store.avoid(conversationId, fromAgentId);
      if (!result.changed) {
        const row = this.host.store.routingRow(conversationId);
        if (row) this.refused.set(conversationId, row.rev);
      }
    } catch {
      // The conversation object was unreachable: the next alarm asks again.
    }
  }
}
