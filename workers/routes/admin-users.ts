// Users and roles (users.manage: admins and owners; only owners touch owners): list, create with a password,
// change name, role, password, teams and the active flag (PATCH {active:false} deactivates: every session
// revoked, open sockets closed within seconds).
// Every password set here passes the password policy (length, common list, not the e-mail or tenant name).
// An email names one user across the whole deployment (login takes only an email): one of this tenant's users
// is a 409, another tenant's is refused like an invalid email (never revealed as taken).
import { and, eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { users } from '../../drizzle/schema';
import { announce } from '../../durable-objects/tenant-access/rpc';
import type { AppEnv } from '../app-env';
import { CreateUserRequest, UpdateUserRequest } from '../contract';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import {
  createUser,
  EMAIL_INDEX,
  emailUnusable,
  listAdminUsers,
  type UserChanger,
  updateUser,
} from '../services/admin-users';
import { agentActor, clientIp } from '../services/audit';
import { inTenant } from '../services/db';
import { assertAcceptablePassword } from '../services/password-policy';
import { passwordContext } from '../services/password-setting';
import { hashPassword } from '../services/passwords';
import { isUniqueViolation } from '../services/pg-errors';
import { routingChanged } from '../services/routing-changed';
import { parseIdParam, parseJsonBody } from '../validation';

const changer = (c: Context<AppEnv>): UserChanger => ({
  role: c.var.agent.role,
  actor: agentActor(c),
  ip: clientIp(c),
});

export const adminUserRoutes = new Hono<AppEnv>()
  .get('/api/admin/users', authorize('users.manage'), async (c) => {
    const tenantId = c.var.agent.tid;
    const list = await inTenant(c.var.dbs.primary, tenantId, (tx) => listAdminUsers(tx, tenantId));
    return c.json({ users: list });
  })
  .post('/api/admin/users', authorize('users.manage'), async (c) => {
    const req = await parseJsonBody(c, CreateUserRequest);
    const tenantId = c.var.agent.tid;
    await inTenant(c.var.dbs.primary, tenantId, async (tx) =>
      assertAcceptablePassword(req.password, await passwordContext(tx, tenantId, req.email)),
    );
    const passwordHash = hashPassword(req.password);
    const user = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      createUser(tx, tenantId, changer(c), req, passwordHash),
    ).catch((err: unknown) => {
      throw isUniqueViolation(err, EMAIL_INDEX) ? emailUnusable() : err;
    });
    await routingChanged(c.env, tenantId);
    return c.json(user, 201);
  })
  .patch('/api/admin/users/:id', authorize('users.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'User');
    const req = await parseJsonBody(c, UpdateUserRequest);
    const tenantId = c.var.agent.tid;
    const password = req.password;
    if (password !== undefined) {
      await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
        const [target] = await tx
          .select({ email: users.email })
          .from(users)
          .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
          .limit(1);
        if (!target) throw new AppError('not_found', 'User not found');
        await assertAcceptablePassword(password, await passwordContext(tx, tenantId, target.email));
      });
    }
    const passwordHash = password === undefined ? undefined : hashPassword(password);
    const { user, access } = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      updateUser(tx, tenantId, changer(c), id, req, passwordHash),
    );
    if (access) await announce(c.env, tenantId, { kind: 'user_changed', ...access });
    // Teams, role or the active flag may have changed: routing reads its agents again.
    await routingChanged(c.env, tenantId);
    return c.json(user);
  });
