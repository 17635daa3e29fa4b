// Pushes a conversation's inbox summary to the tenant's inbox object: single flight and coalesced (a change
// during a push makes one more push with the newest summary), retried with backoff when the inbox is
// unreachable. Ordering is the inbox's job: every push carries the conversation's revision.
import type { InboxSummary } from '../../workers/contract';
import type { Env } from '../../workers/env';
import { type ConversationRef, inboxName } from '../../workers/services/conversation-names';
import { errorFields, log } from '../../workers/services/log';

const RETRY_BASE_MS = 500;
const RETRY_MAX_MS = 30_000;

export interface PublishSource {
  ref(): ConversationRef | null;
  /** The newest summary and its revision (null while it cannot be built yet). */
  current(ref: ConversationRef): Promise<{ summary: InboxSummary; rev: number } | null>;
}

export class InboxPublisher {
  private pushing = false;
  private dirty = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly env: Env,
    private readonly source: PublishSource,
  ) {}

  request(): void {
    this.dirty = true;
    if (this.pushing || this.retryTimer) return;
    void this.loop();
  }

  private async loop(): Promise<void> {
    this.pushing = true;
    const ref = this.source.ref();
    try {
      while (this.dirty && ref) {
        this.dirty = false;
        const next = await this.source.current(ref);
        if (!next) break;
        await this.env.TENANT_INBOX.getByName(inboxName(ref.tenantId)).publish(next.summary, next.rev);
      }
      this.failures = 0;
    } catch (err) {
      this.dirty = true;
      const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(this.failures++, 8));
      log('warn', 'inbox summary push failed; will retry', { ...ref, retryInMs: delay, ...errorFields(err) });
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.request();
      }, delay);
    } finally {
      this.pushing = false;
    }
  }
}
