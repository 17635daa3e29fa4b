// Signing in and staying signed in: POST /api/auth/login (email + password → a session: access token in the
// body, refresh token in the httpOnly cookie), /api/auth/refresh (cookie → rotated cookie and a new access
// token; a replayed cookie ends its session) and /api/auth/logout (ends the current session).
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { announce } from '../../durable-objects/tenant-access/rpc';
import type { AppEnv } from '../app-env';
import { LoginRequest } from '../contract';
import { AppError } from '../errors';
import { authenticate, bearer } from '../middleware/auth';
import { publicRoute } from '../middleware/authorize';
import { clientIp, recordAudit } from '../services/audit';
import { inTenant } from '../services/db';
import { beginLoginAttempt } from '../services/login-limit';
import { decoyHash, verifyPassword } from '../services/passwords';
import { clearRefreshCookie, readRefreshCookie } from '../services/refresh-cookie';
import { endSession, findRefresh, rotateRefresh } from '../services/sessions';
import { BAD_LOGIN, type LoginRow, openSession, sessionResponse, signInUser } from '../services/sign-in';
import { assertTenantActive } from '../services/tenant-gate';
import { requireSecondFactor } from '../services/two-factor';
import { parseJsonBody } from '../validation';

const SESSION_OVER = 'Your session has ended; sign in again';

export const authRoutes = new Hono<AppEnv>()
  .post('/api/auth/login', publicRoute('sign-in: the credential is the body'), async (c) => {
    const body = await parseJsonBody(c, LoginRequest);
    // Limited per account and address before any lookup or hash (429 with Retry-After).
    const attempt = await beginLoginAttempt(c, body.email);
    const { primary } = c.var.dbs;
    const found = await primary.execute<LoginRow>(sql`select * from fio_find_login(${body.email})`);
    const login = found.rows[0];
    // Verify even when the email is unknown, so response time does not reveal which emails exist.
    const ok = verifyPassword(body.password, login?.password_hash ?? decoyHash());
    if (!login) throw new AppError('unauthorized', BAD_LOGIN);
    const user = await signInUser(c, login, ok);
    await requireSecondFactor(c, user, body.totp);
    // Only a complete sign-in (second factor included) resets the account's counter.
    await attempt.succeeded();
    return openSession(c, user);
  })
  .post('/api/auth/refresh', publicRoute('the credential is the refresh cookie'), async (c) => {
    const { primary } = c.var.dbs;
    const found = await findRefresh(primary, readRefreshCookie(c));
    if (!found) throw new AppError('unauthorized', SESSION_OVER);
    const ip = clientIp(c);
    const outcome = await inTenant(primary, found.tenantId, async (tx) => {
      const result = await rotateRefresh(tx, found.hash, { ip });
      if (result.kind === 'reused' && result.revoked) {
        await recordAudit(tx, found.tenantId, {
          action: 'auth.refresh_reused',
          actor: { type: 'anonymous' },
          target: { type: 'user_session', id: result.sessionId },
          ip,
          details: { userId: result.userId },
        });
      }
      return result;
    });
    if (outcome.kind === 'reused') {
      await announce(c.env, found.tenantId, {
        kind: 'sessions_ended',
        userId: outcome.userId,
        sessionIds: outcome.revoked ? [outcome.sessionId] : [],
      });
      throw new AppError('unauthorized', 'This refresh token was already used; the session has been ended');
    }
    if (outcome.kind === 'ended') throw new AppError('unauthorized', SESSION_OVER);
    // The operator may have suspended the tenant since the sign-in: no new access token (the access
    // object's answer, so a suspension announced a moment ago counts).
    await assertTenantActive(c.env, found.tenantId);
    return sessionResponse(c, outcome.user, outcome.issued);
  })
  .post('/api/auth/logout', publicRoute('ends whichever session the token or cookie names'), async (c) => {
    // The current session: the bearer token's when it is still good, else the refresh cookie's (an access
    // token may have expired on an idle tab). Always 204 and a cleared cookie: signing out cannot fail.
    const target = await currentSession(c);
    if (target) {
      const userId = await inTenant(c.var.dbs.primary, target.tenantId, async (tx) => {
        const ended = await endSession(tx, target.sessionId, 'sign_out');
        if (ended) {
          await recordAudit(tx, target.tenantId, {
            action: 'auth.sign_out',
            actor: { type: 'user', id: ended },
            target: { type: 'user_session', id: target.sessionId },
            ip: clientIp(c),
          });
        }
        return ended;
      });
      if (userId) {
        await announce(c.env, target.tenantId, {
          kind: 'sessions_ended',
          userId,
          sessionIds: [target.sessionId],
        });
      }
    }
    clearRefreshCookie(c);
    return c.body(null, 204);
  });

async function currentSession(
  c: Parameters<typeof openSession>[0],
): Promise<{ tenantId: string; sessionId: string } | null> {
  const header = c.req.header('authorization');
  if (header) {
    try {
      const principal = await authenticate(c, bearer(header));
      if (principal.kind === 'agent') return { tenantId: principal.tid, sessionId: principal.sid };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return findRefresh(c.var.dbs.primary, readRefreshCookie(c));
}
