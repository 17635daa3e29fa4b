// What every WhatsApp provider's webhook (Cloud API, Evolution, Uazapi) is reduced to: customer messages and
// delivery statuses in one shape, so routing, dedupe and storage are written once for all providers.
import type { Referral, SharedContact, SharedOrder } from '../contract/events';
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
  | { kind: 'choice'; id: string; title: string; description?: string | null }
  | { kind: 'contacts'; contacts: SharedContact[] }
  | { kind: 'order'; order: SharedOrder }
  | { kind: 'reaction'; toExternalId: string; emoji: string | null }
  | { kind: 'unsupported'; type: string };

export interface InboundMessage {
  /** Which number received it: Cloud API phone_number_id, or the gateway's instance name. */
  address: string;
  /** The provider's message id (wamid for the Cloud API): the dedupe key. */
  externalId: string;
  /** The customer's number as the provider gives it (digits, no '+'); null when only `userId` names them. */
  from: string | null;
  /**
   * Meta's business-scoped user id (BSUID, e.g. `BR.1234…`), when the provider gives one: with usernames a
   * customer may come with this and no phone number at all.
   */
  userId?: string | null;
  profileName: string | null;
  sentAt: Date;
  replyToExternalId: string | null;
  content: InboundContent;
  /** The customer forwarded it (WhatsApp's "Forwarded" / "Forwarded many times" label). */
  forwarded?: boolean;
  /** The ad or post the customer clicked to write (click-to-WhatsApp), when the provider says. */
  referral?: Referral | null;
  /**
   * Set when the item did not fit the provider's schema: it is kept anyway (as `unsupported`, with `raw`),
   * and this says what did not fit, for the log and the webhook's `malformed` count.
   */
  malformed?: string | null;
  /**
   * The message exactly as the provider sent it, kept (as the `unsupported` event's raw JSON) for types we do
   * not render yet; cleanInbound sets it to null for every other message, whose content says it all.
   */
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
  /** The customer's number the message went to ('' when the provider names them only by user id). */
  recipient: string;
  /** The customer's business-scoped user id, when the provider gives one. */
  recipientUserId?: string | null;
  /** What we put in biz_opaque_callback_data when sending (Cloud API only). */
  reference: string | null;
  errors: ProviderError[];
}

/**
 * What a provider says about the number itself rather than a message: a gateway's WhatsApp session logged out,
 * dropped, waiting for a QR scan or paired again; a Cloud number banned, flagged or restored. Each turns into a
 * health change (with an alert) for the channel at `address`.
 */
export interface NumberEvent {
  address: string;
  kind: 'logged_out' | 'disconnected' | 'connecting' | 'qr' | 'paired' | 'banned' | 'quality' | 'restored';
  /** The QR text while waiting for a scan; the quality colour ('GREEN' | 'YELLOW' | 'RED'); a ban's state. */
  detail?: string | null;
  at: Date;
  /**
   * How `address` names the number: absent or 'channel' is the provider's address of the channel (a gateway's
   * channel, a Cloud phone_number_id); Cloud's WABA-level events name a number by its display phone
   * ('display_phone', within account `waba`) or the whole account ('waba': every Cloud number of it).
   */
  addressKind?: 'channel' | 'display_phone' | 'waba';
  /** The WhatsApp Business Account the event came from (Cloud). */
  waba?: string | null;
}

export interface FlattenedWebhook {
  messages: InboundMessage[];
  statuses: StatusUpdate[];
  /** Events about the number (session, ban, quality), not about a message. */
  numberEvents: NumberEvent[];
  /** Our own messages echoed back by a gateway (fromMe): never customer messages. */
  echoes: number;
  /**
   * Items we do not act on (other events, groups, unknown envelopes, message items without an id), counted
   * and logged, never an error.
   */
  ignored: number;
  /** Why the first ignored items were ignored, for the log (the flattening itself stays pure). */
  notes: IgnoredNote[];
}

export interface IgnoredNote {
  reason: string;
  /** Expected traffic we do not act on (other events, groups, other fields): logged at debug, not warn. */
  routine?: boolean;
  /** The number or instance the item was for, when the item got that far. */
  address: string | null;
  detail?: Record<string, unknown>;
}

/** Notes kept per webhook: enough to diagnose, bounded so a hostile body cannot flood the log. */
const NOTES_MAX = 20;

/** An empty result to count into. */
export function emptyFlattened(): FlattenedWebhook {
  return { messages: [], statuses: [], numberEvents: [], echoes: 0, ignored: 0, notes: [] };
}

/** Counts an item we cannot act on, with a note saying why. */
export function ignoreItem(
  out: FlattenedWebhook,
  reason: string,
  address: string | null,
  detail?: Record<string, unknown>,
  routine = false,
): void {
  out.ignored++;
  if (out.notes.length >= NOTES_MAX) return;
  out.notes.push({ reason, address, ...(detail ? { detail } : {}), ...(routine ? { routine } : {}) });
}

/** Counts traffic we expect and do not act on (another event, a group): noted for debugging only. */
export function skipItem(
  out: FlattenedWebhook,
  reason: string,
  address: string | null,
  detail?: Record<string, unknown>,
): void {
  ignoreItem(out, reason, address, detail, true);
}

/**
 * A provider's webhook made storable, once for every provider: each string of each message and status (text,
 * caption, filename, profile name, choice titles, location name and address, ids, error texts) and the raw
 * payload of an unsupported message cleaned by the text rule (workers/contract/text.ts): control characters removed,
 * lone surrogates replaced by U+FFFD. A customer's message is never refused for its characters.
 */
export function cleanInbound(flat: FlattenedWebhook): FlattenedWebhook {
  return {
    ...flat,
    messages: flat.messages.map((m) => ({
      ...m,
      address: cleanText(m.address),
      externalId: cleanText(m.externalId),
      from: cleanOrNull(m.from),
      userId: cleanOrNull(m.userId ?? null),
      malformed: cleanOrNull(m.malformed ?? null),
      profileName: cleanOrNull(m.profileName),
      replyToExternalId: cleanOrNull(m.replyToExternalId),
      content: cleanContent(m.content),
      ...(m.referral ? { referral: cleanDeep(m.referral) as Referral } : {}),
      // Only an unsupported message keeps it (the one reader, inbound-event.ts): every other message would
      // carry the provider's JSON twice through the conversation object's RPC for nothing.
      raw: m.content.kind === 'unsupported' ? cleanDeep(m.raw) : null,
    })),
    statuses: flat.statuses.map((s) => ({
      ...s,
      address: cleanText(s.address),
      externalId: cleanText(s.externalId),
      recipient: cleanText(s.recipient),
      recipientUserId: cleanOrNull(s.recipientUserId ?? null),
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
      return {
        kind: 'choice',
        id: cleanText(c.id),
        title: cleanText(c.title),
        ...(c.description ? { description: cleanText(c.description) } : {}),
      };
    case 'contacts':
    case 'order':
      return cleanDeep(c) as InboundContent;
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
