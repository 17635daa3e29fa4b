// Send pacing as pure math (GCRA / virtual scheduling): when may the next send start, given a rate and a
// burst allowance. No timers and no clock: every function takes `now`, so callers and tests control time.

/**
 * One rate's schedule. `next` is the earliest time the next send may start (the GCRA theoretical arrival
 * time minus the burst tolerance); -Infinity means "idle, full burst available".
 */
export interface Schedule {
  readonly next: number;
}

export interface Slot {
  /** When this send may start (≥ now). */
  startAt: number;
  state: Schedule;
}

export const IDLE: Schedule = Object.freeze({ next: Number.NEGATIVE_INFINITY });

/** How far ahead of the steady rate a burst may run: (burst - 1) intervals. */
function tolerance(intervalMs: number, burst: number): number {
  if (!(intervalMs >= 0) || !Number.isFinite(intervalMs)) throw new RangeError('intervalMs must be ≥ 0');
  if (!(burst >= 1) || !Number.isFinite(burst)) throw new RangeError('burst must be ≥ 1');
  return (burst - 1) * intervalMs;
}

/**
 * Reserves the earliest slot at or after `now`: one send per `intervalMs` on average, with up to `burst`
 * back-to-back when the schedule has been idle. Calls made at the same `now` get non-decreasing start times
 * in call order (FIFO), because `next` only ever moves forward.
 */
export function reserveSlot(state: Schedule, now: number, intervalMs: number, burst: number): Slot {
  const tau = tolerance(intervalMs, burst);
  const startAt = Math.max(now, state.next);
  // Theoretical arrival time after this send, back in `next` terms (minus the tolerance).
  const tat = Math.max(state.next + tau, startAt) + intervalMs;
  return { startAt, state: { next: tat - tau } };
}

/**
 * The provider said we are throttled: nothing starts before `until`, and the burst is spent, so sending
 * resumes at the steady rate (resuming with a full burst would likely be throttled again).
 */
export function pushBack(state: Schedule, until: number): Schedule {
  return until > state.next ? { next: until } : state;
}

/** True when the schedule is indistinguishable from IDLE at `now` (its burst has fully refilled). */
export function isIdle(state: Schedule, now: number, intervalMs: number, burst: number): boolean {
  return state.next + tolerance(intervalMs, burst) <= now;
}

// ---- one WhatsApp number: its own rate plus a rate per recipient -----------------------------------------

export interface PacingLimits {
  /** Sends per second allowed for the number; one second's worth may go back-to-back. */
  ratePerSecond: number;
  /** Average spacing of sends to the same recipient (0 disables pair pacing). */
  pairIntervalMs: number;
  /** Sends to the same recipient allowed back-to-back before pair pacing applies. */
  pairBurst: number;
}

/** Recipients are forgotten once idle; sweeping is amortised so a reservation stays O(1) on average. */
const SWEEP_ABOVE = 256;
const SWEEP_EVERY_MS = 10_000;

/**
 * A number's schedule and its recipients' schedules. The number's slot is charged at reservation time,
 * in FIFO order, even when the pair rate then delays the send: charging it at the delayed start instead
 * would move the number's single GCRA pointer into the future and stall every other recipient behind one
 * chatty conversation. The cost is that a pair-delayed send may land in a second that is already full;
 * that needs a recipient exceeding its pair burst, is rare in support traffic, and the provider's
 * throughput error (pushBackNumber) is the backstop.
 */
export class SendPacer {
  private number: Schedule = IDLE;
  private readonly pairs = new Map<string, Schedule>();
  /** Last limits seen, used to decide when a recipient's schedule is idle enough to forget. */
  private pairLimits = { intervalMs: 0, burst: 1 };
  private sweptAt = Number.NEGATIVE_INFINITY;

  /** Reserves a send to `recipient`; returns when it may start (≥ now). */
  reserve(recipient: string, now: number, limits: PacingLimits): number {
    const { ratePerSecond, pairIntervalMs, pairBurst } = limits;
    const numberSlot = reserveSlot(this.number, now, 1000 / ratePerSecond, ratePerSecond);
    this.number = numberSlot.state;
    // Reserving the pair at the number's start yields the later of the two schedules, and commits it.
    const pairSlot = reserveSlot(
      this.pairs.get(recipient) ?? IDLE,
      numberSlot.startAt,
      pairIntervalMs,
      pairBurst,
    );
    this.pairs.set(recipient, pairSlot.state);
    this.pairLimits = { intervalMs: pairIntervalMs, burst: pairBurst };
    this.sweep(now);
    return pairSlot.startAt;
  }

  /**
   * The low-priority lane (campaigns): a slot only when the number's schedule is booked no further than
   * `horizonMs` ahead; otherwise nothing is charged and the caller retries after `retryInMs`. Interactive
   * reservations (agents, the bot) are never refused, so they always find at most `horizonMs` of bulk sends
   * ahead of them, however large the campaign. Bulk never spends the burst: the backlog is measured at the
   * steady rate (the theoretical arrival time), so a batch of campaign sends cannot all take slots at once
   * and the burst stays free for replies.
   */
  reserveBulk(
    recipient: string,
    now: number,
    limits: PacingLimits,
    horizonMs: number,
  ): { startAt: number } | { retryInMs: number } {
    const intervalMs = 1000 / limits.ratePerSecond;
    const backlog = this.number.next + tolerance(intervalMs, limits.ratePerSecond) - now;
    if (backlog > horizonMs) return { retryInMs: Math.ceil(backlog - horizonMs) };
    return { startAt: this.reserve(recipient, now, limits) };
  }

  /** The provider throttled the whole number (e.g. WhatsApp 130429). */
  pushBackNumber(until: number): void {
    this.number = pushBack(this.number, until);
  }

  /** The provider throttled one recipient (e.g. WhatsApp 131056, pair rate). */
  pushBackRecipient(recipient: string, until: number): void {
    this.pairs.set(recipient, pushBack(this.pairs.get(recipient) ?? IDLE, until));
  }

  /** Recipients with a schedule still held (for tests and introspection). */
  get trackedRecipients(): number {
    return this.pairs.size;
  }

  private sweep(now: number): void {
    if (this.pairs.size <= SWEEP_ABOVE || now - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = now;
    const { intervalMs, burst } = this.pairLimits;
    for (const [recipient, schedule] of this.pairs) {
      if (isIdle(schedule, now, intervalMs, burst)) this.pairs.delete(recipient);
    }
  }
}
