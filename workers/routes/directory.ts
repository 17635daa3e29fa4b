// GET /api/directory: every agent (with their team ids) and team of the tenant, for the assignment and
// transfer menus any agent opens.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { authorize } from '../middleware/authorize';
import { inTenant } from '../services/db';
import { listDirectory } from '../services/directory';

export const directoryRoutes = new Hono<AppEnv>().get(
  '/api/directory',
  authorize('directory.read'),
  async (c) => {
    return c.json(await inTenant(c.var.dbs.primary, c.var.agent.tid, listDirectory));
  },
);
