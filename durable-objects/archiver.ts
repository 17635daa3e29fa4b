// The archiver: one object per tenant shard that writes conversations' outbox batches to Postgres together.
// Quiet conversations each flush one or two events at a time; sent one by one, every message cost its own
// statement, commit and connection. Here batches that arrive while a statement runs ride the next one (group
// commit across conversations, no timers), over one reused connection, so conversation objects hold none.
// A caller's promise settles only after the statement that carried its rows committed (or failed).
import { DurableObject } from 'cloudflare:workers';
import { archiveShards, type Env } from '../workers/env';
import { archiveStatement, type ConversationBatch } from '../workers/services/archive-statement';
import {
  type CardRow,
  cardStatement,
  type LoadedCard,
  loadedCardFromRows,
} from '../workers/services/conversation-card';
import { archiverName, type ConversationRef, inboxName } from '../workers/services/conversation-names';
import { errorFields, log, setLogLevel } from '../workers/services/log';
import { ArchiveConnection } from './archive-connection';
import type { PublishedSummary } from './tenant-inbox';

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

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    setLogLevel(env.LOG_LEVEL);
  }

  /**
   * Resolves once `events` of the conversation are committed in Postgres; rejects if the write failed. A
   * summary riding along goes to the tenant's inbox with the others of the same statement, before the
   * statement runs: the inbox does not wait for Postgres.
   */
  archive(
    tenantId: string,
    batch: ConversationBatch,
    summary: PublishedSummary | null = null,
  ): Promise<void> {
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
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ batch, resolve, reject });
      this.kick();
    });
  }

  /** The conversation's card (contact, channel, current ticket), read on this object's reused connection. */
  async loadCard(ref: ConversationRef): Promise<LoadedCard | null> {
    if (!this.serves(ref.tenantId, ref.conversationId))
      throw new Error('card read sent to the wrong archiver');
    this.tenantId ??= ref.tenantId;
    // A connection of its own: queued behind a large archive statement a card read could time out, and a
    // timeout closes its connection, which would fail the statement too.
    this.cardConnection ??= new ArchiveConnection(this.env, this.tenantId);
    return loadedCardFromRows(await this.cardConnection.run<CardRow>(cardStatement(ref.conversationId)));
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
      if (wait > 0 && this.queuedRows() < EAGER_ROWS) await new Promise((r) => setTimeout(r, wait));
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
        this.connection ??= new ArchiveConnection(this.env, this.tenantId as string);
        await this.connection.run(
          archiveStatement(
            this.tenantId as string,
            taken.map((p) => p.batch),
          ),
        );
        for (const p of taken) p.resolve();
      } catch (err) {
        for (const p of taken) p.reject(err);
      }
      this.lastStatementAt = Date.now();
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

  private queuedRows(): number {
    let rows = 0;
    for (const p of this.queue) rows += p.batch.events.length;
    return rows;
  }
}
