// Rate limits on a widget visitor's messages, decided inside the conversation object so the normal delivery
// path gets no extra network hop: a token bucket per conversation (every socket of the visitor shares it),
// and, for the wider per-address limit, a hit on the rate limiter object sent AFTER the message is stored
// (off the ack's path); when that answers "over", this object refuses the address's next messages itself
// until the limiter's wait has passed. Both live in memory: an object only hibernates after a quiet spell,
// by which time the bucket would have refilled anyway. Numbers: workers/services/rate-limit-policies.ts.
import type { Env } from '../../workers/env';
import { hitLimit } from '../../workers/services/rate-limit';
import { WIDGET_MESSAGE_BUCKET, WIDGET_MESSAGE_IP } from '../../workers/services/rate-limit-policies';

export type LimitVerdict = { ok: true } | { ok: false; retryAfterMs: number };

export class VisitorLimits {
  private tokens: number = WIDGET_MESSAGE_BUCKET.burst;
  private refilledAt = Date.now();
  /** Address key → until when (ms) the limiter said it is over. */
  private readonly blocked = new Map<string, number>();

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
  ) {}

  /**
   * Takes one token for a message from `address`; synchronous. `null` (no address known, or one of
   * RATE_LIMIT_EXEMPT_ADDRESSES: local runs, tests and benches on loopback; Cloudflare always sets one in
   * production) is not limited, as every other per-address limit.
   */
  take(address: string | null, now = Date.now()): LimitVerdict {
    if (!address) return { ok: true };
    const until = this.blocked.get(address) ?? 0;
    if (now < until) return { ok: false, retryAfterMs: until - now };
    this.blocked.delete(address);
    const { burst, refillMs } = WIDGET_MESSAGE_BUCKET;
    const earned = Math.floor((now - this.refilledAt) / refillMs);
    if (earned > 0) {
      this.tokens = Math.min(burst, this.tokens + earned);
      this.refilledAt = this.tokens === burst ? now : this.refilledAt + earned * refillMs;
    }
    if (this.tokens <= 0) return { ok: false, retryAfterMs: this.refilledAt + refillMs - now };
    this.tokens--;
    return { ok: true };
  }

  /** Counts a stored message against its address on the limiter object, without holding anything up. */
  count(address: string | null): void {
    if (!address) return;
    this.ctx.waitUntil(
      hitLimit(this.env, WIDGET_MESSAGE_IP, { kind: 'ip', id: address }).then((d) => {
        if (!d.allowed) this.blocked.set(address, Date.now() + d.retryAfterMs);
      }),
    );
  }
}

/** The error frame of a refused message (nothing was stored). */
export function rateLimitedFrame(clientId: string, retryAfterMs: number) {
  return {
    type: 'error' as const,
    code: 'rate_limited' as const,
    message: 'Too many messages, wait a moment',
    clientId,
    details: { retryAfterMs },
  };
}
