// The conversation's event log in Durable Object SQLite: synchronous appends (seq assigned and written before
// any await), clientId dedupe, range reads for replay, the outbox cursor and pruning of flushed events.
import type { Author, ConversationEvent, StoredEvent } from '../../workers/contract';
import type { ConversationRef } from '../../workers/services/conversation-names';
import { attachmentKeyOf, holdsContent, isRedacted, redactEvent } from '../../workers/services/redaction';
import { MetaTable } from '../meta-table';

export interface AppendResult {
  seq: number;
  duplicate: boolean;
  stored: StoredEvent | null;
}

interface EventRow extends Record<string, SqlStorageValue> {
  seq: number;
  body: string;
  created_at: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS client_ids (
    key TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    created_ms INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS client_ids_age ON client_ids (created_ms);
  CREATE TABLE IF NOT EXISTS read_markers (participant TEXT PRIMARY KEY, seq INTEGER NOT NULL);
`;

/**
 * At most this many appended events are kept in memory for the outbox (unflushed()); past it (Postgres down
 * for a while) the tail starts over and the outbox reads SQLite until it has caught up with the new tail.
 */
const TAIL_MAX = 500;

/** Idempotency keys older than this are forgotten; a client retries within seconds, not days. */
const CLIENT_ID_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const CLIENT_ID_SWEEP_MS = 60 * 60 * 1000;

export class ConversationStore {
  private lastSeqCache: number;
  private flushedSeqCache: number;
  /** flushedSeqCache is ahead of what storage says; written with the next append (see markFlushed). */
  private flushedDirty = false;
  private flushAttemptsCache: number;
  private clientIdsSweptAt = 0;
  readonly meta: MetaTable;
  private identityCache: ConversationRef | null | undefined;
  /**
   * The newest appended events, consecutive seqs, as they were appended: the outbox sends these instead of
   * reading them back from SQLite and parsing them again (that read was a tenth of the objects' CPU under a
   * webhook load). Only a prefix starting right after the flush cursor is used; anything else reads SQLite.
   */
  private tail: StoredEvent[] = [];

  constructor(
    private readonly storage: DurableObjectStorage,
    /** How many of the newest events stay here after they are in Postgres. */
    private readonly keep: number,
    private readonly sql = storage.sql,
  ) {
    this.meta = new MetaTable(sql);
    sql.exec(SCHEMA);
    this.lastSeqCache = Number(this.meta.get('last_seq') ?? 0);
    this.flushedSeqCache = Number(this.meta.get('flushed_seq') ?? 0);
    this.flushAttemptsCache = Number(this.meta.get('flush_attempts') ?? 0);
  }

  /** Read on every append: cached, it never changes once set. */
  identity(): ConversationRef | null {
    if (this.identityCache === undefined) {
      const raw = this.meta.get('identity');
      this.identityCache = raw ? (JSON.parse(raw) as ConversationRef) : null;
    }
    return this.identityCache;
  }

  setIdentity(ref: ConversationRef): void {
    const identity = { tenantId: ref.tenantId, conversationId: ref.conversationId };
    this.meta.set('identity', JSON.stringify(identity));
    this.identityCache = identity;
  }

  /**
   * Storage was lost (storage-recovery.ts): Postgres holds every event up to `seq`, so the log continues
   * after it and the outbox has nothing to send again. Never moves the log back.
   */
  continueAfter(seq: number): void {
    if (seq <= this.lastSeqCache) return;
    this.meta.set('last_seq', String(seq));
    this.meta.set('flushed_seq', String(seq));
    this.lastSeqCache = seq;
    this.flushedSeqCache = seq;
    this.flushedDirty = false;
    this.tail = [];
  }

  /** Storage was lost: the send idempotency keys Postgres still knows (storage-recovery.ts). */
  restoreClientIds(keys: { key: string; seq: number; createdMs: number }[]): void {
    for (const k of keys)
      this.sql.exec(
        'INSERT INTO client_ids (key, seq, created_ms) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        k.key,
        k.seq,
        k.createdMs,
      );
  }

  get lastSeq(): number {
    return this.lastSeqCache;
  }

  get flushedSeq(): number {
    return this.flushedSeqCache;
  }

  /** Lowest seq still held here (lastSeq + 1 when none is). Anything below it is in Postgres. */
  oldestSeq(): number {
    const row = this.sql.exec<{ s: number | null }>('SELECT min(seq) AS s FROM events').one();
    return row.s ?? this.lastSeqCache + 1;
  }

  /** The seq an author's earlier send with this clientId got, if any. */
  seqForClientId(author: Author, clientId: string): number | null {
    const row = this.sql
      .exec<{ seq: number }>('SELECT seq FROM client_ids WHERE key = ?', dedupeKeyOf(author, clientId))
      .toArray()[0];
    return row ? row.seq : null;
  }

  /**
   * Appends an event with the next seq, synchronously and atomically (one SQLite transaction), unless the
   * same author already used `clientId`: then the original seq comes back and nothing is written.
   */
  append(
    ref: ConversationRef,
    event: ConversationEvent,
    author: Author,
    clientId: string | null,
    now: Date,
  ): AppendResult {
    const dedupeKey = clientId ? dedupeKeyOf(author, clientId) : null;
    if (dedupeKey) {
      const prior = this.sql
        .exec<{ seq: number }>('SELECT seq FROM client_ids WHERE key = ?', dedupeKey)
        .toArray()[0];
      if (prior) return { seq: prior.seq, duplicate: true, stored: null };
    }
    const seq = this.lastSeqCache + 1;
    const createdAt = now.toISOString();
    const stored: StoredEvent = { seq, conversationId: ref.conversationId, createdAt, event };
    this.storage.transactionSync(() => {
      this.sql.exec(
        'INSERT INTO events (seq, body, created_at) VALUES (?, ?, ?)',
        seq,
        JSON.stringify(event),
        createdAt,
      );
      if (dedupeKey) {
        this.sql.exec(
          'INSERT INTO client_ids (key, seq, created_ms) VALUES (?, ?, ?)',
          dedupeKey,
          seq,
          now.getTime(),
        );
      }
      this.meta.set('last_seq', String(seq));
      this.persistFlushProgress(now);
    });
    this.lastSeqCache = seq;
    if (this.tail.length >= TAIL_MAX) this.tail = [];
    this.tail.push(stored);
    return { seq, duplicate: false, stored };
  }

  /** Events with after < seq <= upTo, ascending, at most `limit`. */
  rangeAfter(ref: ConversationRef, after: number, upTo: number, limit: number): StoredEvent[] {
    return this.sql
      .exec<EventRow>(
        'SELECT seq, body, created_at FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
        after,
        upTo,
        limit,
      )
      .toArray()
      .map((r) => toStored(ref, r));
  }

  /** The `limit` newest events with seq < before, returned ascending. */
  pageBefore(ref: ConversationRef, before: number, limit: number): StoredEvent[] {
    return this.sql
      .exec<EventRow>(
        'SELECT seq, body, created_at FROM events WHERE seq < ? ORDER BY seq DESC LIMIT ?',
        before,
        limit,
      )
      .toArray()
      .reverse()
      .map((r) => toStored(ref, r));
  }

  /** The outbox: stored events not yet in Postgres, oldest first. */
  unflushed(ref: ConversationRef, limit: number): StoredEvent[] {
    if (this.flushedSeqCache >= this.lastSeqCache) return [];
    const first = this.tail.findIndex((e) => e.seq === this.flushedSeqCache + 1);
    if (first >= 0) return this.tail.slice(first, first + limit);
    return this.rangeAfter(ref, this.flushedSeqCache, this.lastSeqCache, limit);
  }

  /**
   * Records that Postgres holds everything up to `seq`. Kept in memory and written with the next append's
   * transaction: a separate commit per flush doubled the storage commits (and so the ack latency) of a
   * busy object. A cursor lost in a crash only makes the outbox send a few rows again, which the archive's
   * ON CONFLICT ignores.
   */
  markFlushed(seq: number): void {
    if (seq <= this.flushedSeqCache) return;
    this.flushedSeqCache = seq;
    this.flushedDirty = true;
    const kept = this.tail.findIndex((e) => e.seq > seq);
    this.tail = kept < 0 ? [] : this.tail.slice(kept);
  }

  /**
   * Writes the flush cursor and drops what it allows: events both in Postgres and older than the newest
   * `keep` (never an unflushed one), in the same transaction as the cursor so the two always agree.
   * Idempotency keys older than their TTL are swept at most hourly.
   */
  persistFlushProgress(now: Date): void {
    if (this.flushedDirty) {
      this.meta.set('flushed_seq', String(this.flushedSeqCache));
      const limit = Math.min(this.flushedSeqCache, this.lastSeqCache - this.keep);
      if (limit > 0) this.sql.exec('DELETE FROM events WHERE seq <= ?', limit);
      this.flushedDirty = false;
    }
    if (now.getTime() - this.clientIdsSweptAt > CLIENT_ID_SWEEP_MS) {
      this.sql.exec('DELETE FROM client_ids WHERE created_ms < ?', now.getTime() - CLIENT_ID_TTL_MS);
      this.clientIdsSweptAt = now.getTime();
    }
  }

  /**
   * Redacts the content of every event held here (created before `before`, or all when null) with the one
   * redaction rule, in one transaction. Returns the R2 keys the redacted events pointed at and how many
   * changed. Unflushed events are redacted too, so the outbox only ever carries the redacted copy onward.
   */
  redact(before: string | null): { keys: string[]; redacted: number } {
    const keys: string[] = [];
    let redacted = 0;
    // The tail holds the events as appended: the outbox must carry only the redacted copies onward.
    this.tail = [];
    this.storage.transactionSync(() => {
      const rows = this.sql
        .exec<EventRow>(
          before === null
            ? 'SELECT seq, body, created_at FROM events'
            : 'SELECT seq, body, created_at FROM events WHERE created_at < ?',
          ...(before === null ? [] : [before]),
        )
        .toArray();
      for (const row of rows) {
        const event = JSON.parse(row.body) as ConversationEvent;
        if (!holdsContent(event) || isRedacted(event)) continue;
        const key = attachmentKeyOf(event);
        if (key) keys.push(key);
        this.sql.exec(
          'UPDATE events SET body = ? WHERE seq = ?',
          JSON.stringify(redactEvent(event)),
          row.seq,
        );
        redacted += 1;
      }
    });
    return { keys, redacted };
  }

  /** LGPD erasure: the customer's ids kept for send dedupe and read markers go (agents' stay). */
  forgetCustomerIds(): void {
    this.sql.exec("DELETE FROM client_ids WHERE key NOT LIKE 'agent:%'");
    this.sql.exec("DELETE FROM read_markers WHERE participant NOT LIKE 'agent:%'");
  }

  /** Raises a participant's read marker; markers only move forward. Returns the marker now stored. */
  markRead(participant: string, seq: number): number {
    this.sql.exec(
      `INSERT INTO read_markers (participant, seq) VALUES (?, ?)
       ON CONFLICT (participant) DO UPDATE SET seq = max(seq, excluded.seq)`,
      participant,
      seq,
    );
    return this.sql
      .exec<{ seq: number }>('SELECT seq FROM read_markers WHERE participant = ?', participant)
      .one().seq;
  }

  /** The furthest read marker of one side (agents or visitors) and whose it is; null when none read yet. */
  furthestRead(kind: 'agent' | 'visitor'): { kind: 'agent' | 'visitor'; id: string; seq: number } | null {
    const row = this.sql
      .exec<{ participant: string; seq: number }>(
        'SELECT participant, seq FROM read_markers WHERE participant LIKE ? ORDER BY seq DESC LIMIT 1',
        `${kind}:%`,
      )
      .toArray()[0];
    return row ? { kind, id: row.participant.slice(kind.length + 1), seq: row.seq } : null;
  }

  /** The furthest any agent has read (0 when none has). */
  agentReadSeq(): number {
    return (
      this.sql
        .exec<{ s: number | null }>("SELECT max(seq) AS s FROM read_markers WHERE participant LIKE 'agent:%'")
        .one().s ?? 0
    );
  }

  /** Customer messages (widget visitors, channel contacts) after `seq` still held here: the unread count. */
  customerMessagesAfter(seq: number): number {
    return this.sql
      .exec<{ n: number }>(
        `SELECT count(*) AS n FROM events WHERE seq > ?
           AND json_extract(body, '$.type') = 'message.created'
           AND json_extract(body, '$.message.author.kind') IN ('contact', 'visitor')`,
        seq,
      )
      .one().n;
  }

  /** Consecutive failed flushes (kept across restarts, so backoff survives an eviction). */
  get flushAttempts(): number {
    return this.flushAttemptsCache;
  }

  setFlushAttempts(attempts: number): void {
    if (attempts === this.flushAttemptsCache) return;
    this.meta.set('flush_attempts', String(attempts));
    this.flushAttemptsCache = attempts;
  }
}

function dedupeKeyOf(author: Author, clientId: string): string {
  return `${author.kind}:${author.id ?? ''}:${clientId}`;
}

function toStored(ref: ConversationRef, row: EventRow): StoredEvent {
  return {
    seq: row.seq,
    conversationId: ref.conversationId,
    createdAt: row.created_at,
    event: JSON.parse(row.body) as ConversationEvent,
  };
}
