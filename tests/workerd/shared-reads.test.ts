// SharedReads (workers/services/shared-reads.ts): one read serves every caller for a while, callers arriving
// during a read wait for its value instead of reading again, a failed read is not shared, and a caller whose
// awaited read never lands (its starter's event ended) stops waiting and reads for itself; a read in flight
// when the value is forgotten is not kept. With staleMs, a value past its freshness answers at once while one
// refresh runs, a failed refresh keeps it, and a value older than staleMs is read again before answering.
import { describe, expect, it } from 'vitest';
import { SharedReads } from '../../workers/services/shared-reads';

const later = <T>(ms: number, value: T) => new Promise<T>((r) => setTimeout(() => r(value), ms));

describe('SharedReads', () => {
  it('reads once for callers during the read and while fresh, again once stale', async () => {
    const shared = new SharedReads<string>({ freshMs: 200, waitMs: 1_000 });
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
    const shared = new SharedReads<string>({ freshMs: 10_000, waitMs: 1_000 });
    const failing = shared.get('t', () =>
      later(30, null).then(() => Promise.reject(new Error('sem Postgres'))),
    );
    const waiting = shared.get('t', () => later(10, 'lido de novo'));
    await expect(failing).rejects.toThrow('sem Postgres');
    expect(await waiting).toBe('lido de novo');
  });

  it('stops waiting for a read that never lands after waitMs and reads for itself', async () => {
    const shared = new SharedReads<string>({ freshMs: 10_000, waitMs: 100 });
    void shared.get('t', () => new Promise<string>(() => {}));
    const started = Date.now();
    expect(await shared.get('t', () => later(10, 'meu'))).toBe('meu');
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('does not keep a read that was in flight when the value was forgotten (settings changed meanwhile)', async () => {
    const shared = new SharedReads<string>({ freshMs: 10_000, waitMs: 1_000 });
    const before = shared.get('t', () => later(50, 'antigo'));
    await later(10, null);
    shared.forget('t');
    expect(await before).toBe('antigo');
    expect(await shared.get('t', () => later(10, 'novo'))).toBe('novo');
  });

  it('answers a stale value at once while one read refreshes it, then the refreshed value', async () => {
    const shared = new SharedReads<string>({ freshMs: 50, waitMs: 1_000, staleMs: 10_000 });
    let reads = 0;
    const read = () => {
      reads++;
      return later(80, `v${reads}`);
    };
    expect(await shared.get('t', read)).toBe('v1');
    await later(70, null);
    const kept: Promise<unknown>[] = [];
    const started = Date.now();
    // Past its freshness: every caller gets v1 without waiting, and only one of them starts a read.
    const answers = await Promise.all([1, 2, 3].map(() => shared.get('t', read, (p) => kept.push(p))));
    expect(answers).toEqual(['v1', 'v1', 'v1']);
    expect(Date.now() - started).toBeLessThan(50);
    expect(reads).toBe(2);
    expect(kept).toHaveLength(1);
    await Promise.all(kept);
    expect(await shared.get('t', read)).toBe('v2');
    expect(reads).toBe(2);
  });

  it('keeps answering the stale value when its refresh fails, and reads again once past staleMs', async () => {
    const shared = new SharedReads<string>({ freshMs: 20, waitMs: 1_000, staleMs: 200 });
    expect(await shared.get('t', () => later(5, 'antigo'))).toBe('antigo');
    await later(30, null);
    const kept: Promise<unknown>[] = [];
    const failing = () => later(5, null).then(() => Promise.reject(new Error('sem Postgres')));
    expect(await shared.get('t', failing, (p) => kept.push(p))).toBe('antigo');
    await Promise.all(kept);
    // The failure was not kept; the stale value still answers (and another refresh starts).
    expect(
      await shared.get(
        't',
        () => later(5, 'novo'),
        (p) => kept.push(p),
      ),
    ).toBe('antigo');
    await Promise.all(kept);
    expect(await shared.get('t', () => later(5, 'outro'))).toBe('novo');
    // Past staleMs the caller waits for a read of its own.
    await later(250, null);
    expect(await shared.get('t', () => later(5, 'recente'))).toBe('recente');
  });

  it('never answers a forgotten value, stale or not', async () => {
    const shared = new SharedReads<string>({ freshMs: 20, waitMs: 1_000, staleMs: 10_000 });
    expect(await shared.get('t', () => later(5, 'antigo'))).toBe('antigo');
    await later(30, null);
    shared.forget('t');
    expect(await shared.get('t', () => later(5, 'novo'))).toBe('novo');
  });
});
