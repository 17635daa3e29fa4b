// The Evolution API (v2) client: free text and media through one instance, its connection state as health,
// and media bytes either from a URL on Evolution's own origin (its S3 copy when served there) or from
// Evolution itself by message id (webhook URLs point at WhatsApp's encrypted CDN, so the message id is what we
// keep). A media URL anywhere else is refused (egress.ts). No templates: those are a Cloud API feature.
// Read receipts and "typing" go to the customer's chat by jid.
import { z } from 'zod';
import {
  base64ToBytes,
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
  readJsonUpTo,
  trimBase,
  unexpectedAnswer,
  unreachable,
  unreachedHealth,
  unreachedMedia,
} from '../http';
import { evolutionInteractive } from '../interactive-bodies';
import { ANY_MEDIA_MAX_BYTES, base64AnswerMaxBytes } from '../media-limits';
import type {
  ChannelConfig,
  ChannelTransport,
  HealthCheck,
  OutboundContent,
  OutboundRequest,
  SendOutcome,
} from '../outbound';

type EvolutionConfig = Extract<ChannelConfig, { kind: 'evolution' }>;

const Sent = z.looseObject({ key: z.looseObject({ id: z.string().min(1) }) });
const ConnectionState = z.looseObject({ instance: z.looseObject({ state: z.string().optional() }) });
const Base64Media = z.looseObject({ base64: z.string().min(1), mimetype: z.string().nullish() });

type Sendable = Exclude<OutboundContent, { kind: 'template' }>;

/** The send endpoint (under /message/…/{instance}) and body for one message. */
function sendRequest(content: Sendable, to: string): [string, Record<string, unknown>] {
  switch (content.kind) {
    case 'text':
      return ['sendText', { number: to, text: content.text }];
    case 'interactive': {
      const interactive = evolutionInteractive(content.interactive, to);
      return [interactive.path, interactive.body];
    }
    case 'media':
      return [
        'sendMedia',
        {
          number: to,
          mediatype: content.mediaKind,
          mimetype: content.mimeType,
          media: bytesToBase64(content.bytes),
          // Evolution validates these as strings when present: leave them out rather than send null.
          ...(content.caption ? { caption: content.caption } : {}),
          ...(content.filename ? { fileName: content.filename } : {}),
        },
      ];
  }
}

export function createEvolutionTransport(config: EvolutionConfig, http: Http): ChannelTransport {
  const base = trimBase(config.baseUrl);
  const instance = encodeURIComponent(config.instance);
  const headers = { apikey: config.apiKey };
  const evolution = (path: string, init: RequestInit = {}, read = readJson) =>
    call(
      http,
      `${base}${path}`,
      { ...init, headers: { ...headers, 'Content-Type': 'application/json' } },
      read,
    );

  async function send(request: OutboundRequest): Promise<SendOutcome> {
    const { to, content } = request;
    if (content.kind === 'template') return GATEWAY_HAS_NO_TEMPLATES;
    if (!to) return GATEWAY_NEEDS_A_NUMBER;
    const [action, payload] = sendRequest(content, to);
    const reply = await evolution(`/message/${action}/${instance}`, {
      method: 'POST',
      body: JSON.stringify(payload),
    });
    if (!reply.reached) return unreachable(reply);
    if (!isSuccess(reply.status)) return gatewayFailure(reply.status, reply.headers, reply.body);
    const sent = Sent.safeParse(reply.body);
    if (sent.success) return { ok: true, externalId: sent.data.key.id };
    return unexpectedAnswer('send answered without key.id');
  }

  async function checkHealth(): Promise<HealthCheck> {
    const reply = await evolution(`/instance/connectionState/${instance}`);
    if (!reply.reached) return unreachedHealth(http, reply);
    if (!isSuccess(reply.status)) {
      const failure = gatewayFailure(reply.status, reply.headers, reply.body);
      return {
        ok: false,
        tokenValid: !failure.tokenInvalid,
        detail: `HTTP ${reply.status}: ${failure.title}`,
      };
    }
    const state = ConnectionState.safeParse(reply.body);
    const current = state.success ? (state.data.instance.state ?? 'unknown') : 'unreadable answer';
    return { ok: current === 'open', tokenValid: true, detail: `connection ${current}` };
  }

  /**
   * Blue ticks on the customer's message (Baileys needs the chat's jid beside the id) and, with `typing`,
   * "digitando…". Both are best effort: false when either did not take.
   */
  async function markRead(externalId: string, typing: boolean, to?: string | null): Promise<boolean> {
    if (!to) return false;
    const read = await evolution(`/chat/markMessageAsRead/${instance}`, {
      method: 'POST',
      body: JSON.stringify({
        readMessages: [{ remoteJid: `${to}@s.whatsapp.net`, fromMe: false, id: externalId }],
      }),
    });
    const readOk = read.reached && isSuccess(read.status);
    if (!typing) return readOk;
    const presence = await evolution(`/chat/sendPresence/${instance}`, {
      method: 'POST',
      body: JSON.stringify({ number: to, presence: 'composing', delay: GATEWAY_TYPING_MS }),
    });
    return readOk && presence.reached && isSuccess(presence.status);
  }

  /** Evolution decrypts the media of a message it stored, by the message's key id. */
  async function fromEvolution(messageId: string, maxBytes: number): Promise<MediaResult> {
    const reply = await evolution(
      `/chat/getBase64FromMediaMessage/${instance}`,
      {
        method: 'POST',
        body: JSON.stringify({ message: { key: { id: messageId } }, convertToMp4: false }),
      },
      readJsonUpTo(base64AnswerMaxBytes(maxBytes)),
    );
    if (!reply.reached) return unreachedMedia(reply);
    if (!isSuccess(reply.status)) {
      const { title } = gatewayFailure(reply.status, reply.headers, reply.body);
      return { ok: false, retryable: isTransient(reply.status), reason: `HTTP ${reply.status}: ${title}` };
    }
    const media = Base64Media.safeParse(reply.body);
    if (!media.success) return { ok: false, retryable: false, reason: `no media for message ${messageId}` };
    try {
      const bytes = base64ToBytes(media.data.base64);
      if (bytes.byteLength > maxBytes)
        return { ok: false, retryable: false, reason: `too large: more than ${maxBytes} bytes` };
      return { ok: true, media: { bytes, mimeType: media.data.mimetype || 'application/octet-stream' } };
    } catch {
      return { ok: false, retryable: false, reason: `invalid base64 for message ${messageId}` };
    }
  }

  async function downloadMedia(mediaId: string, maxBytes = ANY_MEDIA_MAX_BYTES): Promise<MediaResult> {
    if (!isHttpUrl(mediaId)) return fromEvolution(mediaId, maxBytes);
    // Only Evolution's own origin is ever fetched (egress), so the API key goes nowhere else.
    return downloadUrl(http, mediaId, headers, maxBytes);
  }

  return {
    send,
    checkHealth,
    downloadMedia,
    listTemplates: async () => ({ ok: true as const, templates: [] }),
    markRead,
  };
}
