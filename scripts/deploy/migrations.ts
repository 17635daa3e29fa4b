// Check (c): the code's migrations against the target database's drizzle.__drizzle_migrations. Drizzle's
// migrator knows a migration by its journal time (`when`, stored as created_at) and the sha256 of its SQL
// file (`hash`), and applies every journal entry newer than the newest row — so the plan compares the same
// two things it does (readMigrationFiles computes them here, exactly as the migrator will):
// - unknown: a row no code migration matches (the database is newer than this code) → refuse;
// - changed: same migration, another hash (an applied file was edited) → refuse;
// - skipped: a code migration older than the newest row but never applied (drizzle would silently never
//   apply it: a branch merged out of order) → refuse;
// - pending: newer than the newest row → a deploy applies them first; a dry run reports and refuses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';

export interface CodeMigration {
  tag: string;
  when: number;
  hash: string;
}

export interface DbMigration {
  id: number;
  hash: string;
  createdAt: number;
}

export interface MigrationPlan {
  applied: CodeMigration[];
  pending: CodeMigration[];
  skipped: CodeMigration[];
  changed: { tag: string; codeHash: string; dbHash: string }[];
  unknown: DbMigration[];
}

export function codeMigrations(folder: string): CodeMigration[] {
  const journal = JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  const files = readMigrationFiles({ migrationsFolder: folder });
  return journal.entries.map((e, i) => ({ tag: e.tag, when: e.when, hash: files[i]?.hash ?? '' }));
}

/** The target's applied migrations; none when drizzle's table does not exist yet (an empty database). */
export async function dbMigrations(ownerUrl: string): Promise<DbMigration[]> {
  const client = new pg.Client({ connectionString: ownerUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const exists = await client.query<{ t: string | null }>(
      "select to_regclass('drizzle.__drizzle_migrations')::text as t",
    );
    if (!exists.rows[0]?.t) return [];
    const { rows } = await client.query<{ id: number; hash: string; created_at: string }>(
      'select id, hash, created_at from drizzle.__drizzle_migrations order by created_at, id',
    );
    return rows.map((r) => ({ id: r.id, hash: r.hash, createdAt: Number(r.created_at) }));
  } finally {
    await client.end();
  }
}

export function planMigrations(code: CodeMigration[], db: DbMigration[]): MigrationPlan {
  const byWhen = new Map(code.map((m) => [m.when, m]));
  const plan: MigrationPlan = { applied: [], pending: [], skipped: [], changed: [], unknown: [] };
  const seen = new Set<number>();
  for (const row of db) {
    const m = byWhen.get(row.createdAt);
    if (!m) plan.unknown.push(row);
    else if (m.hash !== row.hash) plan.changed.push({ tag: m.tag, codeHash: m.hash, dbHash: row.hash });
    else plan.applied.push(m);
    seen.add(row.createdAt);
  }
  const newest = Math.max(0, ...db.map((r) => r.createdAt));
  for (const m of code) {
    if (seen.has(m.when)) continue;
    if (m.when > newest) plan.pending.push(m);
    else plan.skipped.push(m);
  }
  return plan;
}

/** One line per finding, for the table; empty when the database matches the code exactly. */
export function describePlan(plan: MigrationPlan): { refusals: string[]; pending: string[] } {
  const refusals = [
    ...plan.unknown.map(
      (r) =>
        `unknown migration in the database (created_at ${r.createdAt}, hash ${r.hash.slice(0, 12)}…): the database is newer than this code`,
    ),
    ...plan.changed.map(
      (c) =>
        `changed migration ${c.tag}: the file's hash ${c.codeHash.slice(0, 12)}… differs from the applied ${c.dbHash.slice(0, 12)}…`,
    ),
    ...plan.skipped.map(
      (m) => `migration ${m.tag} is older than the newest applied one and was never applied`,
    ),
  ];
  return { refusals, pending: plan.pending.map((m) => m.tag) };
}
