// Routing of the Graph API surface (any version segment, e.g. /v23.0/…): sends, media, phone number info
// (only to the number's own token: the product's proof of ownership) and message templates. Anything else
// gets Graph's "unsupported request" error.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { numberFor, wabaFor } from './cloud-auth';
import { downloadMedia, lookupMedia, uploadMedia } from './cloud-media';
import { cloudSend } from './cloud-messages';
import type { SimContext } from './context';
import { applyFault } from './faults';
import { sendGraphError, unknownObject } from './graph-errors';
import { bearer, sendJson } from './http';
import { graphTemplate } from './templates';

const VERSION = /^v\d+(\.\d+)?$/;

/** Graph's phone number node: `id` always, then the requested `fields` (all four when none are named). */
const NUMBER_FIELDS = ['display_phone_number', 'verified_name', 'quality_rating'] as const;

async function phoneNumberInfo(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  id: string,
): Promise<void> {
  const auth = numberFor(ctx.state, bearer(req), id, 'get');
  if ('error' in auth) return sendGraphError(res, auth.error);
  const fault = ctx.state.faults.take('number', id);
  if (fault && (await applyFault(res, fault, 'cloud', ctx.signal))) return;
  const { number } = auth;
  const all = {
    display_phone_number: number.displayPhoneNumber,
    verified_name: number.verifiedName,
    quality_rating: 'GREEN',
  };
  const asked = url.searchParams
    .get('fields')
    ?.split(',')
    .map((f) => f.trim());
  const body: Record<string, string> = { id: number.phoneNumberId };
  for (const field of NUMBER_FIELDS) if (!asked || asked.includes(field)) body[field] = all[field];
  sendJson(res, 200, body);
}

function templates(ctx: SimContext, req: IncomingMessage, res: ServerResponse, url: URL, wabaId: string) {
  const auth = wabaFor(ctx.state, bearer(req), wabaId);
  if ('error' in auth) return sendGraphError(res, auth.error);
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
      if (ctx.state.numbers.has(id)) return phoneNumberInfo(ctx, req, res, url, id);
      return lookupMedia(ctx, req, res, id);
    }
  }
  sendGraphError(res, unknownObject(parts.slice(1).join('/') || '/', method === 'GET' ? 'get' : 'post'));
}
