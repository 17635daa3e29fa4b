// An Evolution API (v2) webhook body flattened into the same shape as the Cloud API's: customer messages from
// messages.upsert, delivery statuses from messages.update. Our own messages (fromMe) are counted as echoes,
// groups and other events as ignored; a message kind we do not know is kept as "unsupported" with its raw data.
// Each item of `data` is read on its own: one with an id that does not fit is kept as "unsupported" too.
import { z } from 'zod';
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
import { evolutionNumberEvents } from './connection-events';
import { isGroupJid, phoneFromJid } from './jid';

export const EvolutionWebhook = z.looseObject({
  event: z.string().min(1),
  instance: z.string().min(1),
  data: z.unknown().optional(),
});

/** Seconds; Baileys' protobuf Long sometimes comes through as `{low, high}`. */
const Timestamp = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number),
  z.looseObject({ low: z.number().int() }).transform((l) => l.low >>> 0),
]);
const Context = z
  .looseObject({ stanzaId: z.string().nullish(), isForwarded: z.boolean().nullish() })
  .nullish();

const Upsert = z.looseObject({
  key: z.looseObject({
    remoteJid: z.string(),
    fromMe: z.boolean().nullish(),
    id: z.string().min(1),
    // With WhatsApp's privacy addressing remoteJid is an @lid and the phone jid comes alongside.
    remoteJidAlt: z.string().nullish(),
    senderPn: z.string().nullish(),
  }),
  pushName: z.string().nullish(),
  message: z.record(z.string(), z.unknown()).nullish(),
  messageType: z.string().nullish(),
  messageTimestamp: z.unknown().optional(),
  contextInfo: Context,
});
type Upsert = z.infer<typeof Upsert>;

/** What an item that does not fit Upsert must still have for us to keep it: an id and a customer. */
const LooseUpsert = z.looseObject({
  key: z.looseObject({
    id: z.string().min(1),
    remoteJid: z.string().nullish(),
    fromMe: z.unknown().optional(),
    remoteJidAlt: z.unknown().optional(),
    senderPn: z.unknown().optional(),
  }),
  pushName: z.unknown().optional(),
  messageType: z.unknown().optional(),
  messageTimestamp: z.unknown().optional(),
});

const Extended = z.looseObject({ text: z.string() });
const Media = z.looseObject({
  mimetype: z.string().nullish(),
  caption: z.string().nullish(),
  fileName: z.string().nullish(),
});
const Location = z.looseObject({
  degreesLatitude: z.number(),
  degreesLongitude: z.number(),
  name: z.string().nullish(),
  address: z.string().nullish(),
});
const Reaction = z.looseObject({ key: z.looseObject({ id: z.string().min(1) }), text: z.string().nullish() });
type Choice = { id: string; title: string | null | undefined; description?: string | null };
const CHOICES: ReadonlyArray<readonly [string, z.ZodType<Choice>]> = [
  [
    'buttonsResponseMessage',
    z
      .looseObject({ selectedButtonId: z.string().min(1), selectedDisplayText: z.string().nullish() })
      .transform((b) => ({ id: b.selectedButtonId, title: b.selectedDisplayText })),
  ],
  [
    'listResponseMessage',
    z
      .looseObject({
        title: z.string().nullish(),
        description: z.string().nullish(),
        singleSelectReply: z.looseObject({ selectedRowId: z.string() }),
      })
      .transform((l) => ({
        id: l.singleSelectReply.selectedRowId,
        title: l.title,
        description: l.description,
      })),
  ],
  [
    'templateButtonReplyMessage',
    z
      .looseObject({ selectedId: z.string().min(1), selectedDisplayText: z.string().nullish() })
      .transform((t) => ({ id: t.selectedId, title: t.selectedDisplayText })),
  ],
];
const WithContext = z.looseObject({ contextInfo: Context });

const MEDIA_FIELDS: Record<string, MediaKind> = {
  imageMessage: 'image',
  audioMessage: 'audio',
  videoMessage: 'video',
  ptvMessage: 'video',
  documentMessage: 'document',
  stickerMessage: 'sticker',
};

/**
 * The media's `url` in the webhook is WhatsApp's CDN, encrypted: useless bytes. So the media id is Evolution's
 * decrypted copy (`message.mediaUrl`, when S3 storage is on) or else the message id, which the transport turns
 * into bytes through Evolution's getBase64FromMediaMessage.
 */
