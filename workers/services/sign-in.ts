// The steps of signing in and renewing, shared by the auth routes: who may sign in (password right, account
// active; failures of a real account audited in its tenant), opening a session, and the answer every
// sign-in and refresh gives (a short-lived access token in the body, the refresh token in its cookie).
import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { z } from 'zod';
import { tenants, users } from '../../drizzle/schema';
import type { AppEnv } from '../app-env';
import type { LoginResponse } from '../contract';
import { accessTokenTtl } from '../env';
import { AppError } from '../errors';
import { clientIp, recordAudit } from './audit';
import { inTenant } from './db';
import { deviceLabel } from './device-label';
import { setRefreshCookie } from './refresh-cookie';
import { createSession, type IssuedRefresh } from './sessions';
import { suspendedError } from './tenant-gate';
import { signAccessToken } from './tokens';

export const BAD_LOGIN = 'Email or password is incorrect';

export type UserRow = typeof users.$inferSelect;

/** What fio_find_login returns for an e-mail. */
export type LoginRow = {
  user_id: string;
  tenant_id: string;
  password_hash: string;
};

/**
 * The user behind a login whose password was checked (`passwordOk`), or a 401. A deactivated account gets the
 * same answer as a wrong password (nothing tells an outsider which it was); both are audited in its tenant.
 * A right password for a tenant the operator suspended is a 403 `tenant_suspended` (only someone who knows
 * the password learns of the suspension).
 */
export async function signInUser(c: Context<AppEnv>, login: LoginRow, passwordOk: boolean): Promise<UserRow> {
  const user = await inTenant(c.var.dbs.primary, login.tenant_id, async (tx) => {
    const [row] = await tx
      .select()
      .from(users)
      .where(and(eq(users.tenantId, login.tenant_id), eq(users.id, login.user_id)))
      .limit(1);
    if (!row) return null;
    if (passwordOk && !row.deactivatedAt) {
      const [tenant] = await tx
        .select({ status: tenants.status })
        .from(tenants)
        .where(eq(tenants.id, login.tenant_id));
      return tenant?.status === 'suspended' ? 'suspended' : row;
    }
    await recordAudit(tx, row.tenantId, {
      action: 'auth.sign_in_failed',
      actor: { type: 'anonymous', label: row.email },
      target: { type: 'user', id: row.id },
      ip: clientIp(c),
      details: { reason: passwordOk ? 'deactivated' : 'password' },
    });
    return null;
  });
  if (user === 'suspended') throw suspendedError();
  if (!user) throw new AppError('unauthorized', BAD_LOGIN);
  return user;
}

/** Opens a session for a fully signed-in user (audited) and answers with its tokens. */
export async function openSession(c: Context<AppEnv>, user: UserRow): Promise<Response> {
  const origin = { device: deviceLabel(c.req.header('user-agent')), ip: clientIp(c) };
  const issued = await inTenant(c.var.dbs.primary, user.tenantId, async (tx) => {
    const session = await createSession(tx, user.tenantId, user.id, origin);
    await recordAudit(tx, user.tenantId, {
      action: 'auth.sign_in',
      actor: { type: 'user', id: user.id, label: user.email },
      target: { type: 'user_session', id: session.sessionId },
      ip: origin.ip,
      details: { device: origin.device },
    });
    return session;
  });
  return sessionResponse(c, user, issued);
}

/** Login and refresh answer alike: a new access token for the session, its refresh token in the cookie. */
export async function sessionResponse(
  c: Context<AppEnv>,
  user: UserRow,
  issued: IssuedRefresh,
): Promise<Response> {
  const ttl = accessTokenTtl(c.env);
  const accessToken = await signAccessToken(
    { sub: user.id, tid: user.tenantId, sid: issued.sessionId, role: user.role, name: user.name },
    ttl,
    c.env.JWT_SECRET,
  );
  setRefreshCookie(c, issued.refreshToken, issued.maxAgeSeconds);
  c.header('cache-control', 'no-store');
  const response: z.infer<typeof LoginResponse> = {
    accessToken,
    expiresIn: ttl,
    user: { id: user.id, tenantId: user.tenantId, email: user.email, name: user.name, role: user.role },
  };
  return c.json(response);
}
