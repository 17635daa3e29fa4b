// The agent client's cross-tab refresh (app/agent/auth/refresh-coordinator.ts) against a stand-in for the
// server's rotation with reuse detection: tabs share one cookie jar, one lock manager and one broadcast bus,
// as a browser's tabs of one origin do. Two tabs refreshing at once send the cookie once (the other takes the
// shared token), a late broadcast costs one extra refresh but never a replay, a shift of many cycles never
// trips reuse detection, and without the lock the same race does (the hazard the lock exists for).
import { describe, expect, it } from 'vitest';
import {
  type ChannelLike,
  type EndReason,
  type Grant,
  type LockManagerLike,
  RefreshCoordinator,
  SessionEndedError,
} from '../../app/agent/auth/refresh-coordinator';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

/** The server side: one session family, the valid cookie rotates on use, a replayed one revokes the family. */
class RotatingServer {
  private valid = 'c0';
  private n = 0;
  revoked = false;
  reuse = 0;
  refreshes = 0;
  /** Lifetime of the access tokens it issues (ms). */
  constructor(private readonly lifeMs = 10_000) {}

  async refresh(jar: { cookie: string }, now: number): Promise<Grant> {
    const sent = jar.cookie;
    await tick(2); // the network: the other tab gets to run meanwhile
    if (this.revoked) throw new SessionEndedError('session_ended');
    if (sent !== this.valid) {
      this.reuse++;
      this.revoked = true;
      throw new SessionEndedError('session_ended');
    }
    this.refreshes++;
    this.n++;
    this.valid = `c${this.n}`;
    jar.cookie = this.valid;
    return { token: `t${this.n}`, issuedAt: now, expiresAt: now + this.lifeMs };
  }
}

/** navigator.locks for one origin: an exclusive, FIFO lock per name. */
function sharedLocks(): LockManagerLike {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request<T>(name: string, cb: () => Promise<T>): Promise<T> {
      const run = (tails.get(name) ?? Promise.resolve()).then(cb);
      tails.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    },
  };
}

/** No lock at all: what two tabs would do without navigator.locks. */
const noLocks: LockManagerLike = { request: (_name, cb) => cb() };

/** BroadcastChannel between tabs: delivered to every other member after `delayMs`. */
class Bus {
  private readonly members: ((e: MessageEvent) => void)[][] = [];
  constructor(private readonly delayMs = 0) {}
  join(): ChannelLike {
    const listeners: ((e: MessageEvent) => void)[] = [];
    this.members.push(listeners);
    return {
      postMessage: (message) => {
        const data = structuredClone(message);
        for (const other of this.members) {
          if (other === listeners) continue;
          setTimeout(() => {
            for (const l of other) l({ data } as MessageEvent);
          }, this.delayMs);
        }
      },
      addEventListener: (_type, listener) => listeners.push(listener),
    };
  }
}

/** One browser tab: its coordinator and what it holds. */
function tab(
  server: RotatingServer,
  jar: { cookie: string },
  locks: LockManagerLike,
  bus: Bus,
  clock: () => number,
  holdMs?: number,
) {
  const state = { held: null as Grant | null, ended: null as EndReason | null, ownRefreshes: 0 };
  const coordinator = new RefreshCoordinator<Grant>({
    locks,
    channel: bus.join(),
    refresh: () => {
      state.ownRefreshes++;
      return server.refresh(jar, clock());
    },
    onGrant: (g) => {
      state.held = g;
    },
    onEnded: (reason) => {
      state.ended = reason;
    },
    now: clock,
    ...(holdMs === undefined ? {} : { holdMs }),
  });
  return { coordinator, state };
}

function setup(opts: { locks?: LockManagerLike; busDelayMs?: number; holdMs?: number } = {}) {
  let now = 1_000_000;
  const clock = () => now;
  const server = new RotatingServer();
  const jar = { cookie: 'c0' };
  const locks = opts.locks ?? sharedLocks();
  const bus = new Bus(opts.busDelayMs ?? 0);
  const first: Grant = { token: 't0', issuedAt: now, expiresAt: now + 10_000 };
  const a = tab(server, jar, locks, bus, clock, opts.holdMs);
  const b = tab(server, jar, locks, bus, clock, opts.holdMs);
  for (const t of [a, b]) {
    t.coordinator.hold(first);
    t.state.held = first;
  }
  return { server, a, b, advance: (ms: number) => (now += ms) };
}

