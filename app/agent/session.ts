// The access token kept for this tab (sessionStorage) so a reload does not even need a refresh; dropped once
// it is close to expiry (the refresh cookie then brings a new one). Memory is the truth: ./auth/session-store.
import type { Session } from './api';

const KEY = 'fio.session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    const valid =
      typeof s.token === 'string' &&
      typeof s.issuedAt === 'number' &&
      typeof s.expiresAt === 'number' &&
      s.expiresAt > Date.now() + 5_000;
    return valid ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}
