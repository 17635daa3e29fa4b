// Public types of the WhatsApp provider simulator: what tests and the dev script register, inject, send
// and read back. Kept apart from the implementation so callers can import types without the server.

export type Provider = 'cloud' | 'evolution' | 'uazapi';
export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';
/** send: POST …/messages; media: media lookups and downloads; upload: POST …/media; number: GET /{phone_number_id}. */
export type FaultTarget = 'send' | 'media' | 'upload' | 'number';
export type MediaKind = 'image' | 'document' | 'audio' | 'video' | 'sticker';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The Fio Worker base URL webhooks are posted to; can be set later with setWorkerUrl. */
  workerUrl?: string;
  /** Meta app secret used to sign Cloud API webhooks (X-Hub-Signature-256). */
  appSecret: string;
  /** Auto-emit status webhooks sent→delivered→read for each accepted Cloud send (dev); default false. */
  autoStatuses?: boolean;
  /** Milliseconds between auto statuses, default 300. */
  autoStatusDelayMs?: number;
}

export interface CloudNumber {
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
  displayPhoneNumber: string;
  verifiedName?: string;
}

export type GatewayRegistration =
  | { kind: 'evolution'; instance: string; apiKey: string; ownerNumber?: string }
  | { kind: 'uazapi'; instanceToken: string; instanceName?: string; ownerNumber?: string };

export interface SimTemplate {
  name: string;
  language: string;
  /** Default APPROVED; only approved templates can be sent. */
  status?: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED';
  /** Default UTILITY. */
  category?: 'UTILITY' | 'MARKETING' | 'AUTHENTICATION';
  /** BODY text with {{1}}, {{2}}… placeholders. */
  body: string;
}

/** A one-shot response consumed by the next matching request. A 2xx status only delays (then proceeds). */
export type Fault =
  | {
      status: number;
      code?: number;
      title?: string;
      message?: string;
      delayMs?: number;
      /** A Retry-After header on the error (e.g. a 130429 that says how long the number is throttled). */
      retryAfterSeconds?: number;
    }
  | { timeout: true };

export interface SentMedia {
  kind: string;
  mimeType: string | null;
  filename: string | null;
  /** Bytes, when the simulator has them (null for media passed by URL to a gateway). */
  size: number | null;
}

/** One option of an interactive message: a reply button or a list row. */
export interface SentOption {
  id: string;
  title: string;
  description?: string;
}

/** Reply buttons or a list the product sent, read from the provider's own request shape. */
export interface SentInteractive {
  kind: 'buttons' | 'list';
  body: string;
  options: SentOption[];
  /** Exactly what the provider received: Cloud's `interactive` object, a gateway's whole request body. */
  raw: Record<string, unknown>;
}

/** The customer's tap on a button or list row of an interactive message the product sent. */
export interface ChoiceInput {
  kind: 'button' | 'list';
  id: string;
  title: string;
  description?: string;
}

export interface TapInput {
  /** The interactive message's id as the simulator answered it (SentRecord.externalId). */
  externalId: string;
  /** The button's or row's id; its title comes from the sent message. */
  optionId: string;
  /** Gateways' webhooks are per channel: the Fio channel id (not needed for Cloud numbers). */
  channelId?: string;
  name?: string;
}

export interface SentRecord {
  /** Date.now() on arrival. */
  at: number;
  provider: Provider;
  /** phoneNumberId (Cloud), instance (Evolution) or instanceToken (Uazapi). */
  address: string;
  /** Recipient digits only. */
  to: string;
  type: string;
  /** Text body, caption or rendered template body. */
  text: string | null;
  template?: { name: string; language: string; parameters: string[] };
  media?: SentMedia;
  interactive?: SentInteractive;
  externalId: string;
  /** biz_opaque_callback_data, echoed back in status webhooks. */
  reference: string | null;
  /** Furthest status emitted by the simulator for this send (statuses() or auto statuses). */
  delivery: DeliveryStatus | null;
}

/** Every send request, accepted or not; `status` is the HTTP status answered (0 = held open, no answer). */
export interface AttemptRecord extends Omit<SentRecord, 'externalId' | 'delivery'> {
  externalId: string | null;
  status: number;
}

export interface ReadReceipt {
  at: number;
  address: string;
  /** The message marked read; '' for a gateway's typing ("composing") call, which names only the chat. */
  messageId: string;
  typing: boolean;
  /** Gateways: which one, and the customer's number the call named. */
  provider?: 'evolution' | 'uazapi';
  to?: string;
}

