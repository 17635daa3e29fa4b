// The composer's REST calls beyond socket text: a number's templates, a message posted over REST (a
// template, or an uploaded attachment with its caption), and an upload with progress and cancel (fetch
// cannot report upload progress, so XMLHttpRequest).
import { z } from 'zod';
import {
  type Attachment,
  AttachmentUploadResponse,
  type ErrorEnvelope,
  type PostMessageRequest,
  PostMessageResponse,
  TemplateView,
} from '../../../../workers/contract';
import { ApiError, refreshedToken, requestParsed } from '../../api';

export type Template = z.infer<typeof TemplateView>;
export type UploadedAttachment = z.infer<typeof Attachment>;

const enc = encodeURIComponent;
const TemplateList = z.object({ templates: z.array(TemplateView) });

export const listTemplates = async (token: string, channelId: string) =>
  (await requestParsed(TemplateList, `/api/channels/${enc(channelId)}/templates`, { token })).templates;

export const syncTemplates = async (token: string, channelId: string) =>
  (
    await requestParsed(TemplateList, `/api/channels/${enc(channelId)}/templates/sync`, {
      token,
      method: 'POST',
    })
  ).templates;

export const postMessage = (
  token: string,
  conversationId: string,
  body: z.input<typeof PostMessageRequest>,
) =>
  requestParsed(PostMessageResponse, `/api/conversations/${enc(conversationId)}/messages`, {
    token,
    method: 'POST',
    body: JSON.stringify(body),
  });

export interface Upload {
  done: Promise<UploadedAttachment>;
  cancel: () => void;
}

/** Uploads one file; `onProgress` gets 0…1. Rejects with an ApiError (status 0, `aborted`, when cancelled). */
export function uploadFile(
  token: string,
  conversationId: string,
  file: Blob,
  filename: string,
  onProgress: (fraction: number) => void,
): Upload {
  let current: XMLHttpRequest | null = null;
  let cancelled = false;
  const url = `/api/conversations/${enc(conversationId)}/attachments?filename=${enc(filename)}`;
  const attempt = (bearer: string) =>
    new Promise<UploadedAttachment>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      current = xhr;
      xhr.open('POST', url);
      xhr.setRequestHeader('authorization', `Bearer ${bearer}`);
      if (file.type) xhr.setRequestHeader('content-type', file.type);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
      xhr.onabort = () => reject(new ApiError(0, 'aborted', 'cancelled'));
      xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
      xhr.onload = () => {
        let body: unknown = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          // not JSON: reported below by status
        }
        if (xhr.status < 200 || xhr.status >= 300) {
          const error = (body as ErrorEnvelope | null)?.error;
          reject(new ApiError(xhr.status, error?.code ?? 'internal', error?.message ?? xhr.statusText));
          return;
        }
        const parsed = AttachmentUploadResponse.safeParse(body);
        if (!parsed.success) reject(new ApiError(502, 'bad_response', 'Unexpected upload answer'));
        else resolve(parsed.data.attachment);
      };
      xhr.send(file);
    });
  const done = attempt(token).catch(async (err: unknown) => {
    // An expired token: once more with the refreshed one, as every other call of the app does.
    if (!(err instanceof ApiError) || err.status !== 401 || err.code !== 'unauthorized' || cancelled)
      throw err;
    const next = await refreshedToken(token);
    if (!next || cancelled) throw err;
    return attempt(next);
  });
  return {
    done,
    cancel: () => {
      cancelled = true;
      current?.abort();
    },
  };
}
