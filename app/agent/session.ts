// The signed-in session, kept for this tab (sessionStorage) so a reload does not ask for the password again;
// dropped once the access token has expired.
import type { Session } from './api';

const KEY = 'fio.session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return typeof s.token === 'string' && s.expiresAt > Date.now() + 5_000 ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

export function sessionExpired(session: Session): boolean {
  return session.expiresAt <= Date.now();
}
