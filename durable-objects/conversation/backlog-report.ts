// Reports this conversation's share of the tenant's outbox backlog to the metrics store: how many events it
// holds that Postgres has not committed yet, and since when the oldest of them waits (the store turns that
// into fio_archive_lag_seconds at read time, so a stalled Postgres shows a growing lag with nobody reporting).
// A healthy flush catches up within milliseconds and reports nothing: only a backlog that outlives LATE_MS, or
// a failed flush, is reported (at most every THROTTLE_MS), and the catch-up after it clears the share.
import type { Env } from '../../workers/env';
import { setGaugePart } from '../../workers/observability/metrics';
import type { ConversationRef } from '../../workers/services/conversation-names';

const LATE_MS = 2_000;
const THROTTLE_MS = 2_000;

export class BacklogReport {
  /** When the oldest unflushed event began waiting (the first append after the last catch-up). */
  private since: number | null = null;
  private reported = false;
  private lastReportAt = 0;

  constructor(
    private readonly env: Env,
    private readonly backlog: () => number,
  ) {}

  appended(ref: ConversationRef | null): void {
    const now = Date.now();
    this.since ??= now;
    if (ref && now - this.since >= LATE_MS && now - this.lastReportAt >= THROTTLE_MS) this.report(ref);
  }

  /** A flush failed: the backlog is real whatever its age. */
  failed(ref: ConversationRef): void {
    this.since ??= Date.now();
    if (Date.now() - this.lastReportAt >= THROTTLE_MS || !this.reported) this.report(ref);
  }

  /** Everything is in Postgres. */
  caughtUp(ref: ConversationRef): void {
    this.since = null;
    if (!this.reported) return;
    this.reported = false;
    setGaugePart(this.env, 'fio_outbox_backlog', ref.tenantId, ref.conversationId, 0, null);
  }

  private report(ref: ConversationRef): void {
    this.reported = true;
    this.lastReportAt = Date.now();
    setGaugePart(
      this.env,
      'fio_outbox_backlog',
      ref.tenantId,
      ref.conversationId,
      this.backlog(),
      this.since,
    );
  }
}
