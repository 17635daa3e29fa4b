// A WhatsApp conversation's channel state in DO SQLite: which number and customer it is bound to, the 24 h
// service window, provider message ids (inbound dedupe; status routing for ours, forward-only) and the
// ordered queue of messages still to send. Lives in the same storage as the event log, so an append and
// its queue row commit together.
import { DELIVERY_RANK, type DeliveryStatus, type InteractiveContent } from '../../workers/contract';
import type { MetaTable } from '../meta-table';

export type ChannelKind = 'whatsapp_cloud' | 'evolution' | 'uazapi';

export interface ChannelBinding {
  channelId: string;
  kind: ChannelKind;
  /** The customer's number in the form the provider last used for them; null when only `userId` is known. */
  to: string | null;
  /** The customer's business-scoped user id (Cloud API), for sending when there is no number. */
  userId?: string | null;
}

/** Who the customer is to the provider and the limiter: the number, else the business-scoped user id. */
export function recipientOf(binding: ChannelBinding): string {
  return binding.to ?? binding.userId ?? '';
}

/** What to send for one queued message; media bytes stay in R2 until the moment of sending. */
export type QueuedContent =
  | { kind: 'text'; text: string }
  | { kind: 'template'; name: string; language: string; parameters: string[] }
  | { kind: 'interactive'; interactive: InteractiveContent }
  | {
      kind: 'media';
      mediaKind: 'image' | 'document' | 'audio' | 'video';
      key: string;
      mimeType: string;
      filename: string | null;
      caption: string | null;
    };

