// What each ticket action does to a ticket, as a pure function: the next snapshot and the change to record,
// nothing (the ticket already is that way), or a refusal with a reason an agent can read. Reopening needs a
// new ticket (a new protocol number), so it is only checked here and opened by the caller. Who may act on
// whose ticket is decided here too, the one place every path (REST today) goes through: an agent works on
// their own and unassigned tickets; another agent's needs `tickets.others` (supervisors and up).
import type { Role, TicketActionRequest, TicketChange, TicketSnapshot } from '../../workers/contract';
import { canWorkTicket } from '../../workers/contract/permissions';

/** Names the Worker resolved (and checked against the tenant) for the ids an action mentions. */
export interface ActionNames {
  /** Who acts, with their current role (from the one `authenticate`). */
  actor: { id: string; name: string; role: Role };
  assignee: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
}

export type RuleOutcome =
  | { kind: 'change'; change: TicketChange; next: TicketSnapshot }
  | { kind: 'reopen' }
  | { kind: 'unchanged' }
  | { kind: 'refused'; code: 'conflict' | 'validation_failed'; message: string }
  | { kind: 'forbidden'; message: string; holder: { id: string; name: string | null } };

/** English verbs for the refusal's message (the agent app words it in the agent's language). */
const VERBS: Record<TicketActionRequest['action'], string> = {
  take: 'take',
  assign: 'reassign',
  transfer: 'transfer',
  unassign: 'return to the queue',
  close: 'close',
  reopen: 'reopen',
  priority: 'change the priority of',
  tags: 'tag',
};

/**
 * Another agent's ticket, acted on by someone without `tickets.others`: refused before anything changes.
 * Taking keeps its own answer (409 naming who has it) and reopening starts a new ticket, so both pass here.
 */
function forbidden(
  ticket: TicketSnapshot,
  action: TicketActionRequest,
  names: ActionNames,
): RuleOutcome | null {
  if (action.action === 'take' || action.action === 'reopen') return null;
  if (!ticket.assigneeId || canWorkTicket(names.actor.role, names.actor.id, ticket.assigneeId)) return null;
  const who = ticket.assigneeName ?? 'another agent';
  return {
    kind: 'forbidden',
    message: `This ticket is ${who}'s; only supervisors can ${VERBS[action.action]} other agents' tickets`,
    holder: { id: ticket.assigneeId, name: ticket.assigneeName },
  };
}

const closedRefusal: RuleOutcome = {
  kind: 'refused',
  code: 'conflict',
  message: 'This ticket is closed; reopen it first',
};

export function applyTicketAction(
  ticket: TicketSnapshot,
  action: TicketActionRequest,
  names: ActionNames,
  now: Date,
): RuleOutcome {
  const refusal = forbidden(ticket, action, names);
  if (refusal) return refusal;
  const closed = ticket.status === 'closed';
  const assignTo = (who: { id: string; name: string }): Partial<TicketSnapshot> => ({
    status: 'assigned',
    assigneeId: who.id,
    assigneeName: who.name,
  });
  const change = (c: TicketChange, patch: Partial<TicketSnapshot>): RuleOutcome => ({
    kind: 'change',
    change: c,
    next: { ...ticket, ...patch },
  });
  switch (action.action) {
    case 'take':
      if (closed) return closedRefusal;
      if (ticket.assigneeId === names.actor.id) return { kind: 'unchanged' };
      if (ticket.assigneeId)
        return {
          kind: 'refused',
          code: 'conflict',
          message: `Already taken by ${ticket.assigneeName ?? 'another agent'}`,
        };
      return change('taken', assignTo(names.actor));
    case 'assign':
      if (closed) return closedRefusal;
      if (!names.assignee) return { kind: 'refused', code: 'validation_failed', message: 'Unknown agent' };
      if (ticket.assigneeId === names.assignee.id) return { kind: 'unchanged' };
      return change('assigned', assignTo(names.assignee));
    case 'transfer': {
      if (closed) return closedRefusal;
      if (!action.teamId && !action.assigneeId)
        return { kind: 'refused', code: 'validation_failed', message: 'Name a team, an agent, or both' };
      const team = action.teamId ? names.team : null;
      const patch: Partial<TicketSnapshot> = names.assignee
        ? assignTo(names.assignee)
        : { status: 'queued', assigneeId: null, assigneeName: null };
      if (action.teamId) Object.assign(patch, { teamId: team?.id ?? null, teamName: team?.name ?? null });
      return change('transferred', patch);
    }
    case 'unassign':
      if (closed) return closedRefusal;
      if (!ticket.assigneeId) return { kind: 'unchanged' };
      return change('unassigned', { status: 'queued', assigneeId: null, assigneeName: null });
    case 'close':
      if (closed) return { kind: 'refused', code: 'conflict', message: 'This ticket is already closed' };
      return change('closed', { status: 'closed', closedAt: now.toISOString(), resolvedBy: 'agent' });
    case 'reopen':
      if (!closed) return { kind: 'refused', code: 'conflict', message: 'This ticket is open' };
      return { kind: 'reopen' };
    case 'priority':
      if (ticket.priority === action.priority) return { kind: 'unchanged' };
      return change('priority', { priority: action.priority });
    case 'tags': {
      const same =
        ticket.tags.length === action.tags.length && ticket.tags.every((t, i) => t === action.tags[i]);
      if (same) return { kind: 'unchanged' };
      return change('tags', { tags: action.tags });
    }
  }
}
