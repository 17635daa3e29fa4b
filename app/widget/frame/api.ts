// The widget's HTTP calls to Fio (same origin as the frame): the channel's public configuration, a visitor
// session, a file upload and a file's bytes. Every failure becomes an ApiError with the server's code, so the
// screens can say what happened (site not allowed, identity required, too many attempts, unreachable).
import type { PrechatAnswers, WidgetConfigResponse } from '../../../workers/contract/widget';
import { ApiError } from '../../lib/api-error';

export { ApiError };

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'unreachable', 'network error');
  }
  const body = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; details?: unknown };
  } | null;
  if (!res.ok) {
    const e = body?.error;
    throw new ApiError(res.status, e?.code ?? 'unreachable', e?.message ?? res.statusText, e?.details);
  }
  return body as T;
}

export function fetchConfig(channelId: string): Promise<WidgetConfigResponse> {
  return call(`/api/widget/channels/${encodeURIComponent(channelId)}/config`);
}

export interface SessionRequest {
  channel: string;
  hostOrigin?: string;
  name?: string;
  contact?: PrechatAnswers;
  visitorKey?: string;
  identityToken?: string;
}

export interface Session {
  token: string;
  conversationId: string;
  visitorId: string;
  visitorKey: string;
  protocol: string;
  verified: boolean;
}

export function createSession(req: SessionRequest): Promise<Session> {
  return call('/api/widget/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(req),
  });
}

export interface Uploaded {
  attachment: { key: string; kind: string; mimeType: string; filename: string | null; size: number };
}

/** Uploads a file of the visitor's conversation; the returned key is then sent with attachment.send. */
export function uploadFile(s: Pick<Session, 'token' | 'conversationId'>, file: File): Promise<Uploaded> {
  const q = new URLSearchParams({ filename: file.name });
  return call(`/api/conversations/${encodeURIComponent(s.conversationId)}/attachments?${q.toString()}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.token}`, 'content-type': file.type || 'application/octet-stream' },
    body: file,
  });
}

/**
 * A file of the conversation as an object URL (the socket token is not a cookie, so an <img src> could not
 * carry it). `preview`: the server serves only proven images and PDFs inline.
 */
export async function fileUrl(
  s: Pick<Session, 'token' | 'conversationId'>,
  key: string,
  preview: boolean,
): Promise<string | null> {
  const path = `/api/conversations/${encodeURIComponent(s.conversationId)}/files/${encodeURIComponent(key)}`;
  try {
    const res = await fetch(preview ? `${path}?preview=1` : path, {
      headers: { authorization: `Bearer ${s.token}` },
    });
    if (!res.ok) return null;
    const type = preview ? (res.headers.get('content-type') ?? '') : 'application/octet-stream';
    return URL.createObjectURL(new Blob([await res.arrayBuffer()], { type }));
  } catch {
    return null;
  }
}

/** The conversation socket's address (the token travels in the query: browsers cannot set socket headers). */
export function socketUrl(wsBase: string, s: Pick<Session, 'token' | 'conversationId'>): string {
  return `${wsBase}/ws/conversations/${encodeURIComponent(s.conversationId)}?token=${encodeURIComponent(s.token)}`;
}
