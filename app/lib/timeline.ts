// A conversation as the agent sees it, folded from the event log by seq: messages (with the furthest delivery
// status and settled attachment), private notes and ticket lines. Events may arrive in any order (live frames,
// then older pages), so an update for a message not loaded yet waits for it: the result depends only on the
// set of events, never on the order they came in.
// Narrow contract modules (never the index): the website widget bundles this file within its size budget.
import {
  type Author,
  type BotActivity,
  DELIVERY_RANK,
  type DeliveryStatus,
  type Message,
  type NoteCreated,
  type TicketChange,
  type TicketChanged,
  type TicketSnapshot,
} from '../../workers/contract/events';
import type { EventFrame } from '../../workers/contract/frames';

export type TicketDetail = NonNullable<TicketChanged['detail']>;

interface ItemBase {
  seq: number;
  createdAt: string;
}
export interface MessageItem extends ItemBase {
  kind: 'message';
  message: Message;
  status: DeliveryStatus | null;
  error: string | null;
  /** The provider's id: the customer's message's own, or ours once sent (replies and choices point at it). */
  externalId?: string | null;
}
export interface NoteItem extends ItemBase {
  kind: 'note';
  note: NoteCreated['note'];
}
export interface TicketItem extends ItemBase {
  kind: 'ticket';
  change: TicketChange;
  by: Author;
  ticket: TicketSnapshot;
  /** Why, when routing or a timer made the change (requeue reason, breached SLA target). */
  detail?: TicketDetail;
}
/** A line about the bot's work (a tool's outcome), for agents only. */
export interface BotItem extends ItemBase {
  kind: 'bot';
  activity: BotActivity['activity'];
}
export type TimelineItem = MessageItem | NoteItem | TicketItem | BotItem;

/** The part of an event frame the fold needs (history pages and socket frames both have it). */
export type TimelineEvent = Pick<EventFrame, 'seq' | 'createdAt' | 'event'>;

type Update = Extract<EventFrame['event'], { type: 'message.status' | 'message.attachment' }>;

function errorText(e: Extract<Update, { type: 'message.status' }>['error']): string | null {
  return e ? `${e.title}${e.message ? ` — ${e.message}` : ''}` : null;
}

/** A status update as a new object (rows re-render only when their own item changed); rank only moves up. */
function applyStatus(m: MessageItem, u: Extract<Update, { type: 'message.status' }>): MessageItem {
  // A send's provider id comes with its status: kept on the item and its message, so a customer's choice or
  // quote can find the message it answers.
  const externalId = m.externalId ?? u.externalId ?? null;
  const message =
    !m.message.externalId && u.externalId ? { ...m.message, externalId: u.externalId } : m.message;
  const same = externalId === (m.externalId ?? null) && message === m.message;
  if (m.status !== null && DELIVERY_RANK[u.status] <= DELIVERY_RANK[m.status]) {
    return same ? m : { ...m, message, externalId };
  }
  return { ...m, message, status: u.status, error: errorText(u.error), externalId };
}

export class TimelineModel {
  /** Sorted by seq; replaced (not mutated) on every change so readers can compare by reference. */
  private list: TimelineItem[] = [];
  private readonly seen = new Set<number>();
  /** Updates whose message has not been loaded yet, by the message's seq. */
  private readonly waiting = new Map<number, { seq: number; update: Update }[]>();
  /** Seq of the attachment update each message shows: a later-arriving older one must not replace it. */
  private readonly attachmentSeq = new Map<number, number>();
  private readonly clientIds = new Map<string, number>();

  get items(): readonly TimelineItem[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  /** The lowest seq held (0 when empty). */
  get firstSeq(): number {
    return this.list[0]?.seq ?? 0;
  }

  has(seq: number): boolean {
    return this.seen.has(seq);
  }

  /** The seq a client-sent message or note landed at, once its event is here. */
  seqOfClientId(clientId: string): number | undefined {
    return this.clientIds.get(clientId);
  }

  /** Adds events (any order, duplicates ignored). Returns whether anything visible changed. */
  add(events: readonly TimelineEvent[]): boolean {
    const bySeq = new Map<number, TimelineEvent>();
    for (const e of events) if (!this.seen.has(e.seq)) bySeq.set(e.seq, e);
    const fresh = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    if (fresh.length === 0) return false;
    const next = this.list.slice();
    const index = (seq: number) => lowerBound(next, seq);
    for (const f of fresh) {
      this.seen.add(f.seq);
      const e = f.event;
      if (e.type === 'message.status' || e.type === 'message.attachment') {
        const i = index(e.messageSeq);
        const target = next[i];
        if (target?.seq === e.messageSeq && target.kind === 'message') next[i] = this.apply(target, f.seq, e);
        else this.hold(e.messageSeq, f.seq, e);
        continue;
      }
      let item: TimelineItem;
      if (e.type === 'message.created') {
        item = {
          kind: 'message',
          seq: f.seq,
          createdAt: f.createdAt,
          message: e.message,
          status: null,
          error: null,
          externalId: e.message.externalId ?? null,
        };
        if (e.message.clientId) this.clientIds.set(e.message.clientId, f.seq);
        for (const w of this.release(f.seq)) item = this.apply(item, w.seq, w.update);
      } else if (e.type === 'note.created') {
        item = { kind: 'note', seq: f.seq, createdAt: f.createdAt, note: e.note };
        if (e.note.clientId) this.clientIds.set(e.note.clientId, f.seq);
      } else if (e.type === 'bot.activity') {
        item = { kind: 'bot', seq: f.seq, createdAt: f.createdAt, activity: e.activity };
      } else {
        item = {
          kind: 'ticket',
          seq: f.seq,
          createdAt: f.createdAt,
          change: e.change,
          by: e.by,
          ticket: e.ticket,
          ...(e.detail ? { detail: e.detail } : {}),
        };
      }
      const i = index(f.seq);
      if (i === next.length) next.push(item);
      else next.splice(i, 0, item);
    }
    this.list = next;
    return true;
  }

  private apply(m: MessageItem, seq: number, u: Update): MessageItem {
    if (u.type === 'message.status') return applyStatus(m, u);
    if ((this.attachmentSeq.get(m.seq) ?? 0) > seq) return m;
    this.attachmentSeq.set(m.seq, seq);
    return { ...m, message: { ...m.message, attachment: u.attachment } };
  }

  private hold(messageSeq: number, seq: number, update: Update): void {
    const list = this.waiting.get(messageSeq) ?? [];
    list.push({ seq, update });
    this.waiting.set(messageSeq, list);
  }

  /** Waiting updates for a message now loaded. */
  private release(messageSeq: number): { seq: number; update: Update }[] {
    const list = this.waiting.get(messageSeq);
    if (!list) return [];
    this.waiting.delete(messageSeq);
    return list;
  }
}

/** First index whose seq is ≥ `seq` (the list is sorted by seq). */
function lowerBound(list: readonly TimelineItem[], seq: number): number {
  let lo = 0;
  let hi = list.length;
  if (hi > 0 && (list[hi - 1] as TimelineItem).seq < seq) return hi; // the common case: appending live events
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as TimelineItem).seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Folds a set of events at once (tests, and screens that hold no model). */
export function foldTimeline(events: readonly TimelineEvent[]): TimelineItem[] {
  const model = new TimelineModel();
  model.add(events);
  return [...model.items];
}
