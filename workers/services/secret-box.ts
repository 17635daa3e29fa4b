// Channel credentials encrypted at rest with AES-256-GCM (WebCrypto). The row's id goes in as associated
// data, so a ciphertext copied to another row does not open.

/** The sealed value could not be opened: wrong key or aad, tampered, or not a sealed value at all. */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** A handful of keys at most (current + one being rotated in); bounded so misuse cannot grow it forever. */
const MAX_CACHED_KEYS = 8;

const keys = new Map<string, Promise<CryptoKey>>();

function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // Chunked: spreading a large array into fromCharCode overflows the argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function decodeKey(keyBase64: string): Uint8Array<ArrayBuffer> {
  let raw: Uint8Array<ArrayBuffer> | null = null;
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(keyBase64) && keyBase64.length % 4 === 0) {
    raw = Uint8Array.from(atob(keyBase64), (c) => c.charCodeAt(0));
  }
  // A configuration mistake, not a bad ciphertext: a plain Error so callers do not treat it as bad data.
  if (raw?.length !== KEY_BYTES) throw new Error('secret box key must be base64 of exactly 32 bytes');
  return raw;
}

function importKey(keyBase64: string): Promise<CryptoKey> {
  const cached = keys.get(keyBase64);
  if (cached) return cached;
  const raw = decodeKey(keyBase64);
  if (keys.size >= MAX_CACHED_KEYS) keys.clear();
  const key = crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  keys.set(keyBase64, key);
  key.catch(() => keys.delete(keyBase64));
  return key;
}

function additionalData(aad: string): Uint8Array<ArrayBuffer> {
  if (aad === '') throw new Error('secret box aad must not be empty (use the owning row id)');
  return new TextEncoder().encode(aad);
}

/** Encrypts `plaintext` bound to `aad`: `v1.<iv base64url>.<ciphertext+tag base64url>`. */
export async function sealSecret(keyBase64: string, plaintext: string, aad: string): Promise<string> {
  const key = await importKey(keyBase64);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(aad) },
    key,
    new TextEncoder().encode(plaintext),
  );
  return `${VERSION}.${bytesToBase64Url(iv)}.${bytesToBase64Url(new Uint8Array(sealed))}`;
}

/** Decrypts a value from sealSecret with the same key and aad; throws SecretBoxError otherwise. */
export async function openSecret(keyBase64: string, sealed: string, aad: string): Promise<string> {
  const key = await importKey(keyBase64);
  const data = additionalData(aad);
  const parts = sealed.split('.');
  const iv = parts.length === 3 && parts[0] === VERSION ? base64UrlToBytes(parts[1] ?? '') : null;
  const body = iv ? base64UrlToBytes(parts[2] ?? '') : null;
  if (!iv || iv.length !== IV_BYTES || !body || body.length < TAG_BYTES) {
    throw new SecretBoxError('not a sealed secret (expected v1.<iv>.<ciphertext>)');
  }
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: data }, key, body);
  } catch {
    throw new SecretBoxError('secret does not open: wrong key or aad, or tampered');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw new SecretBoxError('secret is not UTF-8');
  }
}

export async function sealJson(keyBase64: string, value: unknown, aad: string): Promise<string> {
  // JSON.stringify returns undefined for undefined/functions, which would seal an empty string.
  const text: string | undefined = JSON.stringify(value);
  if (text === undefined) throw new Error('sealJson: value is not JSON-serialisable');
  return sealSecret(keyBase64, text, aad);
}

/** Parses what sealJson sealed. `T` is not checked here: validate the result (e.g. with zod). */
export async function openJson<T = unknown>(keyBase64: string, sealed: string, aad: string): Promise<T> {
  const text = await openSecret(keyBase64, sealed, aad);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new SecretBoxError('secret is not JSON');
  }
}
