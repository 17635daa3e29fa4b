// GET /api/me: the signed-in agent as stored now (name and role may have changed since the token was
// issued), their teams, and the tenant's settings (time zone and language for everything the client shows).
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { users } from '../../drizzle/schema';
import type { AppEnv } from '../app-env';
import type { MeResponse } from '../contract';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import { inTenant } from '../services/db';
import { teamsOfUser } from '../services/directory';
import { loadTenantSettings } from '../services/tenant-settings';

export const meRoutes = new Hono<AppEnv>().get('/api/me', authorize('self.manage'), async (c) => {
  const { sub, tid } = c.var.agent;
  const body = await inTenant(c.var.dbs.primary, tid, async (tx): Promise<MeResponse> => {
    const [user] = await tx.select().from(users).where(eq(users.id, sub)).limit(1);
    if (!user) throw new AppError('unauthorized', 'This user no longer exists');
    return {
      user: { id: user.id, tenantId: user.tenantId, email: user.email, name: user.name, role: user.role },
      teams: await teamsOfUser(tx, user.id),
      tenant: await loadTenantSettings(tx, tid),
    };
  });
  return c.json(body);
});
