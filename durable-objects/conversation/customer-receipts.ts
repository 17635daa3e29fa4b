// What the WhatsApp customer sees of the agent: blue ticks when an agent has read their messages, and
// "typing…" while an agent types. Best effort and outside the ordered send queue: a receipt that fails is
// only logged, and each is sent once (reads move forward; typing at most every 20 s, WhatsApp shows it 25 s).
import { createTransport } from '../../workers/channels/transport';
import type { Env } from '../../workers/env';
import { loadChannelRuntime } from '../../workers/services/channel-config';
import type { ConversationRef } from '../../workers/services/conversation-names';
import { errorFields, log } from '../../workers/services/log';
import type { MetaTable } from '../meta-table';
import type { ChannelStore } from './channel-store';

const TYPING_EVERY_MS = 20_000;

export class CustomerReceipts {
  private lastTypingAt = 0;
  private readSeqCache: number | null = null;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    private readonly store: ChannelStore,
    private readonly meta: MetaTable,
  ) {}

  /** An agent read up to `seq`: the customer's newest message at or below it gets its blue ticks. */
  agentRead(ref: ConversationRef, seq: number): void {
    const target = this.store.latestInbound(seq);
    if (!target || target.seq <= this.readSeq()) return;
    this.setReadSeq(target.seq);
    this.send(ref, target.externalId, false);
  }

  /** An agent started typing: WhatsApp's typing indicator (which also marks the newest message read). */
  agentTyping(ref: ConversationRef, now = Date.now()): void {
    if (now - this.lastTypingAt < TYPING_EVERY_MS) return;
    const target = this.store.latestInbound(Number.MAX_SAFE_INTEGER);
    if (!target) return;
    this.lastTypingAt = now;
    if (target.seq > this.readSeq()) this.setReadSeq(target.seq);
    this.send(ref, target.externalId, true);
  }

  private readSeq(): number {
    this.readSeqCache ??= Number(this.meta.get('customer_read_seq') ?? 0);
    return this.readSeqCache;
  }

  private setReadSeq(seq: number): void {
    this.meta.set('customer_read_seq', String(seq));
    this.readSeqCache = seq;
  }

  private send(ref: ConversationRef, externalId: string, typing: boolean): void {
    const binding = this.store.binding();
    if (!binding) return;
    this.ctx.waitUntil(
      (async () => {
        try {
          const channel = await loadChannelRuntime(this.env, ref.tenantId, binding.channelId);
          if (!channel) return;
          const ok = await createTransport(channel.config).markRead(externalId, typing, binding.to);
          if (!ok) log('debug', 'read receipt not taken', { ...ref, externalId, typing });
        } catch (err) {
          log('debug', 'read receipt failed', { ...ref, externalId, ...errorFields(err) });
        }
      })(),
    );
  }
}
