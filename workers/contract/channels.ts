// REST shapes for WhatsApp channels (admins add, test, remove numbers; templates) and for agents' messages
// that go beyond plain socket text (templates, attachments).
import { z } from 'zod';
import { MessagingTier } from './campaigns';
import { Attachment, InteractiveContent } from './events';
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

/**
 * Why a number is healthy or not, as a code the clients word in pt-BR or English (never provider English on
 * screen): `params` carries the numbers and names the wording needs (error rate, error code, quality colour).
 */
export const ChannelHealthCode = z.enum([
  'sending_normally',
  'token_invalid',
  'error_rate',
  'unreachable',
  /** Gateways (Evolution, Uazapi): the WhatsApp session ended (logged out on the phone): re-pair by QR. */
  'logged_out',
  /** Gateways: the connection to WhatsApp dropped (the gateway is reconnecting). */
  'disconnected',
  /** Gateways: connected again after a re-pair or a reconnect. */
  'paired',
  /** Cloud API: Meta disabled or banned the number or its account. */
  'banned',
  /** Cloud API: quality rating RED or the number flagged. */
  'quality_red',
  /** Cloud API: quality back to GREEN/YELLOW or the ban lifted. */
  'restored',
]);
export type ChannelHealthCode = z.infer<typeof ChannelHealthCode>;
export const HealthParams = z.record(z.string().max(40), z.string().max(200));
export type HealthParams = z.infer<typeof HealthParams>;

/** A gateway number's WhatsApp session: paired (open), waiting for a QR scan, or logged out. */
export const PairingState = z.enum(['paired', 'connecting', 'qr', 'logged_out', 'unknown']);
export type PairingState = z.infer<typeof PairingState>;

/** GET /api/channels/:id/pairing: a gateway number's session and, while waiting for a scan, the QR to show. */
export const PairingResponse = z.object({
  state: PairingState,
  /** The text the QR code encodes (the gateway's pairing code); null when paired or not yet issued. */
  qr: z.string().max(4096).nullable(),
  /** An 8-character pairing code for "link with phone number", when the gateway gives one. */
  pairingCode: z.string().max(32).nullable(),
  /** The QR as an image (a PNG/SVG data URL) when the gateway gives only that (Uazapi); null otherwise. */
  qrImage: z.string().max(200_000).nullable().optional(),
  checkedAt: z.string(),
});
export type PairingResponse = z.infer<typeof PairingResponse>;

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
  /** Meta's daily tier of unique campaign recipients for this number (widgets keep the default, unused). */
  messagingTier: MessagingTier,
  health: z.object({
    status: z.enum(['healthy', 'unhealthy']),
    reason: z.string().nullable(),
    /** The reason as a code the client words (null for rows from before codes). */
    code: ChannelHealthCode.nullable(),
    params: HealthParams.nullable(),
    tokenValid: z.boolean().nullable(),
    lastWebhookAt: z.string().nullable(),
    changedAt: z.string().nullable(),
  }),
  createdAt: z.string(),
});
export type ChannelView = z.infer<typeof ChannelView>;

/** PATCH /api/channels/:id: the number's messaging tier as Meta shows it in the WhatsApp Manager. */
export const UpdateChannelRequest = z.strictObject({ messagingTier: MessagingTier });
export type UpdateChannelRequest = z.infer<typeof UpdateChannelRequest>;

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
  alerts: z.array(
    z.object({
      status: z.string(),
      reason: z.string(),
      code: ChannelHealthCode.nullable(),
      params: HealthParams.nullable(),
      at: z.string(),
    }),
  ),
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
    /** Reply buttons (up to 3) or a list; the text is then ignored (the body is the message's text). */
    interactive: InteractiveContent.optional(),
  })
  .refine(
    (b) => [b.template, b.attachmentKey, b.interactive].filter(Boolean).length <= 1,
    'a message is one of: a template, an attachment, an interactive message',
  )
  .refine(
    (b) => b.template || b.attachmentKey || b.interactive || b.text.length > 0,
    'text must not be empty without a template, attachment or interactive message',
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

/** A healthy WhatsApp number of the tenant a customer can be continued on. */
export const AlternativeNumber = z.object({
  channelId: Uuid,
  name: z.string(),
  kind: ChannelKind,
  address: z.string().nullable(),
});
export type AlternativeNumber = z.infer<typeof AlternativeNumber>;

/** GET /api/conversations/:id/channel: whether WhatsApp takes free text now (else only templates). */
export const ChannelStateResponse = z.object({
  whatsapp: z.boolean(),
  /** null when the conversation is not on WhatsApp. */
  windowOpen: z.boolean().nullable(),
  windowExpiresAt: z.string().nullable(),
  queued: z.number().int().nonnegative(),
  /** The conversation's number: its id, name, kind and health (the composer warns when it is unhealthy). */
  channel: z
    .object({
      id: Uuid,
      name: z.string(),
      kind: ChannelKind,
      health: z.enum(['healthy', 'unhealthy']),
      code: ChannelHealthCode.nullable(),
      params: HealthParams.nullable(),
    })
    .optional(),
  /** Healthy numbers of the tenant this customer can be continued on (only when this one is unhealthy). */
  alternatives: z.array(AlternativeNumber).optional(),
});
export type ChannelStateResponse = z.infer<typeof ChannelStateResponse>;

/**
 * POST /api/conversations/:id/continue: an agent continues the customer on another healthy number of the
 * tenant. A template opens the new thread (the customer has no window there yet); the ticket goes on in it.
 */
export const ContinueOnNumberRequest = z.object({
  channelId: Uuid,
  clientId: ClientId,
  template: z.object({
    name: StorableString.min(1).max(512),
    language: StorableString.min(2).max(16),
    parameters: z.array(VisibleText.max(1024)).max(20).default([]),
  }),
});
export type ContinueOnNumberRequest = z.infer<typeof ContinueOnNumberRequest>;
export const ContinueOnNumberResponse = z.object({ conversationId: Uuid, seq: z.number().int() });
export type ContinueOnNumberResponse = z.infer<typeof ContinueOnNumberResponse>;
