// The inbox's summaries in the object's SQLite: one row per conversation with the tenant-wide version it was
// last changed at, so a dashboard resumes with "everything after version N" (a compacted log: only each
// conversation's newest summary is kept). Revisions from the conversation objects keep late pushes out.
// Routing reads indexed columns copied from the body on every write (status, assignee, team, priority, queue
// and waiting times: see routing-index.ts), so it never parses 10,000 bodies to find the next conversation.
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
/**
 * The routing columns, added in place to objects created before them (ADD COLUMN, then a backfill from the
 * bodies, once). Times are epoch ms of the summary's wall-clock times; `assigned_ms` is when this inbox saw
 * the current assignee first; `unanswered_ms` (assigned and the customer waiting) is when the assignee's
 * answer became due, the later of the two; `avoid_id` is the agent a conversation was requeued from as
 * unanswered (routing prefers someone else).
 */
const ROUTING_COLUMNS = [
  'status TEXT',
  'assignee_id TEXT',
  'team_id TEXT',
  'priority INTEGER',
  'queued_ms INTEGER',
  'waiting_ms INTEGER',
  'assigned_ms INTEGER',
  'unanswered_ms INTEGER',
  'avoid_id TEXT',
];
const ROUTING_INDEXES = `
  CREATE INDEX IF NOT EXISTS summaries_queue ON summaries (status, team_id, priority DESC, queued_ms);
  CREATE INDEX IF NOT EXISTS summaries_assignee ON summaries (assignee_id, status);
  CREATE INDEX IF NOT EXISTS summaries_unanswered ON summaries (team_id, unanswered_ms)
    WHERE unanswered_ms IS NOT NULL;
`;

/** What routing knows about a stored row (the columns, not the body). */
export interface RoutingRow {
  status: string | null;
  assignee_id: string | null;
  team_id: string | null;
  priority: number | null;
  queued_ms: number | null;
  assigned_ms: number | null;
  unanswered_ms: number | null;
  avoid_id: string | null;
  rev: number;
}

