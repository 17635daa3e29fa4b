// Routing of the Graph API surface (any version segment, e.g. /v23.0/…): sends, media, phone number info
// and message templates. Anything else gets Graph's "unsupported request" error.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { downloadMedia, lookupMedia, uploadMedia } from './cloud-media';
import { cloudSend } from './cloud-messages';
import type { SimContext } from './context';
import { INVALID_TOKEN, sendGraphError, unknownObject } from './graph-errors';
import { bearer, sendJson } from './http';
import { graphTemplate } from './templates';

const VERSION = /^v\d+(\.\d+)?$/;

function phoneNumberInfo(ctx: SimContext, req: IncomingMessage, res: ServerResponse, id: string) {
  const number = ctx.state.numbers.get(id);
  if (!number) return sendGraphError(res, unknownObject(id, 'get'));
  if (bearer(req) !== number.accessToken) return sendGraphError(res, INVALID_TOKEN);
  sendJson(res, 200, {
    id: number.phoneNumberId,
    display_phone_number: number.displayPhoneNumber,
    verified_name: number.verifiedName,
    quality_rating: 'GREEN',
  });
}

function templates(ctx: SimContext, req: IncomingMessage, res: ServerResponse, url: URL, wabaId: string) {
  const numbers = [...ctx.state.numbers.values()].filter((n) => n.wabaId === wabaId);
  if (numbers.length === 0) return sendGraphError(res, unknownObject(wabaId, 'get'));
  const token = bearer(req);
  if (!numbers.some((n) => n.accessToken === token)) return sendGraphError(res, INVALID_TOKEN);
  const name = url.searchParams.get('name');
  const status = url.searchParams.get('status');
  const data = ctx.state
    .templatesFor(wabaId)
    .filter((t) => (!name || t.name === name) && (!status || (t.status ?? 'APPROVED') === status))
    .map((t) => graphTemplate(wabaId, t));
  sendJson(res, 200, { data, paging: {} });
}

export async function routeCloud(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, id, edge] = parts;
  const method = req.method ?? 'GET';
  if (first === 'media-download' && id && parts.length === 2 && method === 'GET') {
    return downloadMedia(ctx, req, res, id, url.searchParams.get('token'));
  }
  if (first && VERSION.test(first) && id) {
    if (method === 'POST' && edge === 'messages' && parts.length === 3) return cloudSend(ctx, req, res, id);
    if (method === 'POST' && edge === 'media' && parts.length === 3) return uploadMedia(ctx, req, res, id);
    if (method === 'GET' && edge === 'message_templates' && parts.length === 3) {
      return templates(ctx, req, res, url, id);
    }
    if (method === 'GET' && parts.length === 2) {
      // One id space, as in Graph: a registered phone number id, else a media id.
      if (ctx.state.numbers.has(id)) return phoneNumberInfo(ctx, req, res, id);
      return lookupMedia(ctx, req, res, id);
    }
  }
  sendGraphError(res, unknownObject(parts.slice(1).join('/') || '/', method === 'GET' ? 'get' : 'post'));
}
