// The client side of the rate limiter: `enforceLimit(env, key, policy)` counts one hit on the subject's
// RateLimiterDO and throws 429 `rate_limited` with Retry-After when it is over; helpers for the keys.
import type { LimitDecision } from '../../durable-objects/rate-limiter/rpc';
import { type Env, rateLimitExemptAddresses } from '../env';
import { AppError } from '../errors';
import { errorFields, log } from './log';
import type { RatePolicy } from './rate-limit-policies';
import { sha256Hex } from './secret-hash';

export interface LimitSubject {
  /** What the subject is: `ip`, `acct`, `user`, `key`, `channel`, `tenant`. */
  kind: string;
  /** Its id: an address (see addressKey), a digest, a uuid. */
  id: string;
}

export function limitKey(policy: RatePolicy, subject: LimitSubject): string {
  return `${policy.scope}:${subject.kind}:${subject.id}`;
}

function stub(env: Env, key: string) {
  return env.RATE_LIMITER.getByName(key);
}

/** One hit; the policy's `whenUnavailable` decides when the object cannot be reached. */
export async function hitLimit(env: Env, policy: RatePolicy, subject: LimitSubject): Promise<LimitDecision> {
  const key = limitKey(policy, subject);
  const { scope: _scope, whenUnavailable, ...limit } = policy;
  try {
    return await stub(env, key).hit(limit);
  } catch (err) {
    log('warn', 'rate limiter unreachable', { key, whenUnavailable, ...errorFields(err) });
    if (whenUnavailable === 'allow') return { allowed: true, remaining: 0 };
    throw new AppError('unavailable', 'Try again shortly', undefined, 2);
  }
}

/** Counts one hit on every subject (in parallel) and throws 429 with the longest wait if any is over. */
export async function enforceLimit(env: Env, policy: RatePolicy, ...subjects: LimitSubject[]): Promise<void> {
  const decisions = await Promise.all(subjects.map((s) => hitLimit(env, policy, s)));
  const waits = decisions.flatMap((d) => (d.allowed ? [] : [d.retryAfterMs]));
  if (waits.length > 0) throw AppError.rateLimited(Math.max(...waits));
}

/** Best effort: a failure here only means the subject keeps a hit it should have got back. */
export async function forgiveHit(env: Env, policy: RatePolicy, subject: LimitSubject): Promise<void> {
  await stub(env, limitKey(policy, subject))
    .forgive()
    .catch((err: unknown) => log('warn', 'rate limiter forgive failed', errorFields(err)));
}

export async function resetLimit(env: Env, policy: RatePolicy, subject: LimitSubject): Promise<void> {
  await stub(env, limitKey(policy, subject))
    .reset()
    .catch((err: unknown) => log('warn', 'rate limiter reset failed', errorFields(err)));
}

/** An e-mail address as a subject: its SHA-256 (lowercased), so object names never carry the address. */
export async function accountSubject(email: string): Promise<LimitSubject> {
  return { kind: 'acct', id: await sha256Hex(email.trim().toLowerCase()) };
}

/**
 * A client address as a subject, or null when the request carries none (Cloudflare always sets
 * cf-connecting-ip; only local runs may lack it) or when it is one of RATE_LIMIT_EXEMPT_ADDRESSES (the
 * local stack exempts loopback, where tests and benches run; empty in production): then per-address
 * limits do not apply. IPv6 clients are
 * limited per /64 (the key is the /64's first four groups), the block one subscriber usually gets, so rotating addresses inside it does not help.
 */
export function addressSubject(env: Env, ip: string | null): LimitSubject | null {
  if (!ip || rateLimitExemptAddresses(env).includes(ip.trim())) return null;
  const id = addressKey(ip);
  return id ? { kind: 'ip', id } : null;
}

export function addressKey(ip: string): string | null {
  const raw = ip.trim();
  if (!raw) return null;
  // Anything unexpected still gets its own subject (never a shared or skipped one).
  return parsedAddressKey(raw) ?? raw.replace(/[^A-Za-z0-9.:_-]/g, '_').slice(0, 64);
}

function parsedAddressKey(ip: string): string | null {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.trim());
  if (v4) return v4.slice(1).every((o) => Number(o) <= 255) ? v4.slice(1).map(Number).join('.') : null;
  const v6 = ip.trim().toLowerCase();
  if (!/^[0-9a-f:]+$/.test(v6) || v6.length > 39) return null;
  const [head = '', tail, ...rest] = v6.split('::');
  if (rest.length > 0) return null;
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::`;
}
