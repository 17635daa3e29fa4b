// The signed-in session of this tab: the ONE place every REST call (api.ts's token source) and every socket
// (their url providers) takes the access token from. The token lives in memory (and this tab's
// sessionStorage, so a reload needs no refresh); it is refreshed silently at 3/4 of its lifetime and after a
// 401, once across all tabs (./refresh-coordinator.ts). A tab with no token asks the refresh cookie first,
// so a reload or a new tab opens signed in. A refused refresh ends the session (sign-in screen with the
// reason); a network failure only waits and tries again (growing pauses), never signs out.
import { createSignal } from 'solid-js';
import { logout, refreshSession, type Session, setTokenSource } from '../api';
import { loadSession, saveSession } from '../session';
import {
  type ChannelLike,
  type EndReason,
  type LockManagerLike,
  RefreshCoordinator,
  SessionEndedError,
} from './refresh-coordinator';

/** checking: a tab with no token is asking the refresh cookie; signed-out shows the sign-in screen. */
export type AuthPhase = 'checking' | 'signed-in' | 'signed-out';

/** Share of the token's lifetime after which it is refreshed. */
const REFRESH_AT = 0.75;
/** A token with less than this left is refreshed before it is used for a socket. */
const MIN_LEFT_MS = 3_000;

function browserLocks(): LockManagerLike {
  if (typeof navigator !== 'undefined' && navigator.locks) {
    const locks = navigator.locks;
    // The lock's promise settles with the callback's result (TypeScript's lib types it one level deeper).
    return { request: <T>(name: string, cb: () => Promise<T>) => locks.request(name, cb) as Promise<T> };
  }
  // No Web Locks (a very old browser): serialise within this tab at least.
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request<T>(_name: string, callback: () => Promise<T>): Promise<T> {
      const run = tail.then(callback);
      tail = run.catch(() => undefined);
      return run;
    },
  };
}

function browserChannel(): ChannelLike {
  if (typeof BroadcastChannel !== 'undefined') return new BroadcastChannel('fio.auth');
  return { postMessage: () => undefined, addEventListener: () => undefined };
}

const initial = loadSession();
const [session, setSession] = createSignal<Session | null>(initial);
const [phase, setPhase] = createSignal<AuthPhase>(initial ? 'signed-in' : 'checking');
/** Why this tab was signed out (shown on the sign-in screen); null: it never was, or chose to. */
const [endReason, setEndReason] = createSignal<EndReason | null>(null);

let timer: ReturnType<typeof setTimeout> | undefined;
let pending: Promise<Session> | null = null;
/** This tab is signing out (its sockets' session_ended is then expected). */
let leaving = false;

const coordinator = new RefreshCoordinator<Session>({
  locks: browserLocks(),
  channel: browserChannel(),
  refresh: refreshSession,
  onGrant: adopt,
  onEnded: (reason) => signedOut(reason),
});
coordinator.hold(initial);
if (initial) schedule(initial);

function adopt(s: Session): void {
  saveSession(s);
  setSession(s);
  setEndReason(null);
  setPhase('signed-in');
  schedule(s);
}

function schedule(s: Session): void {
  clearTimeout(timer);
  const at = s.issuedAt + (s.expiresAt - s.issuedAt) * REFRESH_AT;
  timer = setTimeout(() => void refresh().catch(() => undefined), Math.max(0, at - Date.now()));
}

