// Which files agents may send, decided on the type the bytes prove (file-sniff.ts), never on the browser's
// claim. The table itself is in the contract (workers/contract/sendable-files.ts), shared with the agent
// client's check before uploading.
import {
  MAX_UPLOAD_BYTES,
  SENDABLE_TYPES,
  type SendableKind,
  sendableRule,
} from '../contract/sendable-files';
import { bareType } from './file-sniff';

export { MAX_UPLOAD_BYTES, SENDABLE_TYPES, type SendableKind };

/** A type agents may send, with its kind and size limit (give it the sniffed type). */
export function sendableType(
  contentType: string | null | undefined,
): { mimeType: string; kind: SendableKind; maxBytes: number } | null {
  const rule = sendableRule(bareType(contentType));
  return rule ? { mimeType: rule.mimeType, kind: rule.kind, maxBytes: rule.maxBytes } : null;
}

/** A filename safe to show and to hand to WhatsApp: no paths, no control characters, bounded. */
export function cleanFilename(raw: string | undefined): string | null {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const name = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return name ? name.slice(0, 200) : null;
}
