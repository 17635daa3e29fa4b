// The archiver: one object per tenant shard that writes conversations' outbox batches to Postgres together.
// Quiet conversations each flush one or two events at a time; sent one by one, every message cost its own
// statement, commit and connection. Here batches that arrive while a statement runs ride the next one (group
// commit across conversations, no timers), over one reused connection, so conversation objects hold none.
// A caller's promise settles only after the statement that carried its rows committed (or failed).
// One row Postgres refuses (a data error) never holds back the others: see isolate(). A write or read that
// failed is answered as a value (ArchiveOutcome), not thrown through the RPC: see outcomeOf().
import { DurableObject } from 'cloudflare:workers';
import type { StoredEvent } from '../workers/contract';
import { archiveShards, type Env } from '../workers/env';
import {
  cleanedEvent,
  isRowDataError,
  placeholderEvent,
  quarantineStatement,
  sqlstateOf,
} from '../workers/services/archive-quarantine';
import {
  archiveStatement,
  type ConversationBatch,
  type Statement,
} from '../workers/services/archive-statement';
import {
  type CardRow,
  cardStatement,
  type LoadedCard,
  loadedCardFromRows,
} from '../workers/services/conversation-card';
import { archiverName, type ConversationRef, inboxName } from '../workers/services/conversation-names';
import { errorFields, log, setLogLevel } from '../workers/services/log';
import { queueArchivedDeliveries } from '../workers/services/webhook-events';
import { ArchiveConnection } from './archive-connection';
import { type ArchiveOutcome, outcomeOf } from './archive-outcome';
import type { PublishedSummary } from './tenant-inbox/rpc';

/** Rows per statement; a larger backlog takes several statements in a row. */
const MAX_ROWS = 1_000;
/**
 * After a statement, the next waits this long unless plenty is queued: at a steady trickle (hundreds of
 * quiet conversations) each statement then carries several conversations instead of one, and the per
 * statement cost (driver, round trip, commit) stopped dominating. The first statement after a pause goes
 * at once, so a quiet tenant's flush lag is one round trip.
 */
const COALESCE_MS = 15;
const EAGER_ROWS = 200;

interface Pending {
  batch: ConversationBatch;
  resolve(): void;
  reject(err: unknown): void;
}

