// The WhatsApp Cloud API webhook body (zod), flattened into what the channel code acts on: inbound messages
// and delivery statuses, each with the phone_number_id that routes it to a tenant's channel. One POST may
// carry several entries, changes and messages, and each item is read on its own: one that does not fit the
// schema never takes the rest of the POST with it. A message with an id is always kept (a type we do not
// know, or a shape that does not fit, as "unsupported" with its raw payload); one without an id cannot be
// stored and is counted as ignored.
import { z } from 'zod';
import {
  emptyFlattened,
  type FlattenedWebhook,
  type InboundContent,
  ignoreItem,
  type ProviderError,
  type StatusUpdate,
  skipItem,
} from '../inbound';
import { type ReferralInput, referralOf, sharedContacts, sharedOrder } from '../shared-content';
import { NUMBER_EVENT_FIELDS, readNumberChange } from './number-events-payload';

const Media = z.looseObject({
  id: z.string(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});

/** Quantities and prices are documented as numbers; some senders serialise them as strings. */
const Amount = z.union([
  z.number().nonnegative(),
  z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number),
]);
const SharedContacts = z
  .array(
    z.looseObject({
      name: z
        .looseObject({ formatted_name: z.string().optional(), first_name: z.string().optional() })
        .optional(),
      phones: z
        .array(
          z.looseObject({
            phone: z.string().optional(),
            type: z.string().optional(),
            wa_id: z.string().optional(),
          }),
        )
        .optional(),
      emails: z.array(z.looseObject({ email: z.string().optional() })).optional(),
      org: z.looseObject({ company: z.string().optional() }).optional(),
    }),
  )
  .min(1);
const Order = z.looseObject({
  catalog_id: z.string().optional(),
  text: z.string().optional(),
  product_items: z
    .array(
      z.looseObject({
        product_retailer_id: z.string().min(1),
        quantity: Amount,
        item_price: Amount.optional(),
        currency: z.string().optional(),
      }),
    )
    // An order with nothing in it is not one we can show: kept as unsupported.
    .min(1),
});
/** The click-to-WhatsApp ad or post the customer came from; it rides on a message of any type. */
const RawReferral = z
  .looseObject({
    source_url: z.string().optional(),
    source_type: z.string().optional(),
    source_id: z.string().optional(),
    headline: z.string().optional(),
    body: z.string().optional(),
    image_url: z.string().optional(),
    video_url: z.string().optional(),
  })
  .transform(
    (r): ReferralInput => ({
      sourceUrl: r.source_url,
      sourceType: r.source_type,
      sourceId: r.source_id,
      headline: r.headline,
      body: r.body,
      mediaUrl: r.image_url ?? r.video_url,
    }),
  );

/** What a message's content must look like for us to render it; identity and time are read apart. */
const RawMessage = z.looseObject({
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  image: Media.optional(),
  audio: Media.optional(),
  video: Media.optional(),
  document: Media.optional(),
  sticker: Media.optional(),
  location: z
    .looseObject({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
      list_reply: z
        .object({ id: z.string(), title: z.string(), description: z.string().optional() })
        .optional(),
    })
    .optional(),
  button: z.looseObject({ payload: z.string().optional(), text: z.string() }).optional(),
  reaction: z.looseObject({ message_id: z.string(), emoji: z.string().optional() }).optional(),
  contacts: SharedContacts.optional(),
  order: Order.optional(),
});

/** Seconds since the epoch: documented as a string, seen as a number too. */
const Timestamp = z.union([
  z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number),
  z.number().int().nonnegative().max(1e12),
]);
/** Numbers are digits; some senders serialise them as JSON numbers. */
const Digits = z.union([z.string().min(1), z.number().int().nonnegative().transform(String)]);
// Built once: a zod schema is costly to construct (these were built for every message and status item).
const NonEmptyText = z.string().min(1);
const AnyText = z.string();
const Change = z.looseObject({ field: z.string(), value: z.unknown() });
const Context = z.looseObject({
  id: z.string().min(1).optional(),
  forwarded: z.boolean().optional(),
  frequently_forwarded: z.boolean().optional(),
});
const Contact = z.looseObject({
  wa_id: Digits.optional(),
  user_id: z.string().min(1).optional(),
  profile: z.looseObject({ name: z.string().optional() }).optional(),
});
type Contact = z.infer<typeof Contact>;

const StatusError = z.looseObject({
  code: z.number().optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
});