function mediaIdOf(m: Record<string, unknown>, keyId: string): string {
  const url = m.mediaUrl;
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : keyId;
}

function content(u: Upsert): InboundContent {
  const m = u.message ?? {};
  if (typeof m.conversation === 'string') return { kind: 'text', text: m.conversation };
  const extended = Extended.safeParse(m.extendedTextMessage);
  if (extended.success) return { kind: 'text', text: extended.data.text };
  for (const [field, kind] of Object.entries(MEDIA_FIELDS)) {
    const media = Media.safeParse(m[field]);
    if (!media.success) continue;
    return {
      kind,
      mediaId: mediaIdOf(m, u.key.id),
      mimeType: media.data.mimetype ?? null,
      caption: media.data.caption || null,
      filename: media.data.fileName ?? null,
    };
  }
  const location = Location.safeParse(m.locationMessage ?? m.liveLocationMessage);
  if (location.success) {
    const l = location.data;
    const [name, address] = [l.name ?? null, l.address ?? null];
    return { kind: 'location', latitude: l.degreesLatitude, longitude: l.degreesLongitude, name, address };
  }
  const reaction = Reaction.safeParse(m.reactionMessage);
  // An empty reaction text is the customer removing their reaction.
  if (reaction.success) {
    return { kind: 'reaction', toExternalId: reaction.data.key.id, emoji: reaction.data.text || null };
  }
  for (const [field, schema] of CHOICES) {
    const choice = schema.safeParse(m[field]);
    if (!choice.success) continue;
    const { id, title, description } = choice.data;
    return { kind: 'choice', id, title: title || id, ...(description ? { description } : {}) };
  }
  const cards = contactCards(m);
  if (cards) return cards;
  const type = u.messageType || Object.keys(m).find((k) => k !== 'messageContextInfo') || 'unknown';
  return { kind: 'unsupported', type };
}

/** A shared contact card, or several: WhatsApp's vCard text read by the one vCard parser. */
function contactCards(m: Record<string, unknown>): InboundContent | null {
  const contacts = [...whatsAppCards(m.contactMessage), ...whatsAppCards(m.contactsArrayMessage)];
  return contacts.length > 0 ? { kind: 'contacts', contacts: contacts.slice(0, 20) } : null;
}

