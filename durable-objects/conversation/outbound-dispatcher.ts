// Sends a WhatsApp conversation's queued messages to the provider strictly in seq order: one at a time, each
// paced by the number's limiter object, retried with backoff while the failure is temporary (5xx, 130429,
// timeouts, Postgres down), and marked failed with the provider's reason when it is not. The queue lives in
// DO storage and the alarm wakes a fresh instance, so an eviction or restart loses nothing.

import { callbackReference } from '../../workers/channels/callback-reference';
import type { OutboundContent, SendOutcome } from '../../workers/channels/outbound';
import { createTransport } from '../../workers/channels/transport';
import { cleanText, clipText, type DeliveryError, type DeliveryStatus } from '../../workers/contract';
import type { Env } from '../../workers/env';
import { countMetric } from '../../workers/observability/metrics';
import { type ChannelRuntime, loadChannelRuntime } from '../../workers/services/channel-config';
import { healthReason, recordHealthChange } from '../../workers/services/channel-health';
import { type ConversationRef, numberLimiterName } from '../../workers/services/conversation-names';
import { errorFields, log } from '../../workers/services/log';
import { applyNumberEvents } from '../../workers/services/number-events';
import type { AlarmClock } from '../alarm-clock';
import type { CampaignSends } from './campaign-sends';
import {
  type ChannelBinding,
  type ChannelStore,
  type QueuedContent,
  type QueuedSend,
  recipientOf,
} from './channel-store';

/** Attempts before a temporary failure is reported as final (about 15 minutes of backoff in total). */
/** How late a send may start against its reserved slot before the customer's schedule is moved. */
const LATE_TOLERANCE_MS = 5;
const MAX_ATTEMPTS = 12;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 120_000;
/** The durable alarm trails the in-memory loop by this much, in case the object is lost meanwhile. */
const BACKSTOP_MS = 15_000;
const SEND_TIMEOUT_MS = 10_000;

export interface DispatchHooks {
  ref(): ConversationRef | null;
  /** Appends a message.status event (and fans it out); called synchronously after the queue row changes. */
  status(seq: number, status: DeliveryStatus, externalId: string | null, error: DeliveryError | null): void;
  /** Campaign messages: the low-priority lane and the in-flight marker (campaign-sends.ts). */
  bulk?: CampaignSends;
}

type Attempt =
  | { kind: 'sent'; externalId: string }
  | { kind: 'retry'; afterMs: number; error: DeliveryError }
  | { kind: 'failed'; error: DeliveryError }
  /** Not attempted (a campaign send yielding to replies, or waiting on an unknown outcome): no attempt used. */
  | { kind: 'defer'; afterMs: number };

