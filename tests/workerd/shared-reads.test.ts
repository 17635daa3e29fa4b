// SharedReads (workers/services/shared-reads.ts): one read serves every caller for a while, callers arriving
// during a read wait for its value instead of reading again, a failed read is not shared, and a caller whose
// awaited read never lands (its starter's event ended) stops waiting and reads for itself; a read in flight
// when the value is forgotten is not kept.
import { describe, expect, it } from 'vitest';
import { SharedReads } from '../../workers/services/shared-reads';

const later = <T>(ms: number, value: T) => new Promise<T>((r) => setTimeout(() => r(value), ms));

describe('SharedReads', () => {
  it('reads once for callers during the read and while fresh, again once stale', async () => {
    const shared = new SharedReads<string>(200, 1_000);
    let reads = 0;
    const read = () => {
      reads++;
      return later(50, `v${reads}`);
    };
    expect(await Promise.all([shared.get('t', read), shared.get('t', read), shared.get('t', read)])).toEqual([
      'v1',
      'v1',
      'v1',
    ]);
    expect(await shared.get('t', read)).toBe('v1');
    expect(reads).toBe(1);
    await later(250, null);
    expect(await shared.get('t', read)).toBe('v2');
    // Another key is its own read; forget() drops a fresh value.
    expect(await shared.get('u', read)).toBe('v3');
    shared.forget('u');
    expect(await shared.get('u', read)).toBe('v4');
  });

  it('does not share a failure: a waiting caller reads for itself', async () => {
    const shared = new SharedReads<string>(10_000, 1_000);
    const failing = shared.get('t', () =>
      later(30, null).then(() => Promise.reject(new Error('sem Postgres'))),
    );
    const waiting = shared.get('t', () => later(10, 'lido de novo'));
    await expect(failing).rejects.toThrow('sem Postgres');
    expect(await waiting).toBe('lido de novo');
  });

  it('stops waiting for a read that never lands after waitMs and reads for itself', async () => {
    const shared = new SharedReads<string>(10_000, 100);
    void shared.get('t', () => new Promise<string>(() => {}));
    const started = Date.now();
    expect(await shared.get('t', () => later(10, 'meu'))).toBe('meu');
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('does not keep a read that was in flight when the value was forgotten (settings changed meanwhile)', async () => {
    const shared = new SharedReads<string>(10_000, 1_000);
    const before = shared.get('t', () => later(50, 'antigo'));
    await later(10, null);
    shared.forget('t');
    expect(await before).toBe('antigo');
    expect(await shared.get('t', () => later(10, 'novo'))).toBe('novo');
  });
});
