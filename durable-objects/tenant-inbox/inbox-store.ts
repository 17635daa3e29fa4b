// The inbox's summaries in the object's SQLite: one row per conversation with the tenant-wide version it was
// last changed at, so a dashboard resumes with "everything after version N" (a compacted log: only each
// conversation's newest summary is kept). Revisions from the conversation objects keep late pushes out.
import { INBOX_CLOSED_KEEP_MS, type InboxSummary } from '../../workers/contract';
import { MetaTable } from '../meta-table';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS summaries (
    conversation_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    rev INTEGER NOT NULL,
    body TEXT NOT NULL,
    closed_ms INTEGER
  );
  CREATE INDEX IF NOT EXISTS summaries_version ON summaries (version);
`;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export interface VersionedSummary {
  version: number;
  summary: InboxSummary;
}

export class InboxStore {
  readonly meta: MetaTable;
  private versionCache: number;
  private prunedAt = 0;

  constructor(private readonly sql: SqlStorage) {
    this.meta = new MetaTable(sql);
    sql.exec(SCHEMA);
    // The newest row holds the newest version; the floor covers rows pruned since (written only then).
    const newest = sql.exec<{ v: number | null }>('SELECT max(version) AS v FROM summaries').one().v ?? 0;
    this.versionCache = Math.max(newest, Number(this.meta.get('version_floor') ?? 0));
  }

  get version(): number {
    return this.versionCache;
  }

  get built(): boolean {
    return this.meta.get('built') === '1';
  }

  markBuilt(): void {
    this.meta.set('built', '1');
  }

  /**
   * Stores a summary unless this revision or a newer one is already here (a rebuild row, revision 0, never
   * replaces anything). One statement per push: the version is only taken when the row was written.
   */
  put(summary: InboxSummary, rev: number, now = Date.now()): number | null {
    const version = this.versionCache + 1;
    const cursor = this.sql.exec(
      `INSERT INTO summaries (conversation_id, version, rev, body, closed_ms) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET version = excluded.version, rev = excluded.rev,
         body = excluded.body, closed_ms = excluded.closed_ms
       WHERE excluded.rev > summaries.rev`,
      summary.conversationId,
      version,
      rev,
      JSON.stringify(summary),
      summary.status === 'closed' ? now : null,
    );
    if (cursor.rowsWritten === 0) return null;
    this.versionCache = version;
    this.prune(now);
    return version;
  }

  /** Summaries changed after `since`, oldest change first. */
  after(since: number): VersionedSummary[] {
    return this.sql
      .exec<{ version: number; body: string }>(
        'SELECT version, body FROM summaries WHERE version > ? ORDER BY version',
        since,
      )
      .toArray()
      .map((r) => ({ version: r.version, summary: JSON.parse(r.body) as InboxSummary }));
  }

  /** Closed conversations leave the live inbox after a few days (search still finds them). */
  private prune(now: number): void {
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    this.sql.exec(
      'DELETE FROM summaries WHERE closed_ms IS NOT NULL AND closed_ms < ?',
      now - INBOX_CLOSED_KEEP_MS,
    );
  }
}
