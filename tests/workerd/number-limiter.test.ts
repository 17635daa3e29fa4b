// The per-number limiter object: reserve pacing (waitMs, no real sleeps), provider push-back, health
// transitions from reported outcomes, input validation, health surviving eviction, and the health window.
import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import {
  BUCKET_MS,
  countsAgainstNumber,
  healthStatus,
  record,
  totals,
  WINDOW_MS,
} from '../../durable-objects/channel-health-window';
import type { NumberLimiterDO } from '../../durable-objects/number-limiter';
import { numberLimiterName } from '../../workers/services/conversation-names';

const LIMITS = { ratePerSecond: 80, pairIntervalMs: 6000, pairBurst: 3 };

function limiter() {
  return env.NUMBER_LIMITERS.getByName(numberLimiterName(crypto.randomUUID(), crypto.randomUUID()));
}

/**
 * Runs `fn` inside the object with Date frozen (the object shares the test isolate), so waitMs values are
 * exact rather than depending on how long each call took.
 */
function inside<R>(stub: DurableObjectStub<NumberLimiterDO>, fn: (o: NumberLimiterDO) => Promise<R>) {
  return runInDurableObject(stub, async (instance: NumberLimiterDO) => {
    vi.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    try {
      return await fn(instance);
    } finally {
      vi.useRealTimers();
    }
  });
}

async function waits(o: NumberLimiterDO, recipients: string[], limits = LIMITS): Promise<number[]> {
  const out: number[] = [];
  for (const recipient of recipients) out.push((await o.reserve({ recipient, ...limits })).waitMs);
  return out;
}

const ok = () => ({ ok: true, code: null, tokenInvalid: false, at: Date.now() });
const fail = (code: number | null, tokenInvalid = false) => ({
  ok: false,
  code,
  tokenInvalid,
  at: Date.now(),
});

describe('NumberLimiterDO.reserve', () => {
  it('lets one second of burst through across recipients, then paces at the number rate', async () => {
    const recipients = Array.from({ length: 83 }, (_, i) => `55119${String(i).padStart(8, '0')}`);
    const got = await inside(limiter(), (o) => waits(o, recipients));
    expect(got.slice(0, 80)).toEqual(new Array(80).fill(0));
    expect(got.slice(80)).toEqual([13, 25, 38]); // 12.5 ms apart, rounded up
  });

  it('paces one recipient by the pair rate after its burst', async () => {
    const got = await inside(limiter(), (o) => waits(o, new Array(5).fill('5511988887777')));
    expect(got).toEqual([0, 0, 0, 6000, 12000]);
  });

  it('honours the caller-supplied rate, pair interval and burst', async () => {
    const limits = { ratePerSecond: 2, pairIntervalMs: 0, pairBurst: 1 };
    const got = await inside(limiter(), (o) => waits(o, ['a', 'a', 'a', 'b'], limits));
    expect(got).toEqual([0, 0, 500, 1000]);
    const paired = { ratePerSecond: 1000, pairIntervalMs: 1000, pairBurst: 1 };
    expect(await inside(limiter(), (o) => waits(o, ['a', 'a', 'b', 'a'], paired))).toEqual([
      0, 1000, 0, 2000,
    ]);
  });

  it('works over RPC, with the real clock moving', async () => {
    const stub = limiter();
    const got: number[] = [];
    for (let i = 0; i < 4; i++)
      got.push((await stub.reserve({ recipient: '5511977776666', ...LIMITS })).waitMs);
    expect(got.slice(0, 3)).toEqual([0, 0, 0]);
    expect(got[3]).toBeGreaterThan(5000);
    expect(got[3]).toBeLessThanOrEqual(6000);
  });
});

