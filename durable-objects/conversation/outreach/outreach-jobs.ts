// The Postgres writes the conversation object owes for opt-outs and outages, kept in its own SQLite until
// they commit: a job is stored in the same synchronous step as the customer's message (so an eviction or a
// Postgres outage loses nothing), tried right away, and retried with backoff through the object's alarm.
import type { MetaTable } from '../../meta-table';

export type OutreachJob =
  | {
      kind: 'opt';
      seq: number;
      action: 'out' | 'in';
      source: 'keyword' | 'button';
      word: string;
      phone: string;
      contactId: string | null;
    }
  | {
      kind: 'told';
      outageId: string;
      ticketId: string;
      contactId: string | null;
      phone: string | null;
      toldAt: string;
    };

const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 15 * 60_000;
/** Past this a job is dropped with an error log: a Postgres down for days needs a person, not a loop. */
const GIVE_UP_AFTER_MS = 3 * 24 * 3600_000;

export class OutreachJobs {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS outreach_jobs (
      key TEXT PRIMARY KEY,
      body TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      created_ms INTEGER NOT NULL,
      due_ms INTEGER NOT NULL
    )`);
  }

  static key(job: OutreachJob): string {
    return job.kind === 'opt' ? `opt:${job.seq}` : `told:${job.outageId}`;
  }

  add(job: OutreachJob, now = Date.now()): void {
    this.sql.exec(
      'INSERT OR IGNORE INTO outreach_jobs (key, body, created_ms, due_ms) VALUES (?, ?, ?, ?)',
      OutreachJobs.key(job),
      JSON.stringify(job),
      now,
      now,
    );
  }

  /** Jobs due now, oldest first (opt-outs in the order the customer sent them). */
  due(now = Date.now()): { key: string; job: OutreachJob; attempts: number; createdMs: number }[] {
    return this.sql
      .exec<{ key: string; body: string; attempts: number; created_ms: number }>(
        'SELECT key, body, attempts, created_ms FROM outreach_jobs WHERE due_ms <= ? ORDER BY created_ms, key',
        now,
      )
      .toArray()
      .map((r) => ({
        key: r.key,
        job: JSON.parse(r.body) as OutreachJob,
        attempts: r.attempts,
        createdMs: r.created_ms,
      }));
  }

  done(key: string): void {
    this.sql.exec('DELETE FROM outreach_jobs WHERE key = ?', key);
  }

  /** Backs the job off; returns when it is due again, or null when it was given up. */
  failed(key: string, attempts: number, createdMs: number, now = Date.now()): number | null {
    if (now - createdMs > GIVE_UP_AFTER_MS) {
      this.done(key);
      return null;
    }
    const due = now + Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(attempts, 10));
    this.sql.exec('UPDATE outreach_jobs SET attempts = attempts + 1, due_ms = ? WHERE key = ?', due, key);
    return due;
  }

  /** The earliest due time of what is left, or null when nothing is. */
  nextDue(): number | null {
    const row = this.sql
      .exec<{ due: number | null }>('SELECT min(due_ms) AS due FROM outreach_jobs')
      .toArray()[0];
    return row?.due ?? null;
  }
}

/** Which outages this conversation's customer was told about (once per outage per conversation), in meta. */
export class ToldOutages {
  constructor(private readonly meta: MetaTable) {}

  list(): { outageId: string; ticketId: string }[] {
    const raw = this.meta.get('outages_told');
    return raw ? (JSON.parse(raw) as { outageId: string; ticketId: string }[]) : [];
  }

  has(outageId: string): boolean {
    return this.list().some((t) => t.outageId === outageId);
  }

  add(outageId: string, ticketId: string): void {
    // Only the latest few matter (an area rarely has more than one outage at a time).
    this.meta.set('outages_told', JSON.stringify([...this.list(), { outageId, ticketId }].slice(-20)));
  }

  /** The outage the bot told about in this ticket (the inbox groups the conversation under it). */
  forTicket(ticketId: string): string | null {
    return this.list().findLast((t) => t.ticketId === ticketId)?.outageId ?? null;
  }
}