describe('cross-tab refresh coordinator', () => {
  it('two tabs refreshing the same token at once send the cookie once and end up with the same token', async () => {
    const { server, a, b } = setup();
    const [ga, gb] = await Promise.all([a.coordinator.refresh('t0'), b.coordinator.refresh('t0')]);
    expect(server.refreshes).toBe(1);
    expect(server.reuse).toBe(0);
    expect(ga.token).toBe('t1');
    expect(gb.token).toBe('t1');
    expect(a.state.ownRefreshes + b.state.ownRefreshes).toBe(1);
  });

  it('callers within one tab share its refresh', async () => {
    const { server, a } = setup();
    const all = await Promise.all([1, 2, 3].map(() => a.coordinator.refresh('t0')));
    expect(all.map((g) => g.token)).toEqual(['t1', 't1', 't1']);
    expect(server.refreshes).toBe(1);
  });

  it('a broadcast that arrives after the lock is released costs one more refresh, with the rotated cookie: never a replay', async () => {
    const { server, a, b } = setup({ busDelayMs: 50, holdMs: 0 });
    const [ga, gb] = await Promise.all([a.coordinator.refresh('t0'), b.coordinator.refresh('t0')]);
    expect(server.reuse).toBe(0);
    expect(server.revoked).toBe(false);
    expect(server.refreshes).toBe(2);
    expect(new Set([ga.token, gb.token])).toEqual(new Set(['t1', 't2']));
  });

  it('a shift of many refresh cycles from both tabs never trips reuse detection', async () => {
    const { server, a, b, advance } = setup();
    for (let round = 0; round < 40; round++) {
      advance(7_500); // 3/4 of the lifetime: both tabs' timers fire
      const staleA = a.state.held?.token ?? null;
      const staleB = b.state.held?.token ?? null;
      // Some rounds the second tab is a little late, some exactly together.
      const late =
        round % 3 === 0 ? tick(1).then(() => b.coordinator.refresh(staleB)) : b.coordinator.refresh(staleB);
      await Promise.all([a.coordinator.refresh(staleA), late]);
      await tick(1); // broadcasts delivered
      expect(a.state.held?.token).toBe(b.state.held?.token);
    }
    expect(server.reuse).toBe(0);
    expect(server.revoked).toBe(false);
    expect(server.refreshes).toBeLessThanOrEqual(40 + 14);
    expect(server.refreshes).toBeGreaterThanOrEqual(40);
  });

  it('without the lock the same race replays the cookie and the server ends the session', async () => {
    const { server, a, b } = setup({ locks: noLocks });
    const results = await Promise.allSettled([a.coordinator.refresh('t0'), b.coordinator.refresh('t0')]);
    expect(server.reuse).toBe(1);
    expect(results.some((r) => r.status === 'rejected' && r.reason instanceof SessionEndedError)).toBe(true);
  });

  it('a refused refresh rejects with the reason, and end() tells the other tab', async () => {
    const { server, a, b } = setup();
    server.revoked = true;
    await expect(a.coordinator.refresh('t0')).rejects.toBeInstanceOf(SessionEndedError);
    expect(b.state.ended).toBe(null);
    a.coordinator.end('session_ended');
    await tick(1);
    expect(b.state.ended).toBe('session_ended');
    expect(b.coordinator.current).toBe(null);
  });

  it('a sign-in announced in one tab is taken by the other', async () => {
    const { a, b } = setup();
    const fresh: Grant = { token: 'login', issuedAt: 1_000_000, expiresAt: 1_000_000 + 10_000 + 1 };
    a.coordinator.announce(fresh);
    await tick(1);
    expect(b.state.held?.token).toBe('login');
  });
});
