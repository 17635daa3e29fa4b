// What sending to a WhatsApp provider looks like from the conversation's side, whatever the provider: one
// request shape in, one outcome shape out (accepted with the provider's id, or failed: retryable or not,
// with the provider's error so the agent sees the reason).
import type { InteractiveContent } from '../contract';

export type OutboundContent =
  | { kind: 'text'; text: string }
  | { kind: 'template'; name: string; language: string; parameters: string[] }
  /** Reply buttons or a list (free-form: only inside the 24 h window, like text). */
  | { kind: 'interactive'; interactive: InteractiveContent }
  | {
      kind: 'media';
      mediaKind: 'image' | 'document' | 'audio' | 'video';
      mimeType: string;
      filename: string | null;
      caption: string | null;
      bytes: ArrayBuffer;
    };

export interface OutboundRequest {
  /** The customer's number, digits only, in the form the provider last used for them; null if unknown. */
  to: string | null;
  /**
   * The customer's business-scoped user id (BSUID): the Cloud API sends to it (`recipient`) when there is no
   * number; gateways cannot, and fail the send with that reason.
   */
  userId?: string | null;
  content: OutboundContent;
  /** Echoed back in status webhooks where the provider supports it (Cloud API biz_opaque_callback_data). */
  reference: string | null;
}

export type SendOutcome =
  | { ok: true; externalId: string }
  | {
      ok: false;
      /** True when sending the same message again later can succeed (5xx, throttling, timeouts). */
      retryable: boolean;
      code: number | null;
      title: string;
      message: string | null;
      /** The provider asked us to wait (Retry-After) or throttled the number. */
      retryAfterMs: number | null;
      /** The credentials are no longer valid (Graph error 190 / HTTP 401): the number is unhealthy. */
      tokenInvalid: boolean;
    };

export interface HealthCheck {
  ok: boolean;
  tokenValid: boolean;
  detail: string;
}

export interface DownloadedMedia {
  bytes: ArrayBuffer;
  mimeType: string;
}

/** Where a channel's transport may go beyond the public internet, and what names it in logs. */
export interface ChannelEgressSettings {
  /** Loopback/private origins this deployment allows (PROVIDER_PRIVATE_ORIGINS); none by default. */
  privateOrigins?: readonly string[];
  channelId?: string;
}

/** Credentials and addresses of one channel, decrypted, as the transports need them. */
export type ChannelConfig = ChannelEgressSettings &
  (
    | {
        kind: 'whatsapp_cloud';
        apiBase: string;
        apiVersion: string;
        phoneNumberId: string;
        wabaId: string;
        accessToken: string;
      }
    | { kind: 'evolution'; baseUrl: string; instance: string; apiKey: string }
    | { kind: 'uazapi'; baseUrl: string; instanceToken: string }
  );

export interface TemplateInfo {
  name: string;
  language: string;
  status: string;
  category: string | null;
  /** The BODY component text with {{1}}-style placeholders, when there is one. */
  body: string | null;
  components: unknown[];
}

/** One provider's client. Every method resolves (never throws) for provider or network errors. */
export interface ChannelTransport {
  send(request: OutboundRequest): Promise<SendOutcome>;
  checkHealth(): Promise<HealthCheck>;
  /** The file behind a webhook's media id or URL, at most `maxBytes` (WhatsApp's limit for its kind). */
  downloadMedia(
    mediaId: string,
    maxBytes?: number,
  ): Promise<{ ok: true; media: DownloadedMedia } | { ok: false; retryable: boolean; reason: string }>;
  /**
   * Tells the customer their message was read (blue ticks) and, with `typing`, that an agent is typing
   * (WhatsApp shows it for up to 25 s or until our next message). Best effort: false when it did not take or
   * the provider has no such call. `to` is the customer's number, which the gateways (Evolution, Uazapi)
   * need to address the chat; the Cloud API needs only the message id.
   */
  markRead(externalId: string, typing: boolean, to?: string | null): Promise<boolean>;
  /**
   * Every template of the number (Cloud API only; gateways have none: an empty list). Any failed page fails
   * the whole listing, so a sync never mistakes "the Graph API is down" for "no templates".
   */
  listTemplates(): Promise<{ ok: true; templates: TemplateInfo[] } | { ok: false; reason: string }>;
}
