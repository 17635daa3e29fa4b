// The Durable Objects' own storage, read from outside workerd: wrangler persists one SQLite file per object
// (`<class dir>/<id>.sqlite`). For a class: how many objects, their bytes (page_count × page_size, as
// SQLite bills storage) and the rows in their tables. Read-only opens through node:sqlite while workerd
// runs (WAL mode makes that safe); row counts before and after a phase give rows written (inserts; an
// update of an existing row does not change a count, so it is a lower bound).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

type Db = {
  prepare(sql: string): { get(): Record<string, unknown> | undefined; all(): Record<string, unknown>[] };
  close(): void;
};

export interface ClassStore {
  objects: number;
  bytes: number;
  rows: number;
  method: 'sqlite' | 'file size';
}

function classDirs(root: string, className: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: string[] = [];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e);
      try {
        if (!statSync(p).isDirectory()) continue;
      } catch {
        continue;
      }
      if (e.endsWith(`-${className}`)) out.push(p);
      else if (depth < 6) walk(p, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

export async function classStore(stateRoot: string, className: string): Promise<ClassStore> {
  let open: ((p: string) => Db) | null = null;
  try {
    const mod = (await import('node:sqlite')) as unknown as {
      DatabaseSync: new (p: string, o: { readOnly: boolean }) => Db;
    };
    open = (p) => new mod.DatabaseSync(p, { readOnly: true });
  } catch {
    open = null;
  }
  const store: ClassStore = { objects: 0, bytes: 0, rows: 0, method: open ? 'sqlite' : 'file size' };
  for (const dir of classDirs(stateRoot, className)) {
    for (const f of readdirSync(dir)) {
      if (!f.endsWith('.sqlite') || f === 'metadata.sqlite') continue;
      const path = join(dir, f);
      store.objects++;
      if (!open) {
        store.bytes += statSync(path).size;
        continue;
      }
      let db: Db | null = null;
      try {
        db = open(path);
        const pages = Number(db.prepare('PRAGMA page_count').get()?.page_count ?? 0);
        const size = Number(db.prepare('PRAGMA page_size').get()?.page_size ?? 0);
        store.bytes += pages * size;
        const tables = db
          .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
          .all()
          .map((r) => String(r.name));
        for (const t of tables) {
          try {
            store.rows += Number(
              db.prepare(`SELECT count(*) AS n FROM "${t.replace(/"/g, '""')}"`).get()?.n ?? 0,
            );
          } catch {
            // a table workerd keeps private (its KV table) may refuse; skip it
          }
        }
      } catch {
        store.bytes += statSync(path).size;
      } finally {
        db?.close();
      }
    }
  }
  return store;
}
