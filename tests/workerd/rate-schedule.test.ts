// Pacing math with explicit clocks: bursts then the steady rate, idle refill, provider push-back, FIFO
// monotonicity, and the number + recipient combination the limiter object uses.
import { describe, expect, it } from 'vitest';
import {
  IDLE,
  isIdle,
  pushBack,
  reserveSlot,
  type Schedule,
  SendPacer,
} from '../../durable-objects/rate-schedule';

/** Reserves `count` slots at the same `now`, returning their start times and the final state. */
function reserveMany(state: Schedule, now: number, intervalMs: number, burst: number, count: number) {
  const starts: number[] = [];
  let s = state;
  for (let i = 0; i < count; i++) {
    const slot = reserveSlot(s, now, intervalMs, burst);
    starts.push(slot.startAt);
    s = slot.state;
  }
  return { starts, state: s };
}

describe('reserveSlot', () => {
  it('lets a burst through at once, then one per interval', () => {
    const { starts } = reserveMany(IDLE, 1000, 6000, 3, 6);
    expect(starts).toEqual([1000, 1000, 1000, 7000, 13000, 19000]);
  });

  it('with burst 1 is a plain fixed spacing', () => {
    expect(reserveMany(IDLE, 0, 100, 1, 4).starts).toEqual([0, 100, 200, 300]);
  });

  it('paces a number at 80/s with one second of burst', () => {
    const { starts } = reserveMany(IDLE, 0, 1000 / 80, 80, 84);
    expect(starts.slice(0, 80).every((s) => s === 0)).toBe(true);
    expect(starts.slice(80)).toEqual([12.5, 25, 37.5, 50]);
  });

  it('holds the steady rate for callers arriving over time', () => {
    let state = IDLE;
    const starts: number[] = [];
    // Three burst sends, then a caller every second against a 6 s interval: the queue grows by 5 s each.
    for (const now of [0, 0, 0, 1000, 2000, 3000]) {
      const slot = reserveSlot(state, now, 6000, 3);
      starts.push(slot.startAt);
      state = slot.state;
    }
    expect(starts).toEqual([0, 0, 0, 6000, 12000, 18000]);
  });

  it('refills the burst while idle, one slot per interval', () => {
    const drained = reserveMany(IDLE, 0, 6000, 3, 3).state;
    // After one interval one slot is back, so the second send waits for the next interval.
    expect(reserveMany(drained, 6000, 6000, 3, 2).starts).toEqual([6000, 12000]);
    // After the whole burst's worth of intervals, the full burst is back and the state is idle.
    expect(isIdle(drained, 18000, 6000, 3)).toBe(true);
    expect(isIdle(drained, 17999, 6000, 3)).toBe(false);
    expect(reserveMany(drained, 18000, 6000, 3, 4).starts).toEqual([18000, 18000, 18000, 24000]);
    // Idle time beyond a full refill is not banked: the burst never exceeds `burst`.
    expect(reserveMany(drained, 1_000_000, 6000, 3, 4).starts).toEqual([
      1_000_000, 1_000_000, 1_000_000, 1_006_000,
    ]);
  });

  it('gives non-decreasing start times in call order at the same now', () => {
    for (const [interval, burst] of [
      [12.5, 80],
      [6000, 3],
      [1, 1],
      [0, 1],
      [1000 / 3, 7],
    ] as const) {
      const { starts } = reserveMany(IDLE, 500, interval, burst, 200);
      for (let i = 1; i < starts.length; i++)
        expect(starts[i]).toBeGreaterThanOrEqual(starts[i - 1] as number);
      expect(starts[0]).toBe(500);
    }
  });

  it('with interval 0 never delays', () => {
    expect(reserveMany(IDLE, 42, 0, 1, 5).starts).toEqual([42, 42, 42, 42, 42]);
  });

  it('rejects nonsense parameters', () => {
    expect(() => reserveSlot(IDLE, 0, -1, 1)).toThrow(RangeError);
    expect(() => reserveSlot(IDLE, 0, 10, 0)).toThrow(RangeError);
    expect(() => reserveSlot(IDLE, 0, Number.NaN, 1)).toThrow(RangeError);
  });
});

