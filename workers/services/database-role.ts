// The second wall's precondition: row-level security only holds for a role it applies to. A superuser, a
// role with BYPASSRLS, or the owner of the tables (or a member of the owner's role) would read every tenant
// if a query forgot its filter. Checked once per isolate and connection string; the Worker refuses to serve
// while it connects as such a role (middleware/database-role.ts).
import { sql } from 'drizzle-orm';
import { type Database, withTimeout } from './db';
import { log } from './log';

export type RoleVerdict =
  | { ok: true }
  | { ok: false; role: string; reasons: string[]; owners: string | null };

type RoleRow = { role: string; superuser: boolean; bypassrls: boolean; owners: string | null };

/** Why `database`'s current role would skip row-level security (none: it may serve). */
export async function checkDatabaseRole(database: Database): Promise<RoleVerdict> {
  const { rows } = await database.execute<RoleRow>(sql`
    select r.rolname as role, r.rolsuper as superuser, r.rolbypassrls as bypassrls,
      (select string_agg(distinct o.rolname, ', ')
         from pg_class t join pg_roles o on o.oid = t.relowner
        where t.relnamespace = 'public'::regnamespace and t.relkind in ('r', 'p')
          and pg_has_role(current_user, t.relowner, 'USAGE')) as owners
    from pg_roles r where r.rolname = current_user`);
  const row = rows[0];
  if (!row) return { ok: false, role: '(unknown)', reasons: ['role not in pg_roles'], owners: null };
  const reasons = [
    ...(row.superuser ? ['superuser'] : []),
    ...(row.bypassrls ? ['BYPASSRLS'] : []),
    ...(row.owners ? ['owner of the tables'] : []),
  ];
  return reasons.length === 0 ? { ok: true } : { ok: false, role: row.role, reasons, owners: row.owners };
}

/** Verdicts by connection string, kept as values: a promise must not be shared across requests in workerd. */
const verdicts = new Map<string, RoleVerdict>();
/** When a check last failed to run, per connection string: no new attempt within RETRY_MS of it. */
const failedAt = new Map<string, number>();
const CHECK_TIMEOUT_MS = 3_000;
const RETRY_MS = 5_000;

/**
 * The verdict for this connection string, asked once per isolate (requests arriving together before the
 * first answer each ask). A check that could not run (Postgres unreachable or slow) is not kept, and for a
 * few seconds is not tried again: this resolves `null` and the request goes on (a Postgres that does not
 * answer shows no tenant's rows), so an outage does not add a wait to every socket and webhook the objects
 * could still serve.
 */
export async function databaseRoleVerdict(
  url: string,
  database: () => Database,
): Promise<RoleVerdict | null> {
  const known = verdicts.get(url);
  if (known) return known;
  if (Date.now() - (failedAt.get(url) ?? 0) < RETRY_MS) return null;
  let verdict: RoleVerdict;
  try {
    // `database` is asked for only here: a request that finds the verdict known opens no pool.
    verdict = await withTimeout(checkDatabaseRole(database()), CHECK_TIMEOUT_MS, 'database role check');
  } catch {
    failedAt.set(url, Date.now());
    return null;
  }
  if (!verdict.ok && !verdicts.has(url)) {
    log('error', 'refusing to serve: the database role bypasses row-level security', {
      role: verdict.role,
      reasons: verdict.reasons.join('; '),
      owners: verdict.owners,
      fix: 'connect as the fio_app role (APP_DATABASE_URL), which row-level security applies to',
    });
  }
  verdicts.set(url, verdict);
  return verdict;
}