describe('NumberLimiterDO.throttled', () => {
  it('pushes the whole number back on 130429', async () => {
    const got = await inside(limiter(), async (o) => {
      await o.throttled({ recipient: null, backoffMs: 2000 });
      return waits(o, ['a', 'b', 'c']);
    });
    // Resumes at the steady rate, not with a fresh burst.
    expect(got).toEqual([2000, 2013, 2025]);
  });

  it('pushes only that recipient back on 131056', async () => {
    const got = await inside(limiter(), async (o) => {
      await o.throttled({ recipient: 'a', backoffMs: 30_000 });
      return waits(o, ['a', 'b', 'a']);
    });
    expect(got).toEqual([30_000, 0, 36_000]);
  });
});

describe('NumberLimiterDO health', () => {
  it('starts healthy', async () => {
    expect(await limiter().health()).toEqual({
      status: 'healthy',
      sent: 0,
      failed: 0,
      errorRate: 0,
      windowMs: WINDOW_MS,
      tokenValid: true,
      lastError: null,
      condition: null,
      changed: false,
    });
  });

  it('turns unhealthy on the fifth of five number-side failures, once', async () => {
    const stub = limiter();
    const reports = [];
    for (const code of [130429, null, 131048, 368]) reports.push(await stub.report(fail(code)));
    expect(reports.map((r) => [r.status, r.changed])).toEqual(new Array(4).fill(['healthy', false]));
    const fifth = await stub.report(fail(null));
    expect(fifth).toMatchObject({ status: 'unhealthy', changed: true, sent: 5, failed: 5, errorRate: 1 });
    expect(fifth.lastError).toEqual({ code: null, at: expect.any(Number) });
    expect(await stub.report(fail(368))).toMatchObject({ status: 'unhealthy', changed: false, failed: 6 });
    expect(await stub.health()).toMatchObject({ status: 'unhealthy', changed: false, sent: 6 });
  });

  it('heals when successes bring the error rate under half', async () => {
    const stub = limiter();
    for (let i = 0; i < 5; i++) await stub.report(fail(130429));
    for (let i = 0; i < 5; i++) {
      expect(await stub.report(ok())).toMatchObject({ status: 'unhealthy', changed: false });
    }
    expect(await stub.report(ok())).toMatchObject({
      status: 'healthy',
      changed: true,
      sent: 11,
      failed: 5,
      errorRate: 5 / 11,
    });
  });

  it("is not flipped by failures that are the recipient's problem", async () => {
    const stub = limiter();
    let last = await stub.health();
    for (const code of [131026, 131047, 131049, 131056, 132001, 100, 132012, 131053]) {
      last = await stub.report(fail(code));
      expect(last).toMatchObject({ status: 'healthy', changed: false });
    }
    expect(last).toMatchObject({ sent: 8, failed: 0, errorRate: 0, lastError: null });
  });

  it('turns unhealthy on an invalid token at once, and a later success heals it', async () => {
    const stub = limiter();
    const bad = await stub.report(fail(190, true));
    expect(bad).toMatchObject({ status: 'unhealthy', changed: true, tokenValid: false, sent: 1, failed: 1 });
    expect(bad.lastError?.code).toBe(190);
    // A success that started before the token broke, reported late, does not heal it.
    const stale = await stub.report({ ...ok(), at: bad.lastError ? bad.lastError.at - 1000 : 0 });
    expect(stale).toMatchObject({ status: 'unhealthy', changed: false, tokenValid: false });
    const healed = await stub.report({ ...ok(), at: Date.now() + 1 });
    expect(healed).toMatchObject({ status: 'healthy', changed: true, tokenValid: true, sent: 3, failed: 1 });
    expect(healed.lastError?.code).toBe(190);
  });

  it("follows an admin's token check", async () => {
    const stub = limiter();
    const at = Date.now();
    expect(await stub.tokenChecked({ valid: false, at })).toMatchObject({
      status: 'unhealthy',
      changed: true,
      tokenValid: false,
      sent: 0,
    });
    expect(await stub.tokenChecked({ valid: false, at: at + 1 })).toMatchObject({ changed: false });
    expect(await stub.tokenChecked({ valid: true, at: at + 2 })).toMatchObject({
      status: 'healthy',
      changed: true,
      tokenValid: true,
    });
  });

  it('keeps health across an eviction', async () => {
    const name = numberLimiterName(crypto.randomUUID(), crypto.randomUUID());
    const stub = env.NUMBER_LIMITERS.getByName(name);
    for (let i = 0; i < 5; i++) await stub.report(fail(131048));
    await stub.report(fail(131026));
    const before = await stub.health();
    expect(before).toMatchObject({ status: 'unhealthy', sent: 6, failed: 5 });
    await evictDurableObject(stub);

    const again = env.NUMBER_LIMITERS.getByName(name);
    expect(await again.health()).toEqual(before);
    // The last status told to callers survived too, so one more failure is not reported as a change.
    expect(await again.report(fail(131048))).toMatchObject({
      status: 'unhealthy',
      changed: false,
      failed: 6,
    });
    await again.tokenChecked({ valid: false, at: Date.now() });
    await evictDurableObject(again);
    const third = env.NUMBER_LIMITERS.getByName(name);
    expect(await third.health()).toMatchObject({ tokenValid: false, sent: 7 });
    expect(await third.tokenChecked({ valid: true, at: Date.now() + 1 })).toMatchObject({ changed: false });
  });
});

