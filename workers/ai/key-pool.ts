// The tenant's API keys, tried in turn. A key answered 429 cools down for as long as the provider asked
// (Retry-After in seconds or as an HTTP date; retry-after-ms too), 30 s when it did not say; a key answered
// 401 is disabled until the tenant's key list changes. State is per isolate (module level), filed under the
// tenant + endpoint + model: each isolate learns on its own, which costs at most one 429/401 per isolate.
import { fingerprint } from './scope';

export const DEFAULT_COOLDOWN_MS = 30_000;
/** A provider asking for more than this is capped: the key is tried again after 10 minutes. */
const MAX_COOLDOWN_MS = 10 * 60_000;

interface KeyState {
  coolUntil: number;
  disabled: boolean;
}

interface PoolState {
  /** The key list this state was learned for: a new list (the admin changed keys) starts afresh. */
  version: string;
  keys: KeyState[];
}

const pools = new Map<string, PoolState>();

export type KeyPick = { ok: true; index: number; key: string } | { ok: false };

export class KeyPool {
  private readonly state: PoolState;

  constructor(
    scope: string,
    private readonly keys: readonly string[],
    private readonly now: () => number = Date.now,
  ) {
    const version = fingerprint(keys);
    let state = pools.get(scope);
    if (!state || state.version !== version) {
      state = { version, keys: keys.map(() => ({ coolUntil: 0, disabled: false })) };
      pools.set(scope, state);
    }
    this.state = state;
  }

  /** The first key neither cooling nor disabled, in the admin's order. */
  pick(): KeyPick {
    const now = this.now();
    const index = this.state.keys.findIndex((k) => !k.disabled && k.coolUntil <= now);
    const key = index >= 0 ? this.keys[index] : undefined;
    return key === undefined ? { ok: false } : { ok: true, index, key };
  }

  rateLimited(index: number, headers: Headers | undefined): void {
    const state = this.state.keys[index];
    if (state) state.coolUntil = this.now() + cooldownFrom(headers, this.now());
  }

  unauthorized(index: number): void {
    const state = this.state.keys[index];
    if (state) state.disabled = true;
  }

  /** For tests and the README's claims: what each key is doing now. */
  describe(): ('ready' | 'cooling' | 'disabled')[] {
    const now = this.now();
    return this.state.keys.map((k) => (k.disabled ? 'disabled' : k.coolUntil > now ? 'cooling' : 'ready'));
  }
}

/** How long a 429 asks us to wait: retry-after-ms, then Retry-After (seconds or HTTP date), else 30 s. */
export function cooldownFrom(headers: Headers | undefined, now: number): number {
  const clamp = (ms: number) => Math.min(Math.max(ms, 0), MAX_COOLDOWN_MS);
  const ms = Number(headers?.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return clamp(ms);
  const raw = headers?.get('retry-after')?.trim();
  if (raw) {
    if (/^\d+(\.\d+)?$/.test(raw)) return clamp(Number(raw) * 1000);
    const at = Date.parse(raw);
    if (Number.isFinite(at)) return clamp(at - now);
  }
  return DEFAULT_COOLDOWN_MS;
}
