// POST /api/me/password: the signed-in agent changes their own password, proving the current one first.
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { users } from '../../drizzle/schema';
import type { AppEnv } from '../app-env';
import { ChangePasswordRequest } from '../contract';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import { agentActor, clientIp, recordAudit } from '../services/audit';
import { inTenant } from '../services/db';
import { beginPasswordCheck } from '../services/login-limit';
import { assertAcceptablePassword } from '../services/password-policy';
import {
  announceEnded,
  endSessionsForNewPassword,
  passwordContext,
  storePassword,
} from '../services/password-setting';
import { decoyHash, hashPassword, verifyPassword } from '../services/passwords';
import { parseJsonBody } from '../validation';

const INCORRECT = 'A senha atual não confere. / The current password is incorrect.';

export const mePasswordRoutes = new Hono<AppEnv>().post(
  '/api/me/password',
  authorize('self.manage'),
  async (c) => {
    const body = await parseJsonBody(c, ChangePasswordRequest);
    const { sub, tid } = c.var.agent;
    const primary = c.var.dbs.primary;
    const user = await inTenant(primary, tid, async (tx) => {
      const [row] = await tx
        .select()
        .from(users)
        .where(and(eq(users.tenantId, tid), eq(users.id, sub)))
        .limit(1);
      if (!row) throw new AppError('unauthorized', 'This user no longer exists');
      return { ...row, context: await passwordContext(tx, tid, row.email) };
    });
    // Current-password attempts are limited per user, before this hash (a stolen session cannot guess it).
    const attempt = await beginPasswordCheck(c, sub);
    // 400 rather than 401: the session is fine, only this field is wrong (a 401 would sign the app out).
    if (!verifyPassword(body.currentPassword, user.passwordHash ?? decoyHash())) {
      throw new AppError('validation_failed', INCORRECT, [
        { path: 'currentPassword', message: INCORRECT, reason: 'incorrect' },
      ]);
    }
    await attempt.succeeded();
    await assertAcceptablePassword(body.newPassword, user.context, 'newPassword');
    const hash = hashPassword(body.newPassword);
    const ended = await inTenant(primary, tid, async (tx) => {
      await storePassword(tx, tid, sub, hash);
      await recordAudit(tx, tid, {
        action: 'auth.password_changed',
        actor: agentActor(c),
        target: { type: 'user', id: sub },
        ip: clientIp(c),
      });
      // Every other session of mine ends (a thief's included); this one stays signed in.
      return endSessionsForNewPassword(tx, tid, sub, c.var.agent.sid);
    });
    await announceEnded(c.env, tid, sub, ended);
    return c.body(null, 204);
  },
);
