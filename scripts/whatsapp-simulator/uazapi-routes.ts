// Uazapi surface under /uazapi: send/text, send/media, instance/status, instance/connect (QR), message/markread,
// message/presence, message/download and media bytes.
// The `token` header identifies the instance (it is the send address); errors are {"error": "…"}.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SimContext } from './context';
import { gatewayDownload, uazapiDownload } from './gateway-media';
import { gatewayReceipt } from './gateway-receipts';
import {
  accept,
  GATEWAY_MEDIA,
  type GatewayRequest,
  type GatewaySend,
  gatewayFault,
  mediaSize,
  recordAttempt,
  TextBody,
  zodMessages,
} from './gateway-send';
import { issueQr, qrImage, refuseWhenClosed, sessionOf } from './gateway-session';
import { digits, header, isRecord, readJson, sendJson } from './http';
import { uazapiInteractive } from './interactive-sends';

const MediaBody = z.looseObject({
  number: z.string().min(1),
  type: z.enum(GATEWAY_MEDIA),
  file: z.string().min(1),
  text: z.string().optional(),
  docName: z.string().optional(),
  mimetype: z.string().optional(),
});

const INVALID_TOKEN = { error: 'Invalid token' };

function parseSend(kind: 'text' | 'media' | 'menu', body: unknown): GatewaySend | string[] {
  if (kind === 'menu') {
    const interactive = uazapiInteractive(body);
    if (typeof interactive === 'string') return [interactive];
    const to = digits(String((body as { number: string }).number));
    return { to, type: 'interactive', text: interactive.body, interactive };
  }
  if (kind === 'text') {
    const parsed = TextBody.safeParse(body);
    if (!parsed.success) return zodMessages(parsed.error);
    return { to: digits(parsed.data.number), type: 'text', text: parsed.data.text };
  }
  const parsed = MediaBody.safeParse(body);
  if (!parsed.success) return zodMessages(parsed.error);
  const m = parsed.data;
  const media = {
    kind: m.type,
    mimeType: m.mimetype ?? null,
    filename: m.docName ?? null,
    size: mediaSize(m.file),
  };
  return { to: digits(m.number), type: m.type, text: m.text ?? null, media };
}

async function send(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  kind: 'text' | 'media' | 'menu',
) {
  const json = await readJson(req);
  const token = header(req, 'token') ?? '';
  const r: GatewayRequest = {
    provider: 'uazapi',
    address: token,
    at: Date.now(),
    body: isRecord(json) ? json : {},
  };
  if (!ctx.state.uazapi.has(token)) {
    recordAttempt(ctx, r, 401);
    return sendJson(res, 401, INVALID_TOKEN);
  }
  if (refuseWhenClosed(ctx, res, 'uazapi', token)) return recordAttempt(ctx, r, 503);
  if (await gatewayFault(ctx, res, r)) return;
  const parsed = parseSend(kind, json);
  if (Array.isArray(parsed)) {
    recordAttempt(ctx, r, 400);
    return sendJson(res, 400, { error: parsed.join('; ') });
  }
  const id = accept(ctx, r, parsed, 200);
  sendJson(res, 200, {
    id,
    messageid: id,
    chatid: `${parsed.to}@s.whatsapp.net`,
    fromMe: true,
    messageTimestamp: r.at,
    status: 'Pending',
  });
}

export async function routeUazapi(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const [, group, action, extra] = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const method = req.method ?? 'GET';
  const sendKind = action === 'text' || action === 'media' || action === 'menu' ? action : null;
  if (method === 'POST' && group === 'send' && sendKind && !extra) {
    return send(ctx, req, res, sendKind);
  }
  if (
    group === 'instance' &&
    !extra &&
    ((method === 'GET' && action === 'status') || (method === 'POST' && action === 'connect'))
  ) {
    const token = header(req, 'token') ?? '';
    if (!ctx.state.uazapi.has(token)) return sendJson(res, 401, INVALID_TOKEN);
    const s = action === 'connect' ? issueQr(ctx, 'uazapi', token) : sessionOf(ctx, 'uazapi', token);
    const status =
      s.state === 'open' ? 'connected' : s.state === 'connecting' ? 'connecting' : 'disconnected';
    const qrcode = s.state === 'connecting' && s.qr ? qrImage(s.qr) : '';
    return sendJson(res, 200, {
      connected: s.state === 'open',
      instance: { status, qrcode, paircode: s.state === 'connecting' ? (s.pairingCode ?? '') : '' },
      status: { connected: s.state === 'open', loggedIn: s.state === 'open' },
    });
  }
  if (
    method === 'POST' &&
    group === 'message' &&
    (action === 'markread' || action === 'presence') &&
    !extra
  ) {
    const token = header(req, 'token') ?? '';
    if (!ctx.state.uazapi.has(token)) return sendJson(res, 401, INVALID_TOKEN);
    return gatewayReceipt(ctx, req, res, 'uazapi', token, action === 'markread' ? 'read' : 'presence');
  }
  if (method === 'POST' && group === 'message' && action === 'download' && !extra) {
    const token = header(req, 'token') ?? '';
    if (!ctx.state.uazapi.has(token)) return sendJson(res, 401, INVALID_TOKEN);
    return uazapiDownload(ctx, req, res, token);
  }
  if (method === 'GET' && group === 'media-download' && action && !extra) {
    return gatewayDownload(ctx, res, 'uazapi', action, { error: 'Media not found' });
  }
  sendJson(res, 404, { error: 'Not found' });
}
