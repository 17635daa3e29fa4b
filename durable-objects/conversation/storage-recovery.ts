// Recovery of a conversation object whose storage was lost (a restore of the Durable Object's SQLite that did
// not happen, an operator's mistake, a bug that wiped it). Postgres holds every flushed event, so an object
// that wakes empty for a conversation Postgres knows reads, before its first write, what it must never get
// wrong: the last seq (so the next event continues after it instead of reusing seq 1 — which the archive's
// primary key (conversation, seq, created_at) would have stored as a second event 1), the WhatsApp binding
// and window (so agents can still answer) and the erasure flag. Everything else reloads on its own: the
// ticket and the contact card from Postgres (conversation-desk ensureLoaded), history below the held range
// from Postgres (replay.ts). What was never flushed (seconds of events) is lost with the storage.
import { sql } from 'drizzle-orm';
import type { Env } from '../../workers/env';
import type { ConversationRef } from '../../workers/services/conversation-names';
import { inTenant, openDatabases } from '../../workers/services/db';
import type { ChannelBinding, ChannelKind } from './channel-store';

/** What an empty object takes over from Postgres for a conversation it is named for. */
export interface RecoveredState {
  /** The highest seq Postgres holds for the conversation (0: none: a new conversation). */
  lastSeq: number;
  /** The WhatsApp customer this thread talks to; null for the widget or a contact with no address. */
  binding: ChannelBinding | null;
  /** Epoch ms until which free text may be sent (the 24 h window); null when the customer never wrote. */
  windowExpiresMs: number | null;
  /** The contact was erased (LGPD): the customer's side stays closed. */
  erased: boolean;
}

interface Row extends Record<string, unknown> {
  last_seq: string | number;
  max_seq: string | number | null;
  window_until: string | Date | null;
  channel_id: string;
  kind: ChannelKind | 'widget';
  phone: string | null;
  whatsapp_user_id: string | null;
  erased: boolean;
}

/**
 * Reads the conversation's recovery state from the primary (a replica may lag behind the last flush), scoped
 * to its tenant: null when the tenant has no such conversation. Throws when Postgres cannot answer: the
 * caller must then refuse the write rather than guess a seq.
 */
export async function readRecoveryState(
  env: Env,
  ref: ConversationRef,
  waitUntil: (p: Promise<unknown>) => void,
): Promise<RecoveredState | null> {
  const dbs = openDatabases(env);
  try {
    const { rows } = await inTenant(dbs.primary, ref.tenantId, (tx) =>
      tx.execute<Row>(sql`
        select c.last_seq, c.service_window_expires_at as window_until, c.channel_id, ch.kind,
               ct.phone, ct.whatsapp_user_id, ct.erased_at is not null as erased,
               (select max(e.seq) from conversation_events e
                 where e.tenant_id = c.tenant_id and e.conversation_id = c.id) as max_seq
          from conversations c
          join channels ch on ch.id = c.channel_id and ch.tenant_id = c.tenant_id
          join contacts ct on ct.id = c.contact_id and ct.tenant_id = c.tenant_id
         where c.tenant_id = ${ref.tenantId}::uuid and c.id = ${ref.conversationId}::uuid`),
    );
    const row = rows[0];
    return row ? toState(row) : null;
  } finally {
    waitUntil(dbs.close());
  }
}

function toState(row: Row): RecoveredState {
  const lastSeq = Math.max(Number(row.last_seq), Number(row.max_seq ?? 0));
  const whatsapp = row.kind !== 'widget' && (row.phone || row.whatsapp_user_id) && !row.erased;
  return {
    lastSeq,
    binding: whatsapp
      ? {
          channelId: row.channel_id,
          kind: row.kind as ChannelKind,
          to: row.phone,
          userId: row.kind === 'whatsapp_cloud' ? row.whatsapp_user_id : null,
        }
      : null,
    windowExpiresMs: row.window_until ? new Date(row.window_until).getTime() : null,
    erased: row.erased,
  };
}