describe('NumberLimiterDO input validation', () => {
  const cases: [string, (o: NumberLimiterDO) => Promise<unknown>, RegExp][] = [
    ['rate 0', (o) => o.reserve({ ...LIMITS, recipient: 'a', ratePerSecond: 0 }), /reserve.*ratePerSecond/],
    ['rate 1001', (o) => o.reserve({ ...LIMITS, recipient: 'a', ratePerSecond: 1001 }), /ratePerSecond/],
    ['rate NaN', (o) => o.reserve({ ...LIMITS, recipient: 'a', ratePerSecond: Number.NaN }), /ratePerSecond/],
    ['pair -1', (o) => o.reserve({ ...LIMITS, recipient: 'a', pairIntervalMs: -1 }), /pairIntervalMs/],
    ['pair 60001', (o) => o.reserve({ ...LIMITS, recipient: 'a', pairIntervalMs: 60_001 }), /pairIntervalMs/],
    ['burst 0', (o) => o.reserve({ ...LIMITS, recipient: 'a', pairBurst: 0 }), /pairBurst/],
    ['burst 101', (o) => o.reserve({ ...LIMITS, recipient: 'a', pairBurst: 101 }), /pairBurst/],
    ['burst 1.5', (o) => o.reserve({ ...LIMITS, recipient: 'a', pairBurst: 1.5 }), /pairBurst/],
    ['blank recipient', (o) => o.reserve({ ...LIMITS, recipient: '  ' }), /recipient/],
    ['no input', (o) => o.reserve(undefined as never), /reserve: invalid input/],
    ['extra key', (o) => o.reserve({ ...LIMITS, recipient: 'a', rate: 5 } as never), /rate/],
    ['negative backoff', (o) => o.throttled({ recipient: null, backoffMs: -5 }), /throttled.*backoffMs/],
    ['missing recipient', (o) => o.throttled({ backoffMs: 5 } as never), /throttled.*recipient/],
    ['ok with code', (o) => o.report({ ...ok(), code: 131026 }), /report.*successful send/],
    ['ok and tokenInvalid', (o) => o.report({ ...ok(), tokenInvalid: true }), /report/],
    ['string code', (o) => o.report({ ...fail(null), code: '500' } as never), /report.*code/],
    ['negative at', (o) => o.report({ ...fail(null), at: -1 }), /report.*at/],
    ['check without at', (o) => o.tokenChecked({ valid: false } as never), /tokenChecked.*at/],
  ];

  it.each(cases)('rejects %s with a clear error and changes nothing', async (_, call, message) => {
    const stub = limiter();
    await stub.report(fail(131048));
    const before = await stub.health();
    const result = await inside(stub, async (o) => {
      const error = await call(o).then(
        () => null,
        (e: unknown) => e,
      );
      // Pacing untouched: the burst is still whole for recipient 'a' and the number.
      return { error, waits: await waits(o, ['a', 'a', 'a', 'a']) };
    });
    expect(result.error).toBeInstanceOf(Error);
    expect((result.error as Error).message).toMatch(/^NumberLimiterDO\.\w+: invalid input/);
    expect((result.error as Error).message).toMatch(message);
    expect(result.waits).toEqual([0, 0, 0, 6000]);
    expect(await stub.health()).toEqual(before);
  });

  it('reports validation errors over RPC too', async () => {
    // Settled here rather than through expect().rejects, which leaves the RPC rejection reported unhandled.
    const error = await limiter()
      .reserve({ ...LIMITS, recipient: 'a', ratePerSecond: 0 })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^NumberLimiterDO\.reserve: invalid input \(ratePerSecond/);
  });
});

