// A conversation as the agent sees it, folded from the event log by seq: messages in order, each with the
// furthest delivery status and its settled attachment. Pure, so it is the same for live and replayed events.
import type { DeliveryStatus, EventFrame, Message } from '../../workers/contract';
import { DELIVERY_RANK } from '../../workers/contract';

export interface TimelineMessage {
  seq: number;
  createdAt: string;
  message: Message;
  status: DeliveryStatus | null;
  error: string | null;
}

export function foldTimeline(frames: readonly EventFrame[]): TimelineMessage[] {
  const bySeq = new Map<number, TimelineMessage>();
  for (const f of [...frames].sort((a, b) => a.seq - b.seq)) {
    const e = f.event;
    if (e.type === 'message.created') {
      bySeq.set(f.seq, { seq: f.seq, createdAt: f.createdAt, message: e.message, status: null, error: null });
    } else if (e.type === 'message.status') {
      const m = bySeq.get(e.messageSeq);
      if (m && (m.status === null || DELIVERY_RANK[e.status] > DELIVERY_RANK[m.status])) {
        m.status = e.status;
        m.error = e.error ? `${e.error.title}${e.error.message ? ` — ${e.error.message}` : ''}` : null;
      }
    } else if (e.type === 'message.attachment') {
      const m = bySeq.get(e.messageSeq);
      if (m) m.message = { ...m.message, attachment: e.attachment };
    }
  }
  return [...bySeq.values()];
}
