// The WhatsApp Cloud API webhook body (zod), flattened into what the channel code acts on: inbound messages
// and delivery statuses, each with the phone_number_id that routes it to a tenant's channel. One POST may
// carry several entries, changes and messages; a message type we do not know is kept as "unsupported" with
// its raw payload, never rejected.
import { z } from 'zod';
import type { FlattenedWebhook, InboundContent, StatusUpdate } from '../inbound';

const Media = z.looseObject({
  id: z.string(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});

const RawMessage = z.looseObject({
  from: z.string(),
  id: z.string().min(1),
  timestamp: z.string().regex(/^\d+$/),
  type: z.string(),
  context: z.looseObject({ from: z.string().optional(), id: z.string() }).optional(),
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
});

const StatusError = z.looseObject({
  code: z.number(),
  title: z.string(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
});

const RawStatus = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: z.string().regex(/^\d+$/),
  recipient_id: z.string(),
  biz_opaque_callback_data: z.string().optional(),
  errors: z.array(StatusError).optional(),
});

const ChangeValue = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  metadata: z.object({ display_phone_number: z.string(), phone_number_id: z.string().min(1) }),
  contacts: z
    .array(z.looseObject({ wa_id: z.string(), profile: z.object({ name: z.string() }).optional() }))
    .optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});

export const CloudWebhook = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      id: z.string(),
      changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })),
    }),
  ),
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
  const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
  if (m.type === 'interactive' && reply) return { kind: 'choice', id: reply.id, title: reply.title };
  if (m.type === 'button' && m.button)
    return { kind: 'choice', id: m.button.payload ?? m.button.text, title: m.button.text };
  if (m.type === 'reaction' && m.reaction) {
    return { kind: 'reaction', toExternalId: m.reaction.message_id, emoji: m.reaction.emoji ?? null };
  }
  return { kind: 'unsupported', type: m.type };
}

const KNOWN_STATUSES = new Set(['sent', 'delivered', 'read', 'failed']);

/** The items that parse, each with the original; the rest are counted as ignored, never thrown. */
function readable<T>(
  items: unknown[],
  schema: z.ZodType<T>,
  out: FlattenedWebhook,
): { data: T; raw: unknown }[] {
  const ok: { data: T; raw: unknown }[] = [];
  for (const raw of items) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) ok.push({ data: parsed.data, raw });
    else out.ignored++;
  }
  return ok;
}

/** Throws a ZodError when the envelope itself is not a Cloud API webhook; tolerates everything inside it. */
export function flattenCloudWebhook(body: unknown): FlattenedWebhook {
  const hook = CloudWebhook.parse(body);
  const out: FlattenedWebhook = { messages: [], statuses: [], echoes: 0, ignored: 0 };
  for (const change of hook.entry.flatMap((e) => e.changes)) {
    const value = change.field === 'messages' ? ChangeValue.safeParse(change.value) : null;
    if (!value?.success) {
      out.ignored++;
      continue;
    }
    const { metadata, contacts = [], messages = [], statuses = [] } = value.data;
    for (const { data: m, raw } of readable(messages, RawMessage, out)) {
      out.messages.push({
        address: metadata.phone_number_id,
        externalId: m.id,
        from: m.from,
        profileName: contacts.find((c) => c.wa_id === m.from)?.profile?.name ?? null,
        sentAt: new Date(Number(m.timestamp) * 1000),
        replyToExternalId: m.context?.id ?? null,
        content: content(m),
        raw,
      });
    }
    for (const { data: st } of readable(statuses, RawStatus, out)) {
      out.statuses.push({
        address: metadata.phone_number_id,
        externalId: st.id,
        status: KNOWN_STATUSES.has(st.status) ? (st.status as StatusUpdate['status']) : 'unknown',
        at: new Date(Number(st.timestamp) * 1000),
        recipient: st.recipient_id,
        reference: st.biz_opaque_callback_data ?? null,
        errors: (st.errors ?? []).map((e) => ({
          code: e.code,
          title: e.title,
          message: e.message ?? null,
          details: e.error_data?.details ?? null,
        })),
      });
    }
  }
  return out;
}
