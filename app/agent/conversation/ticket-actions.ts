// Ticket actions from the agent's screens (bar, shortcuts), in one place: the call, the summary its answer
// brings, and a refusal worded in the agent's language. A refused action (a take lost to a colleague,
// another agent's ticket) asks for the summary at once, so the bar shows who has the ticket now instead of
// waiting for the inbox push. A take that worked moves the list to "Minhas", where the conversation now is.
import type { InboxSummary, TicketActionRequest } from '../../../workers/contract';
import { ApiError } from '../api';
import { getSummary, ticketAction } from '../endpoints';
import { t } from '../i18n';
import type { InboxState } from '../state/inbox-state';
import { type TicketVerb, tr } from './ticket-rules-i18n';

/** The holder the server named in a 403 (details.assignee), when it did. */
function holderOf(err: ApiError): string | null {
  const d = err.details as { assignee?: { name?: unknown } } | undefined;
  return typeof d?.assignee?.name === 'string' ? d.assignee.name : null;
}

const VERB: Partial<Record<TicketActionRequest['action'], TicketVerb>> = {
  close: 'close',
  tags: 'tags',
  priority: 'priority',
  transfer: 'transfer',
  assign: 'assign',
  unassign: 'unassign',
};

/** Why an action was refused, in the agent's language (the server's words only as a last resort). */
export function refusalText(err: ApiError, action: TicketActionRequest, assigneeName: string | null): string {
  const tt = t().ticket;
  if (err.status === 403 && err.code === 'forbidden')
    return tr().othersTicket(VERB[action.action] ?? 'change', holderOf(err) ?? assigneeName);
  if (err.status === 409) {
    if (action.action === 'take') return tt.alreadyTaken(assigneeName);
    if (action.action === 'close') return tt.alreadyClosed;
    if (action.action === 'reopen') return tt.alreadyOpen;
    return tt.closedFirst;
  }
  if (err.status === 404) return tt.gone;
  if (err.status >= 400 && err.status < 500 && err.status !== 401) return tt.conflict(err.message);
  return tt.failed;
}

export function createTicketActions(deps: {
  token: () => string;
  inbox: InboxState;
  /** The agent's take worked: the conversation is theirs now. */
  onTaken: (summary: InboxSummary) => void;
}) {
  /** Applies an action; resolves to an error message to show, or null when it worked. */
  return async (conversationId: string, action: TicketActionRequest): Promise<string | null> => {
    try {
      const res = await ticketAction(deps.token(), conversationId, action);
      deps.inbox.learn(res.summary);
      if (action.action === 'take') deps.onTaken(res.summary);
      return null;
    } catch (err) {
      if (!(err instanceof ApiError)) return t().ticket.failed;
      let holder = deps.inbox.summary(conversationId)?.assigneeName ?? null;
      if (err.status === 409 || err.status === 403) {
        // The ticket moved on without us: show its current state (who has it) now.
        const fresh = await getSummary(deps.token(), conversationId).catch(() => null);
        if (fresh) {
          deps.inbox.learn(fresh);
          holder = fresh.assigneeName; // the inbox's lists render it a microtask later
        }
      }
      return refusalText(err, action, holder);
    }
  };
}
