// Users and roles (admins only): list, create with a password, change name, role, password and teams.
// Every password set here passes the password policy (length, common list, not the e-mail or tenant name).
// An email names one user across the whole deployment (login takes only an email), so a taken one is a 409.
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { users } from '../../drizzle/schema';
import type { AppEnv } from '../app-env';
import { CreateUserRequest, UpdateUserRequest } from '../contract';
import { AppError } from '../errors';
import { requireRole } from '../middleware/auth';
import { createUser, EMAIL_INDEX, EMAIL_TAKEN, listAdminUsers, updateUser } from '../services/admin-users';
import { inTenant } from '../services/db';
import { assertAcceptablePassword } from '../services/password-policy';
import { passwordContext } from '../services/password-setting';
import { hashPassword } from '../services/passwords';
import { conflictOn } from '../services/pg-errors';
import { parseIdParam, parseJsonBody } from '../validation';

export const adminUserRoutes = new Hono<AppEnv>()
  .get('/api/admin/users', requireRole('admin'), async (c) => {
    const list = await inTenant(c.var.dbs.primary, c.var.agent.tid, listAdminUsers);
    return c.json({ users: list });
  })
  .post('/api/admin/users', requireRole('admin'), async (c) => {
    const req = await parseJsonBody(c, CreateUserRequest);
    const tenantId = c.var.agent.tid;
    await inTenant(c.var.dbs.primary, tenantId, async (tx) =>
      assertAcceptablePassword(req.password, await passwordContext(tx, tenantId, req.email)),
    );
    const passwordHash = hashPassword(req.password);
    const user = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      createUser(tx, tenantId, req, passwordHash),
    ).catch(conflictOn(EMAIL_INDEX, EMAIL_TAKEN));
    return c.json(user, 201);
  })
  .patch('/api/admin/users/:id', requireRole('admin'), async (c) => {
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
    const user = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      updateUser(tx, tenantId, id, req, passwordHash),
    );
    return c.json(user);
  });
