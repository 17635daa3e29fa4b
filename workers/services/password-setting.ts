// What every password setter shares: the facts the policy compares a password with (the user's e-mail, the
// tenant's name and slug), storing a new hash (which also ends a pending invitation), ending the sessions a
// new password makes stale, and where e-mailed links point.
import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { tenants, userSessions, users } from '../../drizzle/schema';
import { announce } from '../../durable-objects/tenant-access/rpc';
import type { AppEnv } from '../app-env';
import type { Env } from '../env';
import type { Tx } from './db';
import type { PasswordContext } from './password-policy';
import { revokeSessions } from './sessions';

export async function passwordContext(tx: Tx, tenantId: string, email: string): Promise<PasswordContext> {
  const [tenant] = await tx
    .select({ name: tenants.name, slug: tenants.slug })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .limit(1);
  return { email, tenantName: tenant?.name ?? null, tenantSlug: tenant?.slug ?? null };
}

/** `hash` is computed by the caller outside the transaction (argon2id is deliberately slow). */
export async function storePassword(tx: Tx, tenantId: string, userId: string, hash: string): Promise<void> {
  await tx
    .update(users)
    .set({ passwordHash: hash, invitedAt: null })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
}

/**
 * The agent app's origin for links in e-mails: APP_ORIGIN when the app is served from another origin, else the origin this
 * request reached (on Cloudflare only hostnames routed to this Worker arrive here).
 */
export function appOrigin(c: Context<AppEnv>): string {
  return (c.env.APP_ORIGIN || new URL(c.req.url).origin).replace(/\/+$/, '');
}

/**
 * A new password ends the user's other sessions (all of them after a reset: `keep` null), in the same
 * transaction; returns the ids ended, for `announceEnded` after the commit.
 */
export async function endSessionsForNewPassword(
  tx: Tx,
  tenantId: string,
  userId: string,
  keep: string | null,
): Promise<string[]> {
  const open = await tx
    .select({ id: userSessions.id })
    .from(userSessions)
    .where(
      and(
        eq(userSessions.tenantId, tenantId),
        eq(userSessions.userId, userId),
        isNull(userSessions.revokedAt),
      ),
    );
  const ids = open.map((r) => r.id).filter((id) => id !== keep);
  return revokeSessions(tx, userId, ids, 'revoked');
}

/** After the commit: the tenant access object forgets those sessions and closes their sockets. */
export async function announceEnded(env: Env, tenantId: string, userId: string, sessionIds: string[]) {
  if (sessionIds.length > 0) await announce(env, tenantId, { kind: 'sessions_ended', userId, sessionIds });
}