/** Message context: at data level in Evolution v2, inside the content message in raw Baileys shapes. */
function contexts(u: Upsert): NonNullable<z.infer<typeof Context>>[] {
  const found = u.contextInfo ? [u.contextInfo] : [];
  for (const value of Object.values(u.message ?? {})) {
    const inner = WithContext.safeParse(value);
    if (inner.success && inner.data.contextInfo) found.push(inner.data.contextInfo);
  }
  return found;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** The customer's number: remoteJid, or for an @lid chat the phone jid Evolution sends alongside it. */
function customerPhone(key: { remoteJid?: string | null; remoteJidAlt?: unknown; senderPn?: unknown }) {
  if (!key.remoteJid || isGroupJid(key.remoteJid)) return null;
  return (
    phoneFromJid(key.remoteJid) ?? phoneFromJid(text(key.remoteJidAlt)) ?? phoneFromJid(text(key.senderPn))
  );
}

function timeOf(value: unknown, receivedAt: Date): Date {
  const parsed = Timestamp.safeParse(value);
  return parsed.success ? new Date(parsed.data * 1000) : receivedAt;
}

const Update = z.looseObject({
  keyId: z.string().min(1).nullish(),
  key: z
    .looseObject({ id: z.string().min(1), remoteJid: z.string().nullish(), fromMe: z.boolean().nullish() })
    .nullish(),
  remoteJid: z.string().nullish(),
  fromMe: z.boolean().nullish(),
  status: z.union([z.string(), z.number()]).nullish(),
  // Older Evolution / raw Baileys shape: { key, update: { status } }.
  update: z.looseObject({ status: z.union([z.string(), z.number()]).nullish() }).nullish(),
});

// Baileys' numeric WebMessageInfo status, as Evolution names them.
const NUMERIC_STATUS = ['ERROR', 'PENDING', 'SERVER_ACK', 'DELIVERY_ACK', 'READ', 'PLAYED'];
const STATUS: Record<string, ProviderStatus> = {
  SERVER_ACK: 'sent',
  DELIVERY_ACK: 'delivered',
  READ: 'read',
  PLAYED: 'read',
  ERROR: 'failed',
};

function statusOf(value: string | number | null | undefined): ProviderStatus {
  const name = typeof value === 'number' ? NUMERIC_STATUS[value] : value?.toUpperCase();
  return (name && STATUS[name]) || 'unknown';
}

/** Evolution's status webhook has no time of its own (date_time is server-local time labelled UTC). */
function status(raw: unknown, address: string, receivedAt: Date): StatusUpdate | null {
  const parsed = Update.safeParse(raw);
  if (!parsed.success) return null;
  const u = parsed.data;
  const externalId = u.keyId ?? u.key?.id;
  // fromMe false: an update about the customer's message (we read it), not a delivery of ours.
  if (!externalId || (u.fromMe ?? u.key?.fromMe) === false) return null;
  const value = statusOf(u.status ?? u.update?.status);
  return {
    address,
    externalId,
    status: value,
    at: receivedAt,
    recipient: phoneFromJid(u.remoteJid ?? u.key?.remoteJid) ?? '',
    reference: null,
    errors:
      value === 'failed'
        ? [{ code: null, title: 'Evolution reported ERROR', message: null, details: null }]
        : [],
  };
}

/** Accepts "messages.upsert" as v2 sends it and "MESSAGES_UPSERT" as some integrations relay it. */
const eventName = (event: string) => event.toLowerCase().replaceAll('_', '.');

/** Throws a ZodError only when the body is not an Evolution webhook at all; tolerates everything inside one. */
export function flattenEvolutionWebhook(body: unknown, receivedAt = new Date()): FlattenedWebhook {
  const hook = EvolutionWebhook.parse(body);
  const out = emptyFlattened();
  const event = eventName(hook.event);
  const session = evolutionNumberEvents(event, hook.instance, hook.data, receivedAt);
  if (session) {
    out.numberEvents.push(...session);
    return out;
  }
  const items = Array.isArray(hook.data) ? hook.data : hook.data == null ? [] : [hook.data];
  if ((event !== 'messages.upsert' && event !== 'messages.update') || items.length === 0) {
    skipItem(out, 'event we do not act on', hook.instance, { event: hook.event.slice(0, 64) });
    return out;
  }
  for (const raw of items) {
    if (event === 'messages.update') {
      const update = status(raw, hook.instance, receivedAt);
      if (update) out.statuses.push(update);
      else skipItem(out, 'status update without an id of ours', hook.instance);
      continue;
    }
    readUpsert(raw, hook.instance, receivedAt, out);
  }
  return out;
}

function readUpsert(raw: unknown, address: string, receivedAt: Date, out: FlattenedWebhook): void {
  const parsed = Upsert.safeParse(raw);
  if (!parsed.success) {
    // Kept when it still names its id and its customer: as unsupported, with the raw item.
    const loose = LooseUpsert.safeParse(raw);
    const l = loose.success ? loose.data : null;
    const from = l && l.key.fromMe !== true ? customerPhone(l.key) : null;
    if (!l || !from) {
      ignoreItem(
        out,
        l?.key.fromMe === true ? 'our own message, unreadable' : 'message item without an id or customer',
        address,
      );
      return;
    }
    const issue = parsed.error.issues[0];
    out.messages.push({
      address,
      externalId: l.key.id,
      from,
      profileName: text(l.pushName),
      sentAt: timeOf(l.messageTimestamp, receivedAt),
      replyToExternalId: null,
      content: { kind: 'unsupported', type: text(l.messageType) ?? 'unknown' },
      malformed: issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid',
      raw,
    });
    return;
  }
  const u = parsed.data;
  if (u.key.fromMe) {
    out.echoes++;
    return;
  }
  const from = customerPhone(u.key);
  if (!from) {
    skipItem(out, 'group, broadcast, or a privacy id with no phone', address); // nothing to answer
    return;
  }
  const context = contexts(u);
  out.messages.push({
    address,
    externalId: u.key.id,
    from,
    profileName: u.pushName || null,
    sentAt: timeOf(u.messageTimestamp, receivedAt),
    replyToExternalId: context.find((c) => c.stanzaId)?.stanzaId ?? null,
    content: content(u),
    ...(context.some((c) => c.isForwarded) ? { forwarded: true } : {}),
    raw,
  });
}

/** The per-channel secret Evolution puts in every webhook body (the instance's API key). */
export function webhookSecretOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const apikey = (body as Record<string, unknown>).apikey;
  return typeof apikey === 'string' && apikey.length > 0 ? apikey : null;
}
