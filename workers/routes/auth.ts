// POST /api/auth/login: email + password → short-lived access token carrying tenant, user and role.
import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { z } from 'zod';
import { users } from '../../drizzle/schema';
import type { AppEnv } from '../app-env';
import { LoginRequest, type LoginResponse } from '../contract';
import { AppError } from '../errors';
import { inTenant } from '../services/db';
import { beginLoginAttempt } from '../services/login-limit';
import { decoyHash, verifyPassword } from '../services/passwords';
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken } from '../services/tokens';
import { parseJsonBody } from '../validation';

type LoginRow = { user_id: string; tenant_id: string; password_hash: string };

export const authRoutes = new Hono<AppEnv>().post('/api/auth/login', async (c) => {
  const body = await parseJsonBody(c, LoginRequest);
  // Limited per account and address before any lookup or hash (429 with Retry-After).
  const attempt = await beginLoginAttempt(c, body.email);
  const { primary } = c.var.dbs;
  const found = await primary.execute<LoginRow>(sql`select * from fio_find_login(${body.email})`);
  const login = found.rows[0];
  // Verify even when the email is unknown, so response time does not reveal which emails exist.
  const ok = verifyPassword(body.password, login?.password_hash ?? decoyHash());
  if (!login || !ok) throw new AppError('unauthorized', 'Email or password is incorrect');
  await attempt.succeeded();

  const [user] = await inTenant(primary, login.tenant_id, (tx) =>
    tx.select().from(users).where(eq(users.id, login.user_id)).limit(1),
  );
  if (!user) throw new AppError('unauthorized', 'Email or password is incorrect');
  const accessToken = await signAccessToken(
    { sub: user.id, tid: user.tenantId, role: user.role, name: user.name },
    c.env.JWT_SECRET,
  );
  const response: z.infer<typeof LoginResponse> = {
    accessToken,
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    user: { id: user.id, tenantId: user.tenantId, email: user.email, name: user.name, role: user.role },
  };
  return c.json(response);
});
