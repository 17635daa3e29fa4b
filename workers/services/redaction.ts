// The one redaction rule for message content (LGPD erasure and the retention period alike): what a message,
// note or file event keeps once its content must go. Text, captions, file names, locations, choices, template
// parameters, provider JSON and the customer's profile name are removed; the skeleton stays (type, author
// kind, seq, time, delivery statuses, ticket events with their protocol numbers) so history has no hole and
// the timeline can say "conteúdo apagado". Used on the conversation object's storage and on Postgres rows.
import type { Attachment, Author, ConversationEvent } from '../contract';

/** True for events that carry customer or agent content (the only ones redaction touches). */
export function holdsContent(event: ConversationEvent): boolean {
  return (
    event.type === 'message.created' || event.type === 'note.created' || event.type === 'message.attachment'
  );
}

/** True once the event's content was redacted (so a second pass changes nothing). */
export function isRedacted(event: ConversationEvent): boolean {
  switch (event.type) {
    case 'message.created':
      return event.message.redacted === true;
    case 'note.created':
      return event.note.redacted === true;
    case 'message.attachment':
      return event.attachment.redacted === true;
    default:
      return true;
  }
}

/** The R2 key a content event points at (to delete the file with the text). */
export function attachmentKeyOf(event: ConversationEvent): string | null {
  if (event.type === 'message.created') return event.message.attachment?.key ?? null;
  if (event.type === 'message.attachment') return event.attachment.key;
  return null;
}

function redactAttachment(a: Attachment): Attachment {
  return {
    kind: a.kind,
    mimeType: null,
    filename: null,
    size: null,
    key: null,
    state: a.state,
    redacted: true,
  };
}

/**
 * A customer's profile name and id (their phone number or WhatsApp user id; a widget visitor's browser id)
 * travel on their messages' author: both go. Agents keep theirs.
 */
function redactAuthor(author: Author): Author {
  return author.kind === 'contact' || author.kind === 'visitor'
    ? { kind: author.kind, id: null, name: null }
    : author;
}

/** The event with its content removed; events without content come back unchanged. Idempotent. */
export function redactEvent(event: ConversationEvent): ConversationEvent {
  switch (event.type) {
    case 'message.created': {
      const m = event.message;
      return {
        type: 'message.created',
        message: {
          text: '',
          author: redactAuthor(m.author),
          clientId: m.clientId,
          ...(m.externalId !== undefined ? { externalId: m.externalId } : {}),
          ...(m.attachment ? { attachment: redactAttachment(m.attachment) } : {}),
          redacted: true,
        },
      };
    }
    case 'note.created':
      return {
        type: 'note.created',
        note: { text: '', author: event.note.author, clientId: event.note.clientId, redacted: true },
      };
    case 'message.attachment':
      return { ...event, attachment: redactAttachment(event.attachment) };
    default:
      return event;
  }
}