function signedOut(reason: EndReason | null): void {
  clearTimeout(timer);
  saveSession(null);
  setSession(null);
  setEndReason(reason);
  setPhase('signed-out');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function refreshWithRetry(stale: string | null): Promise<Session> {
  for (let attempt = 0; ; attempt++) {
    try {
      const s = await coordinator.refresh(stale);
      if (session()?.token !== s.token) adopt(s);
      return s;
    } catch (err) {
      if (err instanceof SessionEndedError) {
        // A tab that only asked the cookie (no session yet) just shows the sign-in screen, no reason; a
        // signed-in one says why, and so do the other tabs.
        // A suspended organisation is said even to a tab that only asked the cookie (a reload).
        if (phase() === 'signed-in') {
          coordinator.end(err.reason);
          signedOut(err.reason);
        } else signedOut(err.reason === 'tenant_suspended' ? err.reason : null);
        throw err;
      }
      if (phase() === 'signed-out') throw err;
      // Network down or server busy: keep the session and try again (1 s, 2 s, 4 s … 30 s, with jitter).
      await sleep(Math.min(30_000, 1_000 * 2 ** attempt) * (0.75 + Math.random() * 0.5));
    }
  }
}

/** A token newer than the one held (this tab's and other tabs' callers share one refresh). */
export function refresh(): Promise<Session> {
  pending ??= refreshWithRetry(session()?.token ?? null).finally(() => {
    pending = null;
  });
  return pending;
}

/** The token for a socket (re)connect: waits for a refresh under way, or one that is due. */
export async function freshToken(): Promise<string> {
  if (pending) return (await pending).token;
  const s = session();
  if (!s) throw new Error('signed out');
  if (s.expiresAt - Date.now() < MIN_LEFT_MS) return (await refresh()).token;
  return s.token;
}

/** The current token (null when signed out). */
export function currentToken(): string | null {
  return session()?.token ?? null;
}

setTokenSource({
  current: currentToken,
  async afterUnauthorized(used) {
    const s = session();
    // Another caller (or tab) refreshed since this request left: just use the newer token.
    if (s && s.token !== used && s.expiresAt - Date.now() > MIN_LEFT_MS) return s.token;
    return (await refresh()).token;
  },
  suspended: tenantSuspended,
});

export { endReason, phase, session };

/** Starts the tab: with no token kept, ask the refresh cookie (sign-in screen only if that is refused). */
export function boot(): void {
  if (phase() === 'checking') void refresh().catch(() => undefined);
  // Background tabs' timers are throttled: on coming back, refresh at once if the token is due.
  document.addEventListener('visibilitychange', () => {
    const s = session();
    if (document.visibilityState !== 'visible' || !s) return;
    if (Date.now() >= s.issuedAt + (s.expiresAt - s.issuedAt) * REFRESH_AT)
      void refresh().catch(() => undefined);
  });
}

/** A sign-in in this tab: the other tabs take the new token too (they share the cookie anyway). */
export function signedIn(s: Session): void {
  adopt(s);
  coordinator.announce(s);
}

/** The server ended the session (a socket closed with session_ended): every tab shows the sign-in screen. */
export function sessionEnded(): void {
  // While this tab signs out, its own sockets closing with session_ended are expected, not news.
  if (phase() !== 'signed-in' || leaving) return;
  coordinator.end('session_ended');
  signedOut('session_ended');
}

/**
 * The platform operator suspended the organisation (a socket closed with tenant_suspended, or a call was
 * refused so): every tab signs out locally and shows the suspended page; nothing reconnects, because the
 * signed-in app, and with it every socket, is gone.
 */
export function tenantSuspended(): void {
  if (phase() !== 'signed-in') return;
  coordinator.end('tenant_suspended');
  signedOut('tenant_suspended');
}

/** Back to the sign-in form from a page that said why this tab was signed out. */
export function dismissEndReason(): void {
  setEndReason(null);
}

/** The user signed out here: the other tabs follow, saying so. */
export function signOutHere(): void {
  coordinator.end('signed_out');
  signedOut(null);
}

/** Sign out: the server ends this session (or all of mine), then every tab shows the sign-in screen. */
export async function signOut(everywhere?: () => Promise<unknown>): Promise<void> {
  leaving = true;
  try {
    await (everywhere ? everywhere() : logout());
    signOutHere();
  } finally {
    leaving = false;
  }
}
