// The rows a generated history is made of, in the shapes the archive writes (conversation_events, tickets),
// and the one way an event is appended (the conversation's next seq, author and client id as the archive
// derives them).
import { type ConversationEvent, eventAuthor, eventClientId } from '../../../workers/contract';

/** One archived event row (conversation_events), payload as JSON text. */
export interface EventRow {
  conversationId: string;
  seq: number;
  type: string;
  authorKind: string;
  authorId: string | null;
  clientId: string | null;
  payload: string;
  at: string;
}

/** One `tickets` row: the ticket as its last kept snapshot left it. */
export interface TicketRow {
  id: string;
  conversationId: string;
  protocol: string;
  status: string;
  teamId: string | null;
  assigneeId: string | null;
  tags: string[];
  handoffReason: string | null;
  resolvedBy: string | null;
  csat: number | null;
  csatAt: string | null;
  queuedAt: string | null;
  reopenCount: number;
  sla: string | null;
  slaBreaches: number;
  openedAt: string;
  firstResponseAt: string | null;
  closedAt: string | null;
  stateSeq: number;
}

export interface Conversation {
  id: string;
  channelId: string;
  bot: boolean;
  seq: number;
  /** No new ticket before this instant (the last one's events, or forever while one is open). */
  busyUntil: number;
}

/** What one generated stretch of days holds, and what the API must later count for it. */
export interface DayBatch {
  events: EventRow[];
  tickets: TicketRow[];
}

/** Appends one event to the batch with the conversation's next seq; returns the seq. */
export function pushEvent(batch: DayBatch, conv: Conversation, at: number, event: ConversationEvent): number {
  const author = eventAuthor(event);
  conv.seq += 1;
  batch.events.push({
    conversationId: conv.id,
    seq: conv.seq,
    type: event.type,
    authorKind: author.kind,
    authorId: author.id,
    clientId: eventClientId(event),
    payload: JSON.stringify(event),
    at: new Date(at).toISOString(),
  });
  return conv.seq;
}
