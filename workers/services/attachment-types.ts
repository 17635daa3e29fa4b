// Which files agents may send, and as what WhatsApp media kind, decided on the type the bytes prove
// (file-sniff.ts), never on the browser's claim. Limits follow WhatsApp's (images 5 MB, audio/video 16 MB,
// documents 100 MB); uploads are capped lower here because a Worker buffers them.
import type { AttachmentKind } from '../contract';
import { bareType } from './file-sniff';

export type SendableKind = Exclude<AttachmentKind, 'sticker'>;

/** The most any upload may be before its bytes say what it is (the document limit). */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

const TYPES: Record<string, { kind: SendableKind; maxBytes: number }> = {
  'image/jpeg': { kind: 'image', maxBytes: 5 * 1024 * 1024 },
  'image/png': { kind: 'image', maxBytes: 5 * 1024 * 1024 },
  'application/pdf': { kind: 'document', maxBytes: 25 * 1024 * 1024 },
  'text/plain': { kind: 'document', maxBytes: 25 * 1024 * 1024 },
  'text/csv': { kind: 'document', maxBytes: 25 * 1024 * 1024 },
  'application/msword': { kind: 'document', maxBytes: 25 * 1024 * 1024 },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    kind: 'document',
    maxBytes: 25 * 1024 * 1024,
  },
  'application/vnd.ms-excel': { kind: 'document', maxBytes: 25 * 1024 * 1024 },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    kind: 'document',
    maxBytes: 25 * 1024 * 1024,
  },
  'audio/ogg': { kind: 'audio', maxBytes: 16 * 1024 * 1024 },
  'audio/mpeg': { kind: 'audio', maxBytes: 16 * 1024 * 1024 },
  'video/mp4': { kind: 'video', maxBytes: 16 * 1024 * 1024 },
};

/** A type agents may send, with its kind and size limit (give it the sniffed type). */
export function sendableType(
  contentType: string | null | undefined,
): { mimeType: string; kind: SendableKind; maxBytes: number } | null {
  const mimeType = bareType(contentType);
  const type = TYPES[mimeType];
  return type ? { mimeType, ...type } : null;
}

export const SENDABLE_TYPES = Object.keys(TYPES);

/** A filename safe to show and to hand to WhatsApp: no paths, no control characters, bounded. */
export function cleanFilename(raw: string | undefined): string | null {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const name = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return name ? name.slice(0, 200) : null;
}
