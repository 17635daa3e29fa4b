// The access object's one read of its tenant's status (active or suspended by the operator), apart from the
// session reads so a change to either does not disturb the other.
import { eq } from 'drizzle-orm';
import { tenants } from '../../drizzle/schema';
import type { Env } from '../../workers/env';
import { inTenant, isDatabaseUnavailable, openDatabases } from '../../workers/services/db';
import { errorFields, log } from '../../workers/services/log';
import type { TenantGateStatus } from './rpc';

export async function loadTenantStatus(env: Env, tenantId: string): Promise<TenantGateStatus> {
  const dbs = openDatabases(env);
  try {
    const [row] = await inTenant(dbs.primary, tenantId, (tx) =>
      tx.select({ status: tenants.status }).from(tenants).where(eq(tenants.id, tenantId)).limit(1),
    );
    return row ? row.status : 'gone';
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    log('warn', 'tenant status unknown without Postgres: treated as active', {
      tenantId,
      ...errorFields(err),
    });
    return 'unverified';
  } finally {
    await dbs.close();
  }
}
