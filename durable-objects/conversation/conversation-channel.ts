// The WhatsApp side of a conversation object: customer messages deduped by provider id (and the 24 h window
// they open), delivery statuses moved forward only, finished media downloads, and the rule that free text
// outside the window is refused before anything is stored. Everything it writes goes through the
// conversation's own append, so it gets a seq, fans out and reaches Postgres like any other event.

import { parseCallbackReference } from '../../workers/channels/callback-reference';
import type { InboundMessage, StatusUpdate } from '../../workers/channels/inbound';
import { inboundToMessage } from '../../workers/channels/inbound-event';
import type {
  Attachment,
  Author,
  ConversationEvent,
  DeliveryError,
  DeliveryStatus,
  ErrorCode,
} from '../../workers/contract';
import type { Env } from '../../workers/env';
import type { ConversationRef } from '../../workers/services/conversation-names';
import { isWindowOpen, serviceWindowAfter } from '../../workers/services/service-window';
import type { AlarmClock } from '../alarm-clock';
import type { MetaTable } from '../meta-table';
import { adoptInFlight, type CampaignSends } from './campaign-sends';
import { type ChannelBinding, ChannelStore, type QueuedContent, recipientOf } from './channel-store';
import type { AppendResult } from './conversation-store';
import { CustomerReceipts } from './customer-receipts';
import { OutboundDispatcher } from './outbound-dispatcher';

export interface InboundResult {
  seq: number;
  duplicate: boolean;
  /** The message carries media still to be copied into R2 (the caller queues the download). */
  mediaPending: boolean;
  /** Nothing was stored: this conversation's contact was erased (LGPD); the customer starts a new one. */
  erased?: true;
}

export interface StatusResult {
  /** The message's seq when the id is one of ours. */
  seq: number | null;
  applied: boolean;
  /** Ours, but still being sent (no id recorded yet): the provider should deliver it again later. */
  retryLater: boolean;
}

export type SendRefusal = { code: ErrorCode; message: string };

type Append = (event: ConversationEvent, clientId: string | null) => AppendResult;

export class ConversationChannel {
  readonly store: ChannelStore;
  readonly dispatcher: OutboundDispatcher;
  readonly receipts: CustomerReceipts;

  constructor(
    ctx: DurableObjectState,
    env: Env,
    clock: AlarmClock,
    meta: MetaTable,
    private readonly append: Append,
    ref: () => ConversationRef | null,
    private readonly bulk?: CampaignSends,
  ) {
    this.store = new ChannelStore(ctx.storage.sql, meta);
    this.receipts = new CustomerReceipts(ctx, env, this.store, meta);
    this.dispatcher = new OutboundDispatcher(ctx, env, this.store, clock, {
      ref,
      status: (seq, status, externalId, error) => this.appendStatus(seq, status, externalId, error),
      bulk,
    });
  }

  /** True when this conversation is with a WhatsApp customer (its first inbound message bound it). */
  get bound(): boolean {
    return this.store.binding() !== null;
  }

  windowExpiresAt(): number | null {
    return this.store.windowExpiresAt();
  }

  receiveInbound(binding: ChannelBinding, inbound: InboundMessage): InboundResult {
    const known = this.store.seqOf(inbound.externalId);
    if (known) {
      // A retried webhook whose earlier delivery failed after storing may not have queued the download.
      const pending = this.store.flag(`media:${known.seq}`) && !this.store.flag(`attachment:${known.seq}`);
      return { seq: known.seq, duplicate: true, mediaPending: pending };
    }
    this.store.bind(binding);
    this.store.extendWindow(serviceWindowAfter(inbound.sentAt).getTime());
    const author: Author = {
      kind: 'contact',
      id: recipientOf(binding).slice(0, 64),
      name: inbound.profileName,
    };
    const message = inboundToMessage(inbound, author);
    const result = this.append({ type: 'message.created', message }, null);
    this.store.remember(inbound.externalId, result.seq, false, 'read', Date.now());
    const mediaPending = message.attachment?.state === 'pending';
    if (mediaPending) this.store.setFlag(`media:${result.seq}`);
    return { seq: result.seq, duplicate: false, mediaPending };
  }

  receiveStatus(update: StatusUpdate): StatusResult {
    const known = this.store.seqOf(update.externalId);
    if (!known?.outbound) {
      const inFlight = parseCallbackReference(update.reference)?.seq ?? null;
      const queued = inFlight !== null && this.store.head()?.seq === inFlight;
      // A campaign send that was on the wire when the object restarted: the status proves it went out.
      if (queued && this.bulk?.inFlight(inFlight)) {
        adoptInFlight(this.store, inFlight, update.externalId, (s, st, id) =>
          this.appendStatus(s, st, id, null),
        );
        return this.receiveStatus(update);
      }
      return { seq: null, applied: false, retryLater: queued };
    }
    if (update.status === 'unknown' || !this.store.advance(update.externalId, update.status)) {
      return { seq: known.seq, applied: false, retryLater: false };
    }
    const first = update.errors[0];
    const error = first
      ? { code: first.code, title: first.title, message: first.details ?? first.message }
      : null;
    this.appendStatus(known.seq, update.status, update.externalId, error);
    return { seq: known.seq, applied: true, retryLater: false };
  }

  /** Records a finished (or abandoned) media download once; repeats from queue retries change nothing. */
  attachmentSettled(messageSeq: number, attachment: Attachment): boolean {
    const key = `attachment:${messageSeq}`;
    if (this.store.flag(key)) return false;
    this.store.setFlag(key);
    this.append({ type: 'message.attachment', messageSeq, attachment }, null);
    return true;
  }

  /** Why an agent's message may not go out now, checked before anything is stored. */
  refusal(kind: QueuedContent['kind']): SendRefusal | null {
    if (!this.bound) {
      // The widget: an interactive message is stored as it is and the widget renders its buttons or list
      // (the body is the text, readable without them); files go to the widget from R2 as they are.
      return kind === 'text' || kind === 'interactive'
        ? null
        : { code: 'validation_failed', message: 'Templates and attachments need a WhatsApp conversation' };
    }
    if (kind === 'template' || isWindowOpen(this.store.windowExpiresAt(), Date.now())) return null;
    return {
      code: 'window_closed',
      message: 'The 24-hour WhatsApp window is closed: send an approved template instead',
    };
  }

  /** Queues an agent or bot message for the customer's WhatsApp, right after its append. */
  queue(seq: number, content: QueuedContent): void {
    if (this.bound) this.dispatcher.enqueue(seq, content);
  }

  private appendStatus(
    seq: number,
    status: DeliveryStatus,
    externalId: string | null,
    error: DeliveryError | null,
  ): void {
    this.append({ type: 'message.status', messageSeq: seq, status, externalId, error }, null);
  }
}