/** A stored summary and the routing facts of the row it replaced (null: a new conversation). */
export interface PutResult {
  version: number;
  prev: RoutingRow | null;
  row: RoutingRow;
}
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
    this.addRoutingColumns();
    sql.exec(ROUTING_INDEXES);
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

  /** Objects created before routing: the columns are added and filled from the stored bodies, once. */
  private addRoutingColumns(): void {
    try {
      this.sql.exec('SELECT status FROM summaries LIMIT 0');
      return;
    } catch {
      // the table predates routing
    }
    for (const column of ROUTING_COLUMNS) this.sql.exec(`ALTER TABLE summaries ADD COLUMN ${column}`);
    const rows = this.sql.exec<{ id: string; body: string }>(
      'SELECT conversation_id AS id, body FROM summaries',
    );
    for (const r of rows.toArray()) {
      const c = routingColumns(JSON.parse(r.body) as InboxSummary, null, Date.now());
      this.sql.exec(
        `UPDATE summaries SET status = ?, assignee_id = ?, team_id = ?, priority = ?, queued_ms = ?,
           waiting_ms = ?, assigned_ms = ?, unanswered_ms = ?, avoid_id = ? WHERE conversation_id = ?`,
        ...columnValues(c),
        r.id,
      );
    }
  }

  /** The routing facts of one row (null: not held). */
  routingRow(conversationId: string): RoutingRow | null {
    return (
      this.sql
        .exec<RoutingRow & Record<string, SqlStorageValue>>(
          `SELECT status, assignee_id, team_id, priority, queued_ms, assigned_ms, unanswered_ms, avoid_id, rev
           FROM summaries WHERE conversation_id = ?`,
          conversationId,
        )
        .toArray()[0] ?? null
    );
  }

  /**
   * Stores a summary unless this revision or a newer one is already here (a rebuild row, revision 0, never
   * replaces anything). The version is only taken when the row was written.
   */
  put(summary: InboxSummary, rev: number, now = Date.now(), offsetMs = 0): PutResult | null {
    const prev = this.routingRow(summary.conversationId);
    if (prev && prev.rev >= rev) return null;
    const version = this.versionCache + 1;
    const c = routingColumns(summary, prev, now, offsetMs);
    const cursor = this.sql.exec(
      `INSERT INTO summaries (conversation_id, version, rev, body, closed_ms, status, assignee_id, team_id,
         priority, queued_ms, waiting_ms, assigned_ms, unanswered_ms, avoid_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET version = excluded.version, rev = excluded.rev,
         body = excluded.body, closed_ms = excluded.closed_ms, status = excluded.status,
         assignee_id = excluded.assignee_id, team_id = excluded.team_id, priority = excluded.priority,
         queued_ms = excluded.queued_ms, waiting_ms = excluded.waiting_ms, assigned_ms = excluded.assigned_ms,
         unanswered_ms = excluded.unanswered_ms, avoid_id = excluded.avoid_id
       WHERE excluded.rev > summaries.rev`,
      summary.conversationId,
      version,
      rev,
      JSON.stringify(summary),
      summary.status === 'closed' ? now : null,
      ...columnValues(c),
    );
    if (cursor.rowsWritten === 0) return null;
    this.versionCache = version;
    this.prune(now);
    return {
      version,
      prev,
      row: {
        status: c.status,
        assignee_id: c.assigneeId,
        team_id: c.teamId,
        priority: c.priority,
        queued_ms: c.queuedMs,
        assigned_ms: c.assignedMs,
        unanswered_ms: c.unansweredMs,
        avoid_id: c.avoidId,
        rev,
      },
    };
  }

  /** Routing requeued this conversation as unanswered by `agentId`: the next assignment prefers another. */
  avoid(conversationId: string, agentId: string): void {
    this.sql.exec(
      "UPDATE summaries SET avoid_id = ? WHERE conversation_id = ? AND status = 'queued'",
      agentId,
      conversationId,
    );
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

interface Columns {
  status: string;
  assigneeId: string | null;
  teamId: string | null;
  priority: number;
  queuedMs: number | null;
  waitingMs: number | null;
  assignedMs: number | null;
  unansweredMs: number | null;
  avoidId: string | null;
}

function ms(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** The routing columns of a summary, given the row it replaces (the assignment time and avoid carry over). */
function routingColumns(s: InboxSummary, prev: RoutingRow | null, now: number, offsetMs = 0): Columns {
  const assigned = s.status === 'assigned' && s.assigneeId !== null;
  const sameAssignee = assigned && prev?.status === 'assigned' && prev.assignee_id === s.assigneeId;
  const assignedMs = assigned ? (sameAssignee ? (prev?.assigned_ms ?? now) : now) : null;
  const waited = ms(s.waitingSince);
  const waitingMs = waited === null ? null : waited + offsetMs;
  const queued = s.status === 'queued';
  return {
    status: s.status,
    assigneeId: s.assigneeId,
    teamId: s.teamId,
    priority: s.priority,
    // A ticket queued before queuedAt existed (or rebuilt without it): when this inbox first saw it queued.
    queuedMs: queued
      ? (ms(s.queuedAt) ?? (prev?.status === 'queued' ? prev.queued_ms : null) ?? ms(s.updatedAt) ?? now)
      : null,
    waitingMs,
    assignedMs,
    unansweredMs: assigned && waitingMs !== null ? Math.max(waitingMs, assignedMs ?? now) : null,
    avoidId: queued && prev?.status === 'queued' ? prev.avoid_id : null,
  };
}

function columnValues(c: Columns): SqlStorageValue[] {
  return [
    c.status,
    c.assigneeId,
    c.teamId,
    c.priority,
    c.queuedMs,
    c.waitingMs,
    c.assignedMs,
    c.unansweredMs,
    c.avoidId,
  ];
}
