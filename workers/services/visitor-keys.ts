// Visitor keys: a widget visitor's id with our HMAC over (tenant, id), so only ids we issued resume a
// conversation; a guessed or copied-from-another-tenant id is refused. Keyed from JWT_SECRET (domain-separated).
const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      encoder.encode(`fio-visitor-key:${secret}`),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    keys.set(secret, key);
  }
  return key;
}

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const fromB64url = (s: string) =>
  Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

export async function signVisitorKey(secret: string, tenantId: string, visitorId: string): Promise<string> {
  const mac = await crypto.subtle.sign(
    'HMAC',
    await hmacKey(secret),
    encoder.encode(`${tenantId}:${visitorId}`),
  );
  return `${visitorId}.${b64url(new Uint8Array(mac))}`;
}

/** The visitor id inside a key we issued for this tenant, or null (constant-time check by Web Crypto). */
export async function openVisitorKey(
  secret: string,
  tenantId: string,
  visitorKey: string,
): Promise<string | null> {
  const [visitorId, mac] = visitorKey.split('.');
  if (!visitorId || !mac) return null;
  const ok = await crypto.subtle.verify(
    'HMAC',
    await hmacKey(secret),
    fromB64url(mac),
    encoder.encode(`${tenantId}:${visitorId}`),
  );
  return ok ? visitorId : null;
}
