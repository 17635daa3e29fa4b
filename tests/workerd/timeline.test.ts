// The agent client's fold of the event log: rows by seq whatever order events arrived in (live frames first,
// older pages later), the furthest delivery status (a late lower one is ignored), failure reasons, settled
// attachments, private notes and ticket lines; the same set of events always folds to the same timeline.
import { describe, expect, it } from 'vitest';
import { foldTimeline, type MessageItem, type TimelineEvent, TimelineModel } from '../../app/lib/timeline';
import type { Attachment, TicketSnapshot } from '../../workers/contract';

const at = '2026-11-21T12:00:00.000Z';
const author = { kind: 'agent' as const, id: 'a1', name: 'Ana' };
const msg = (seq: number, text: string, clientId: string | null = null): TimelineEvent => ({
  seq,
  createdAt: at,
  event: { type: 'message.created', message: { text, author, clientId } },
});
const status = (
  seq: number,
  messageSeq: number,
  s: 'accepted' | 'read' | 'failed' | 'delivered',
): TimelineEvent => ({
  seq,
  createdAt: at,
  event: {
    type: 'message.status',
    messageSeq,
    status: s,
    externalId: 'wamid',
    error: s === 'failed' ? { code: 131026, title: 'Message undeliverable', message: 'no WhatsApp' } : null,
  },
});
const file = (state: Attachment['state']): Attachment => ({
  kind: 'image',
  mimeType: 'image/png',
  filename: null,
  size: 3,
  key: state === 'ready' ? 'k' : null,
  state,
});
const attachment = (seq: number, messageSeq: number, state: Attachment['state']): TimelineEvent => ({
  seq,
  createdAt: at,
  event: { type: 'message.attachment', messageSeq, attachment: file(state) },
});
const ticket: TicketSnapshot = {
  ticketId: '00000000-0000-4000-8000-000000000001',
  protocol: '20261121000001',
  status: 'closed',
  priority: 3,
  teamId: null,
  teamName: null,
  assigneeId: null,
  assigneeName: null,
  tags: [],
  openedAt: at,
  closedAt: at,
};
const messages = (items: readonly { kind: string }[]) =>
  items.filter((i): i is MessageItem => i.kind === 'message');

describe('timeline fold', () => {
  it('orders by seq and keeps the furthest status', () => {
    const lines = messages(
      foldTimeline([status(4, 1, 'read'), msg(2, 'dois'), msg(1, 'um'), status(3, 1, 'accepted')]),
    );
    expect(lines.map((l) => [l.seq, l.message.text, l.status])).toEqual([
      [1, 'um', 'read'],
      [2, 'dois', null],
    ]);
  });

  it('shows why a message failed, and lets a delivery report override the failure', () => {
    const failed = messages(foldTimeline([msg(1, 'x'), status(2, 1, 'failed')]));
    expect(failed[0]).toMatchObject({ status: 'failed', error: 'Message undeliverable — no WhatsApp' });
    const delivered = messages(
      foldTimeline([msg(1, 'x'), status(2, 1, 'failed'), status(3, 1, 'delivered')]),
    );
    expect(delivered[0]).toMatchObject({ status: 'delivered', error: null });
  });

  it('puts a settled attachment on its message', () => {
    const lines = messages(foldTimeline([msg(1, 'foto'), attachment(2, 1, 'ready')]));
    expect(lines[0]?.message.attachment?.state).toBe('ready');
  });

  it('folds the same events to the same timeline in whatever batches and order they arrive', () => {
    const all = [
      msg(1, 'um'),
      attachment(2, 1, 'pending'),
      msg(3, 'três'),
      status(4, 3, 'accepted'),
      attachment(5, 1, 'ready'),
      status(6, 3, 'read'),
      status(7, 3, 'delivered'),
      { seq: 8, createdAt: at, event: { type: 'ticket.changed', change: 'closed', by: author, ticket } },
      {
        seq: 9,
        createdAt: at,
        event: { type: 'note.created', note: { text: 'interna', author, clientId: 'note-0001' } },
      },
    ] satisfies TimelineEvent[];
    const expected = foldTimeline(all);
    // The live tail first, then older pages, each page in order: as the agent app loads them.
    const model = new TimelineModel();
    model.add(all.slice(6));
    model.add(all.slice(3, 6));
    model.add(all.slice(0, 3));
    expect(model.items).toEqual(expected);
    // Reversed one by one, with duplicates.
    const reversed = new TimelineModel();
    for (const e of [...all].reverse()) reversed.add([e, e]);
    expect(reversed.items).toEqual(expected);
    expect(expected.map((i) => [i.seq, i.kind])).toEqual([
      [1, 'message'],
      [3, 'message'],
      [8, 'ticket'],
      [9, 'note'],
    ]);
    expect(messages(expected).map((m) => [m.message.attachment?.state ?? null, m.status])).toEqual([
      ['ready', null],
      [null, 'read'],
    ]);
    expect(model.seqOfClientId('note-0001')).toBe(9);
  });

  it('replaces only the rows that changed, so the screen re-renders only those', () => {
    const model = new TimelineModel();
    model.add([msg(1, 'um'), msg(2, 'dois')]);
    const [first, second] = model.items;
    expect(model.add([status(3, 2, 'delivered')])).toBe(true);
    expect(model.items[0]).toBe(first);
    expect(model.items[1]).not.toBe(second);
    expect(model.add([status(3, 2, 'delivered')])).toBe(false);
  });
});
