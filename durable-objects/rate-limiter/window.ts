// The limiter's arithmetic, pure so it can be tested without an object: a fixed window of hits per key and,
// for policies with a lockout, a lock that doubles on each repeated lockout (capped) and decays when quiet.
import type { LimitDecision, LimitPolicy } from './rpc';

export interface LimitState {
  windowStart: number;
  count: number;
  lockedUntil: number;
  /** Lockouts in a row (reset by a success or after `decayMs` without one). */
  lockouts: number;
  lastLockoutAt: number;
}

export const EMPTY_STATE: LimitState = {
  windowStart: 0,
  count: 0,
  lockedUntil: 0,
  lockouts: 0,
  lastLockoutAt: 0,
};

/** How long the n-th lockout in a row lasts (n ≥ 1): base, 2×base, 4×base … up to the cap. */
export function lockoutMs(policy: LimitPolicy, n: number): number {
  const lock = policy.lockout;
  if (!lock) return 0;
  return Math.min(lock.capMs, lock.baseMs * 2 ** Math.min(30, Math.max(0, n - 1)));
}

/**
 * One hit against the key at `now`. A locked key refuses without counting. Otherwise the hit counts; past
 * the limit it is refused, and a lockout policy locks the key. After a lockout (until it decays) a single
 * hit per lockout is allowed, so a guesser gets one try per (doubling) lock instead of a new five.
 */
export function hit(prev: LimitState, policy: LimitPolicy, now: number): [LimitState, LimitDecision] {
  const s = { ...prev };
  if (
    policy.lockout &&
    s.lockouts > 0 &&
    now - s.lastLockoutAt > policy.lockout.decayMs + lockoutMs(policy, s.lockouts)
  ) {
    s.lockouts = 0;
  }
  if (now < s.lockedUntil) return [s, { allowed: false, retryAfterMs: s.lockedUntil - now }];
  if (now >= s.windowStart + policy.windowMs || s.windowStart > now) {
    s.windowStart = now;
    s.count = 0;
  }
  s.count += 1;
  const threshold = policy.lockout && s.lockouts > 0 ? 1 : policy.limit;
  if (s.count <= threshold) return [s, { allowed: true, remaining: threshold - s.count }];
  if (!policy.lockout) return [s, { allowed: false, retryAfterMs: s.windowStart + policy.windowMs - now }];
  s.lockouts += 1;
  const ms = lockoutMs(policy, s.lockouts);
  s.lockedUntil = now + ms;
  s.lastLockoutAt = now;
  // The next window starts when the lock ends.
  s.windowStart = s.lockedUntil;
  s.count = 0;
  return [s, { allowed: false, retryAfterMs: ms }];
}

/** Gives back one hit (a request that turned out well, e.g. a correct password from a shared address). */
export function forgive(prev: LimitState): LimitState {
  return { ...prev, count: Math.max(0, prev.count - 1) };
}

/** When nothing in the state matters any more, so the object may drop it. */
export function expiresAt(s: LimitState, policy: LimitPolicy): number {
  const decay = policy.lockout ? s.lastLockoutAt + policy.lockout.decayMs + lockoutMs(policy, s.lockouts) : 0;
  return Math.max(s.windowStart + policy.windowMs, s.lockedUntil, decay);
}
