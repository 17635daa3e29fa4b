// What every WhatsApp provider's webhook (Cloud API, Evolution, Uazapi) is reduced to: customer messages and
// delivery statuses in one shape, so routing, dedupe and storage are written once for all providers.
import { cleanDeep, cleanText } from '../contract/text';

export type MediaKind = 'image' | 'audio' | 'video' | 'document' | 'sticker';

export type InboundContent =
  | { kind: 'text'; text: string }
  | {
      kind: MediaKind;
      /** The provider's media id (Cloud API) or a URL / message id the provider can resolve to bytes. */
      mediaId: string;
      mimeType: string | null;
      caption: string | null;
      filename: string | null;
    }
  | { kind: 'location'; latitude: number; longitude: number; name: string | null; address: string | null }
  | { kind: 'choice'; id: string; title: string }
  | { kind: 'reaction'; toExternalId: string; emoji: string | null }
  | { kind: 'unsupported'; type: string };

export interface InboundMessage {
  /** Which number received it: Cloud API phone_number_id, or the gateway's instance name. */
  address: string;
  /** The provider's message id (wamid for the Cloud API): the dedupe key. */
  externalId: string;
  /** The customer's number as the provider gives it (digits, no '+'). */
  from: string;
  profileName: string | null;
  sentAt: Date;
  replyToExternalId: string | null;
  content: InboundContent;
  /** The message exactly as the provider sent it, for audit and for types we do not render yet. */
  raw: unknown;
}

export type ProviderStatus = 'sent' | 'delivered' | 'read' | 'failed' | 'unknown';

export interface ProviderError {
  code: number | null;
  title: string;
  message: string | null;
  details: string | null;
}

export interface StatusUpdate {
  address: string;
  externalId: string;
  status: ProviderStatus;
  at: Date;
  /** The customer's number the message went to. */
  recipient: string;
  /** What we put in biz_opaque_callback_data when sending (Cloud API only). */
  reference: string | null;
  errors: ProviderError[];
}

export interface FlattenedWebhook {
  messages: InboundMessage[];
  statuses: StatusUpdate[];
  /** Our own messages echoed back by a gateway (fromMe): never customer messages. */
  echoes: number;
  /** Items we do not act on (other events, groups, unreadable values), counted for health, never an error. */
  ignored: number;
}

/**
 * A provider's webhook made storable, once for every provider: each string of each message and status (text,
 * caption, filename, profile name, choice titles, location name and address, ids, error texts) and the raw
 * payload kept for audit cleaned by the text rule (workers/contract/text.ts): control characters removed,
 * lone surrogates replaced by U+FFFD. A customer's message is never refused for its characters.
 */
export function cleanInbound(flat: FlattenedWebhook): FlattenedWebhook {
  return {
    ...flat,
    messages: flat.messages.map((m) => ({
      ...m,
      address: cleanText(m.address),
      externalId: cleanText(m.externalId),
      from: cleanText(m.from),
      profileName: cleanOrNull(m.profileName),
      replyToExternalId: cleanOrNull(m.replyToExternalId),
      content: cleanContent(m.content),
      raw: cleanDeep(m.raw),
    })),
    statuses: flat.statuses.map((s) => ({
      ...s,
      address: cleanText(s.address),
      externalId: cleanText(s.externalId),
      recipient: cleanText(s.recipient),
      reference: cleanOrNull(s.reference),
      errors: s.errors.map((e) => ({
        code: e.code,
        title: cleanText(e.title),
        message: cleanOrNull(e.message),
        details: cleanOrNull(e.details),
      })),
    })),
  };
}

function cleanOrNull(s: string | null): string | null {
  return s === null ? null : cleanText(s);
}

function cleanContent(c: InboundContent): InboundContent {
  switch (c.kind) {
    case 'text':
      return { kind: 'text', text: cleanText(c.text) };
    case 'location':
      return { ...c, name: cleanOrNull(c.name), address: cleanOrNull(c.address) };
    case 'choice':
      return { kind: 'choice', id: cleanText(c.id), title: cleanText(c.title) };
    case 'reaction':
      return { kind: 'reaction', toExternalId: cleanText(c.toExternalId), emoji: cleanOrNull(c.emoji) };
    case 'unsupported':
      return { kind: 'unsupported', type: cleanText(c.type) };
    default:
      return {
        ...c,
        mediaId: cleanText(c.mediaId),
        mimeType: cleanOrNull(c.mimeType),
        caption: cleanOrNull(c.caption),
        filename: cleanOrNull(c.filename),
      };
  }
}
