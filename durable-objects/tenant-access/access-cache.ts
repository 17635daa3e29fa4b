// What the access object remembers: each session's state (open or ended, whose) and each user's current
// active flag, role and name. Filled from Postgres on a miss; changes announced after their commit overwrite
// entries directly. Entries expire after CACHE_TTL_MS, which bounds how long a change whose announcement was
// lost (the object unreachable right after a commit) can go unnoticed.
import { TtlCache } from '../../workers/services/ttl-cache';
import type { UserAccess } from './rpc';

export const CACHE_TTL_MS = 60_000;

export interface SessionState {
  userId: string;
  ended: boolean;
}

export class AccessCache {
  readonly sessions = new TtlCache<SessionState>(CACHE_TTL_MS, 50_000);
  readonly users = new TtlCache<UserAccess>(CACHE_TTL_MS, 10_000);
  /** Bumped by every announced change: a Postgres read that started before one must not be cached. */
  epoch = 0;

  sessionEnded(userId: string, sessionId: string): void {
    this.epoch++;
    this.sessions.set(sessionId, { userId, ended: true });
  }

  userChanged(userId: string, user: UserAccess): void {
    this.epoch++;
    this.users.set(userId, user);
  }
}
