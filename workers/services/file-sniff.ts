// What a file really is, from its bytes: the type we store, serve and preview never comes from the sender
// (a customer's "PDF" may be HTML with a script). Magic numbers decide; the sender's claim only chooses
// between types the bytes cannot tell apart (a legacy .doc from a .xls, CSV from plain text; text has no
// magic number, so it must be claimed). Anything not recognised is application/octet-stream. No type this
// returns is rendered as a document by a browser: HTML, SVG and XML come out as octet-stream, and text is
// text only when it does not start like markup.

import { PREVIEW_TYPES } from '../contract';

export const OCTET_STREAM = 'application/octet-stream';

/** How many leading bytes the sniffer reads (except for finding a ZIP's office entries). */
export const SNIFF_BYTES = 4096;

const OOXML = {
  word: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  excel: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  powerpoint: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
} as const;
const ZIP_TYPES = new Set<string>([...Object.values(OOXML), 'application/zip']);
const OLE_TYPES = new Set([
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
]);
const TEXT_TYPES = new Set(['text/plain', 'text/csv']);

/** Types whose bytes a browser can show without running anything of the file's (see the contract). */
const PREVIEWABLE = new Set(PREVIEW_TYPES);

/** Every type sniffMimeType can return: anything else found in storage (older objects) is served as bytes. */
export const SNIFFED_TYPES: ReadonlySet<string> = new Set([
  ...PREVIEWABLE,
  ...ZIP_TYPES,
  ...OLE_TYPES,
  ...TEXT_TYPES,
  OCTET_STREAM,
]);

export const isPreviewable = (mimeType: string | null | undefined): boolean =>
  PREVIEWABLE.has(mimeType ?? '');

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function startsWith(bytes: Uint8Array, sig: Uint8Array | number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[offset + i] !== sig[i]) return false;
  return true;
}

function indexOf(bytes: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  outer: for (
    let i = bytes.indexOf(first as number, from);
    i >= 0;
    i = bytes.indexOf(first as number, i + 1)
  ) {
    if (i + needle.length > bytes.length) return -1;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** The sender's type without parameters, lower-cased ('' when absent). */
export function bareType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** ISO base media (MP4 family): the major brand says audio (M4A), 3GPP or video; HEIF images are not ours. */
function isoMediaType(bytes: Uint8Array): string {
  const brand = String.fromCharCode(...bytes.subarray(8, 12));
  if (brand.startsWith('3g')) return 'video/3gpp';
  if (brand === 'M4A ' || brand === 'M4B ') return 'audio/mp4';
  if (/^(heic|heix|heim|heis|hevc|mif1|msf1|avif|avis)$/.test(brand)) return OCTET_STREAM;
  return 'video/mp4';
}

/** A ZIP is an office file when its entries say so (names appear in local headers and the central directory). */
function zipType(bytes: Uint8Array, claimed: string): string {
  const head = bytes.subarray(0, 64 * 1024);
  const tail = bytes.subarray(Math.max(0, bytes.length - 64 * 1024));
  const has = (name: string) => indexOf(head, ascii(name)) >= 0 || indexOf(tail, ascii(name)) >= 0;
  if (has('word/document.xml')) return OOXML.word;
  if (has('xl/workbook.xml')) return OOXML.excel;
  if (has('ppt/presentation.xml')) return OOXML.powerpoint;
  // Only the first bytes at hand (a stored object's head): keep what was stored if it is a ZIP type.
  return ZIP_TYPES.has(claimed) ? claimed : 'application/zip';
}

const MP3_SYNC = (b: Uint8Array) =>
  b.length > 2 && b[0] === 0xff && ((b[1] as number) & 0xe0) === 0xe0 && ((b[1] as number) & 0x06) !== 0;
const ADTS_SYNC = (b: Uint8Array) => b.length > 2 && b[0] === 0xff && ((b[1] as number) & 0xf6) === 0xf0;

/**
 * Text the browser could never take for a document: valid UTF-8, no control characters but tab, line
 * breaks and form feed, and not starting (after blanks and a BOM) with `<`, which HTML, SVG and XML do.
 */
function looksLikePlainText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.length === 0) return false;
  let text: string;
  try {
    // stream: a multi-byte character cut at the end of the head (or of a stored object's head) is no error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return false;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return false;
  return !text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('<');
}

/**
 * The MIME type the bytes prove. `claimed` (the sender's or the stored type) is used only where the bytes
 * leave a choice: which legacy Office format an OLE file is, whether UTF-8 without markup is text (and CSV
 * or plain), which ZIP type a truncated head is. Pass the whole file when you have it; a stored object's
 * first SNIFF_BYTES are enough to serve it.
 */
export function sniffMimeType(input: ArrayBuffer | Uint8Array, claimedType?: string | null): string {
  const b = input instanceof Uint8Array ? input : new Uint8Array(input);
  const claimed = bareType(claimedType);
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(b, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(b, ascii('OggS'))) return 'audio/ogg';
  if (startsWith(b, ascii('ID3')) || MP3_SYNC(b)) return 'audio/mpeg';
  if (ADTS_SYNC(b)) return 'audio/aac';
  if (startsWith(b, ascii('#!AMR\n'))) return 'audio/amr';
  if (startsWith(b, ascii('ftyp'), 4)) return isoMediaType(b);
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return zipType(b, claimed);
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return OLE_TYPES.has(claimed) ? claimed : OCTET_STREAM;
  }
  // Text has no magic number: the claim must say text, and the bytes must not be markup.
  if (TEXT_TYPES.has(claimed) && looksLikePlainText(b)) return claimed;
  return OCTET_STREAM;
}

/**
 * The attachment kind to show for what the bytes are: a provider's "image" that is not an image is a
 * document (so the client never offers it as a picture). Audio, video and stickers likewise.
 */
export function kindForType<K extends 'image' | 'audio' | 'video' | 'document' | 'sticker'>(
  claimed: K,
  mimeType: string,
): K | 'document' {
  const family = mimeType.split('/')[0];
  if (claimed === 'image' || claimed === 'sticker') return family === 'image' ? claimed : 'document';
  if (claimed === 'audio' || claimed === 'video') {
    return family === 'audio' || family === 'video' ? claimed : 'document';
  }
  return claimed;
}
