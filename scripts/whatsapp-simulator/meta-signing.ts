// Meta's webhook bytes and signature: JSON rendered the way Meta's PHP stack does (non-ASCII as \uXXXX,
// "/" as "\/"), signed with HMAC-SHA256 of the app secret over exactly those bytes.
import { createHmac } from 'node:crypto';

/** Meta-style JSON: a worker that re-serialises instead of hashing raw bytes will get a different digest. */
export function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** "sha256=<lowercase hex>" for X-Hub-Signature-256. */
export function signBody(appSecret: string, raw: string | Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}

/** Headers of a Meta webhook delivery (Meta also still sends the legacy SHA-1 header). */
export function metaHeaders(appSecret: string, raw: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'facebookexternalua',
    'x-hub-signature-256': signBody(appSecret, raw),
    'x-hub-signature': `sha1=${createHmac('sha1', appSecret).update(raw).digest('hex')}`,
  };
}
