// Server-side sessions: one row per sign-in, renewed by an opaque refresh token (32 random bytes, base64url)
// that is stored only as its SHA-256 hash and rotated on every use. A rotated token is kept, so presenting it
// again is recognised as a replay (a stolen copy racing the real client) and ends the whole session.
// Lifetimes: a session ends after REFRESH_IDLE_SECONDS without a refresh, and SESSION_MAX_SECONDS after
// sign-in whatever happens (the agent then signs in again).
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { refreshTokens, userSessions, users } from '../../drizzle/schema';
import type { SessionView } from '../contract';
import type { Database, Tx } from './db';
import { inTenant } from './db';
import { sha256Hex } from './secret-hash';

export const REFRESH_IDLE_SECONDS = 30 * 24 * 60 * 60;
export const SESSION_MAX_SECONDS = 90 * 24 * 60 * 60;

export type RevokeReason = NonNullable<typeof userSessions.$inferSelect.revokedReason>;
type UserRow = typeof users.$inferSelect;

/** Where a session comes from, as recorded on it. */
export interface SessionOrigin {
  device: string;
  ip: string | null;
}

/** A new refresh token for a session, and how long its cookie may live. */
export interface IssuedRefresh {
  sessionId: string;
  refreshToken: string;
  maxAgeSeconds: number;
}

const REFRESH_SHAPE = /^[A-Za-z0-9_-]{43}$/;

function newRefreshToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Whole seconds until the session must refresh again: the idle limit, never past the absolute cap. */
function cookieMaxAge(expiresAt: Date, now: Date): number {
  const untilCap = Math.floor((expiresAt.getTime() - now.getTime()) / 1000);
  return Math.max(0, Math.min(REFRESH_IDLE_SECONDS, untilCap));
}

async function issueRefresh(tx: Tx, tenantId: string, sessionId: string): Promise<string> {
  const token = newRefreshToken();
  await tx.insert(refreshTokens).values({ tokenHash: await sha256Hex(token), tenantId, sessionId });
  return token;
}

/** Opens a session for a user who just proved who they are. */
export async function createSession(
  tx: Tx,
  tenantId: string,
  userId: string,
  origin: SessionOrigin,
  now = new Date(),
): Promise<IssuedRefresh> {
  const expiresAt = new Date(now.getTime() + SESSION_MAX_SECONDS * 1000);
  const [row] = await tx
    .insert(userSessions)
    .values({ tenantId, userId, device: origin.device, ip: origin.ip, expiresAt })
    .returning({ id: userSessions.id });
  if (!row) throw new Error('session insert returned nothing');
  const refreshToken = await issueRefresh(tx, tenantId, row.id);
  return { sessionId: row.id, refreshToken, maxAgeSeconds: cookieMaxAge(expiresAt, now) };
}

/** The tenant and session a refresh token belongs to (rotated or not), or null for an unknown/malformed one. */
export async function findRefresh(
  primary: Database,
  token: string | undefined,
): Promise<{ tenantId: string; sessionId: string; hash: string } | null> {
  if (!token || !REFRESH_SHAPE.test(token)) return null;
  const hash = await sha256Hex(token);
  const found = await primary.execute<{ tenant_id: string; session_id: string }>(
    sql`select * from fio_find_refresh(${hash})`,
  );
  const row = found.rows[0];
  return row ? { tenantId: row.tenant_id, sessionId: row.session_id, hash } : null;
}

export type RefreshOutcome =
  | { kind: 'rotated'; user: UserRow; issued: IssuedRefresh }
  /** A rotated token came back: the session was revoked just now (or already had been). */
  | { kind: 'reused'; userId: string; sessionId: string; revoked: boolean }
  | { kind: 'ended' };

/**
 * Rotates one refresh token. The token row is locked, so two concurrent uses of one token are one rotation
 * and one replay, never two rotations.
 */
