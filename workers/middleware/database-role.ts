// Refuses every request (503, /ready included, saying why) while the Worker's database role bypasses
// row-level security: the README's default must never run with only one wall between tenants.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { AppError } from '../errors';
import { databaseRoleVerdict } from '../services/database-role';

export const databaseRoleGuard = createMiddleware<AppEnv>(async (c, next) => {
  const verdict = await databaseRoleVerdict(c.env.DATABASE_URL, () => c.var.dbs.primary);
  // null: Postgres did not answer the check; routes that need it answer 503 themselves, /ready reports it.
  if (verdict && !verdict.ok) {
    throw new AppError(
      'not_ready',
      `Fio refuses to serve: its database role bypasses row-level security (${verdict.reasons.join(', ')}). ` +
        'Connect as the fio_app role (APP_DATABASE_URL).',
    );
  }
  await next();
});