const ChangeValue = z.looseObject({
  metadata: z.looseObject({ phone_number_id: Digits }),
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});

export const CloudWebhook = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.unknown()),
});
const Entry = z.looseObject({
  id: Digits.optional(),
  changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })),
});

const MEDIA_KINDS = ['image', 'audio', 'video', 'document', 'sticker'] as const;

function content(m: z.infer<typeof RawMessage>): InboundContent {
  if (m.type === 'text' && m.text) return { kind: 'text', text: m.text.body };
  for (const kind of MEDIA_KINDS) {
    const media = m[kind];
    if (m.type === kind && media) {
      return {
        kind,
        mediaId: media.id,
        mimeType: media.mime_type ?? null,
        caption: media.caption ?? null,
        filename: media.filename ?? null,
      };
    }
  }
  if (m.type === 'location' && m.location) {
    const l = m.location;
    return {
      kind: 'location',
      latitude: l.latitude,
      longitude: l.longitude,
      name: l.name ?? null,
      address: l.address ?? null,
    };
  }
  const list = m.interactive?.list_reply;
  if (m.type === 'interactive' && list) {
    return { kind: 'choice', id: list.id, title: list.title, description: list.description || null };
  }
  const button = m.interactive?.button_reply;
  if (m.type === 'interactive' && button) return { kind: 'choice', id: button.id, title: button.title };
  if (m.type === 'button' && m.button)
    return { kind: 'choice', id: m.button.payload ?? m.button.text, title: m.button.text };
  if (m.type === 'reaction' && m.reaction) {
    // An empty emoji is the customer removing their reaction: null, as the gateways store it.
    return { kind: 'reaction', toExternalId: m.reaction.message_id, emoji: m.reaction.emoji || null };
  }
  if (m.type === 'contacts' && m.contacts) {
    const contacts = sharedContacts(
      m.contacts.map((c) => ({
        name: c.name?.formatted_name || c.name?.first_name,
        phones: (c.phones ?? []).map((p) => ({ phone: p.phone, type: p.type, waId: p.wa_id })),
        emails: (c.emails ?? []).map((e) => e.email),
        organization: c.org?.company,
      })),
    );
    if (contacts.length > 0) return { kind: 'contacts', contacts };
  }
  if (m.type === 'order' && m.order) {
    const o = m.order;
    const items = o.product_items.map((i) => ({
      productId: i.product_retailer_id,
      quantity: i.quantity,
      price: i.item_price,
      currency: i.currency,
    }));
    return { kind: 'order', order: sharedOrder({ catalogId: o.catalog_id, note: o.text, items }) };
  }
  return { kind: 'unsupported', type: m.type };
}

const KNOWN_STATUSES = new Set(['sent', 'delivered', 'read', 'failed']);

type Fields = Record<string, unknown>;

const isRecord = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (item: Fields): string | null =>
  typeof item.id === 'string' && item.id.length > 0 ? item.id : null;
const optional = <T>(schema: z.ZodType<T>, value: unknown): T | null => {
  // Absent is the common case (no context, no referral, no user id) and no schema here accepts it: answered
  // without building a ZodError and its stack trace (about 5 µs each, four or five per message).
  if (value === undefined || value === null) return null;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
};
const timeOf = (value: unknown, receivedAt: Date): Date => {
  const seconds = optional(Timestamp, value);
  return seconds === null ? receivedAt : new Date(seconds * 1000);
};
/** The first issue, short: enough for a log line to say what did not fit. */
const firstIssue = (error: z.ZodError): string => {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
};

/** Who sent a message: its `from` (a phone) and/or a business-scoped user id, from the item or its contact. */
function sender(
  item: Fields,
  contacts: Contact[],
): { from: string | null; userId: string | null; contact?: Contact } {
  const from = optional(Digits, item.from);
  const userId = optional(NonEmptyText, item.from_user_id);
  const only = contacts.length === 1 ? contacts[0] : undefined;
  // A change carries the contacts of its messages: a single one is the sender unless it names someone else.
  const agrees =
    only &&
    (from === null || !only.wa_id || only.wa_id === from) &&
    (userId === null || !only.user_id || only.user_id === userId);
  const contact =
    (from !== null ? contacts.find((c) => c.wa_id === from) : undefined) ??
    (userId !== null ? contacts.find((c) => c.user_id === userId) : undefined) ??
    (agrees ? only : undefined);
  return { from: from ?? contact?.wa_id ?? null, userId: userId ?? contact?.user_id ?? null, contact };
}

