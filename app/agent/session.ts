// The access token kept for this tab (sessionStorage) so a reload does not even need a refresh; dropped once
// it is close to expiry (the refresh cookie then brings a new one). Memory is the truth: ./auth/session-store.
// Beside it, the last /api/me answer: a reload or a bookmark shows the app and its admin screens at once with
// the user's name, teams and tenant (zone, language), while the boot's /api/me brings whatever changed.
import { MeResponse } from '../../workers/contract';
import type { Session } from './api';

const KEY = 'fio.session';
const ME_KEY = 'fio.me';

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
  else {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(ME_KEY);
  }
}

/** The last /api/me answer of this tab if it is `userId`'s and still reads as one; otherwise undefined. */
export function rememberedMe(userId: string): MeResponse | undefined {
  try {
    const parsed = MeResponse.safeParse(JSON.parse(sessionStorage.getItem(ME_KEY) ?? 'null'));
    return parsed.success && parsed.data.user.id === userId ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function rememberMe(me: MeResponse): void {
  sessionStorage.setItem(ME_KEY, JSON.stringify(me));
}
