// Which files agents may send, as what WhatsApp media kind and up to what size: one table for the server
// (which decides on the type the bytes prove, never the browser's claim) and the agent client (which checks
// a file before uploading it, so a refused type or size is said at once). Limits follow WhatsApp's (images
// 5 MB, audio/video 16 MB); documents are capped lower than WhatsApp's 100 MB because a Worker buffers them.

export type SendableKind = 'image' | 'audio' | 'video' | 'document';

export interface SendableRule {
  kind: SendableKind;
  maxBytes: number;
  /** File name endings for this type, for a browser that does not say the type (and the file input). */
  extensions: readonly string[];
}

const MB = 1024 * 1024;

/** The most any upload may be before its bytes say what it is (the document limit). */
export const MAX_UPLOAD_BYTES = 25 * MB;

const doc = (...extensions: string[]): SendableRule => ({ kind: 'document', maxBytes: 25 * MB, extensions });

export const SENDABLE_RULES: Readonly<Record<string, SendableRule>> = {
  'image/jpeg': { kind: 'image', maxBytes: 5 * MB, extensions: ['jpg', 'jpeg'] },
  'image/png': { kind: 'image', maxBytes: 5 * MB, extensions: ['png'] },
  'application/pdf': doc('pdf'),
  'text/plain': doc('txt'),
  'text/csv': doc('csv'),
  'application/msword': doc('doc'),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': doc('docx'),
  'application/vnd.ms-excel': doc('xls'),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': doc('xlsx'),
  'audio/ogg': { kind: 'audio', maxBytes: 16 * MB, extensions: ['ogg', 'opus'] },
  'audio/mpeg': { kind: 'audio', maxBytes: 16 * MB, extensions: ['mp3'] },
  'video/mp4': { kind: 'video', maxBytes: 16 * MB, extensions: ['mp4'] },
};

export const SENDABLE_TYPES: readonly string[] = Object.keys(SENDABLE_RULES);

/** The `accept` list of a file input: every sendable type and its name endings. */
export const SENDABLE_ACCEPT = Object.entries(SENDABLE_RULES)
  .flatMap(([type, rule]) => [type, ...rule.extensions.map((e) => `.${e}`)])
  .join(',');

/** A sendable type by its bare MIME type (lowercase, no parameters). */
export function sendableRule(mimeType: string): (SendableRule & { mimeType: string }) | null {
  const rule = SENDABLE_RULES[mimeType];
  return rule ? { mimeType, ...rule } : null;
}

/** The sendable type a file name ends with, for a browser that gave no type. */
export function sendableByName(filename: string): (SendableRule & { mimeType: string }) | null {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  const found = Object.entries(SENDABLE_RULES).find(([, rule]) => rule.extensions.includes(ext));
  return found ? { mimeType: found[0], ...found[1] } : null;
}