function readMessage(
  raw: unknown,
  address: string,
  contacts: Contact[],
  receivedAt: Date,
  out: FlattenedWebhook,
): void {
  const item = isRecord(raw) ? raw : null;
  const externalId = item && idOf(item);
  if (!item || !externalId) {
    ignoreItem(out, 'message item without an id', address);
    return;
  }
  const who = sender(item, contacts);
  const context = optional(Context, item.context);
  const read = optional(RawReferral, item.referral);
  const referral = read && referralOf(read);
  const parsed = RawMessage.safeParse(item);
  const type = typeof item.type === 'string' && item.type.length > 0 ? item.type : 'unknown';
  out.messages.push({
    address,
    externalId,
    from: who.from,
    userId: who.userId,
    profileName: who.contact?.profile?.name || null,
    sentAt: timeOf(item.timestamp, receivedAt),
    replyToExternalId: context?.id ?? null,
    content: parsed.success ? content(parsed.data) : { kind: 'unsupported', type },
    ...(context?.forwarded || context?.frequently_forwarded ? { forwarded: true } : {}),
    ...(referral ? { referral } : {}),
    ...(parsed.success ? {} : { malformed: firstIssue(parsed.error) }),
    raw,
  });
}

function readError(raw: unknown): ProviderError {
  const e = optional(StatusError, raw);
  return {
    code: e?.code ?? null,
    title: e?.title || 'unknown error',
    message: e?.message ?? null,
    details: e?.error_data?.details ?? null,
  };
}

function readStatus(raw: unknown, address: string, receivedAt: Date, out: FlattenedWebhook): void {
  const item = isRecord(raw) ? raw : null;
  const externalId = item && idOf(item);
  if (!item || !externalId) {
    ignoreItem(out, 'status item without an id', address);
    return;
  }
  const status = typeof item.status === 'string' && KNOWN_STATUSES.has(item.status) ? item.status : 'unknown';
  out.statuses.push({
    address,
    externalId,
    status: status as StatusUpdate['status'],
    at: timeOf(item.timestamp, receivedAt),
    recipient: optional(Digits, item.recipient_id) ?? '',
    recipientUserId: optional(NonEmptyText, item.recipient_user_id),
    reference: optional(AnyText, item.biz_opaque_callback_data),
    errors: Array.isArray(item.errors) ? item.errors.map(readError) : [],
  });
}

function readChange(raw: unknown, wabaId: string | null, receivedAt: Date, out: FlattenedWebhook): void {
  const change = optional(Change, raw);
  if (change && NUMBER_EVENT_FIELDS.has(change.field)) {
    // About the number (ban, quality), not a message: number-events-payload.ts.
    readNumberChange(change.field, change.value, wabaId, receivedAt, out);
    return;
  }
  if (change?.field !== 'messages') {
    skipItem(out, 'change of another field', null, { field: change?.field ?? null });
    return;
  }
  const value = ChangeValue.safeParse(change.value);
  if (!value.success) {
    ignoreItem(out, 'messages change without a readable value', null, { issue: firstIssue(value.error) });
    return;
  }
  const { metadata, contacts = [], messages = [], statuses = [], errors = [] } = value.data;
  const address = metadata.phone_number_id;
  if (errors.length > 0) {
    // Meta's report of something it could not deliver to us (e.g. an unsupported message): nothing to store.
    ignoreItem(out, 'errors reported for the number', address, { errors: errors.map(readError).slice(0, 5) });
  }
  const known = contacts.flatMap((c) => {
    const parsed = Contact.safeParse(c);
    return parsed.success ? [parsed.data] : [];
  });
  for (const m of messages) readMessage(m, address, known, receivedAt, out);
  for (const s of statuses) readStatus(s, address, receivedAt, out);
}

/** Throws a ZodError when the envelope itself is not a Cloud API webhook; tolerates everything inside it. */
export function flattenCloudWebhook(body: unknown, receivedAt = new Date()): FlattenedWebhook {
  const hook = CloudWebhook.parse(body);
  const out = emptyFlattened();
  for (const raw of hook.entry) {
    const entry = Entry.safeParse(raw);
    if (!entry.success) {
      ignoreItem(out, 'entry without changes', null, { issue: firstIssue(entry.error) });
      continue;
    }
    for (const change of entry.data.changes) readChange(change, entry.data.id ?? null, receivedAt, out);
  }
  return out;
}
