// Inbound media as the gateways serve it: a direct byte URL (what webhooks point at), Evolution's
// getBase64FromMediaMessage and Uazapi's /message/download, both by message id. 'media' faults apply.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from './context';
import { applyFault } from './faults';
import { isRecord, readJson, sendBytes, sendJson } from './http';
import type { StoredMedia } from './state';

type Gateway = 'evolution' | 'uazapi';

/** Consumes a pending 'media' fault for this media; true when the fault answered the request. */
async function faulted(ctx: SimContext, res: ServerResponse, media: StoredMedia, gateway: Gateway) {
  const fault = ctx.state.faults.take('media', media.address);
  return fault !== null && (await applyFault(res, fault, gateway, ctx.signal));
}

/** GET …/media-download/:id; the URL itself is the secret, as on a storage bucket. */
export async function gatewayDownload(
  ctx: SimContext,
  res: ServerResponse,
  gateway: Gateway,
  id: string,
  notFound: unknown,
): Promise<void> {
  const media = ctx.state.media.get(id);
  if (!media || media.provider !== gateway) return sendJson(res, 404, notFound);
  if (await faulted(ctx, res, media, gateway)) return;
  sendBytes(res, media.bytes, media.mimeType);
}

/** POST /evolution/chat/getBase64FromMediaMessage/:instance {message:{key:{id}}} (instance already authorised). */
export async function evolutionBase64(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  instance: string,
): Promise<void> {
  const body = await readJson(req);
  const message = isRecord(body) && isRecord(body.message) ? body.message : {};
  const id = isRecord(message.key) && typeof message.key.id === 'string' ? message.key.id : '';
  const media = ctx.state.mediaOfMessage('evolution', id);
  if (!media || media.address !== instance) {
    const error = { status: 400, error: 'Bad Request', response: { message: [`Message ${id} not found`] } };
    return sendJson(res, 400, error);
  }
  if (await faulted(ctx, res, media, 'evolution')) return;
  sendJson(res, 201, {
    mediaType: `${media.kind ?? 'document'}Message`,
    fileName: media.filename,
    size: { fileLength: String(media.bytes.length) },
    mimetype: media.mimeType,
    base64: media.bytes.toString('base64'),
  });
}

/** POST /uazapi/message/download {id, return_link?, return_base64?} (token already authorised). */
export async function uazapiDownload(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
): Promise<void> {
  const body = await readJson(req);
  const raw = isRecord(body) && typeof body.id === 'string' ? body.id : '';
  // Uazapi accepts its "owner:messageid" composite as well as the bare WhatsApp id.
  const id = raw.includes(':') ? raw.slice(raw.lastIndexOf(':') + 1) : raw;
  const media = ctx.state.mediaOfMessage('uazapi', id);
  if (!media || media.address !== token) return sendJson(res, 404, { error: `Message ${raw} not found` });
  if (await faulted(ctx, res, media, 'uazapi')) return;
  const answer: Record<string, unknown> = {
    fileURL: `${ctx.baseUrl}/uazapi/media-download/${media.id}`,
    mimetype: media.mimeType,
  };
  if (isRecord(body) && body.return_base64 === true) answer.base64Data = media.bytes.toString('base64');
  sendJson(res, 200, answer);
}
