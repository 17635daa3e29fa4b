// A Uazapi (uazapiGO v2) webhook body flattened into the same shape as the Cloud API's: customer messages from
// "messages" events, delivery statuses from "messages_update". The phone comes from sender_pn because the
// sender itself is often a privacy id (@lid); our own messages are echoes, groups and other events ignored.
// A message with an id that does not fit the schema is kept as "unsupported" with its raw payload.
import { z } from 'zod';
import { phoneFromJid } from '../evolution/jid';
import {
  emptyFlattened,
  type FlattenedWebhook,
  type InboundContent,
  ignoreItem,
  type MediaKind,
  type ProviderStatus,
  type StatusUpdate,
  skipItem,
} from '../inbound';
import { whatsAppCards } from '../vcard';
import { uazapiNumberEvents } from './connection-events';

export const UazapiWebhook = z.looseObject({
  EventType: z.string().min(1),
  instanceName: z.string().optional(),
  owner: z.string().optional(),
  message: z.unknown().optional(),
  event: z.unknown().optional(),
  messageid: z.unknown().optional(),
  instance: z.unknown().optional(),
});

const Timestamp = z.union([z.number().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

const Message = z.looseObject({
  messageid: z.string().min(1),
  chatid: z.string(),
  fromMe: z.boolean().nullish(),
  isGroup: z.boolean().nullish(),
  wasSentByApi: z.boolean().nullish(),
  type: z.string().nullish(),
  messageType: z.string().nullish(),
  mediaType: z.string().nullish(),
  mimetype: z.string().nullish(),
  fileURL: z.string().nullish(),
  text: z.string().nullish(),
  content: z.unknown().optional(),
  messageTimestamp: z.unknown().optional(),
  sender_pn: z.string().nullish(),
  senderName: z.string().nullish(),
  quoted: z.string().nullish(),
  reaction: z.string().nullish(),
  buttonOrListid: z.string().nullish(),
  isForwarded: z.boolean().nullish(),
});
type Message = z.infer<typeof Message>;

/** What a message that does not fit must still have for us to keep it: an id and a customer. */
const LooseMessage = z.looseObject({
  messageid: z.string().min(1),
  chatid: z.string().nullish(),
  fromMe: z.unknown().optional(),
  wasSentByApi: z.unknown().optional(),
  isGroup: z.unknown().optional(),
  sender_pn: z.string().nullish(),
  senderName: z.unknown().optional(),
  messageType: z.unknown().optional(),
  messageTimestamp: z.unknown().optional(),
});

/** `content` for media and locations: the decoded WhatsApp message (its URL is the encrypted CDN, unused). */
const Content = z.looseObject({
  mimetype: z.string().nullish(),
  caption: z.string().nullish(),
  fileName: z.string().nullish(),
  text: z.string().nullish(),
  degreesLatitude: z.number().nullish(),
  degreesLongitude: z.number().nullish(),
  name: z.string().nullish(),
  address: z.string().nullish(),
  key: z.looseObject({ id: z.string().nullish() }).nullish(),
  description: z.string().nullish(),
});
/** The decoded message's context (whatsmeow spells the quoted id stanzaID, Baileys stanzaId). */
const ContentContext = z.looseObject({
  contextInfo: z
    .looseObject({
      stanzaID: z.string().nullish(),
      stanzaId: z.string().nullish(),
      isForwarded: z.boolean().nullish(),
    })
    .nullish(),
});

const MEDIA_TYPES: Record<string, MediaKind> = {
  image: 'image',
  video: 'video',
  ptv: 'video',
  audio: 'audio',
  ptt: 'audio',
  myaudio: 'audio',
  document: 'document',
  sticker: 'sticker',
};
const MEDIA_MESSAGE_TYPES: Record<string, MediaKind> = {
  ImageMessage: 'image',
  VideoMessage: 'video',
  AudioMessage: 'audio',
  DocumentMessage: 'document',
  DocumentWithCaptionMessage: 'document',
  StickerMessage: 'sticker',
};
const TEXT_MESSAGE_TYPES = new Set(['Conversation', 'ExtendedTextMessage']);
const CHOICE_MESSAGE_TYPES = new Set([
  'ButtonsResponseMessage',
  'ListResponseMessage',
  'TemplateButtonReplyMessage',
]);

function content(m: Message): InboundContent {
  const c = Content.safeParse(m.content);
  const inner = c.success ? c.data : {};
  const text = m.text || (typeof m.content === 'string' ? m.content : inner.text) || '';
  const media =
    (m.mediaType && MEDIA_TYPES[m.mediaType]) || (m.messageType && MEDIA_MESSAGE_TYPES[m.messageType]);
  if (media) {
    return {
      kind: media,
      // Uazapi's own decrypted copy when it kept one, else the message id for its download endpoint.
      mediaId: m.fileURL || m.messageid,
      mimeType: m.mimetype || inner.mimetype || null,
      caption: m.text || inner.caption || null,
      filename: inner.fileName || null,
    };
  }
  const [lat, lng] = [inner.degreesLatitude, inner.degreesLongitude];
  const located = m.messageType === 'LocationMessage' || m.messageType === 'LiveLocationMessage';
  if (located && typeof lat === 'number' && typeof lng === 'number') {
    return {
      kind: 'location',
      latitude: lat,
      longitude: lng,
      name: inner.name || null,
      address: inner.address || null,
    };
  }
  const reactedTo = m.reaction || inner.key?.id;
  if (m.messageType === 'ReactionMessage' && reactedTo) {
    // An empty reaction text is the customer removing their reaction.
    return { kind: 'reaction', toExternalId: reactedTo, emoji: text || null };
  }
  if (m.messageType && CHOICE_MESSAGE_TYPES.has(m.messageType) && m.buttonOrListid) {
    const description = m.messageType === 'ListResponseMessage' ? inner.description : null;
    return {
      kind: 'choice',
      id: m.buttonOrListid,
      title: text || m.buttonOrListid,
      ...(description ? { description } : {}),
    };
  }
  if (m.messageType === 'ContactMessage' || m.messageType === 'ContactsArrayMessage') {
    const contacts = whatsAppCards(m.content).slice(0, 20);
    if (contacts.length > 0) return { kind: 'contacts', contacts };
  }
  if ((m.messageType && TEXT_MESSAGE_TYPES.has(m.messageType)) || (!m.messageType && m.type === 'text')) {
    return { kind: 'text', text };
  }
  return { kind: 'unsupported', type: m.messageType || m.type || 'unknown' };
}

/** Uazapi sends milliseconds; a value in seconds (under 10^12, i.e. before 2001 in ms) is read as seconds. */
const toDate = (t: number) => new Date(t < 1e12 ? t * 1000 : t);

const timeOf = (value: unknown, receivedAt: Date): Date => {
  const parsed = Timestamp.safeParse(value);
  return parsed.success ? toDate(parsed.data) : receivedAt;
};
const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** The customer's number, from sender_pn (the sender is often an @lid) or the chat; none for a group. */
function customerPhone(m: { chatid?: string | null; sender_pn?: string | null; isGroup?: unknown }) {
  if (m.isGroup === true || !m.chatid || m.chatid.endsWith('@g.us')) return null;
  return phoneFromJid(m.sender_pn) ?? phoneFromJid(m.chatid);
}

function readMessage(raw: unknown, address: string, receivedAt: Date, out: FlattenedWebhook): void {
  const parsed = Message.safeParse(raw);
  if (!parsed.success) {
    // Kept when it still names its id and its customer: as unsupported, with the raw item.
    const loose = LooseMessage.safeParse(raw);
    const l = loose.success ? loose.data : null;
    const ours = l?.fromMe === true || l?.wasSentByApi === true;
    const from = l && !ours ? customerPhone(l) : null;
    if (!l || !from) {
      ignoreItem(out, ours ? 'our own message, unreadable' : 'message without an id or customer', address);
      return;
    }
    const issue = parsed.error.issues[0];
    out.messages.push({
      address,
      externalId: l.messageid,
      from,
      profileName: text(l.senderName),
      sentAt: timeOf(l.messageTimestamp, receivedAt),
      replyToExternalId: null,
      content: { kind: 'unsupported', type: text(l.messageType) ?? 'unknown' },
      malformed: issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid',
      raw,
    });
    return;
  }
  const m = parsed.data;
  if (m.fromMe || m.wasSentByApi) {
    out.echoes++;
    return;
  }
  const from = customerPhone(m);
  if (!from) {
    skipItem(out, 'group, or a privacy id with no phone', address); // nothing to answer
    return;
  }
  const context = ContentContext.safeParse(m.content);
  const info = context.success ? context.data.contextInfo : null;
  out.messages.push({
    address,
    externalId: m.messageid,
    from,
    profileName: m.senderName || null,
    sentAt: timeOf(m.messageTimestamp, receivedAt),
    replyToExternalId: m.quoted || info?.stanzaID || info?.stanzaId || null,
    content: content(m),
    ...(m.isForwarded || info?.isForwarded ? { forwarded: true } : {}),
    raw,
  });
}

/**
 * Receipts, best effort (Uazapi documents no schema): the state comes from `state`, `event.Type`, or the
 * message's `status` / `state`, compared case-insensitively. "read-self" / "played-self" and receipts from our
 * own devices are about the customer's messages, so they are not statuses of ours.
 */
const STATUS: Record<string, ProviderStatus | 'ignore'> = {
  sent: 'sent',
  serverack: 'sent',
  server_ack: 'sent',
  '': 'delivered', // whatsmeow's ReceiptTypeDelivered is the empty string
  delivered: 'delivered',
  delivery_ack: 'delivered',
  read: 'read',
  readreceipt: 'read',
  played: 'read',
  failed: 'failed',
  error: 'failed',
  'server-error': 'failed',
  'read-self': 'ignore',
  'played-self': 'ignore',
};

const Receipt = z.looseObject({
  MessageIDs: z.array(z.string().min(1)).min(1),
  Type: z.string().nullish(),
  Chat: z.string().nullish(),
  IsFromMe: z.boolean().nullish(),
  Timestamp: z.union([z.string(), z.number()]).nullish(),
});
const MessageUpdate = z.looseObject({
  messageid: z.string().min(1),
  status: z.string().nullish(),
  state: z.string().nullish(),
  chatid: z.string().nullish(),
  fromMe: z.boolean().nullish(),
  messageTimestamp: Timestamp.nullish(),
});

function readStatuses(
  body: z.infer<typeof UazapiWebhook>,
  address: string,
  receivedAt: Date,
): StatusUpdate[] {
  const state = typeof body.state === 'string' ? body.state : null;
  const receipt = Receipt.safeParse(body.event);
  const update = MessageUpdate.safeParse(body.message);
  let ids: string[];
  let value: string | null | undefined;
  let chat: string | null | undefined;
  let at = receivedAt;
  if (receipt.success && !receipt.data.IsFromMe) {
    ids = receipt.data.MessageIDs;
    value = state ?? receipt.data.Type;
    chat = receipt.data.Chat;
    const t = receipt.data.Timestamp;
    const parsed = typeof t === 'number' ? toDate(t) : typeof t === 'string' ? new Date(t) : null;
    if (parsed && !Number.isNaN(parsed.getTime())) at = parsed;
  } else if (update.success && update.data.fromMe !== false) {
    ids = [update.data.messageid];
    value = update.data.status ?? update.data.state ?? state;
    chat = update.data.chatid;
  } else {
    return [];
  }
  const status = value == null ? undefined : STATUS[value.toLowerCase()];
  if (status === 'ignore') return [];
  const resolved = status ?? 'unknown';
  const errors =
    resolved === 'failed'
      ? [{ code: null, title: `Uazapi reported ${value}`, message: null, details: null }]
      : [];
  const recipient = phoneFromJid(chat) ?? '';
  return ids.map((externalId) => ({
    address,
    externalId,
    status: resolved,
    at,
    recipient,
    reference: null,
    errors,
  }));
}

/** Throws a ZodError only when the body is not a Uazapi webhook at all; tolerates everything inside one. */
export function flattenUazapiWebhook(body: unknown, receivedAt = new Date()): FlattenedWebhook {
  const hook = UazapiWebhook.parse(body);
  const address = hook.instanceName || hook.owner || '';
  const out = emptyFlattened();
  if (hook.EventType === 'messages') {
    // Some Uazapi versions put the message's fields at the top level instead of under `message`.
    readMessage(
      hook.message ?? (typeof hook.messageid === 'string' ? hook : undefined),
      address,
      receivedAt,
      out,
    );
  } else if (hook.EventType === 'messages_update') {
    const statuses = readStatuses(hook, address, receivedAt);
    out.statuses.push(...statuses);
    if (statuses.length === 0) skipItem(out, 'receipt we do not act on', address);
  } else if (hook.EventType === 'connection') {
    out.numberEvents.push(...uazapiNumberEvents(address, hook.instance, receivedAt));
  } else {
    skipItem(out, 'event we do not act on', address, { event: hook.EventType.slice(0, 64) });
  }
  return out;
}

/** The per-channel secret Uazapi puts in every webhook body (the instance token). */
export function webhookSecretOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const token = (body as Record<string, unknown>).token;
  return typeof token === 'string' && token.length > 0 ? token : null;
}
