// A throwaway Postgres (primary + replica) with migrations and test tenants, for a test run.
import { join } from 'node:path';
import { type PostgresCluster, startPostgresCluster } from '../../scripts/lib/postgres-cluster';
import { appRoleUrl, enableAppRoleLogin, migrate } from '../../scripts/migrate';
import { seedTenant } from '../../scripts/seed';
import { ACME, GLOBEX, TEST_APP_ROLE_PASSWORD } from './fixtures';

export interface TestDatabase {
  cluster: PostgresCluster;
  appUrl: string;
  replicaAppUrl: string;
}

/** `dataDir`: the run's folder (see test-data.ts); the cluster lives in its `postgres/`. */
export async function startTestDatabase(dataDir: string, ports?: { primary: number; replica: number }) {
  const cluster = await startPostgresCluster({
    dataDir: join(dataDir, 'postgres'),
    fresh: true,
    database: 'fio',
    ...(ports ? { primaryPort: ports.primary, replicaPort: ports.replica } : {}),
  });
  try {
    await migrate(cluster.primaryUrl);
    await enableAppRoleLogin(cluster.primaryUrl, TEST_APP_ROLE_PASSWORD);
    await seedTenant(cluster.primaryUrl, ACME);
    await seedTenant(cluster.primaryUrl, GLOBEX);
    await cluster.waitForReplicaCatchUp(30_000);
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return {
    cluster,
    appUrl: appRoleUrl(cluster.primaryUrl, TEST_APP_ROLE_PASSWORD),
    replicaAppUrl: appRoleUrl(cluster.replicaUrl as string, TEST_APP_ROLE_PASSWORD),
  } satisfies TestDatabase;
}
