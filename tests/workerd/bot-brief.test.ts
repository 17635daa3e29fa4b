// What the agent reads first on a conversation the bot worked on: the newest ticket event decides (every ticket
// event carries the whole ticket), a hand-off shows its summary, reason and the ERP's protocol, a ticket the
// bot closed alone says so, and a ticket people handled alone shows no block at all.
import { describe, expect, it } from 'vitest';
import { botBrief, latestTicket } from '../../app/lib/bot-brief';
import { foldTimeline, type TimelineEvent } from '../../app/lib/timeline';
import type { TicketChange, TicketSnapshot } from '../../workers/contract';

const at = '2026-12-03T12:00:00.000Z';
const base: TicketSnapshot = {
  ticketId: '00000000-0000-4000-8000-000000000001',
  protocol: '20261203000001',
  status: 'bot',
  priority: 3,
  teamId: null,
  teamName: null,
  assigneeId: null,
  assigneeName: null,
  tags: [],
  openedAt: at,
  closedAt: null,
};
const bot = { kind: 'bot' as const, id: 'bot', name: null };
const ticket = (seq: number, change: TicketChange, extra: Partial<TicketSnapshot>): TimelineEvent => ({
  seq,
  createdAt: at,
  event: { type: 'ticket.changed', change, by: bot, ticket: { ...base, ...extra } },
});
const message = (seq: number, text: string): TimelineEvent => ({
  seq,
  createdAt: at,
  event: { type: 'message.created', message: { text, author: bot, clientId: null } },
});

describe('the bot brief', () => {
  it('shows the hand-off summary, reason and ERP protocol from the newest ticket event', () => {
    const items = foldTimeline([
      ticket(1, 'opened', {}),
      message(2, 'Olá! Seu protocolo é 20261203000001.'),
      ticket(3, 'handed_off', {
        status: 'queued',
        summary: 'Cliente sem internet; checklist feito, LOS vermelha.',
        handoffReason: 'step_failed',
        erpProtocol: '202607581197',
      }),
      // Taken later: the snapshot still carries what the bot left.
      ticket(4, 'taken', {
        status: 'assigned',
        summary: 'Cliente sem internet; checklist feito, LOS vermelha.',
        handoffReason: 'step_failed',
        erpProtocol: '202607581197',
      }),
    ]);
    expect(latestTicket(items)?.status).toBe('assigned');
    expect(botBrief(latestTicket(items))).toEqual({
      protocol: '20261203000001',
      summary: 'Cliente sem internet; checklist feito, LOS vermelha.',
      handoffReason: 'step_failed',
      erpProtocol: '202607581197',
      resolvedBy: null,
    });
  });

  it('says when the bot resolved the ticket alone', () => {
    const items = foldTimeline([ticket(1, 'opened', {}), ticket(2, 'closed', { resolvedBy: 'bot' })]);
    expect(botBrief(latestTicket(items))?.resolvedBy).toBe('bot');
  });

  it('shows nothing for a ticket the bot never touched, or before any ticket event is loaded', () => {
    const people = foldTimeline([ticket(1, 'opened', { status: 'queued' }), ticket(2, 'taken', {})]);
    expect(botBrief(latestTicket(people))).toBeNull();
    expect(botBrief(latestTicket(foldTimeline([message(5, 'oi')])))).toBeNull();
    // A blank summary is no summary.
    expect(botBrief({ ...base, summary: '   ' })).toBeNull();
  });
});
