// A number's health as pure data: the last five minutes of send outcomes in 30 s buckets, which failures
// count against the number, and the rule that turns that (plus the token's state) into healthy/unhealthy.

export const WINDOW_MS = 5 * 60_000;
export const BUCKET_MS = 30_000;
/** Below this many sends in the window the error rate is noise, not a signal. */
export const MIN_SENDS = 5;
export const UNHEALTHY_ERROR_RATE = 0.5;

export interface Bucket {
  /** Start of the bucket, a multiple of BUCKET_MS. */
  readonly start: number;
  readonly sent: number;
  readonly failed: number;
}

/** Buckets ascending by start; may hold expired ones until the next record() prunes them. */
export type HealthWindow = readonly Bucket[];

export interface WindowTotals {
  sent: number;
  failed: number;
  /** failed / sent, 0 when nothing was sent. */
  errorRate: number;
}

export type HealthStatus = 'healthy' | 'unhealthy';

const inWindow = (bucket: Bucket, now: number) => bucket.start > now - WINDOW_MS;

/** Adds one send at `at` (clamped to `now`) and drops buckets that left the window. */
export function record(window: HealthWindow, at: number, failed: boolean, now: number): HealthWindow {
  const start = Math.floor(Math.min(at, now) / BUCKET_MS) * BUCKET_MS;
  const kept = window.filter((b) => inWindow(b, now) && b.start !== start);
  const current = window.find((b) => b.start === start) ?? { start, sent: 0, failed: 0 };
  const updated = { start, sent: current.sent + 1, failed: current.failed + (failed ? 1 : 0) };
  if (!inWindow(updated, now)) return kept;
  return [...kept, updated].sort((a, b) => a.start - b.start);
}

export function totals(window: HealthWindow, now: number): WindowTotals {
  let sent = 0;
  let failed = 0;
  for (const b of window) {
    if (!inWindow(b, now)) continue;
    sent += b.sent;
    failed += b.failed;
  }
  return { sent, failed, errorRate: sent === 0 ? 0 : failed / sent };
}

/**
 * WhatsApp errors that are the recipient's or the message's problem, not the number's: 100 bad parameter,
 * 131008/131009 missing/invalid parameter, 131021 recipient is the sender, 131026 undeliverable,
 * 131047 outside the 24 h window, 131049 marketing per-user limit, 131051 unsupported type,
 * 131052/131053 media download, 131056 pair rate, and every 132xxx (template) error.
 */
const RECIPIENT_SIDE = new Set([
  100, 131008, 131009, 131021, 131026, 131047, 131049, 131051, 131052, 131053, 131056,
]);

/**
 * Whether a send outcome counts as an error against the number. Every attempt counts as sent; a failure
 * counts as an error unless its code is known to be the recipient's or the message's problem. So an
 * invalid token, transport failures and 5xx (code null), 130429 throughput, 131048 spam/quality, 368 policy
 * block, 190 expired token and codes we do not know all count: an unknown error is more likely to mean the
 * number is in trouble than that one recipient is, and hiding an outage costs more than a false alarm.
 */
export function countsAgainstNumber(outcome: { ok: boolean; code: number | null; tokenInvalid: boolean }) {
  if (outcome.ok) return false;
  if (outcome.tokenInvalid || outcome.code === null) return true;
  if (outcome.code >= 132000 && outcome.code <= 132999) return false;
  return !RECIPIENT_SIDE.has(outcome.code);
}

/** Unhealthy while the token is known bad, or when at least half of a meaningful window failed. */
export function healthStatus(window: WindowTotals, tokenValid: boolean): HealthStatus {
  if (!tokenValid) return 'unhealthy';
  return window.sent >= MIN_SENDS && window.errorRate >= UNHEALTHY_ERROR_RATE ? 'unhealthy' : 'healthy';
}
