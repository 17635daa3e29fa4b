// The Uazapi (uazapiGO v2) client: free text and media through one instance token, the instance status as
// health, and media bytes from a URL or, by message id, from Uazapi's own download endpoint. No templates.
import { z } from 'zod';
import {
  bytesToBase64,
  call,
  downloadUrl,
  GATEWAY_HAS_NO_TEMPLATES,
  GATEWAY_NEEDS_A_NUMBER,
  gatewayFailure,
  type Http,
  isHttpUrl,
  isSuccess,
  isTransient,
  type MediaResult,
  readJson,
  sameOrigin,
  trimBase,
  unexpectedAnswer,
  unreachable,
} from '../http';
import type { ChannelConfig, ChannelTransport, HealthCheck, OutboundRequest, SendOutcome } from '../outbound';

type UazapiConfig = Extract<ChannelConfig, { kind: 'uazapi' }>;

// `messageid` is WhatsApp's id (what status webhooks carry); `id` is Uazapi's "owner:messageid" composite.
const Sent = z.union([
  z.looseObject({ messageid: z.string().min(1) }).transform((s) => s.messageid),
  z.looseObject({ id: z.string().min(1) }).transform((s) => s.id),
]);
const Status = z.looseObject({ instance: z.looseObject({ status: z.string().optional() }) });
const DownloadLink = z.looseObject({ fileURL: z.string().min(1), mimetype: z.string().nullish() });

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
    const [path, payload] =
      content.kind === 'text'
        ? ['/send/text', { number: to, text: content.text }]
        : [
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
    if (!reply.reached) return { ok: false, tokenValid: true, detail: `${reply.title}: ${reply.detail}` };
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

  // The instance token goes only to Uazapi itself, never to another host that served a media URL.
  const downloadFrom = (url: string) => downloadUrl(http, url, sameOrigin(url, base) ? headers : {});

  /** Uazapi decrypts a stored message's media and answers with a link to the file on its own host. */
  async function fromUazapi(messageId: string): Promise<MediaResult> {
    const reply = await uazapi('/message/download', {
      method: 'POST',
      body: JSON.stringify({ id: messageId, return_link: true }),
    });
    if (!reply.reached) return { ok: false, retryable: true, reason: `${reply.title}: ${reply.detail}` };
    if (!isSuccess(reply.status)) {
      const { title } = gatewayFailure(reply.status, reply.headers, reply.body);
      return { ok: false, retryable: isTransient(reply.status), reason: `HTTP ${reply.status}: ${title}` };
    }
    const link = DownloadLink.safeParse(reply.body);
    if (!link.success) return { ok: false, retryable: false, reason: `no media for message ${messageId}` };
    const downloaded = await downloadFrom(link.data.fileURL);
    if (!downloaded.ok || !link.data.mimetype) return downloaded;
    return { ok: true, media: { ...downloaded.media, mimeType: link.data.mimetype } };
  }

  const downloadMedia = (mediaId: string) =>
    isHttpUrl(mediaId) ? downloadFrom(mediaId) : fromUazapi(mediaId);

  return {
    send,
    checkHealth,
    downloadMedia,
    listTemplates: async () => ({ ok: true as const, templates: [] }),
    // Read receipts and presence through gateways are not wired yet (their endpoints vary by version).
    markRead: async () => false,
  };
}
