// Password reset by e-mailed link (no sign-in): request (always the same 202, so the answer never says
// whether an address has an account) and confirm (single-use token + new password).
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { PASSWORD_RESET_ACCEPTED, PasswordResetRequest, SetPasswordWithToken } from '../contract';
import { publicRoute } from '../middleware/authorize';
import { clientIp } from '../services/audit';
import { log } from '../services/log';
import { limitPasswordResetRequest } from '../services/mail-limits';
import { confirmPasswordReset, sendPasswordReset } from '../services/password-reset';
import { appOrigin } from '../services/password-setting';
import { parseJsonBody } from '../validation';

type LoginRow = { user_id: string; tenant_id: string };

export const passwordResetRoutes = new Hono<AppEnv>()
  .post(
    '/api/auth/password-reset',
    publicRoute('anyone may ask; the answer never says whether the address exists'),
    async (c) => {
      const { email } = await parseJsonBody(c, PasswordResetRequest);
      // Per address and per e-mail, before the lookup (429 with Retry-After; refused if the limiter is down).
      await limitPasswordResetRequest(c, email);
      const found = await c.var.dbs.primary.execute<LoginRow>(
        sql`select user_id, tenant_id from fio_find_login(${email})`,
      );
      const login = found.rows[0];
      if (login) {
        // After the answer: the token, the audit entry and the e-mail must not make a known address slower.
        c.executionCtx.waitUntil(
          sendPasswordReset(c.env, {
            userId: login.user_id,
            tenantId: login.tenant_id,
            origin: appOrigin(c),
            ip: clientIp(c),
            requestId: c.var.requestId,
          }),
        );
      } else {
        log('info', 'password reset requested for an unknown address', { requestId: c.var.requestId });
      }
      return c.json(PASSWORD_RESET_ACCEPTED, 202);
    },
  )
  .post(
    '/api/auth/password-reset/confirm',
    publicRoute('the credential is the e-mailed token'),
    async (c) => {
      const body = await parseJsonBody(c, SetPasswordWithToken);
      const result = await confirmPasswordReset(
        c.env,
        c.var.dbs.primary,
        body.token,
        body.password,
        clientIp(c),
      );
      return c.json(result);
    },
  );
