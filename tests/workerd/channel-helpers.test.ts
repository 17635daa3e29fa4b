// Small channel helpers with user-visible effects: which files agents may send and how their names are
// cleaned, gateway secret digests, the service window, and the routing cache's expiry.
import { describe, expect, it } from 'vitest';
import { cleanFilename, sendableType } from '../../workers/services/attachment-types';
import { sameDigest, sha256Hex } from '../../workers/services/secret-hash';
import { isWindowOpen, serviceWindowAfter } from '../../workers/services/service-window';
import { TtlCache } from '../../workers/services/ttl-cache';

describe('attachments agents may send', () => {
  it('maps content types to WhatsApp media kinds with their limits, ignoring parameters and case', () => {
    expect(sendableType('image/JPEG')).toEqual({
      mimeType: 'image/jpeg',
      kind: 'image',
      maxBytes: 5 * 1024 * 1024,
    });
    expect(sendableType('application/pdf; charset=binary')?.kind).toBe('document');
    expect(sendableType('audio/ogg')?.kind).toBe('audio');
    expect(sendableType('application/x-msdownload')).toBeNull();
    expect(sendableType(undefined)).toBeNull();
  });

  it('cleans file names: no paths, no control characters, bounded', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('C:\\Users\\ana\\fatura março.pdf')).toBe('fatura março.pdf');
    expect(cleanFilename('a\u0000b\u001fc.pdf')).toBe('abc.pdf');
    expect(cleanFilename('   ')).toBeNull();
    expect(cleanFilename(`${'x'.repeat(300)}.pdf`)?.length).toBe(200);
  });
});

describe('gateway secrets', () => {
  it('compares digests, never the secrets', async () => {
    const stored = await sha256Hex('evo-api-key-123');
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(sameDigest(await sha256Hex('evo-api-key-123'), stored)).toBe(true);
    expect(sameDigest(await sha256Hex('evo-api-key-124'), stored)).toBe(false);
    expect(sameDigest('short', stored)).toBe(false);
  });
});

describe('service window', () => {
  it('is open for 24 h after the customer’s message, and closed when they never wrote', () => {
    const at = new Date('2026-11-20T10:00:00Z');
    const until = serviceWindowAfter(at).getTime();
    expect(new Date(until).toISOString()).toBe('2026-11-21T10:00:00.000Z');
    expect(isWindowOpen(until, until - 1)).toBe(true);
    expect(isWindowOpen(until, until)).toBe(false);
    expect(isWindowOpen(null, at.getTime())).toBe(false);
  });
});

describe('routing cache', () => {
  it('forgets entries after their time and drops the oldest when full', () => {
    const cache = new TtlCache<string>(1_000, 2);
    cache.set('a', '1', 1_000, 0);
    expect(cache.get('a', 999)).toBe('1');
    expect(cache.get('a', 1_000)).toBeUndefined();
    cache.set('a', '1', 1_000, 0);
    cache.set('b', '2', 1_000, 0);
    cache.set('c', '3', 1_000, 0);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('c', 1)).toBe('3');
  });
});