export class ArchiverDO extends DurableObject<Env> {
  private readonly queue: Pending[] = [];
  /** Summaries waiting to go to the inbox, newest per conversation. */
  private readonly summaries = new Map<string, PublishedSummary>();
  private forwardTimer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private connection: ArchiveConnection | null = null;
  private cardConnection: ArchiveConnection | null = null;
  private tenantId: string | null = null;
  private lastStatementAt = 0;
  /** The conversations the last statement carried (see catchingUp). */
  private lastCarried = new Set<string>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    setLogLevel(env.LOG_LEVEL);
  }

  /**
   * Answers once `events` of the conversation are committed in Postgres (ok) or the write failed (not ok). A
   * summary riding along goes to the tenant's inbox with the others of the same statement, before the
   * statement runs: the inbox does not wait for Postgres.
   */
  archive(
    tenantId: string,
    batch: ConversationBatch,
    summary: PublishedSummary | null = null,
  ): Promise<ArchiveOutcome> {
    if (!this.serves(tenantId, batch.conversationId))
      return Promise.reject(new Error('archive sent to the wrong archiver'));
    this.tenantId ??= tenantId;
    if (summary) {
      const prior = this.summaries.get(batch.conversationId);
      if (!prior || prior.rev < summary.rev) this.summaries.set(batch.conversationId, summary);
      // On a timer of its own: a statement stuck on a slow Postgres must not hold the inbox back.
      this.forwardTimer ??= setTimeout(() => {
        this.forwardTimer = null;
        this.forwardSummaries();
      }, COALESCE_MS);
    }
    return outcomeOf(
      new Promise<null>((resolve, reject) => {
        this.queue.push({ batch, resolve: () => resolve(null), reject });
        this.kick();
      }),
    );
  }

  /** The conversation's card (contact, channel, current ticket), read on this object's reused connection. */
  async loadCard(ref: ConversationRef): Promise<ArchiveOutcome<LoadedCard | null>> {
    if (!this.serves(ref.tenantId, ref.conversationId))
      throw new Error('card read sent to the wrong archiver');
    this.tenantId ??= ref.tenantId;
    // A connection of its own: queued behind a large archive statement a card read could time out, and a
    // timeout closes its connection, which would fail the statement too.
    this.cardConnection ??= new ArchiveConnection(this.env, this.tenantId);
    const connection = this.cardConnection;
    return outcomeOf(
      connection
        .run<CardRow>(cardStatement(ref.tenantId, ref.conversationId))
        .then((rows) => loadedCardFromRows(rows)),
    );
  }

  /** An object per tenant shard (its name holds the tenant): a caller naming another is a bug, never served. */
  private serves(tenantId: string, conversationId: string): boolean {
    const expected = this.env.ARCHIVERS.idFromName(
      archiverName(tenantId, conversationId, archiveShards(this.env)),
    );
    return expected.equals(this.ctx.id);
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.drain().finally(() => {
      this.running = false;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const wait = this.lastStatementAt + COALESCE_MS - Date.now();
      if (wait > 0 && this.queuedRows() < EAGER_ROWS && !this.catchingUp())
        await new Promise((r) => setTimeout(r, wait));
      this.forwardSummaries();
      const taken: Pending[] = [];
      let rows = 0;
      while (
        this.queue.length > 0 &&
        (taken.length === 0 || rows + (this.queue[0]?.batch.events.length ?? 0) <= MAX_ROWS)
      ) {
        const next = this.queue.shift() as Pending;
        taken.push(next);
        rows += next.batch.events.length;
      }
      try {
        const rows = await this.run(
          archiveStatement(
            this.tenantId as string,
            taken.map((p) => p.batch),
          ),
        );
        this.lastCarried = new Set(taken.map((p) => p.batch.conversationId));
        for (const p of taken) p.resolve();
        this.ctx.waitUntil(queueArchivedDeliveries(this.env, this.tenantId as string, rows));
      } catch (err) {
        if (isRowDataError(err)) await this.isolate(taken, err);
        else for (const p of taken) p.reject(err);
      }
      this.lastStatementAt = Date.now();
    }
  }

  private run(statement: Statement): Promise<unknown> {
    this.connection ??= new ArchiveConnection(this.env, this.tenantId as string);
    return this.connection.run(statement);
  }

  /**
   * A statement failed on its data: some row in it is one Postgres refuses. Each conversation's batch goes
   * alone (the others land), and a failing batch is halved until the refused row stands alone, so every
   * good row lands; that row is quarantined. A failure that is not about the data (connection, timeout)
   * rejects the batch it hit, and the outbox retries it later as usual.
   */
  private async isolate(taken: Pending[], err: unknown): Promise<void> {
    for (const p of taken) {
      try {
        await this.land(p.batch.conversationId, p.batch.events, taken.length === 1 ? err : null);
        p.resolve();
      } catch (failure) {
        p.reject(failure);
      }
    }
  }

  /** Writes `events` of one conversation, bisecting around refused rows. `failed`: this exact write already failed. */
  private async land(conversationId: string, events: StoredEvent[], failed: unknown): Promise<void> {
    if (failed === null) {
      try {
        await this.run(archiveStatement(this.tenantId as string, [{ conversationId, events }]));
        return;
      } catch (err) {
        if (!isRowDataError(err)) throw err;
        failed = err;
      }
    }
    const [only] = events;
    if (events.length === 1 && only) return this.quarantine(conversationId, only, failed);
    const half = Math.ceil(events.length / 2);
    await this.land(conversationId, events.slice(0, half), null);
    await this.land(conversationId, events.slice(half), null);
  }

  /**
   * A row Postgres refuses on its own: recorded in archive_quarantine as it was, and a storable stand-in
   * (the event cleaned by the text rule, else a placeholder) takes its seq, so history has no hole and the
   * conversation's flush cursor moves past it. An error-level log line is the alert.
   */
  private async quarantine(conversationId: string, event: StoredEvent, err: unknown): Promise<void> {
    const tenantId = this.tenantId as string;
    log('error', 'archive row refused by Postgres; quarantined', {
      tenantId,
      conversationId,
      seq: event.seq,
      type: event.event.type,
      sqlstate: sqlstateOf(err),
      ...errorFields(err),
    });
    await this.run(quarantineStatement(tenantId, conversationId, event, err));
    try {
      await this.run(archiveStatement(tenantId, [{ conversationId, events: [cleanedEvent(event)] }]));
    } catch (cleanedErr) {
      if (!isRowDataError(cleanedErr)) throw cleanedErr;
      log('error', 'cleaned copy of a quarantined row refused too; storing a placeholder', {
        tenantId,
        conversationId,
        seq: event.seq,
        ...errorFields(cleanedErr),
      });
      await this.run(archiveStatement(tenantId, [{ conversationId, events: [placeholderEvent(event)] }]));
    }
  }

  /** One call for every summary that arrived since the last statement; a failure is the publisher's to retry. */
  private forwardSummaries(): void {
    if (this.summaries.size === 0 || !this.tenantId) return;
    const batch = [...this.summaries.values()];
    this.summaries.clear();
    const inbox = this.env.TENANT_INBOX.getByName(inboxName(this.tenantId));
    this.ctx.waitUntil(
      inbox.publishMany(batch).catch((err: unknown) => {
        log('warn', 'forwarding summaries to the inbox failed', { count: batch.length, ...errorFields(err) });
      }),
    );
  }

  /**
   * A queued conversation the last statement also carried is flushing back to back: it has a backlog, and
   * its outbox sends the next batch only when this one commits, so waiting adds its whole length to that
   * conversation's lag and gathers nothing from it; and under a saturated conversation the coalescing timer
   * is deferred while the burst's socket messages keep the thread busy (workerd runs timers late under load,
   * see outbox.ts), which grew flush lag with the burst. Such a batch goes at once; others queued meanwhile
   * share its statement.
   */
  private catchingUp(): boolean {
    return this.queue.some((p) => this.lastCarried.has(p.batch.conversationId));
  }

  private queuedRows(): number {
    let rows = 0;
    for (const p of this.queue) rows += p.batch.events.length;
    return rows;
  }
}
