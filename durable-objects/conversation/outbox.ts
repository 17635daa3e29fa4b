// The outbox: moves a conversation's stored-but-unflushed events to Postgres through the tenant's archiver.
// Appends drive it: the first append after a quiet spell starts a flush at once, appends during a flush ride
// its next round, and the flush loops until caught up. Appends must drive it because workerd defers timers while
// socket messages keep arriving; timers and the alarm cover quiet periods and eviction (the alarm is the
// durable backstop that wakes an object with a backlog). Failures back off exponentially.
import { archiveShards, type Env } from '../../workers/env';
import { archiverName, type ConversationRef } from '../../workers/services/conversation-names';
import { errorFields, log } from '../../workers/services/log';
import type { AlarmClock } from '../alarm-clock';
import { archiveFailure } from '../archive-outcome';
import type { PublishedSummary } from '../tenant-inbox/rpc';
import { BacklogReport } from './backlog-report';
import type { ConversationStore } from './conversation-store';

/** Rows per statement. */
export const FLUSH_BATCH = 500;
/** After a flush, the next one waits this long so a trickle shares statements (bounds commits per object). */
const COALESCE_MS = 10;
/**
 * How long the durable alarm waits before checking that the in-memory path did its job: the longest a
 * backlog can wait after the object was lost with it. Short backstops made every active conversation wake
 * for nothing every few seconds, in bursts that showed up in ack latency.
 */
const BACKSTOP_MS = 30_000;
/** After a failure the in-memory retry normally wins; the alarm follows closely in case the object is lost. */
const FAILURE_BACKSTOP_MS = 2_000;
const BACKOFF_BASE_MS = 250;
const BACKOFF_MAX_MS = 30_000;

/** What the outbox carries besides events: the conversation's inbox summary, handed on by the archiver. */
export interface SummaryCarrier {
  /** The newest summary not yet carried (null when none is waiting, or it cannot ride this flush). */
  take(): PublishedSummary | null;
  /** A flush failed: a summary it carried may not have reached the inbox, so it goes there directly. */
  failed(): void;
}

export class Outbox {
  private running: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private alarmSet = false;
  /** Earliest time the next flush may start: the coalescing window, or the backoff after a failure. */
  private notBefore = 0;
  /** This object's share of the tenant's backlog gauge (fio_outbox_backlog, fio_archive_lag_seconds). */
  private readonly report: BacklogReport;

  constructor(
    private readonly clock: AlarmClock,
    private readonly env: Env,
    private readonly store: ConversationStore,
    private readonly summaries: SummaryCarrier,
  ) {
    this.report = new BacklogReport(env, () => this.store.lastSeq - this.store.flushedSeq);
  }

  /** Called after every append. */
  appended(): void {
    this.report.appended(this.store.identity());
    this.ensureAlarm(BACKSTOP_MS);
    this.kick();
  }

  /** The alarm handler: flush whatever is pending, and keep a backstop while something still is. */
  async onAlarm(): Promise<void> {
    this.alarmSet = false;
    await this.flush();
    // A quiet object has no next append to carry the cursor; the alarm is rare, so write it now.
    this.store.persistFlushProgress(new Date());
    if (this.pending()) this.ensureAlarm(Math.max(0, this.notBefore - Date.now()) + FAILURE_BACKSTOP_MS);
  }

  /** Resolves once no flush is running (one that started before the call has committed or failed). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private pending(): boolean {
    return this.store.flushedSeq < this.store.lastSeq;
  }

  /** Starts a flush now if allowed, else makes sure a timer will. A running flush picks up new events itself. */
  private kick(): void {
    if (this.running) return;
    const wait = this.notBefore - Date.now();
    if (wait > 0) {
      this.schedule(wait);
      return;
    }
    this.clearTimer();
    void this.flush();
  }

  private schedule(delayMs: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private ensureAlarm(delayMs: number): void {
    if (this.alarmSet) return;
    this.alarmSet = true;
    this.clock.ensureBy(Date.now() + delayMs);
  }

  /** Single flight: a caller arriving while a flush runs waits for it, then flushes again if needed. */
  private async flush(): Promise<void> {
    while (this.running) await this.running;
    if (!this.pending()) return;
    this.running = this.flushUntilCaughtUp().finally(() => {
      this.running = null;
    });
    await this.running;
  }

  private async flushUntilCaughtUp(): Promise<void> {
    const ref = this.store.identity();
    if (!ref) return;
    try {
      const archiver = this.env.ARCHIVERS.getByName(
        archiverName(ref.tenantId, ref.conversationId, archiveShards(this.env)),
      );
      for (let batch = this.store.unflushed(ref, FLUSH_BATCH); batch.length > 0; ) {
        const outcome = await archiver.archive(
          ref.tenantId,
          { conversationId: ref.conversationId, events: batch },
          this.summaries.take(),
        );
        if (!outcome.ok) throw archiveFailure(outcome);
        this.store.markFlushed((batch.at(-1) as { seq: number }).seq);
        batch = this.store.unflushed(ref, FLUSH_BATCH);
      }
      this.store.setFlushAttempts(0);
      this.report.caughtUp(ref);
      this.notBefore = Date.now() + COALESCE_MS;
      // The backstop alarm is left to fire and find nothing: deleting it is a storage commit of its own
      // per flush, which measurably delayed acks; setting it rides the append's commit for free.
    } catch (err) {
      this.failed(ref, err);
    }
  }

  private failed(ref: ConversationRef, err: unknown): void {
    this.summaries.failed();
    const attempts = this.store.flushAttempts + 1;
    this.store.setFlushAttempts(attempts);
    this.report.failed(ref);
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempts - 1, 10));
    const jittered = Math.round(delay * (0.75 + Math.random() * 0.5));
    this.notBefore = Date.now() + jittered;
    // Every failure at first, then only at attempts 2, 4, 8, …: a Postgres outage of minutes across thousands
    // of objects would otherwise write a warning per object per retry (the scale run's log reached 5,000 a
    // minute, and locally each line costs wrangler CPU the objects then lack).
    log(isPowerOfTwo(attempts) ? 'warn' : 'debug', 'outbox flush failed; will retry', {
      ...ref,
      attempts,
      retryInMs: jittered,
      backlog: this.store.lastSeq - this.store.flushedSeq,
      ...errorFields(err),
    });
    this.schedule(jittered);
    this.alarmSet = false;
    this.ensureAlarm(jittered + FAILURE_BACKSTOP_MS);
  }
}

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;
