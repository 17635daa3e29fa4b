// Liveness (/health: the Worker runs) and readiness (/ready: Postgres answers within a deadline).
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { AppError } from '../errors';
import { publicRoute } from '../middleware/authorize';
import { withTimeout } from '../services/db';

export const healthRoutes = new Hono<AppEnv>()
  .get('/health', publicRoute('liveness probe'), (c) => c.json({ ok: true }))
  .get('/ready', publicRoute('readiness probe'), async (c) => {
    try {
      await withTimeout(c.var.dbs.primary.execute(sql`select 1`), 3_000, 'readiness check');
    } catch {
      throw new AppError('not_ready', 'Postgres is not answering');
    }
    return c.json({ ok: true, postgres: 'up' });
  });
