// Applies drizzle/migrations to a Postgres (as its owner) and prepares event partitions. Usable as a
// function (dev stack, tests) or as `npm run migrate` against $DATABASE_URL.
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as runMigrations } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

export const MIGRATIONS_FOLDER = new URL('../drizzle/migrations', import.meta.url).pathname;

export async function migrate(ownerUrl: string, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // Migrations are serialised across concurrent starters (tests, dev) by an advisory lock.
    await client.query('select pg_advisory_lock(727274)');
    await runMigrations(drizzle({ client }), { migrationsFolder });
    await client.query('select fio_ensure_event_partitions(3)');
  } finally {
    await client.query('select pg_advisory_unlock(727274)').catch(() => {});
    await client.end();
  }
}

/** Lets the app role log in with `password` (locally; on Neon the role's password is set in the console). */
export async function enableAppRoleLogin(ownerUrl: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`alter role fio_app login password ${pg.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
}

/** The same server and database as `ownerUrl`, as the app role. */
export function appRoleUrl(ownerUrl: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = 'fio_app';
  url.password = password;
  return url.toString();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('Set DATABASE_URL to the database owner connection string.');
    process.exit(2);
  }
  await migrate(url);
  console.log('migrations applied');
}
