// The Uazapi (uazapiGO v2) client: free text and media through one instance token, the instance status as
// health, and media bytes from a URL on Uazapi's own origin or, by message id, from Uazapi's own download
// endpoint. A media URL anywhere else is refused (egress.ts). No templates. Read receipts and "typing" go
// to the customer's chat by number.
import { z } from 'zod';
import {
  bytesToBase64,
  call,
  downloadUrl,
  GATEWAY_HAS_NO_TEMPLATES,
  GATEWAY_NEEDS_A_NUMBER,
  GATEWAY_TYPING_MS,
  gatewayFailure,
  type Http,
  isHttpUrl,
  isSuccess,
  isTransient,
  type MediaResult,
  readJson,
  trimBase,
  unexpectedAnswer,
  unreachable,
  unreachedHealth,
  unreachedMedia,
} from '../http';
import { uazapiInteractive } from '../interactive-bodies';
import { ANY_MEDIA_MAX_BYTES } from '../media-limits';
import type {
  ChannelConfig,
  ChannelTransport,
  HealthCheck,
  OutboundContent,
  OutboundRequest,
  SendOutcome,
} from '../outbound';

type UazapiConfig = Extract<ChannelConfig, { kind: 'uazapi' }>;

// `messageid` is WhatsApp's id (what status webhooks carry); `id` is Uazapi's "owner:messageid" composite.
const Sent = z.union([
  z.looseObject({ messageid: z.string().min(1) }).transform((s) => s.messageid),
  z.looseObject({ id: z.string().min(1) }).transform((s) => s.id),
]);
const Status = z.looseObject({ instance: z.looseObject({ status: z.string().optional() }) });
const DownloadLink = z.looseObject({ fileURL: z.string().min(1), mimetype: z.string().nullish() });

type Sendable = Exclude<OutboundContent, { kind: 'template' }>;

/** The send endpoint and body for one message. */
function sendRequest(content: Sendable, to: string): [string, Record<string, unknown>] {
  switch (content.kind) {
    case 'text':
      return ['/send/text', { number: to, text: content.text }];
    case 'interactive':
      return ['/send/menu', uazapiInteractive(content.interactive, to)];
    case 'media':
      return [
        '/send/media',
        {
          number: to,
          type: content.mediaKind,
          file: bytesToBase64(content.bytes),
          mimetype: content.mimeType,
          ...(content.caption ? { text: content.caption } : {}),
          ...(content.filename ? { docName: content.filename } : {}),
        },
      ];
  }
}

export function createUazapiTransport(config: UazapiConfig, http: Http): ChannelTransport {
  const base = trimBase(config.baseUrl);
  const headers = { token: config.instanceToken };
  const uazapi = (path: string, init: RequestInit = {}) =>
    call(
      http,
      `${base}${path}`,
      { ...init, headers: { ...headers, 'Content-Type': 'application/json' } },
      readJson,
    );

  async function send(request: OutboundRequest): Promise<SendOutcome> {
    const { to, content } = request;
    if (content.kind === 'template') return GATEWAY_HAS_NO_TEMPLATES;
    if (!to) return GATEWAY_NEEDS_A_NUMBER;
    const [path, payload] = sendRequest(content, to);
    const reply = await uazapi(path, { method: 'POST', body: JSON.stringify(payload) });
    if (!reply.reached) return unreachable(reply);
    if (!isSuccess(reply.status)) return gatewayFailure(reply.status, reply.headers, reply.body);
    const sent = Sent.safeParse(reply.body);
    return sent.success
      ? { ok: true, externalId: sent.data }
      : unexpectedAnswer('send answered without messageid');
  }

  async function checkHealth(): Promise<HealthCheck> {
    const reply = await uazapi('/instance/status');
    if (!reply.reached) return unreachedHealth(http, reply);
    if (!isSuccess(reply.status)) {
      const failure = gatewayFailure(reply.status, reply.headers, reply.body);
      return {
        ok: false,
        tokenValid: !failure.tokenInvalid,
        detail: `HTTP ${reply.status}: ${failure.title}`,
      };
    }
    const status = Status.safeParse(reply.body);
    const current = status.success ? (status.data.instance.status ?? 'unknown') : 'unreadable answer';
    return { ok: current === 'connected', tokenValid: true, detail: `instance ${current}` };
  }

  /** Blue ticks on the customer's message and, with `typing`, "digitando…" in their chat. Best effort. */
  async function markRead(externalId: string, typing: boolean, to?: string | null): Promise<boolean> {
    if (!to) return false;
    const read = await uazapi('/message/markread', {
      method: 'POST',
      body: JSON.stringify({ number: to, id: [externalId] }),
    });
    const readOk = read.reached && isSuccess(read.status);
    if (!typing) return readOk;
    const presence = await uazapi('/message/presence', {
      method: 'POST',
      body: JSON.stringify({ number: to, presence: 'composing', delay: GATEWAY_TYPING_MS }),
    });
    return readOk && presence.reached && isSuccess(presence.status);
  }

  // Only Uazapi's own origin is ever fetched (egress), so the instance token goes nowhere else.
  const downloadFrom = (url: string, maxBytes: number) => downloadUrl(http, url, headers, maxBytes);

  /** Uazapi decrypts a stored message's media and answers with a link to the file on its own host. */
  async function fromUazapi(messageId: string, maxBytes: number): Promise<MediaResult> {
    const reply = await uazapi('/message/download', {
      method: 'POST',
      body: JSON.stringify({ id: messageId, return_link: true }),
    });
    if (!reply.reached) return unreachedMedia(reply);
    if (!isSuccess(reply.status)) {
      const { title } = gatewayFailure(reply.status, reply.headers, reply.body);
      return { ok: false, retryable: isTransient(reply.status), reason: `HTTP ${reply.status}: ${title}` };
    }
    const link = DownloadLink.safeParse(reply.body);
    if (!link.success) return { ok: false, retryable: false, reason: `no media for message ${messageId}` };
    const downloaded = await downloadFrom(link.data.fileURL, maxBytes);
    if (!downloaded.ok || !link.data.mimetype) return downloaded;
    return { ok: true, media: { ...downloaded.media, mimeType: link.data.mimetype } };
  }

  const downloadMedia = (mediaId: string, maxBytes = ANY_MEDIA_MAX_BYTES) =>
    isHttpUrl(mediaId) ? downloadFrom(mediaId, maxBytes) : fromUazapi(mediaId, maxBytes);

  return {
    send,
    checkHealth,
    downloadMedia,
    listTemplates: async () => ({ ok: true as const, templates: [] }),
    markRead,
  };
}
