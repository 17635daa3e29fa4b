// A provider's customer message as a conversation event: text, attachment (pending until copied to R2),
// location, reply choice, reaction, or an unsupported type kept with its raw payload.
import { type Author, clipText, MESSAGE_TEXT_MAX, type Message } from '../contract';
import type { InboundMessage } from './inbound';

/** Raw payloads are kept for audit, within reason. */
const RAW_MAX_CHARS = 32 * 1024;

export function inboundToMessage(inbound: InboundMessage, author: Author): Message {
  const c = inbound.content;
  const base: Message = {
    text: '',
    author,
    clientId: null,
    externalId: inbound.externalId,
    replyToExternalId: inbound.replyToExternalId,
    ...(inbound.forwarded ? { forwarded: true } : {}),
    ...(inbound.referral ? { referral: inbound.referral } : {}),
  };
  switch (c.kind) {
    case 'text':
      return { ...base, text: clip(c.text) };
    case 'location':
      return {
        ...base,
        text: clip(c.name ?? c.address ?? ''),
        location: { latitude: c.latitude, longitude: c.longitude, name: c.name, address: c.address },
      };
    case 'choice':
      return {
        ...base,
        text: clip(c.title),
        choice: {
          id: clipText(c.id, 256),
          title: clipText(c.title, 1024),
          ...(c.description ? { description: clipText(c.description, 1024) } : {}),
        },
      };
    case 'contacts':
      return { ...base, text: clip(c.contacts.map((x) => x.name).join(', ')), contacts: c.contacts };
    case 'order':
      return { ...base, text: clip(c.order.note ?? ''), order: c.order };
    case 'reaction':
      return { ...base, reaction: { toExternalId: c.toExternalId, emoji: c.emoji } };
    case 'unsupported':
      return { ...base, unsupported: { type: clipText(c.type, 64), raw: rawText(inbound.raw) } };
    default:
      return {
        ...base,
        text: clip(c.caption ?? ''),
        attachment: {
          kind: c.kind,
          mimeType: c.mimeType,
          filename: c.filename,
          size: null,
          key: null,
          state: 'pending',
        },
      };
  }
}

function clip(text: string): string {
  // Never half a surrogate pair: Postgres refuses a lone surrogate in jsonb.
  return clipText(text, MESSAGE_TEXT_MAX);
}

function rawText(raw: unknown): string {
  const text = JSON.stringify(raw) ?? 'null';
  return text.length > RAW_MAX_CHARS ? `${clipText(text, RAW_MAX_CHARS - 1)}…` : text;
}
