// Evolution API v2 surface under /evolution: sendText, sendMedia, connectionState, connect (QR),
// markMessageAsRead, sendPresence, getBase64FromMediaMessage and media bytes. Auth is the per-instance `apikey` header; errors use Evolution's {status, error, response}.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SimContext } from './context';
import { evolutionBase64, gatewayDownload } from './gateway-media';
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
import { evolutionInteractive } from './interactive-sends';

const MediaBody = z.looseObject({
  number: z.string().min(1),
  mediatype: z.enum(GATEWAY_MEDIA),
  mimetype: z.string().optional(),
  caption: z.string().optional(),
  media: z.string().min(1),
  fileName: z.string().optional(),
});

const evolutionError = (status: number, error: string, message: string[]) => ({
  status,
  error,
  response: { message },
});

type SendKind = 'sendText' | 'sendMedia' | 'sendButtons' | 'sendList';

function parseSend(kind: SendKind, body: unknown): GatewaySend | string[] {
  if (kind === 'sendButtons' || kind === 'sendList') {
    const interactive = evolutionInteractive(kind, body);
    if (interactive instanceof z.ZodError) return zodMessages(interactive);
    const to = digits(String((body as { number: string }).number));
    return { to, type: 'interactive', text: interactive.body, interactive };
  }
  if (kind === 'sendText') {
    const parsed = TextBody.safeParse(body);
    if (!parsed.success) return zodMessages(parsed.error);
    return { to: digits(parsed.data.number), type: 'text', text: parsed.data.text };
  }
  const parsed = MediaBody.safeParse(body);
  if (!parsed.success) return zodMessages(parsed.error);
  const m = parsed.data;
  const media = {
    kind: m.mediatype,
    mimeType: m.mimetype ?? null,
    filename: m.fileName ?? null,
    size: mediaSize(m.media),
  };
  return { to: digits(m.number), type: m.mediatype, text: m.caption ?? null, media };
}

/** Unknown instance → 404, wrong `apikey` → 401, as Evolution answers; null when authorised. */
function authError(ctx: SimContext, req: IncomingMessage, instance: string) {
  const registered = ctx.state.evolution.get(instance);
  if (!registered) return evolutionError(404, 'Not Found', [`The "${instance}" instance does not exist`]);
  if (header(req, 'apikey') !== registered.apiKey)
    return evolutionError(401, 'Unauthorized', ['Unauthorized']);
  return null;
}

function sentMessage(send: GatewaySend): Record<string, unknown> {
  if (!send.media) return { conversation: send.text };
  const { mimeType, filename } = send.media;
  return {
    [`${send.type}Message`]: {
      caption: send.text ?? undefined,
      mimetype: mimeType,
      fileName: filename ?? undefined,
    },
  };
}

async function send(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  kind: SendKind,
  instance: string,
): Promise<void> {
  const json = await readJson(req);
  const r: GatewayRequest = {
    provider: 'evolution',
    address: instance,
    at: Date.now(),
    body: isRecord(json) ? json : {},
  };
  const denied = authError(ctx, req, instance);
  if (denied) {
    recordAttempt(ctx, r, denied.status);
    return sendJson(res, denied.status, denied);
  }
  if (refuseWhenClosed(ctx, res, 'evolution', instance)) return recordAttempt(ctx, r, 400);
  if (await gatewayFault(ctx, res, r)) return;
  const parsed = parseSend(kind, json);
  if (Array.isArray(parsed)) {
    recordAttempt(ctx, r, 400);
    return sendJson(res, 400, evolutionError(400, 'Bad Request', parsed));
  }
  const id = accept(ctx, r, parsed, 201);
  sendJson(res, 201, {
    key: { remoteJid: `${parsed.to}@s.whatsapp.net`, fromMe: true, id },
    message: sentMessage(parsed),
    messageType: parsed.media
      ? `${parsed.type}Message`
      : parsed.interactive
        ? 'interactiveMessage'
        : 'conversation',
    messageTimestamp: String(Math.floor(r.at / 1000)),
    instanceId: instance,
    status: 'PENDING',
  });
}

export async function routeEvolution(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const [, group, action, id, extra] = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const route = `${req.method ?? 'GET'} ${group}/${action}`;
  if (group === 'media-download' && action && !id && req.method === 'GET') {
    const notFound = evolutionError(404, 'Not Found', ['media not found']);
    return gatewayDownload(ctx, res, 'evolution', action, notFound);
  }
  const sends: SendKind[] = ['sendText', 'sendMedia', 'sendButtons', 'sendList'];
  const known = [
    ...sends.map((k) => `POST message/${k}`),
    'GET instance/connectionState',
    'GET instance/connect',
    'POST chat/getBase64FromMediaMessage',
    'POST chat/markMessageAsRead',
    'POST chat/sendPresence',
  ];
  if (!id || extra || !known.includes(route)) {
    return sendJson(res, 404, evolutionError(404, 'Not Found', [`Cannot ${req.method} ${url.pathname}`]));
  }
  if (group === 'message') return send(ctx, req, res, action as SendKind, id);
  const denied = authError(ctx, req, id);
  if (denied) return sendJson(res, denied.status, denied);
  if (action === 'markMessageAsRead') return gatewayReceipt(ctx, req, res, 'evolution', id, 'read');
  if (action === 'sendPresence') return gatewayReceipt(ctx, req, res, 'evolution', id, 'presence');
  if (group === 'chat') return evolutionBase64(ctx, req, res, id);
  if (action === 'connect') {
    const s = issueQr(ctx, 'evolution', id);
    if (s.state === 'open') return sendJson(res, 200, { instance: { instanceName: id, state: 'open' } });
    const base64 = qrImage(s.qr ?? '');
    return sendJson(res, 200, { pairingCode: s.pairingCode, code: s.qr, base64, count: 1 });
  }
  sendJson(res, 200, { instance: { instanceName: id, state: sessionOf(ctx, 'evolution', id).state } });
}
