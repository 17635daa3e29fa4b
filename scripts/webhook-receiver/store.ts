// What the webhook receiver simulator remembers per hook name: its secret, its scripted behaviour and every
// attempt that reached it (headers, body, signature verdict, what it answered), in arrival order.
import type { SignatureVerdict } from './verify';

export interface Behaviour {
  /** Answer 500 to the first N attempts, then 200. */
  failTimes?: number;
  /** Answer this status to every attempt (after failTimes is used up). */
  status?: number;
  /** Wait this long before answering. */
  slowMs?: number;
  /** Never answer (the sender's timeout ends it). */
  timeout?: boolean;
}

export interface Attempt {
  n: number;
  at: string;
  deliveryId: string | null;
  event: string | null;
  timestamp: string | null;
  signature: SignatureVerdict;
  /** What the receiver answered (0: it did not answer). */
  status: number;
  body: unknown;
}

export interface Hook {
  secret: string | null;
  behaviour: Behaviour;
  failed: number;
  attempts: Attempt[];
}

/** At most this many attempts are kept per hook (oldest dropped): the dev page and tests need the recent ones. */
const MAX_ATTEMPTS = 20_000;

export class ReceiverStore {
  private readonly hooks = new Map<string, Hook>();

  hook(name: string): Hook {
    let hook = this.hooks.get(name);
    if (!hook) {
      hook = { secret: null, behaviour: {}, failed: 0, attempts: [] };
      this.hooks.set(name, hook);
    }
    return hook;
  }

  configure(name: string, secret: string | null, behaviour: Behaviour): void {
    const hook = this.hook(name);
    hook.secret = secret;
    hook.behaviour = behaviour;
    hook.failed = 0;
  }

  record(name: string, attempt: Omit<Attempt, 'n'>): void {
    const hook = this.hook(name);
    hook.attempts.push({ n: hook.attempts.length + 1, ...attempt });
    if (hook.attempts.length > MAX_ATTEMPTS) hook.attempts.shift();
  }

  /** Accepted (2xx) attempts, once per delivery id, in the order first accepted: what a deduping receiver keeps. */
  received(name: string): Attempt[] {
    const seen = new Set<string>();
    const out: Attempt[] = [];
    for (const a of this.hook(name).attempts) {
      if (a.status < 200 || a.status >= 300 || !a.deliveryId || seen.has(a.deliveryId)) continue;
      seen.add(a.deliveryId);
      out.push(a);
    }
    return out;
  }

  reset(name: string): void {
    this.hooks.delete(name);
  }

  all(): [string, Hook][] {
    return [...this.hooks];
  }
}
