// The ticket changes routing makes (the tenant inbox decides, this object records): an automatic assignment
// of a queued ticket, and a requeue of an assigned one whose agent went offline or left the customer
// unanswered. Both go through desk.systemChange, so a race with an agent's own action (a take, a reply, a
// close) has one winner: the loser here is refused quietly, the agent's loses with the usual 409.
import type { InboxSummary, TicketChangeReason } from '../../workers/contract';
import type { ConversationRef } from '../../workers/services/conversation-names';
import type { ConversationDesk } from './conversation-desk';

/** What routing gets back: whether its change was recorded, and the summary as it is now either way. */
export interface RoutingChangeResult {
  changed: boolean;
  summary: InboxSummary;
  rev: number;
}

/**
 * Assigns the current ticket to `agent` while it is still the ticket `ticket` names (its id or its protocol),
 * queued and unassigned.
 */
export function autoAssign(
  desk: ConversationDesk,
  ref: ConversationRef,
  ticket: string,
  agent: { id: string; name: string },
): RoutingChangeResult | null {
  const seq = desk.systemChange(
    'assigned',
    { status: 'assigned', assigneeId: agent.id, assigneeName: agent.name },
    {
      detail: { reason: 'auto_assigned' },
      expect: (t) =>
        (t.ticketId === ticket || t.protocol === ticket) && t.status === 'queued' && !t.assigneeId,
    },
  );
  return result(desk, ref, seq);
}

/**
 * Gives the ticket back to the queue while it is still assigned to `fromAgentId`; an `unanswered` requeue also
 * needs the customer to be waiting still (the agent may have replied after the inbox last heard).
 */
export function requeue(
  desk: ConversationDesk,
  ref: ConversationRef,
  fromAgentId: string,
  reason: Extract<TicketChangeReason, 'agent_offline' | 'unanswered'>,
): RoutingChangeResult | null {
  if (reason === 'unanswered' && !desk.summary(ref)?.waitingSince) return result(desk, ref, null);
  const seq = desk.systemChange(
    'requeued',
    { status: 'queued', assigneeId: null, assigneeName: null },
    {
      detail: { reason },
      expect: (t) => t.status === 'assigned' && t.assigneeId === fromAgentId,
    },
  );
  return result(desk, ref, seq);
}

function result(
  desk: ConversationDesk,
  ref: ConversationRef,
  seq: number | null,
): RoutingChangeResult | null {
  const now = desk.published(ref);
  return now ? { changed: seq !== null, ...now } : null;
}
