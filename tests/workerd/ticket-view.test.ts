// What the agent app's ticket bar shows and offers, as pure functions: the newer of the inbox summary and the
// newest ticket event wins (a take by a colleague reaches the bar even before the inbox push), "Assumir" only
// while nobody has the ticket, and another agent's ticket is workable only with `tickets.others`.
import { describe, expect, it } from 'vitest';
import { currentSummary, newestTicketItem, ticketAbilities } from '../../app/agent/conversation/ticket-view';
import type { TimelineItem } from '../../app/lib/timeline';
import type { TicketSnapshot } from '../../workers/contract';
import { inboxSummary } from './inbox-summary-fixture';

const ME = '00000000-0000-4000-8000-0000000000a1';
const BRUNO = '00000000-0000-4000-8000-0000000000a2';
const summary = inboxSummary({ conversationId: '00000000-0000-4000-8000-000000000001', lastSeq: 5 });
const ticket: TicketSnapshot = {
  ticketId: '00000000-0000-4000-8000-0000000000c1',
  protocol: '20261203000001',
  status: 'assigned',
  priority: 3,
  teamId: null,
  teamName: null,
  assigneeId: BRUNO,
  assigneeName: 'Bruno Agente',
  tags: [],
  openedAt: '2026-12-03T10:00:00.000Z',
  closedAt: null,
};
const taken = (seq: number): Extract<TimelineItem, { kind: 'ticket' }> => ({
  kind: 'ticket',
  seq,
  createdAt: '2026-12-03T10:00:01.000Z',
  change: 'taken',
  by: { kind: 'agent', id: BRUNO, name: 'Bruno Agente' },
  ticket,
});

describe('the ticket bar', () => {
  it('follows the newer of the summary and the newest ticket event', () => {
    expect(newestTicketItem([])).toBeNull();
    const newer = currentSummary(summary, newestTicketItem([taken(6)]));
    expect(newer).toMatchObject({ status: 'assigned', assigneeId: BRUNO, assigneeName: 'Bruno Agente' });
    // An event the summary already covers (or an older one) changes nothing.
    expect(currentSummary(summary, newestTicketItem([taken(5)]))).toBe(summary);
  });

  it('offers "Assumir" only while nobody has it, and another agent\'s ticket only to supervisors and up', () => {
    const queued = ticketAbilities(summary, { id: ME, role: 'agent' });
    expect(queued).toEqual({ closed: false, canTake: true, heldByOther: false, canWork: true });
    const brunos = currentSummary(summary, taken(6));
    expect(ticketAbilities(brunos, { id: ME, role: 'agent' })).toEqual({
      closed: false,
      canTake: false,
      heldByOther: true,
      canWork: false,
    });
    for (const role of ['supervisor', 'admin', 'owner'] as const)
      expect(ticketAbilities(brunos, { id: ME, role }).canWork, role).toBe(true);
    expect(ticketAbilities(brunos, { id: BRUNO, role: 'agent' })).toMatchObject({
      canTake: false,
      canWork: true,
    });
    const closed = { ...summary, status: 'closed' as const };
    expect(ticketAbilities(closed, { id: ME, role: 'agent' })).toMatchObject({
      closed: true,
      canTake: false,
    });
  });
});
