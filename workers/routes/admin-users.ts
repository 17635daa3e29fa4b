// Users and roles (admins only): list, create with a password, change name, role, password, teams and the
// active flag (PATCH {active:false} deactivates: every session revoked, open sockets closed within seconds).
// An email names one user across the whole deployment (login takes only an email), so a taken one is a 409.
import { Hono } from 'hono';
import { announce } from '../../durable-objects/tenant-access/rpc';
import type { AppEnv } from '../app-env';
import { CreateUserRequest, UpdateUserRequest } from '../contract';
import { requireRole } from '../middleware/auth';
import { createUser, EMAIL_INDEX, EMAIL_TAKEN, listAdminUsers, updateUser } from '../services/admin-users';
import { agentActor, clientIp } from '../services/audit';
import { inTenant } from '../services/db';
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
    const passwordHash = req.password === undefined ? undefined : hashPassword(req.password);
    const author = { actor: agentActor(c), ip: clientIp(c) };
    const { user, access } = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      updateUser(tx, tenantId, id, req, passwordHash, author),
    );
    if (access) await announce(c.env, tenantId, { kind: 'user_changed', ...access });
    return c.json(user);
  });