describe('health window', () => {
  const T0 = 1_700_000_000_000 - (1_700_000_000_000 % BUCKET_MS); // a bucket boundary

  it('counts sends and failures in 30 s buckets', () => {
    let w = record([], T0, true, T0);
    w = record(w, T0 + 29_999, false, T0 + 29_999);
    w = record(w, T0 + 30_000, true, T0 + 30_000);
    expect(w).toEqual([
      { start: T0, sent: 2, failed: 1 },
      { start: T0 + BUCKET_MS, sent: 1, failed: 1 },
    ]);
    expect(totals(w, T0 + 30_000)).toEqual({ sent: 3, failed: 2, errorRate: 2 / 3 });
  });

  it('forgets buckets that left the last five minutes', () => {
    const w = record([], T0, true, T0);
    expect(totals(w, T0 + WINDOW_MS - 1).sent).toBe(1);
    expect(totals(w, T0 + WINDOW_MS).sent).toBe(0);
    const later = record(w, T0 + WINDOW_MS, false, T0 + WINDOW_MS);
    expect(later).toEqual([{ start: T0 + WINDOW_MS, sent: 1, failed: 0 }]);
  });

  it('keeps at most ten buckets however long it runs', () => {
    let w = record([], T0, false, T0);
    for (let t = T0; t < T0 + 60 * 60_000; t += 7_000) w = record(w, t, t % 2 === 0, t);
    expect(w.length).toBeLessThanOrEqual(WINDOW_MS / BUCKET_MS);
  });

  it('clamps future timestamps to now and drops outcomes older than the window', () => {
    expect(record([], T0 + 60_000, false, T0)).toEqual([{ start: T0, sent: 1, failed: 0 }]);
    expect(record([], T0 - WINDOW_MS, true, T0)).toEqual([]);
  });

  it('classifies failures by whose problem they are', () => {
    const failure = (code: number | null, tokenInvalid = false) => ({ ok: false, code, tokenInvalid });
    for (const code of [null, 130429, 131048, 368, 190, 131000, 131031]) {
      expect(countsAgainstNumber(failure(code)), String(code)).toBe(true);
    }
    for (const code of [100, 131026, 131047, 131049, 131056, 132000, 132001, 132015, 131053]) {
      expect(countsAgainstNumber(failure(code)), String(code)).toBe(false);
    }
    expect(countsAgainstNumber(failure(131026, true))).toBe(true);
    expect(countsAgainstNumber({ ok: true, code: null, tokenInvalid: false })).toBe(false);
  });

  it('needs five sends and half failing, or a bad token', () => {
    expect(healthStatus({ sent: 4, failed: 4, errorRate: 1 }, true)).toBe('healthy');
    expect(healthStatus({ sent: 5, failed: 2, errorRate: 0.4 }, true)).toBe('healthy');
    expect(healthStatus({ sent: 10, failed: 5, errorRate: 0.5 }, true)).toBe('unhealthy');
    expect(healthStatus({ sent: 0, failed: 0, errorRate: 0 }, false)).toBe('unhealthy');
  });
});
