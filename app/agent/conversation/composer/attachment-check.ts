// The check a file passes before it is uploaded: its type (the browser's, else its name's ending) must be
// one the server sends and its size within that type's limit — the contract's table
// (workers/contract/sendable-files.ts), the same the server applies to the bytes it sniffs.
import { MAX_UPLOAD_BYTES, sendableByName, sendableRule } from '../../../../workers/contract';
import { ct } from './composer-i18n';

export type FileCheck = { ok: true; mimeType: string } | { ok: false; message: string };

export function checkFile(file: { name: string; type: string; size: number }): FileCheck {
  const name = file.name || 'arquivo';
  const claimed = file.type.split(';')[0]?.trim().toLowerCase() ?? '';
  // A type the browser does not know (or calls octet-stream) falls back to the name; the server sniffs anyway.
  const rule = (claimed ? sendableRule(claimed) : null) ?? sendableByName(name);
  if (!rule) return { ok: false, message: ct().attach.refusedType(name) };
  if (file.size === 0) return { ok: false, message: ct().attach.emptyFile(name) };
  const max = Math.min(rule.maxBytes, MAX_UPLOAD_BYTES);
  if (file.size > max) return { ok: false, message: ct().attach.tooLarge(name, file.size, max) };
  return { ok: true, mimeType: rule.mimeType };
}
