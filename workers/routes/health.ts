// Liveness (/health: the Worker runs) and readiness (/ready: Postgres primary answers within a deadline; every
// other dependency it checks is listed with its own ok and ms, and does not decide readiness).
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { AppError } from '../errors';
import { publicRoute } from '../middleware/authorize';
import { readinessChecks } from '../observability/readiness';

export const healthRoutes = new Hono<AppEnv>()
  .get('/health', publicRoute('liveness probe'), (c) => c.json({ ok: true }))
  .get('/ready', publicRoute('readiness probe'), async (c) => {
    const checks = await readinessChecks(c.env, c.var.dbs);
    const ready = checks.every((check) => check.ok || !check.required);
    if (!ready) throw new AppError('not_ready', 'Postgres is not answering', { checks });
    return c.json({ ok: true, postgres: 'up', checks });
  });
