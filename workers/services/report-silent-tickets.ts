// A conversation's first ticket opens with the conversation (a row in `tickets`, no event), so a ticket nobody
// has touched yet (still waiting in the queue, or with the bot) has no `ticket.changed` in the log. The reports
// must still count it (tickets opened, the backlog, the volume attributed to it): the rollup gives each such
// ticket a stand-in "opened" event built from its row, placed where its opening falls among the events.
import type { FactEvent } from './report-facts';

/** What the rollup reads of a `tickets` row. */
export interface TicketRow {
  id: string;
  status: string;
  assigneeId: string | null;
  teamId: string | null;
  tags: string[];
  openedAt: number;
  handoffReason: string | null;
}

/** The conversation's events with a stand-in opening for every ticket the log never mentions. */
export function withSilentTickets(events: readonly FactEvent[], tickets: readonly TicketRow[]): FactEvent[] {
  const mentioned = new Set(events.flatMap((e) => (e.ticket ? [e.ticket.ticketId] : [])));
  const out = [...events];
  for (const t of tickets) {
    if (mentioned.has(t.id)) continue;
    const opening: FactEvent = {
      seq: 0,
      at: t.openedAt,
      type: 'ticket.changed',
      authorKind: 'system',
      authorId: null,
      clientId: null,
      change: 'opened',
      ticket: {
        ticketId: t.id,
        status: t.status,
        assigneeId: t.assigneeId,
        teamId: t.teamId,
        tags: t.tags,
        openedAt: t.openedAt,
        closedAt: null,
        firstResponseAt: null,
        handoffReason: t.handoffReason,
        csatScore: null,
        slaFirst: null,
        slaResolution: null,
        slaNextMet: 0,
        slaNextMissed: 0,
      },
    };
    // Before the first event at or after its opening (the customer's first message comes right after it).
    const at = out.findIndex((e) => e.at >= t.openedAt);
    out.splice(at === -1 ? out.length : at, 0, opening);
  }
  return out;
}
