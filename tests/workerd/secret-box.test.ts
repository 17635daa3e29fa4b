// Channel credentials at rest: AES-256-GCM round trips, and every way a sealed value must refuse to open.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  openJson,
  openSecret,
  SecretBoxError,
  sealJson,
  sealSecret,
} from '../../workers/services/secret-box';

const KEY = env.CHANNEL_SECRETS_KEY;
const OTHER_KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));
const AAD = 'channel-7f9c2b1e';
const SECRET = 'EAAG…token — ação, coração, 😀🚀 and 中文';

/** Flips one bit of the byte at `index` inside a base64url segment. */
function tamper(segment: string, index: number): string {
  const bytes = Uint8Array.from(atob(segment.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  bytes[index] = (bytes[index] as number) ^ 1;
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

async function expectRefused(promise: Promise<unknown>) {
  await expect(promise).rejects.toBeInstanceOf(SecretBoxError);
}

describe('secret box', () => {
  it('round-trips text with accents and emoji', async () => {
    const sealed = await sealSecret(KEY, SECRET, AAD);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('token');
    expect(await openSecret(KEY, sealed, AAD)).toBe(SECRET);
    expect(await openSecret(KEY, await sealSecret(KEY, '', AAD), AAD)).toBe('');
  });

  it('uses a fresh IV every time', async () => {
    const sealed = await Promise.all(Array.from({ length: 20 }, () => sealSecret(KEY, SECRET, AAD)));
    expect(new Set(sealed.map((s) => s.split('.')[1])).size).toBe(20);
    expect(new Set(sealed).size).toBe(20);
  });

  it('refuses another row (aad)', async () => {
    const sealed = await sealSecret(KEY, SECRET, AAD);
    await expectRefused(openSecret(KEY, sealed, 'channel-other'));
    await expect(openSecret(KEY, sealed, 'channel-other')).rejects.toThrow(/wrong key or aad/);
  });

  it('refuses the wrong key', async () => {
    await expectRefused(openSecret(OTHER_KEY, await sealSecret(KEY, SECRET, AAD), AAD));
  });

  it('refuses a tampered IV, ciphertext or tag', async () => {
    const sealed = await sealSecret(KEY, SECRET, AAD);
    const [version, iv, body] = sealed.split('.') as [string, string, string];
    const bodyLength = atob(body.replace(/-/g, '+').replace(/_/g, '/')).length;
    await expectRefused(openSecret(KEY, `${version}.${tamper(iv, 0)}.${body}`, AAD));
    await expectRefused(openSecret(KEY, `${version}.${iv}.${tamper(body, 0)}`, AAD));
    await expectRefused(openSecret(KEY, `${version}.${iv}.${tamper(body, bodyLength - 1)}`, AAD));
    await expectRefused(openSecret(KEY, `${version}.${iv}.${body.slice(0, -4)}`, AAD));
  });

  it('refuses values that are not sealed secrets', async () => {
    const sealed = await sealSecret(KEY, SECRET, AAD);
    const [, iv, body] = sealed.split('.') as [string, string, string];
    for (const bad of [
      '',
      'plaintext-token',
      `v2.${iv}.${body}`,
      `v1.${iv}`,
      `v1.${iv}.${body}.extra`,
      `v1.${iv}==.${body}`,
      `v1.${iv.slice(0, -2)}.${body}`,
      `v1.${iv}.${body.replace(/./, '+')}`,
      `v1.${iv}.AAAA`,
    ]) {
      await expect(openSecret(KEY, bad, AAD), bad).rejects.toThrow(/not a sealed secret/);
    }
  });

  it('rejects a key that is not base64 of exactly 32 bytes', async () => {
    const short = btoa('x'.repeat(31));
    const long = btoa('x'.repeat(33));
    for (const key of ['', short, long, 'not base64!', KEY.slice(1)]) {
      await expect(sealSecret(key, SECRET, AAD), key).rejects.toThrow(/exactly 32 bytes/);
      await expect(openSecret(key, 'v1.a.b', AAD), key).rejects.toThrow(/exactly 32 bytes/);
    }
    await expect(sealSecret(short, SECRET, AAD)).rejects.not.toBeInstanceOf(SecretBoxError);
  });

  it('rejects an empty aad', async () => {
    await expect(sealSecret(KEY, SECRET, '')).rejects.toThrow(/aad/);
  });

  it('seals and opens JSON', async () => {
    const value = { accessToken: SECRET, phoneNumberId: '1234567890', scopes: ['whatsapp'] };
    const sealed = await sealJson(KEY, value, AAD);
    expect(await openJson<typeof value>(KEY, sealed, AAD)).toEqual(value);
    await expectRefused(openJson(KEY, await sealSecret(KEY, '{not json', AAD), AAD));
    await expectRefused(openJson(KEY, sealed, 'channel-other'));
    await expect(sealJson(KEY, undefined, AAD)).rejects.toThrow(/JSON/);
  });
});