export async function rotateRefresh(
  tx: Tx,
  hash: string,
  origin: Pick<SessionOrigin, 'ip'>,
  now = new Date(),
): Promise<RefreshOutcome> {
  const [row] = await tx
    .select({ token: refreshTokens, session: userSessions, user: users })
    .from(refreshTokens)
    .innerJoin(userSessions, eq(userSessions.id, refreshTokens.sessionId))
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(eq(refreshTokens.tokenHash, hash))
    .for('update', { of: refreshTokens })
    .limit(1);
  if (!row) return { kind: 'ended' };
  const { token, session, user } = row;
  if (token.rotatedAt) {
    const revoked = await revokeSessions(tx, user.id, [session.id], 'refresh_reused', now);
    return { kind: 'reused', userId: user.id, sessionId: session.id, revoked: revoked.length > 0 };
  }
  const idleUntil = session.lastSeenAt.getTime() + REFRESH_IDLE_SECONDS * 1000;
  if (session.revokedAt || user.deactivatedAt || now >= session.expiresAt || now.getTime() >= idleUntil) {
    return { kind: 'ended' };
  }
  await tx.update(refreshTokens).set({ rotatedAt: now }).where(eq(refreshTokens.tokenHash, hash));
  await tx
    .update(userSessions)
    .set({ lastSeenAt: now, ip: origin.ip ?? session.ip })
    .where(eq(userSessions.id, session.id));
  const refreshToken = await issueRefresh(tx, session.tenantId, session.id);
  return {
    kind: 'rotated',
    user,
    issued: { sessionId: session.id, refreshToken, maxAgeSeconds: cookieMaxAge(session.expiresAt, now) },
  };
}

/**
 * Ends these of the user's sessions that are still open (all of them when `sessionIds` is null) and returns
 * the ids actually ended. Their refresh tokens stop working with them.
 */
export async function revokeSessions(
  tx: Tx,
  userId: string,
  sessionIds: string[] | null,
  reason: RevokeReason,
  now = new Date(),
): Promise<string[]> {
  if (sessionIds?.length === 0) return [];
  const rows = await tx
    .update(userSessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(
      and(
        eq(userSessions.userId, userId),
        isNull(userSessions.revokedAt),
        sessionIds ? inArray(userSessions.id, sessionIds) : undefined,
      ),
    )
    .returning({ id: userSessions.id });
  return rows.map((r) => r.id);
}

/** The user's open sessions, most recently used first. */
export async function listSessions(tx: Tx, userId: string, currentSid: string): Promise<SessionView[]> {
  const now = new Date();
  const rows = await tx
    .select()
    .from(userSessions)
    .where(
      and(
        eq(userSessions.userId, userId),
        isNull(userSessions.revokedAt),
        gt(userSessions.expiresAt, now),
        gt(userSessions.lastSeenAt, new Date(now.getTime() - REFRESH_IDLE_SECONDS * 1000)),
      ),
    )
    .orderBy(desc(userSessions.lastSeenAt), desc(userSessions.id));
  return rows.map((r) => ({
    id: r.id,
    device: r.device,
    ip: r.ip,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    current: r.id === currentSid,
  }));
}

/** What the tenant's access object needs about one session: is it open, and who is its user now. */
export interface SessionAccessRow {
  userId: string;
  sessionEnded: boolean;
  active: boolean;
  role: UserRow['role'];
  name: string;
}

export async function loadSessionAccess(
  primary: Database,
  tenantId: string,
  sessionId: string,
): Promise<SessionAccessRow | null> {
  const [row] = await inTenant(primary, tenantId, (tx) =>
    tx
      .select({
        userId: users.id,
        revokedAt: userSessions.revokedAt,
        expiresAt: userSessions.expiresAt,
        deactivatedAt: users.deactivatedAt,
        role: users.role,
        name: users.name,
      })
      .from(userSessions)
      .innerJoin(users, eq(users.id, userSessions.userId))
      .where(and(eq(userSessions.tenantId, tenantId), eq(userSessions.id, sessionId)))
      .limit(1),
  );
  if (!row) return null;
  return {
    userId: row.userId,
    sessionEnded: row.revokedAt !== null || row.expiresAt <= new Date(),
    active: row.deactivatedAt === null,
    role: row.role,
    name: row.name,
  };
}

/** Ends one session by id (sign-out); returns its user, or null when it was already over or unknown. */
export async function endSession(tx: Tx, sessionId: string, reason: RevokeReason): Promise<string | null> {
  const [row] = await tx
    .update(userSessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)))
    .returning({ userId: userSessions.userId });
  return row?.userId ?? null;
}
