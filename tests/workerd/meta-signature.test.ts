// Meta webhook signatures: valid on the raw bytes (accents and emoji included), refused when missing,
// malformed, made with another secret, or computed over re-serialised JSON.
import { describe, expect, it } from 'vitest';
import { metaSignature, verifyMetaSignature } from '../../workers/channels/whatsapp-cloud/signature';

const SECRET = 'app-secret-for-tests';
// As Meta sends it: non-ASCII escaped as \uXXXX.
const raw = new TextEncoder().encode('{"text":{"body":"Ol\\u00e1, a internet caiu \\ud83d\\ude22"}}');

describe('Meta webhook signature', () => {
  it('accepts the signature of the exact bytes, whatever their characters', async () => {
    const header = await metaSignature(raw, SECRET);
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(await verifyMetaSignature(raw, header, SECRET)).toBe(true);
    expect(await verifyMetaSignature(raw, header.toUpperCase().replace('SHA256=', 'sha256='), SECRET)).toBe(
      true,
    );
  });

  it('refuses a missing, malformed or foreign signature', async () => {
    const good = await metaSignature(raw, SECRET);
    for (const header of [
      null,
      undefined,
      '',
      'sha256=',
      'sha1=abc',
      good.slice(0, -2),
      `${good}00`,
      'sha256=zz',
    ]) {
      expect(await verifyMetaSignature(raw, header, SECRET), String(header)).toBe(false);
    }
    expect(await verifyMetaSignature(raw, await metaSignature(raw, 'another-secret'), SECRET)).toBe(false);
    expect(await verifyMetaSignature(raw, good, '')).toBe(false);
  });

  it('does not match the same JSON re-serialised (unescaped accents and emoji)', async () => {
    const reserialised = new TextEncoder().encode(JSON.stringify(JSON.parse(new TextDecoder().decode(raw))));
    expect(await verifyMetaSignature(reserialised, await metaSignature(raw, SECRET), SECRET)).toBe(false);
  });
});
