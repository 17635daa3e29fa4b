// The ticket as the bar shows it and what the signed-in agent may do to it. Two sources tell the ticket's
// state: the inbox summary and the conversation's own `ticket.changed` events; whichever is newer (by seq)
// wins, so the bar never keeps a button the ticket no longer has (a take lost to a colleague, a transfer).
// Whose ticket an agent may change is the contract's one rule (canWorkTicket), which the server enforces.
import type { InboxSummary, Role } from '../../../workers/contract';
import { canWorkTicket } from '../../../workers/contract/permissions';
import type { TimelineItem } from '../../lib/timeline';

type TicketItem = Extract<TimelineItem, { kind: 'ticket' }>;

/** The newest ticket event among the loaded ones (null before any is loaded). */
export function newestTicketItem(items: readonly TimelineItem[]): TicketItem | null {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item?.kind === 'ticket') return item;
  }
  return null;
}

/** The summary with the ticket of a newer event laid over it (the inbox push may still be on its way). */
export function currentSummary(summary: InboxSummary, newest: TicketItem | null): InboxSummary {
  if (!newest || newest.seq <= summary.lastSeq) return summary;
  const t = newest.ticket;
  return {
    ...summary,
    status: t.status,
    protocol: t.protocol,
    priority: t.priority,
    teamId: t.teamId,
    teamName: t.teamName,
    assigneeId: t.assigneeId,
    assigneeName: t.assigneeName,
    tags: t.tags,
    lastSeq: newest.seq,
  };
}

export interface TicketAbilities {
  closed: boolean;
  /** "Assumir": only an open ticket nobody has (a colleague's is theirs; a supervisor reassigns instead). */
  canTake: boolean;
  /** Someone else has it (shown where "Assumir" was). */
  heldByOther: boolean;
  /** Close, tag, prioritise, transfer, reassign, return to the queue. */
  canWork: boolean;
}

export function ticketAbilities(s: InboxSummary, me: { id: string; role: Role }): TicketAbilities {
  const closed = s.status === 'closed';
  return {
    closed,
    canTake: !closed && s.assigneeId === null,
    heldByOther: !closed && s.assigneeId !== null && s.assigneeId !== me.id,
    canWork: canWorkTicket(me.role, me.id, s.assigneeId),
  };
}
