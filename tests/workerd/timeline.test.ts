// The agent client's fold of the event log: messages by seq whatever order frames arrived in, the furthest
// delivery status (a late lower one is ignored), the failure reason, and settled attachments.
import { describe, expect, it } from 'vitest';
import { foldTimeline } from '../../app/agent/timeline';
import type { EventFrame } from '../../workers/contract';

const at = '2026-11-21T12:00:00.000Z';
const author = { kind: 'agent' as const, id: 'a1', name: 'Ana' };
const msg = (seq: number, text: string): EventFrame => ({
  type: 'event',
  seq,
  createdAt: at,
  event: { type: 'message.created', message: { text, author, clientId: null } },
});
const status = (
  seq: number,
  messageSeq: number,
  s: 'accepted' | 'read' | 'failed' | 'delivered',
): EventFrame => ({
  type: 'event',
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

describe('timeline fold', () => {
  it('orders by seq and keeps the furthest status', () => {
    const lines = foldTimeline([
      status(4, 1, 'read'),
      msg(2, 'dois'),
      msg(1, 'um'),
      status(3, 1, 'accepted'),
    ]);
    expect(lines.map((l) => [l.seq, l.message.text, l.status])).toEqual([
      [1, 'um', 'read'],
      [2, 'dois', null],
    ]);
  });

  it('shows why a message failed, and lets a delivery report override the failure', () => {
    const failed = foldTimeline([msg(1, 'x'), status(2, 1, 'failed')]);
    expect(failed[0]).toMatchObject({ status: 'failed', error: 'Message undeliverable — no WhatsApp' });
    const delivered = foldTimeline([msg(1, 'x'), status(2, 1, 'failed'), status(3, 1, 'delivered')]);
    expect(delivered[0]).toMatchObject({ status: 'delivered', error: null });
  });

  it('puts a settled attachment on its message', () => {
    const lines = foldTimeline([
      msg(1, 'foto'),
      {
        type: 'event',
        seq: 2,
        createdAt: at,
        event: {
          type: 'message.attachment',
          messageSeq: 1,
          attachment: {
            kind: 'image',
            mimeType: 'image/png',
            filename: null,
            size: 3,
            key: 'k',
            state: 'ready',
          },
        },
      },
    ]);
    expect(lines[0]?.message.attachment?.state).toBe('ready');
  });
});
