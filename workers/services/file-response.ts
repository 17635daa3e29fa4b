// How a stored file leaves the Worker. Files come from customers, so nothing in one may run in our origin:
// every answer is a download (Content-Disposition: attachment) unless the client asked for a preview and the
// bytes prove a raster image, PDF, audio or video; the type is never sniffed again by the browser (nosniff);
// a sandboxing CSP makes even a mislabelled document an opaque origin with no script; and other sites may
// not embed it (CORP). The type served is the sniffed one, never a scriptable one (HTML, SVG, XML…).
import { isPreviewable, OCTET_STREAM, SNIFF_BYTES, SNIFFED_TYPES, sniffMimeType } from './file-sniff';

export const FILE_CSP =
  "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'";

/** The extension a served type is saved with, so a file on the agent's disk opens as what it is. */
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/aac': 'aac',
  'audio/mp4': 'm4a',
  'audio/amr': 'amr',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'video/webm': 'webm',
  'application/zip': 'zip',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'text/plain': 'txt',
  'text/csv': 'csv',
  [OCTET_STREAM]: 'bin',
};
/** Extensions that fit more than one name for the same type. */
const ALIASES: Record<string, string[]> = { jpg: ['jpeg', 'jpe'], txt: ['text', 'log'] };

/** A type we may label a response with: one the sniffer produces; anything else (older objects) is bytes. */
export const servableType = (stored: string | null | undefined): string =>
  stored && SNIFFED_TYPES.has(stored) ? stored : OCTET_STREAM;

/**
 * The name a download is saved as: the sender's name with its extension made to match the type the bytes
 * proved ("fatura.pdf" that is HTML becomes "fatura.pdf.bin"), so the agent's system never opens it as a page.
 */
export function downloadName(filename: string | null | undefined, mimeType: string): string {
  const ext = EXTENSIONS[mimeType] ?? 'bin';
  const base = (filename ?? '').trim() || 'anexo';
  const own = base.includes('.') ? (base.split('.').pop() ?? '').toLowerCase() : '';
  if (own === ext || (ALIASES[ext] ?? []).includes(own)) return base;
  return `${base}.${ext}`;
}

/** RFC 6266 / 5987: an ASCII fallback and the exact UTF-8 name. */
export function contentDisposition(kind: 'attachment' | 'inline', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const exact = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

/**
 * Headers for a stored file whose type is `mimeType` (already sniffed). Inline only when the client asked
 * for a preview and the type is one a browser shows without running anything of the file's.
 */
export function fileHeaders(mimeType: string, filename: string | null, preview: boolean): Headers {
  const type = servableType(mimeType);
  const inline = preview && isPreviewable(type);
  const headers = new Headers({
    'content-type': type.startsWith('text/') ? `${type}; charset=utf-8` : type,
    'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', downloadName(filename, type)),
    'x-content-type-options': 'nosniff',
    'content-security-policy': FILE_CSP,
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'private, max-age=3600',
  });
  return headers;
}

/**
 * A stored object as a response. Its first bytes are sniffed again on the way out (the stored type only
 * chooses where the bytes allow a choice), so an object stored before types were sniffed, or labelled
 * wrongly by anything, is still served as what it is. One read: the head is put back in front of the rest.
 */
export async function serveStoredFile(object: R2ObjectBody, preview: boolean): Promise<Response> {
  const { head, body } = await peek(object.body, SNIFF_BYTES);
  const type = sniffMimeType(head, object.httpMetadata?.contentType);
  const headers = fileHeaders(type, object.customMetadata?.filename ?? null, preview);
  headers.set('etag', object.httpEtag);
  return new Response(body, { headers });
}

/** Reads at least `n` bytes (or all there are) and returns them with a stream that still yields everything. */
async function peek(
  stream: ReadableStream<Uint8Array>,
  n: number,
): Promise<{ head: Uint8Array; body: ReadableStream<Uint8Array> }> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < n && !done) {
    const next = await reader.read();
    if (next.done) done = true;
    else {
      chunks.push(next.value);
      size += next.value.byteLength;
    }
  }
  const head = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    head.set(c, at);
    at += c.byteLength;
  }
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (head.byteLength > 0) controller.enqueue(head);
      if (done) controller.close();
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { head, body };
}