describe('pushBack', () => {
  it('starts nothing before `until`, then resumes at the steady rate with the burst spent', () => {
    const pushed = pushBack(IDLE, 5000);
    expect(reserveMany(pushed, 0, 1000, 3, 3).starts).toEqual([5000, 6000, 7000]);
  });

  it('never moves a schedule backwards', () => {
    const busy = reserveMany(IDLE, 0, 1000, 1, 10).state; // next free slot at 10 000
    expect(pushBack(busy, 3000)).toBe(busy);
    expect(reserveSlot(pushBack(busy, 3000), 0, 1000, 1).startAt).toBe(10_000);
  });

  it('is forgotten once the push-back and a refill have passed', () => {
    const pushed = pushBack(IDLE, 5000);
    expect(isIdle(pushed, 6999, 1000, 3)).toBe(false);
    expect(isIdle(pushed, 7000, 1000, 3)).toBe(true);
  });
});

describe('SendPacer', () => {
  const limits = { ratePerSecond: 80, pairIntervalMs: 6000, pairBurst: 3 };

  it('paces one recipient by the pair rate after its burst', () => {
    const pacer = new SendPacer();
    const starts = [0, 0, 0, 0, 0].map(() => pacer.reserve('5511999990000', 0, limits));
    expect(starts).toEqual([0, 0, 0, 6000, 12000]);
  });

  it('paces many recipients by the number rate only', () => {
    const pacer = new SendPacer();
    const starts = Array.from({ length: 82 }, (_, i) => pacer.reserve(`r${i}`, 0, limits));
    expect(starts.slice(0, 80).every((s) => s === 0)).toBe(true);
    expect(starts.slice(80)).toEqual([12.5, 25]);
  });

  it('takes the later of the two schedules', () => {
    const pacer = new SendPacer();
    for (let i = 0; i < 80; i++) pacer.reserve(`r${i}`, 0, limits); // number burst spent
    // r0's pair schedule would allow now, but the number is 12.5 ms out.
    expect(pacer.reserve('r0', 0, limits)).toBe(12.5);
    // x's burst of 3 also waits on the number; its fourth send is one pair interval after its first.
    expect([0, 0, 0, 0].map(() => pacer.reserve('x', 0, limits))).toEqual([25, 37.5, 50, 6025]);
  });

  it('does not let one pair-delayed recipient stall the others', () => {
    const pacer = new SendPacer();
    for (let i = 0; i < 5; i++) pacer.reserve('chatty', 0, limits); // last one at 12 000
    expect(pacer.reserve('someone-else', 0, limits)).toBe(0);
  });

  it('pushes back the whole number or one recipient', () => {
    const pacer = new SendPacer();
    pacer.pushBackRecipient('a', 4000);
    expect(pacer.reserve('a', 0, limits)).toBe(4000);
    expect(pacer.reserve('b', 0, limits)).toBe(0);
    pacer.pushBackNumber(1000);
    expect(pacer.reserve('b', 0, limits)).toBe(1000);
    expect(pacer.reserve('c', 0, limits)).toBe(1012.5);
  });

  it('forgets idle recipients so memory stays bounded', () => {
    const pacer = new SendPacer();
    for (let i = 0; i < 300; i++) pacer.reserve(`r${i}`, 0, limits);
    expect(pacer.trackedRecipients).toBe(300);
    // Long after every schedule refilled, the next reservation sweeps them.
    pacer.reserve('late', 60_000, limits);
    expect(pacer.trackedRecipients).toBe(1);
  });
});

describe('SendPacer.reserveBulk (the campaign lane)', () => {
  const limits = { ratePerSecond: 20, pairIntervalMs: 0, pairBurst: 1 };
  const granted = (r: { startAt: number } | { retryInMs: number }) => 'startAt' in r;

  it('never spends the burst: a batch asking at once gets one slot, the rest retry at the steady rate', () => {
    const pacer = new SendPacer();
    const answers = Array.from({ length: 18 }, (_, i) => pacer.reserveBulk(`p${i}`, 0, limits, 50));
    expect(answers.filter(granted)).toHaveLength(2);
    expect(answers.slice(2).every((a) => 'retryInMs' in a && a.retryInMs > 0)).toBe(true);
    // A reply asking right after finds the burst intact: it starts now.
    expect(pacer.reserve('agent', 0, limits)).toBe(0);
  });

  it('after a provider push-back, the reply posted during it goes at the lift and bulk after it', () => {
    const pacer = new SendPacer();
    pacer.pushBackNumber(8_000);
    expect(granted(pacer.reserveBulk('c1', 1_000, limits, 50))).toBe(false);
    expect(pacer.reserve('agent', 1_000, limits)).toBe(8_000);
    for (let t = 1_000; t < 8_000; t += 10)
      expect(granted(pacer.reserveBulk('c1', t, limits, 50))).toBe(false);
    const later = pacer.reserveBulk('c1', 9_000, limits, 50);
    expect('startAt' in later && later.startAt >= 8_050).toBe(true);
  });
});
