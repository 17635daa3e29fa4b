// Meta's webhook signature: X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256(app secret, raw body). Checked
// on the bytes exactly as received (Meta signs an escaped-unicode rendering, so re-serialised JSON would not
// match), with Web Crypto's verify, which compares in constant time.

const HEADER = /^sha256=([0-9a-f]{64})$/;

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Imported keys per secret and use: importing on every webhook was measurable at hundreds per second. */
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  const id = `${usage}:${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = importHmacKey(secret, usage);
    if (keys.size > 16) keys.clear();
    keys.set(id, key);
  }
  return key;
}

function importHmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    [usage],
  );
}

/** True only for a well-formed header whose HMAC over `rawBody` matches. */
export async function verifyMetaSignature(
  rawBody: BufferSource,
  header: string | null | undefined,
  appSecret: string,
): Promise<boolean> {
  const match = header ? HEADER.exec(header.trim().toLowerCase()) : null;
  if (!match?.[1] || !appSecret) return false;
  const key = await hmacKey(appSecret, 'verify');
  return crypto.subtle.verify('HMAC', key, hexToBytes(match[1]), rawBody);
}

/** The header value Meta would send for `rawBody` (used by the Graph API simulator and tests). */
export async function metaSignature(rawBody: BufferSource, appSecret: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(appSecret, 'sign'), rawBody));
  return `sha256=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