export interface SentFilter {
  address?: string;
  to?: string;
}

export interface InboundMedia {
  kind: MediaKind;
  mimeType: string;
  bytes: Buffer;
  filename?: string;
  caption?: string;
  /** An audio recorded as a voice note (push-to-talk, Ogg/Opus) rather than an attached file. */
  voice?: boolean;
}

/** A contact card a simulated customer shares. */
export interface SimContact {
  name: string;
  phones?: { phone: string; type?: string; waId?: string }[];
  emails?: string[];
  organization?: string;
}

/** A cart from the number's catalogue (Cloud API `order`). */
export interface SimOrder {
  catalogId?: string;
  text?: string;
  items: { productId: string; quantity: number; price?: number; currency?: string }[];
}

/** The click-to-WhatsApp ad a customer came from (Cloud API `referral`). */
export interface SimReferral {
  sourceUrl?: string;
  sourceType?: string;
  sourceId?: string;
  headline?: string;
  body?: string;
  imageUrl?: string;
}

/** What a gateway customer's message may carry besides text and media. */
export interface GatewayShared {
  contacts?: SimContact[];
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  /** The message id this one replies to (quoted). */
  replyTo?: string;
  forwarded?: boolean;
}

export interface InboundInput {
  phoneNumberId: string;
  from: string;
  name?: string;
  text?: string;
  media?: InboundMedia;
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  /** A full message object sent as-is (for unknown types and edge cases). */
  raw?: Record<string, unknown>;
  /** Send the same bytes N times sequentially (webhook retries). */
  repeat?: number;
  externalId?: string;
  /** Seconds since epoch; default now. */
  timestamp?: number;
  /** wamid this message replies to (context). */
  replyTo?: string;
  /** A tap on a reply button or list row (type interactive), usually with `replyTo`. */
  choice?: ChoiceInput;
  contacts?: SimContact[];
  order?: SimOrder;
  /** The ad the customer clicked: rides on the message, whatever its type. */
  referral?: SimReferral;
  /** WhatsApp's "Forwarded" label (context.forwarded). */
  forwarded?: boolean;
}

export interface WebhookResult {
  status: number;
  body: string;
}

export interface InboundResult extends WebhookResult {
  externalId: string;
  payload: Record<string, unknown>;
  /** HTTP status of every POST, in order (several when `repeat` > 1). */
  statuses: number[];
}

export interface BatchResult extends WebhookResult {
  externalIds: string[];
  payload: Record<string, unknown>;
}

export interface StatusUpdate {
  externalId: string;
  status: DeliveryStatus;
  recipient: string;
  reference?: string | null;
  errors?: { code: number; title: string; message?: string; details?: string }[];
}

export interface GatewayInboundMedia {
  kind: 'image' | 'document' | 'audio' | 'video';
  /** A voice note (push-to-talk) rather than an attached audio file. */
  voice?: boolean;
  mimeType: string;
  bytes: Buffer;
  filename?: string;
  caption?: string;
}

export interface EvolutionInboundInput extends GatewayShared {
  channelId: string;
  instance: string;
  apiKey: string;
  from: string;
  name?: string;
  text?: string;
  fromMe?: boolean;
  media?: GatewayInboundMedia;
  /** A tap on a reply button or list row (buttonsResponseMessage / listResponseMessage). */
  choice?: ChoiceInput;
  /** The message id the tap answers (contextInfo.stanzaId). */
  replyTo?: string;
  /** Also put message.mediaUrl (Evolution with S3 storage on); without it media is fetched by message id. */
  mediaUrl?: boolean;
  externalId?: string;
  /** Sent as x-fio-webhook-secret when the channel's webhook secret differs from the API key. */
  webhookSecret?: string;
}

export interface UazapiInboundInput extends GatewayShared {
  channelId: string;
  instanceToken: string;
  from: string;
  name?: string;
  text?: string;
  fromMe?: boolean;
  isGroup?: boolean;
  media?: GatewayInboundMedia;
  /** A tap on a reply button or list row (ButtonsResponseMessage / ListResponseMessage). */
  choice?: ChoiceInput;
  /** The message id the tap answers (`quoted`). */
  replyTo?: string;
  externalId?: string;
  /** Sent as x-fio-webhook-secret when the channel's webhook secret differs from the instance token. */
  webhookSecret?: string;
}

/** A customer message the simulator delivered to the worker (shown by the dev page). */
export interface InboundLogEntry {
  at: number;
  address: string;
  from: string;
  type: string;
  text: string | null;
  externalId: string;
  status: number;
}
