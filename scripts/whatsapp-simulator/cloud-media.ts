// Cloud API media: multipart upload (POST /:version/:phoneNumberId/media), URL lookup (GET /:version/:id)
// and the Bearer-protected byte download the lookup URL points at. 'upload' and 'media' faults apply here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { numberFor } from './cloud-auth';
import type { SimContext } from './context';
import { applyFault } from './faults';
import { INVALID_TOKEN, invalidParameter, sendGraphError, unknownObject } from './graph-errors';
import { bearer, header, readBody, sendBytes, sendJson } from './http';
import { boundaryOf, parseMultipart } from './multipart';
import { type StoredMedia, sha256 } from './state';

export async function uploadMedia(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  phoneNumberId: string,
): Promise<void> {
  // Read the whole upload first: answering early would cut off a client still streaming its body.
  const body = await readBody(req);
  const auth = numberFor(ctx.state, bearer(req), phoneNumberId, 'post');
  if ('error' in auth) return sendGraphError(res, auth.error);
  const fault = ctx.state.faults.take('upload', phoneNumberId);
  if (fault && (await applyFault(res, fault, 'cloud', ctx.signal))) return;
  const boundary = boundaryOf(header(req, 'content-type'));
  if (!boundary) return sendGraphError(res, invalidParameter('The request must be multipart/form-data.'));
  const parts = parseMultipart(body, boundary);
  const field = (name: string) => parts.find((p) => p.name === name);
  if (field('messaging_product')?.data.toString() !== 'whatsapp') {
    return sendGraphError(res, invalidParameter('The parameter messaging_product is required.'));
  }
  const file = field('file');
  if (!file || file.data.length === 0) {
    return sendGraphError(res, invalidParameter('The parameter file is required.'));
  }
  const mimeType = field('type')?.data.toString() || file.contentType;
  if (!mimeType) return sendGraphError(res, invalidParameter('The parameter type is required.'));
  const stored = ctx.state.storeMedia({
    provider: 'cloud',
    address: phoneNumberId,
    bytes: file.data,
    mimeType,
    filename: file.filename,
  });
  sendJson(res, 200, { id: stored.id });
}

/** The media for a lookup/download, or null after answering (unknown id, bad token, injected fault). */
async function authorisedMedia(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  mediaId: string,
): Promise<StoredMedia | null> {
  if (!ctx.state.knownToken(bearer(req))) {
    sendGraphError(res, INVALID_TOKEN);
    return null;
  }
  const media = ctx.state.media.get(mediaId);
  if (!media) {
    sendGraphError(res, unknownObject(mediaId, 'get'));
    return null;
  }
  const fault = ctx.state.faults.take('media', media.address);
  if (fault && (await applyFault(res, fault, 'cloud', ctx.signal))) return null;
  return media;
}

export async function lookupMedia(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  mediaId: string,
): Promise<void> {
  const media = await authorisedMedia(ctx, req, res, mediaId);
  if (!media) return;
  sendJson(res, 200, {
    messaging_product: 'whatsapp',
    url: `${ctx.baseUrl}/media-download/${media.id}?token=${media.token}`,
    mime_type: media.mimeType,
    // The lookup reports hex, while webhooks carry base64 (as Meta does).
    sha256: sha256(media.bytes, 'hex'),
    file_size: media.bytes.length,
    id: media.id,
  });
}

export async function downloadMedia(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  mediaId: string,
  token: string | null,
): Promise<void> {
  const media = await authorisedMedia(ctx, req, res, mediaId);
  if (!media) return;
  // Like Meta's signed lookaside URLs, the URL must be the one the lookup returned.
  if (token !== media.token) return sendGraphError(res, unknownObject(mediaId, 'get'));
  sendBytes(res, media.bytes, media.mimeType);
}