export interface QueuedSend {
  seq: number;
  content: QueuedContent;
  attempts: number;
  nextAtMs: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS channel_messages (
    external_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    outbound INTEGER NOT NULL,
    rank INTEGER NOT NULL,
    created_ms INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS channel_messages_age ON channel_messages (created_ms);
  CREATE TABLE IF NOT EXISTS outbound_queue (
    seq INTEGER PRIMARY KEY,
    content TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_at_ms INTEGER NOT NULL
  );
`;

/** Providers retry webhooks for days; ids are remembered a month. */
const EXTERNAL_ID_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

export class ChannelStore {
  private sweptAt = 0;
  /** Read on every inbound message; cached so an unchanged binding or window costs no storage access. */
  private bindingCache: ChannelBinding | null | undefined;
  private windowCache: number | null | undefined;

  constructor(
    private readonly sql: SqlStorage,
    private readonly meta: MetaTable,
  ) {
    sql.exec(SCHEMA);
  }

  binding(): ChannelBinding | null {
    if (this.bindingCache === undefined) {
      const raw = this.meta.get('channel_binding');
      this.bindingCache = raw ? (JSON.parse(raw) as ChannelBinding) : null;
    }
    return this.bindingCache;
  }

  bind(next: ChannelBinding): void {
    const current = this.binding();
    // A message naming the customer one way only keeps what an earlier one said the other way.
    const sameChannel = current?.channelId === next.channelId;
    const binding: ChannelBinding = {
      ...next,
      to: next.to ?? (sameChannel ? (current?.to ?? null) : null),
      userId: next.userId ?? (sameChannel ? (current?.userId ?? null) : null),
    };
    const same =
      current &&
      sameChannel &&
      current.to === binding.to &&
      (current.userId ?? null) === (binding.userId ?? null);
    if (same) return;
    this.meta.set('channel_binding', JSON.stringify(binding));
    this.bindingCache = binding;
  }

  flag(key: string): boolean {
    return this.meta.get(key) !== null;
  }

  setFlag(key: string): void {
    this.meta.set(key, '1');
  }

  /** Epoch ms until which free text may be sent; null when the customer never wrote. */
  windowExpiresAt(): number | null {
    if (this.windowCache === undefined) {
      const raw = this.meta.get('window_expires_ms');
      this.windowCache = raw ? Number(raw) : null;
    }
    return this.windowCache;
  }

  /** Customer messages usually arrive within the same second: only a later expiry is written. */
  extendWindow(untilMs: number): void {
    const current = this.windowExpiresAt();
    if (current !== null && untilMs <= current) return;
    this.meta.set('window_expires_ms', String(untilMs));
    this.windowCache = untilMs;
  }

  /** The seq a provider id was stored under, if seen. */
  seqOf(externalId: string): { seq: number; outbound: boolean; rank: number } | null {
    const row = this.sql
      .exec<{ seq: number; outbound: number; rank: number }>(
        'SELECT seq, outbound, rank FROM channel_messages WHERE external_id = ?',
        externalId,
      )
      .toArray()[0];
    return row ? { seq: row.seq, outbound: row.outbound === 1, rank: row.rank } : null;
  }

  remember(externalId: string, seq: number, outbound: boolean, status: DeliveryStatus, now: number): void {
    this.sql.exec(
      'INSERT INTO channel_messages (external_id, seq, outbound, rank, created_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      externalId,
      seq,
      outbound ? 1 : 0,
      DELIVERY_RANK[status],
      now,
    );
    if (now - this.sweptAt > SWEEP_EVERY_MS) {
      this.sql.exec('DELETE FROM channel_messages WHERE created_ms < ?', now - EXTERNAL_ID_TTL_MS);
      this.sweptAt = now;
    }
  }

  /** Moves an outbound message's status forward; false (nothing written) when it would not move forward. */
  advance(externalId: string, status: DeliveryStatus): boolean {
    const known = this.seqOf(externalId);
    if (!known?.outbound || DELIVERY_RANK[status] <= known.rank) return false;
    this.sql.exec(
      'UPDATE channel_messages SET rank = ? WHERE external_id = ?',
      DELIVERY_RANK[status],
      externalId,
    );
    return true;
  }

  /** The customer's newest message at or below `seq` (what a read receipt points at). */
  latestInbound(seq: number): { externalId: string; seq: number } | null {
    const row = this.sql
      .exec<{ external_id: string; seq: number }>(
        'SELECT external_id, seq FROM channel_messages WHERE outbound = 0 AND seq <= ? ORDER BY seq DESC LIMIT 1',
        seq,
      )
      .toArray()[0];
    return row ? { externalId: row.external_id, seq: row.seq } : null;
  }

  // ---- the outbound queue: strictly by seq -------------------------------------------------------------

  enqueue(seq: number, content: QueuedContent, now: number): void {
    this.sql.exec(
      'INSERT INTO outbound_queue (seq, content, attempts, next_at_ms) VALUES (?, ?, 0, ?)',
      seq,
      JSON.stringify(content),
      now,
    );
  }

  head(): QueuedSend | null {
    const row = this.sql
      .exec<{ seq: number; content: string; attempts: number; next_at_ms: number }>(
        'SELECT seq, content, attempts, next_at_ms FROM outbound_queue ORDER BY seq LIMIT 1',
      )
      .toArray()[0];
    if (!row) return null;
    return {
      seq: row.seq,
      content: JSON.parse(row.content) as QueuedContent,
      attempts: row.attempts,
      nextAtMs: row.next_at_ms,
    };
  }

  retryLater(seq: number, attempts: number, nextAtMs: number): void {
    this.sql.exec(
      'UPDATE outbound_queue SET attempts = ?, next_at_ms = ? WHERE seq = ?',
      attempts,
      nextAtMs,
      seq,
    );
  }

  dequeue(seq: number): void {
    this.sql.exec('DELETE FROM outbound_queue WHERE seq = ?', seq);
  }

  /**
   * LGPD erasure: the customer's address (number, user id) and every message still waiting to be sent are
   * dropped; the conversation no longer reaches anyone (a returning customer gets a new conversation).
   */
  forgetCustomer(): void {
    this.sql.exec("DELETE FROM meta WHERE key = 'channel_binding'");
    this.sql.exec('DELETE FROM outbound_queue');
    this.bindingCache = null;
  }

  queued(): number {
    return this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM outbound_queue').one().n;
  }
}
