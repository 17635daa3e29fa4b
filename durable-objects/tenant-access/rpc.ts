// What the tenant access object answers and is told, and the Worker- and object-side calls that reach it.
// Callers go through these functions (never the stub directly), so a failure is handled the same everywhere.
import type { Role, SocketCloseReason } from '../../workers/contract';
import type { Env } from '../../workers/env';
import { AppError } from '../../workers/errors';
import { accessName } from '../../workers/services/conversation-names';
import { errorFields, log } from '../../workers/services/log';

/** Who a session's user is now (not when the token was signed). */
export interface UserAccess {
  active: boolean;
  role: Role;
  name: string;
}

/**
 * `unverified`: Postgres could not be reached and nothing announced to the object ended this session or
 * user, so the token's own claims stand until it expires (at most the access-token lifetime): an outage
 * degrades revocation to that lifetime instead of locking every agent out.
 */
export type AccessVerdict =
  | { ok: true; role: Role; name: string }
  | { ok: false; suspended?: true }
  | { ok: 'unverified' };

/** The tenant's own state: `gone` once deleted; `unverified` when Postgres could not be asked. */
export type TenantGateStatus = 'active' | 'suspended' | 'gone' | 'unverified';

/**
 * Which sockets to close: every agent socket of a user, those of some sessions, or every socket of the tenant,
 * agents' and website visitors' alike (the operator suspended it).
 */
export type SocketMatch = { userId: string } | { sessionIds: string[] } | { everyone: true };

/** The socket tag that names a session, on conversation and inbox sockets alike. */
export function sessionTag(sessionId: string): string {
  return `sid:${sessionId}`;
}

function stub(env: Env, tenantId: string) {
  return env.TENANT_ACCESS.getByName(accessName(tenantId));
}

/** The one per-request check behind authenticate(): one RPC, answered from memory when warm. */
export async function checkSession(
  env: Env,
  tenantId: string,
  sessionId: string,
  userId: string,
): Promise<AccessVerdict> {
  try {
    return await stub(env, tenantId).check(tenantId, sessionId, userId);
  } catch (err) {
    log('warn', 'session check failed', errorFields(err));
    throw new AppError('unavailable', 'Sessions cannot be checked right now, try again shortly');
  }
}

/**
 * After a commit that ended sessions or changed a user: tells the object, which updates what it knows and
 * closes the affected sockets. Best effort once the change is committed: a failure is logged, and the
 * object's cache expiry bounds how long a stale answer can live.
 */
export async function announce(
  env: Env,
  tenantId: string,
  change:
    | { kind: 'sessions_ended'; userId: string; sessionIds: string[] }
    | {
        kind: 'user_changed';
        userId: string;
        user: UserAccess;
        close: SocketCloseReason | null;
        endedSessionIds: string[];
      },
): Promise<void> {
  if (change.kind === 'sessions_ended' && change.sessionIds.length === 0) return;
  try {
    const access = stub(env, tenantId);
    if (change.kind === 'sessions_ended')
      await access.sessionsEnded(tenantId, change.userId, change.sessionIds);
    else await access.userChanged(tenantId, change.userId, change.user, change.close, change.endedSessionIds);
  } catch (err) {
    log('error', 'access change not delivered', { tenantId, kind: change.kind, ...errorFields(err) });
  }
}

/**
 * A website visitor's stand-in for a session in the socket registry (visitors have none): registering their
 * sockets lets a suspension reach them too.
 */
export function visitorSession(visitorId: string): string {
  return `visitor:${visitorId}`;
}

/** From a conversation object: a socket of this session opened here (so revocation or suspension reaches it). */
export async function socketOpened(
  env: Env,
  tenantId: string,
  sessionId: string,
  userId: string,
  conversationId: string,
): Promise<void> {
  try {
    await stub(env, tenantId).socketOpened(tenantId, sessionId, userId, conversationId);
  } catch (err) {
    log('warn', 'socket registration failed', errorFields(err));
  }
}

/** From a conversation object: the session's last socket here closed. */
export async function socketClosed(
  env: Env,
  tenantId: string,
  sessionId: string,
  conversationId: string,
): Promise<void> {
  try {
    await stub(env, tenantId).socketClosed(sessionId, conversationId);
  } catch (err) {
    log('debug', 'socket unregistration failed', errorFields(err));
  }
}
