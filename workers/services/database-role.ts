// The second wall's precondition: row-level security only holds for a role it applies to. A superuser, a
// role with BYPASSRLS, or the owner of the tables (or a member of the owner's role) would read every tenant
// if a query forgot its filter. Checked once per isolate and connection string; the Worker refuses to serve
// while it connects as such a role (middleware/database-role.ts).
import { sql } from 'drizzle-orm';
import type { Database } from './db';
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

const verdicts = new Map<string, Promise<RoleVerdict>>();

/**
 * The verdict for this connection string, asked once per isolate. A check that could not run (Postgres
 * unreachable) is not kept: the next request asks again, and meanwhile requests fail as Postgres failures do.
 */
export function databaseRoleVerdict(url: string, database: Database): Promise<RoleVerdict> {
  let verdict = verdicts.get(url);
  if (!verdict) {
    verdict = checkDatabaseRole(database).then((v) => {
      if (!v.ok) {
        log('error', 'refusing to serve: the database role bypasses row-level security', {
          role: v.role,
          reasons: v.reasons.join('; '),
          owners: v.owners,
          fix: 'connect as the fio_app role (APP_DATABASE_URL), which row-level security applies to',
        });
      }
      return v;
    });
    verdicts.set(url, verdict);
    verdict.catch(() => verdicts.delete(url));
  }
  return verdict;
}
