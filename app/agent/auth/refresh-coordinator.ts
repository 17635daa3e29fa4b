// Refreshing the access token ONCE across every open tab. The refresh cookie rotates on each use and a
// replayed one revokes the whole session, so two tabs must never send the same cookie at once: refreshes are
// serialised by a Web Lock shared by the origin's tabs, and the winner shares its new token on a
// BroadcastChannel. A tab that gets the lock after another refreshed uses that token instead of refreshing
// again. Even when the broadcast is still in flight, the lock alone keeps the cookie safe: the second tab
// then sends the already-rotated cookie, which is valid (one refresh too many, never a reuse).
// The browser APIs come in as small interfaces, so the logic is tested with in-memory stand-ins.

export interface Grant {
  token: string;
  /** Epoch ms the token was received. */
  issuedAt: number;
  /** Epoch ms when it stops working. */
  expiresAt: number;
}

/** The refresh answered 401: the session is over (revoked, replayed, logged out, user deactivated). */
export class SessionEndedError extends Error {
  constructor(readonly reason: EndReason) {
    super(`session ended: ${reason}`);
  }
}

/** Why a tab leaves the signed-in app: the server ended the session, this user signed out, or the platform
 * operator suspended the organisation. */
export type EndReason = 'session_ended' | 'signed_out' | 'tenant_suspended';

/** The part of `navigator.locks` used here (an exclusive lock held while the callback's promise runs). */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** The part of BroadcastChannel used here. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
}

export type TabMessage<G extends Grant> = { type: 'grant'; grant: G } | { type: 'ended'; reason: EndReason };

export interface CoordinatorDeps<G extends Grant> {
  locks: LockManagerLike;
  channel: ChannelLike;
  /** POST /api/auth/refresh: resolves with the new grant, throws SessionEndedError on 401, else a network error. */
  refresh: () => Promise<G>;
  /** A grant this tab should use from now on (its own refresh, or another tab's). */
  onGrant: (grant: G) => void;
  /** Another tab learned the session is over. */
  onEnded: (reason: EndReason) => void;
  now?: () => number;
  /** How long the lock is kept after a refresh, so the broadcast reaches waiting tabs first (ms). */
  holdMs?: number;
}

export const REFRESH_LOCK = 'fio.auth.refresh';

/** A shared token is worth taking if it still has this share of its lifetime left (else refresh anew). */
const MIN_LIFE_LEFT = 0.5;

export class RefreshCoordinator<G extends Grant> {
  private latest: G | null = null;
  private inFlight: Promise<G> | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: CoordinatorDeps<G>) {
    this.now = deps.now ?? Date.now;
    deps.channel.addEventListener('message', (e) => this.receive(e.data as TabMessage<G>));
  }

  /** What this tab holds now (from its own sign-in or refresh, or another tab's broadcast). */
  get current(): G | null {
    return this.latest;
  }

  /** A grant this tab already has (kept from before a reload): known, not broadcast. */
  hold(grant: G | null): void {
    this.latest = grant;
  }

  /** A fresh sign-in in this tab: the other tabs take its token too (the cookie is shared anyway). */
  announce(grant: G): void {
    this.latest = grant;
    this.deps.channel.postMessage({ type: 'grant', grant } satisfies TabMessage<G>);
  }

  /** The session is over in this tab: tell the others so they show the sign-in screen as well. */
  end(reason: EndReason): void {
    this.latest = null;
    this.deps.channel.postMessage({ type: 'ended', reason } satisfies TabMessage<G>);
  }

  /**
   * A grant newer than `stale` (the token the caller holds, null for none). One refresh at a time in this
   * tab (callers share it) and across tabs (the lock); rejects with SessionEndedError or a network error.
   */
  refresh(stale: string | null): Promise<G> {
    this.inFlight ??= this.deps.locks
      .request(REFRESH_LOCK, () => this.refreshLocked(stale))
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  /** Whether a refresh is under way in this tab (sockets wait for it instead of using the old token). */
  get refreshing(): Promise<G> | null {
    return this.inFlight;
  }

  private async refreshLocked(stale: string | null): Promise<G> {
    const shared = this.latest;
    if (shared && shared.token !== stale && this.lifeLeft(shared) >= MIN_LIFE_LEFT) return shared;
    try {
      const grant = await this.deps.refresh();
      this.latest = grant;
      this.deps.channel.postMessage({ type: 'grant', grant } satisfies TabMessage<G>);
      this.deps.onGrant(grant);
      // Messages and lock grants are separate tasks: holding the lock a moment lets the broadcast reach a
      // waiting tab before its turn, so it takes this token instead of refreshing once more.
      await new Promise((resolve) => setTimeout(resolve, this.deps.holdMs ?? 100));
      return grant;
    } catch (err) {
      // The caller tells the other tabs (end()) if it was signed in: a tab that only tried the cookie was not.
      if (err instanceof SessionEndedError) this.latest = null;
      throw err;
    }
  }

  private receive(message: TabMessage<G>): void {
    if (message?.type === 'grant') {
      const g = message.grant;
      if (this.latest && this.latest.expiresAt > g.expiresAt) return;
      this.latest = g;
      this.deps.onGrant(g);
    } else if (message?.type === 'ended') {
      this.latest = null;
      this.deps.onEnded(message.reason);
    }
  }

  private lifeLeft(g: Grant): number {
    const life = g.expiresAt - g.issuedAt;
    return life > 0 ? (g.expiresAt - this.now()) / life : 0;
  }
}
