// Customer files in the agent client. A file never becomes a page of our origin (it may be HTML or SVG with
// a script that would act as the agent): "Abrir anexo" saves it (a blob typed application/octet-stream
// behind <a download>, so even a browser ignoring `download` would not render it), and only raster images,
// PDFs, audio and video are shown, when the event's type says so and the server's answer to `?preview=1`
// confirms it (inline, with the type it sniffed from the bytes).
import { PREVIEW_IMAGE_TYPES, PREVIEW_PDF_TYPE, PREVIEW_TYPES } from '../../../workers/contract';
import { authorizedFetch } from '../api';

export type PreviewKind = 'image' | 'pdf' | 'audio' | 'video';

export interface Preview {
  kind: PreviewKind;
  /** An object URL of the bytes, typed as the server proved them; revoke it when done. */
  url: string;
}

/** What a ready attachment of this type may be previewed as (the type on the event was sniffed too). */
export function previewKind(mimeType: string | null | undefined): PreviewKind | null {
  const type = (mimeType ?? '').toLowerCase();
  if (PREVIEW_IMAGE_TYPES.includes(type)) return 'image';
  if (type === PREVIEW_PDF_TYPE) return 'pdf';
  if (!PREVIEW_TYPES.includes(type)) return null;
  return type.startsWith('audio/') ? 'audio' : type.startsWith('video/') ? 'video' : null;
}

async function fetchFile(token: string, conversationId: string, key: string, preview: boolean) {
  const path = `/api/conversations/${encodeURIComponent(conversationId)}/files/${encodeURIComponent(key)}`;
  return authorizedFetch(preview ? `${path}?preview=1` : path, {}, token);
}

/** The name the server chose (its extension matches the sniffed type), from `filename*=UTF-8''…`. */
function serverFilename(disposition: string | null): string | null {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (!encoded) return null;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

/** Saves the file to the agent's disk. Resolves false when the server refused it. */
export async function downloadFile(
  token: string,
  conversationId: string,
  key: string,
  fallbackName: string,
): Promise<boolean> {
  const res = await fetchFile(token, conversationId, key, false);
  if (!res.ok) return false;
  const name = serverFilename(res.headers.get('content-disposition')) ?? fallbackName;
  const blob = new Blob([await res.arrayBuffer()], { type: 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started from the blob; keep it long enough for a slow disk, then free it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}

/** The preview the server allows for this file, or null (not proven an image or PDF: download it instead). */
export async function loadPreview(
  token: string,
  conversationId: string,
  key: string,
): Promise<Preview | null> {
  const res = await fetchFile(token, conversationId, key, true);
  if (!res.ok) return null;
  const inline = /^inline\b/i.test(res.headers.get('content-disposition') ?? '');
  const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const kind = inline ? previewKind(type) : null;
  if (!kind) return null;
  return { kind, url: URL.createObjectURL(new Blob([await res.arrayBuffer()], { type })) };
}
