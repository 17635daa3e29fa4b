// What a widget visitor sends over the socket beyond plain text: a picked option of reply buttons or a list
// (`message.send` with `choice`), stored as the message's `choice` exactly as a WhatsApp tap is, so the bot
// and after-care (CSAT) read it through their one path; and a file uploaded first (`attachment.send`),
// checked against this conversation's uploads in R2 and stored as a customer message with its attachment.
// Both idempotent by clientId and rate limited (visitor-limits.ts) before anything is stored.
import type {
  Author,
  ClientFrame,
  ConversationEvent,
  Message,
  ServerFrame,
  StoredEvent,
} from '../../workers/contract';
import type { Env } from '../../workers/env';
import { countMetric } from '../../workers/observability/metrics';
import { sendableType } from '../../workers/services/attachment-types';
import type { ConversationRef } from '../../workers/services/conversation-names';
import type { AppendResult, ConversationStore } from './conversation-store';
import type { SocketSession } from './socket-session';
import { rateLimitedFrame, type VisitorLimits } from './visitor-limits';

/** How far back a picked option is looked for among the messages still held here. */
const CHOICE_LOOKBACK = 200;

type Reply = (frame: ServerFrame) => void;
type Append = (event: ConversationEvent, clientId: string | null) => AppendResult;
type AttachmentSend = Extract<ClientFrame, { type: 'attachment.send' }>;

export interface VisitorSendDeps {
  env: Env;
  store: ConversationStore;
  limits: VisitorLimits;
  append: Append;
  /** The contact was erased (LGPD): nothing of the customer's is stored any more. */
  erased(): boolean;
}

function visitorAuthor(session: SocketSession): Author {
  const who = session.participant;
  return { kind: 'visitor', id: who.id, name: who.name ?? null };
}

/** Whether `id` is an option of reply buttons or a list the business (bot, agent, CSAT) sent here lately. */
export function offeredOption(events: readonly StoredEvent[], id: string): boolean {
  return events.some((e) => {
    if (e.event.type !== 'message.created') return false;
    const m = e.event.message;
    const kind = m.author.kind;
    if (!m.interactive || kind === 'visitor' || kind === 'contact') return false;
    const i = m.interactive;
    return i.kind === 'buttons'
      ? i.buttons.some((b) => b.id === id)
      : i.sections.some((s) => s.rows.some((r) => r.id === id));
  });
}

/**
 * A visitor's message.send: rate limited, then stored; a `choice` whose id is one of the options offered
 * here becomes the message's choice {id, title: the text}; an unknown id is just text.
 */
export function visitorMessage(
  d: VisitorSendDeps,
  session: SocketSession,
  ref: ConversationRef,
  frame: { clientId: string; text: string; choice?: { id: string } | undefined },
  reply: Reply,
): void {
  const author = visitorAuthor(session);
  const { clientId, text } = frame;
  // No await until the ack: seq assignment and the write are one synchronous step.
  const prior = d.store.seqForClientId(author, clientId);
  if (prior !== null) {
    reply({ type: 'ack', clientId, seq: prior });
    return;
  }
  const verdict = d.limits.take(session.address ?? null);
  if (!verdict.ok) {
    reply(rateLimitedFrame(clientId, verdict.retryAfterMs));
    return;
  }
  const picked =
    frame.choice &&
    offeredOption(d.store.pageBefore(ref, d.store.lastSeq + 1, CHOICE_LOOKBACK), frame.choice.id)
      ? { choice: { id: frame.choice.id, title: text } }
      : {};
  const message: Message = { text, author, clientId, ...picked };
  const result = d.append({ type: 'message.created', message }, clientId);
  reply({ type: 'ack', clientId, seq: result.seq });
  if (!result.duplicate) {
    d.limits.count(session.address ?? null);
    countMetric(d.env, 'fio_messages_in_total', ref.tenantId, { channel: 'widget' });
  }
}

/**
 * A visitor's attachment.send: the key must be one of this conversation's uploads and still in R2 (its type
 * as the upload proved it); stored as a customer message with the attachment, the caption as its text.
 */
export async function visitorAttachment(
  d: VisitorSendDeps,
  session: SocketSession,
  ref: ConversationRef,
  frame: AttachmentSend,
  reply: Reply,
): Promise<void> {
  const { clientId, key } = frame;
  if (session.participant.kind !== 'visitor') {
    reply({
      type: 'error',
      code: 'forbidden',
      message: 'Agents send files through POST /api/conversations/:id/messages',
      clientId,
    });
    return;
  }
  const author = visitorAuthor(session);
  const acked = () => {
    const prior = d.store.seqForClientId(author, clientId);
    if (prior !== null) reply({ type: 'ack', clientId, seq: prior });
    return prior !== null;
  };
  if (acked()) return;
  const notFound = () =>
    reply({ type: 'error', code: 'not_found', message: 'Attachment not found', clientId });
  if (!key.startsWith(`${ref.tenantId}/${ref.conversationId}/uploads/`) || key.includes('..'))
    return notFound();
  const verdict = d.limits.take(session.address ?? null);
  if (!verdict.ok) {
    reply(rateLimitedFrame(clientId, verdict.retryAfterMs));
    return;
  }
  const head = await d.env.MEDIA.head(key);
  const type = sendableType(head?.httpMetadata?.contentType);
  if (!head || !type) {
    notFound();
    return;
  }
  // The same clientId may have been stored while R2 answered (a resend after a reconnect), or the contact
  // erased meanwhile (the socket closes; nothing is stored).
  if (acked() || d.erased()) return;
  const message: Message = {
    text: frame.caption ?? '',
    author,
    clientId,
    attachment: {
      kind: type.kind,
      mimeType: type.mimeType,
      filename: head.customMetadata?.filename ?? null,
      size: head.size,
      key,
      state: 'ready',
    },
  };
  const result = d.append({ type: 'message.created', message }, clientId);
  reply({ type: 'ack', clientId, seq: result.seq });
  if (!result.duplicate) {
    d.limits.count(session.address ?? null);
    countMetric(d.env, 'fio_messages_in_total', ref.tenantId, { channel: 'widget' });
  }
}
