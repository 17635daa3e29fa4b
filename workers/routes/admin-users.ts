// Users and roles (admins only): list, create with a password, change name, role, password and teams.
// An email names one user across the whole deployment (login takes only an email): one of this tenant's users
// is a 409, another tenant's is refused like an invalid email (never revealed as taken).
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { CreateUserRequest, UpdateUserRequest } from '../contract';
import { requireRole } from '../middleware/auth';
import { createUser, EMAIL_INDEX, emailUnusable, listAdminUsers, updateUser } from '../services/admin-users';
import { inTenant } from '../services/db';
import { hashPassword } from '../services/passwords';
import { isUniqueViolation } from '../services/pg-errors';
import { parseIdParam, parseJsonBody } from '../validation';

export const adminUserRoutes = new Hono<AppEnv>()
  .get('/api/admin/users', requireRole('admin'), async (c) => {
    const tenantId = c.var.agent.tid;
    const list = await inTenant(c.var.dbs.primary, tenantId, (tx) => listAdminUsers(tx, tenantId));
    return c.json({ users: list });
  })
  .post('/api/admin/users', requireRole('admin'), async (c) => {
    const req = await parseJsonBody(c, CreateUserRequest);
    const tenantId = c.var.agent.tid;
    const passwordHash = hashPassword(req.password);
    const user = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      createUser(tx, tenantId, req, passwordHash),
    ).catch((err: unknown) => {
      throw isUniqueViolation(err, EMAIL_INDEX) ? emailUnusable() : err;
    });
    return c.json(user, 201);
  })
  .patch('/api/admin/users/:id', requireRole('admin'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'User');
    const req = await parseJsonBody(c, UpdateUserRequest);
    const tenantId = c.var.agent.tid;
    const passwordHash = req.password === undefined ? undefined : hashPassword(req.password);
    const user = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      updateUser(tx, tenantId, id, req, passwordHash),
    );
    return c.json(user);
  });
