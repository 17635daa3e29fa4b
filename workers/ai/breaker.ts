// A circuit breaker per tenant + endpoint + model: after `failures` consecutive failures (5xx, timeouts,
// network errors) within `windowMs` it opens, and every call is refused at once (no customer waits on an
// endpoint known to be down); after `cooldownMs` it lets one probe through (half-open); the probe's success
// closes it, its failure opens it again for another cooldown. 429 and 401 are a key's problem, not the
// endpoint's, and do not count. Per isolate, like the key pool.

export interface BreakerOptions {
  failures?: number;
  windowMs?: number;
  cooldownMs?: number;
}

interface BreakerState {
  failures: number[];
  openedAt: number | null;
  probing: boolean;
}

const breakers = new Map<string, BreakerState>();

export type BreakerStatus = 'closed' | 'open' | 'half_open';

export class Breaker {
  private readonly state: BreakerState;
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly cooldownMs: number;

  constructor(
    scope: string,
    options: BreakerOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limit = options.failures ?? 3;
    this.windowMs = options.windowMs ?? 60_000;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    let state = breakers.get(scope);
    if (!state) {
      state = { failures: [], openedAt: null, probing: false };
      breakers.set(scope, state);
    }
    this.state = state;
  }

  get status(): BreakerStatus {
    if (this.state.openedAt === null) return 'closed';
    return this.now() - this.state.openedAt >= this.cooldownMs ? 'half_open' : 'open';
  }

  /** Whether a call may go now; in half-open only one (the probe) until it reports back. */
  admit(): boolean {
    const status = this.status;
    if (status === 'closed') return true;
    if (status === 'open' || this.state.probing) return false;
    this.state.probing = true;
    return true;
  }

  success(): void {
    this.state.failures = [];
    this.state.openedAt = null;
    this.state.probing = false;
  }

  failure(): void {
    const now = this.now();
    if (this.state.openedAt !== null) {
      // The probe failed (or a call admitted before the breaker opened): another full cooldown.
      this.state.openedAt = now;
      this.state.probing = false;
      return;
    }
    this.state.failures = [...this.state.failures.filter((t) => now - t < this.windowMs), now];
    if (this.state.failures.length >= this.limit) {
      this.state.openedAt = now;
      this.state.failures = [];
    }
  }

  /** A call admitted as the probe ended without telling (a key problem): let the next one probe. */
  release(): void {
    this.state.probing = false;
  }
}