export class OutboundDispatcher {
  private running = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    private readonly store: ChannelStore,
    private readonly clock: AlarmClock,
    private readonly hooks: DispatchHooks,
  ) {}

  /** Queues a just-appended message (same synchronous turn as the append, so both commit together). */
  enqueue(seq: number, content: QueuedContent): void {
    const now = Date.now();
    this.store.enqueue(seq, content, now);
    this.clock.ensureBy(now + BACKSTOP_MS);
    this.kick();
  }

  onAlarm(): void {
    if (this.store.queued() > 0) this.clock.ensureBy(Date.now() + BACKSTOP_MS);
    this.kick();
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.drain()
      .catch((err) =>
        log('error', 'outbound dispatcher crashed', { ...this.hooks.ref(), ...errorFields(err) }),
      )
      .finally(() => {
        this.running = false;
      });
  }

  private async drain(): Promise<void> {
    for (let head = this.store.head(); head; head = this.store.head()) {
      const wait = head.nextAtMs - Date.now();
      if (wait > 0) {
        this.wakeIn(wait);
        return;
      }
      await this.deliver(head);
    }
  }

  private wakeIn(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, ms);
    this.clock.ensureBy(Date.now() + ms + BACKSTOP_MS);
  }

  private async deliver(head: QueuedSend): Promise<void> {
    const ref = this.hooks.ref();
    const binding = this.store.binding();
    const result: Attempt =
      ref && binding
        ? await this.attempt(ref, binding, head).catch((err) => temporary(err, head.attempts))
        : {
            kind: 'failed',
            error: { code: null, title: 'conversation has no WhatsApp channel', message: null },
          };
    // The head may only change here, in one synchronous step with the status event it produces.
    if (result.kind === 'defer') {
      this.store.retryLater(head.seq, head.attempts, Date.now() + result.afterMs);
    } else if (result.kind === 'sent') {
      this.store.dequeue(head.seq);
      this.store.remember(result.externalId, head.seq, true, 'accepted', Date.now());
      this.hooks.status(head.seq, 'accepted', result.externalId, null);
      if (ref)
        countMetric(this.env, 'fio_messages_out_total', ref.tenantId, { channel: binding?.kind ?? '' });
    } else if (result.kind === 'retry' && head.attempts + 1 < MAX_ATTEMPTS) {
      this.store.retryLater(head.seq, head.attempts + 1, Date.now() + result.afterMs);
      log('warn', 'outbound send will be retried', {
        ...ref,
        seq: head.seq,
        attempts: head.attempts + 1,
        ...result.error,
      });
      this.countFailure(ref, binding, result.error, 'retry');
    } else {
      this.store.dequeue(head.seq);
      this.hooks.status(head.seq, 'failed', null, result.error);
      log('warn', 'outbound send failed', { ...ref, seq: head.seq, ...result.error });
      this.countFailure(ref, binding, result.error, 'failed');
    }
  }

  /** Every failed attempt, by channel, provider code (Meta's number; `none` without one) and outcome. */
  private countFailure(
    ref: ConversationRef | null,
    binding: ChannelBinding | null,
    error: DeliveryError,
    outcome: 'retry' | 'failed',
  ): void {
    if (!ref) return;
    countMetric(this.env, 'fio_send_failures_total', ref.tenantId, {
      channel: binding?.kind ?? 'none',
      code: error.code === null ? 'none' : String(error.code),
      outcome,
    });
  }

  private async attempt(ref: ConversationRef, binding: ChannelBinding, head: QueuedSend): Promise<Attempt> {
    const channel = await loadChannelRuntime(this.env, ref.tenantId, binding.channelId);
    if (!channel)
      return {
        kind: 'failed',
        error: { code: null, title: 'the WhatsApp number was removed', message: null },
      };
    const content = await this.materialise(ref, head.content);
    if (!content)
      return {
        kind: 'failed',
        error: { code: null, title: 'the attachment is no longer stored', message: null },
      };
    const limiter = this.env.NUMBER_LIMITERS.getByName(numberLimiterName(ref.tenantId, binding.channelId));
    const bulk = this.hooks.bulk?.isBulk(head.seq) ? this.hooks.bulk : null;
    const unknown = bulk?.unknownOutcome(head.seq, Date.now()) ?? null;
    if (unknown?.kind === 'wait') return { kind: 'defer', afterMs: unknown.afterMs };
    if (unknown?.kind === 'give_up') return { kind: 'failed', error: UNKNOWN_OUTCOME };
    const reservation = { recipient: recipientOf(binding), ...channel.pacing };
    const granted = bulk ? await limiter.reserveBulk(reservation) : await limiter.reserve(reservation);
    if ('retryMs' in granted) return { kind: 'defer', afterMs: granted.retryMs + Math.random() * 20 };
    const { waitMs } = granted;
    const slotAt = Date.now() + waitMs;
    if (waitMs > 0) await sleep(waitMs);
    // A busy isolate can wake us late; the schedule assumed the slot, so the next message to this customer
    // would follow too closely. Moving the customer's schedule to "now" keeps every gap at least the interval.
    if (Date.now() - slotAt > LATE_TOLERANCE_MS)
      await limiter.throttled({ recipient: recipientOf(binding), backoffMs: channel.pacing.pairIntervalMs });
    const transport = createTransport(channel.config, { timeoutMs: SEND_TIMEOUT_MS });
    bulk?.markInFlight(head.seq, Date.now());
    const outcome = await transport.send({
      to: binding.to,
      userId: binding.userId ?? null,
      content,
      reference: callbackReference(ref.conversationId, head.seq),
    });
    this.ctx.waitUntil(this.report(channel, outcome));
    // A timeout or a dropped connection (no code) may have reached Meta: the marker stays, nothing is resent.
    if (bulk && (outcome.ok || !outcome.retryable || outcome.code !== null)) bulk.clearInFlight(head.seq);
    // The provider's words become an event: cleaned by the text rule (text.ts), within the event's limits.
    if (outcome.ok) return { kind: 'sent', externalId: clipText(cleanText(outcome.externalId), 256) };
    const error: DeliveryError = {
      code: outcome.code,
      title: clipText(cleanText(outcome.title), 500),
      message: outcome.message === null ? null : clipText(cleanText(outcome.message), 2000),
    };
    if (!outcome.retryable) return { kind: 'failed', error };
    const afterMs = outcome.retryAfterMs ?? backoff(head.attempts);
    if (outcome.code === 130429) await limiter.throttled({ recipient: null, backoffMs: afterMs });
    if (outcome.code === 131056)
      await limiter.throttled({ recipient: recipientOf(binding), backoffMs: afterMs });
    return { kind: 'retry', afterMs, error };
  }

  /** Queued media is read from R2 only now, so the queue row stays small. */
  private async materialise(ref: ConversationRef, content: QueuedContent): Promise<OutboundContent | null> {
    if (content.kind !== 'media') return content;
    if (!content.key.startsWith(`${ref.tenantId}/`)) return null;
    const object = await this.env.MEDIA.get(content.key);
    if (!object) return null;
    return {
      kind: 'media',
      mediaKind: content.mediaKind,
      mimeType: content.mimeType,
      filename: content.filename,
      caption: content.caption,
      bytes: await object.arrayBuffer(),
    };
  }

  /** Tells the number's limiter how the send went; a change of health becomes an alert for admins. */
  private async report(channel: ChannelRuntime, outcome: SendOutcome): Promise<void> {
    try {
      const limiter = this.env.NUMBER_LIMITERS.getByName(
        numberLimiterName(channel.tenantId, channel.channelId),
      );
      const health = await limiter.report({
        ok: outcome.ok,
        code: outcome.ok ? null : outcome.code,
        tokenInvalid: !outcome.ok && outcome.tokenInvalid,
        at: Date.now(),
      });
      if (health.changed) {
        await recordHealthChange(this.env, channel.tenantId, channel.channelId, {
          status: health.status,
          tokenValid: health.tokenValid,
          ...healthReason(health),
        });
      }
      // Meta refusing because the account is locked or policy-blocked: the number is banned, the same
      // condition an account_update brings (number-events.ts), until Meta reinstates it.
      if (!outcome.ok && outcome.code !== null && BAN_CODES.has(outcome.code)) {
        await applyNumberEvents(this.env, channel, [
          { address: channel.channelId, kind: 'banned', detail: String(outcome.code), at: new Date() },
        ]);
      }
    } catch (err) {
      log('warn', 'could not report send outcome', { channelId: channel.channelId, ...errorFields(err) });
    }
  }
}

const UNKNOWN_OUTCOME: DeliveryError = {
  code: null,
  title: 'outcome unknown after restart',
  message: 'The send may have reached the provider before a restart; it is not repeated',
};

/** Graph errors that mean Meta took the number off the air: 131031 account locked, 368 policy block. */
const BAN_CODES = new Set([131031, 368]);

function backoff(attempts: number): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempts, 10));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/** Our own failures (Postgres down, limiter unreachable) are temporary by nature. */
function temporary(err: unknown, attempts: number): Attempt {
  const message = err instanceof Error ? err.message : String(err);
  return {
    kind: 'retry',
    afterMs: backoff(attempts),
    error: { code: null, title: 'temporarily unable to send', message: clipText(cleanText(message), 500) },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
