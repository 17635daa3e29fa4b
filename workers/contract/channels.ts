// REST shapes for WhatsApp channels (admins add, test, remove numbers; templates) and for agents' messages
// that go beyond plain socket text (templates, attachments).
import { z } from 'zod';
import { Attachment } from './events';
import { ClientId, MESSAGE_TEXT_MAX, DisplayName as Name, Uuid } from './ids';
import { isBlankText, StorableString, VisibleText } from './text';

/** Pacing per number; Meta's defaults (80 msg/s per number; about one message per 6 s per recipient). */
export const PacingSettings = z.object({
  ratePerSecond: z.number().int().min(1).max(1000).default(80),
  pairIntervalMs: z.number().int().min(0).max(60_000).default(6_000),
  pairBurst: z.number().int().min(1).max(100).default(3),
});
export type Pacing = z.infer<typeof PacingSettings>;

const Digits = z.string().regex(/^\d{5,20}$/, 'digits only');
/** A Graph object id in its one spelling (no leading zero): the key a number is unique by across tenants. */
const GraphId = z.string().regex(/^[1-9]\d{4,19}$/, 'digits only, no leading zero');
const BaseUrl = z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).max(500);
const Secret = StorableString.min(8).max(1024);
/** New tickets on the channel start with the bot ("Robô atende primeiro"); off unless asked. */
const BotEnabled = z.boolean().default(false);

export const CreateChannelRequest = z.discriminatedUnion('kind', [
  PacingSettings.partial().extend({
    kind: z.literal('whatsapp_cloud'),
    name: Name,
    botEnabled: BotEnabled,
    phoneNumberId: GraphId,
    wabaId: Digits,
    accessToken: StorableString.min(10).max(1024),
    displayPhoneNumber: StorableString.max(32).optional(),
  }),
  PacingSettings.partial().extend({
    kind: z.literal('evolution'),
    name: Name,
    botEnabled: BotEnabled,
    baseUrl: BaseUrl,
    instance: StorableString.min(1).max(100),
    apiKey: Secret,
    /** What Evolution presents on its webhooks; defaults to the instance API key (Evolution sends it). */
    webhookSecret: Secret.optional(),
  }),
  PacingSettings.partial().extend({
    kind: z.literal('uazapi'),
    name: Name,
    botEnabled: BotEnabled,
    baseUrl: BaseUrl,
    instanceName: StorableString.min(1).max(100),
    instanceToken: Secret,
    /** Defaults to the instance token (Uazapi sends it in every webhook). */
    webhookSecret: Secret.optional(),
  }),
]);
export type CreateChannelRequest = z.infer<typeof CreateChannelRequest>;

export const ChannelKind = z.enum(['widget', 'whatsapp_cloud', 'evolution', 'uazapi']);

export const ChannelView = z.object({
  id: Uuid,
  kind: ChannelKind,
  name: z.string(),
  address: z.string().nullable(),
  /** Non-secret settings only; credentials never leave the server. */
  settings: z.record(z.string(), z.unknown()),
  webhookPath: z.string().nullable(),
  /** New tickets on this channel start with the bot. */
  botEnabled: z.boolean(),
  health: z.object({
    status: z.enum(['healthy', 'unhealthy']),
    reason: z.string().nullable(),
    tokenValid: z.boolean().nullable(),
    lastWebhookAt: z.string().nullable(),
    changedAt: z.string().nullable(),
  }),
  createdAt: z.string(),
});
export type ChannelView = z.infer<typeof ChannelView>;

export const ChannelHealthResponse = z.object({
  channel: ChannelView,
  live: z.object({
    status: z.enum(['healthy', 'unhealthy']),
    sent: z.number(),
    failed: z.number(),
    errorRate: z.number(),
    windowMs: z.number(),
    tokenValid: z.boolean(),
  }),
  alerts: z.array(z.object({ status: z.string(), reason: z.string(), at: z.string() })),
});

export const TemplateView = z.object({
  name: z.string(),
  language: z.string(),
  status: z.string(),
  category: z.string().nullable(),
  body: z.string().nullable(),
});

export const PostMessageRequest = z
  .object({
    clientId: ClientId,
    /** A caption made only of whitespace / invisible characters is no caption (stored as ''). */
    text: StorableString.max(MESSAGE_TEXT_MAX)
      .default('')
      .transform((s) => (isBlankText(s) ? '' : s)),
    template: z
      .object({
        name: StorableString.min(1).max(512),
        language: StorableString.min(2).max(16),
        parameters: z.array(VisibleText.max(1024)).max(20).default([]),
      })
      .optional(),
    /** An attachment uploaded with POST /api/conversations/:id/attachments. */
    attachmentKey: StorableString.min(1).max(512).optional(),
  })
  .refine((b) => !(b.template && b.attachmentKey), 'a message is either a template or an attachment')
  .refine(
    (b) => b.template || b.attachmentKey || b.text.length > 0,
    'text must not be empty without a template or attachment',
  );
export type PostMessageRequest = z.infer<typeof PostMessageRequest>;

export const PostMessageResponse = z.object({ seq: z.number().int(), duplicate: z.boolean() });
export const AttachmentUploadResponse = z.object({ attachment: Attachment });

/** POST /api/channels/:id/test: what the provider said about the credentials, and the number's health now. */
export const ChannelTestResponse = z.object({
  ok: z.boolean(),
  tokenValid: z.boolean(),
  detail: z.string(),
  status: z.enum(['healthy', 'unhealthy']),
});
export type ChannelTestResponse = z.infer<typeof ChannelTestResponse>;

/** GET /api/conversations/:id/channel: whether WhatsApp takes free text now (else only templates). */
export const ChannelStateResponse = z.object({
  whatsapp: z.boolean(),
  /** null when the conversation is not on WhatsApp. */
  windowOpen: z.boolean().nullable(),
  windowExpiresAt: z.string().nullable(),
  queued: z.number().int().nonnegative(),
});
export type ChannelStateResponse = z.infer<typeof ChannelStateResponse>;
