// Liveness (/health: the Worker runs) and readiness (/ready: Postgres answers within a deadline).
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { AppError } from '../errors';
import { withTimeout } from '../services/db';

export const healthRoutes = new Hono<AppEnv>()
  .get('/health', (c) => c.json({ ok: true }))
  .get('/ready', async (c) => {
    try {
      await withTimeout(c.var.dbs.primary.execute(sql`select 1`), 3_000, 'readiness check');
    } catch {
      throw new AppError('not_ready', 'Postgres is not answering');
    }
    return c.json({ ok: true, postgres: 'up' });
  });
