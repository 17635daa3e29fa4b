// Recovery of a conversation object whose storage was lost (a restore of the Durable Object's SQLite that did
// not happen, an operator's mistake, a bug that wiped it). Postgres holds every flushed event, so an object
// that wakes empty for a conversation Postgres knows reads, before its first write, what it must never get
// wrong: the last seq (so the next event continues after it instead of reusing seq 1 — which the archive's
// primary key (conversation, seq, created_at) would have stored as a second event 1), the WhatsApp binding
// and window (so agents can still answer) and the erasure flag. Everything else reloads on its own: the
// ticket and the contact card from Postgres (conversation-desk ensureLoaded), history below the held range
// from Postgres (replay.ts). The dedupe memories come back as far as Postgres has them: the clientIds of
// messages and notes (7 days) and the provider's message ids with the furthest status of ours (30 days), so a
// client's resend or a provider's retry of something from before the loss is still recognised. What was never
// flushed (seconds of events) is lost with the storage.
import { sql } from 'drizzle-orm';
import { DELIVERY_RANK, type DeliveryStatus } from '../../workers/contract';
import type { Env } from '../../workers/env';
import type { ConversationRef } from '../../workers/services/conversation-names';
import { inTenant, openDatabases } from '../../workers/services/db';
import type { ChannelBinding, ChannelKind } from './channel-store';

/** As long as the object itself remembers them (conversation-store.ts, channel-store.ts). */
const CLIENT_ID_DAYS = 7;
const PROVIDER_ID_DAYS = 30;
/** Bounds the read for a conversation with a very long tail; older ids are long past any retry. */
const MAX_IDS = 5000;

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
  /** Send idempotency keys (author kind:id:clientId) of the recent messages and notes. */
  clientIds: { key: string; seq: number; createdMs: number }[];
  /** Provider message ids: the customer's (inbound) and ours with the furthest status reported. */
  providerIds: {
    externalId: string;
    seq: number;
    outbound: boolean;
    status: DeliveryStatus;
    createdMs: number;
  }[];
}

interface IdRow extends Record<string, unknown> {
  seq: string | number;
  type: string;
  author_kind: string;
  author_id: string | null;
  client_id: string | null;
  inbound_id: string | null;
  status_id: string | null;
  message_seq: string | number | null;
  status: DeliveryStatus | null;
  ms: string | number;
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
    return await inTenant(dbs.primary, ref.tenantId, async (tx) => {
      const { rows } = await tx.execute<Row>(sql`
        select c.last_seq, c.service_window_expires_at as window_until, c.channel_id, ch.kind,
               ct.phone, ct.whatsapp_user_id, ct.erased_at is not null as erased,
               (select max(e.seq) from conversation_events e
                 where e.tenant_id = c.tenant_id and e.conversation_id = c.id) as max_seq
          from conversations c
          join channels ch on ch.id = c.channel_id and ch.tenant_id = c.tenant_id
          join contacts ct on ct.id = c.contact_id and ct.tenant_id = c.tenant_id
         where c.tenant_id = ${ref.tenantId}::uuid and c.id = ${ref.conversationId}::uuid`);
      const row = rows[0];
      if (!row) return null;
      const state = toState(row);
      // A new conversation (nothing archived) needs no more: its first call stays one query.
      if (state.lastSeq > 0) remember(state, (await tx.execute<IdRow>(idsQuery(ref))).rows);
      return state;
    });
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
    clientIds: [],
    providerIds: [],
  };
}

function idsQuery(ref: ConversationRef) {
  return sql`
    select seq, type, author_kind, author_id, client_id,
           payload->'message'->>'externalId' as inbound_id, payload->>'externalId' as status_id,
           payload->>'messageSeq' as message_seq, payload->>'status' as status,
           (extract(epoch from created_at) * 1000)::bigint as ms
      from conversation_events
     where tenant_id = ${ref.tenantId}::uuid and conversation_id = ${ref.conversationId}::uuid
       and created_at > now() - make_interval(days => ${PROVIDER_ID_DAYS})
       and ((client_id is not null and created_at > now() - make_interval(days => ${CLIENT_ID_DAYS}))
         or (type = 'message.created' and author_kind = 'contact' and payload->'message'->>'externalId' is not null)
         or (type = 'message.status' and payload->>'externalId' is not null))
     order by seq desc
     limit ${MAX_IDS}`;
}

/** Folds the rows into the keys the object's stores use; an outbound id keeps its furthest status. */
function remember(state: RecoveredState, rows: IdRow[]): void {
  const ours = new Map<string, RecoveredState['providerIds'][number]>();
  for (const r of rows) {
    const createdMs = Number(r.ms);
    if (r.client_id)
      state.clientIds.push({
        key: `${r.author_kind}:${r.author_id ?? ''}:${r.client_id}`,
        seq: Number(r.seq),
        createdMs,
      });
    if (r.type === 'message.created' && r.inbound_id)
      state.providerIds.push({
        externalId: r.inbound_id,
        seq: Number(r.seq),
        outbound: false,
        status: 'read',
        createdMs,
      });
    if (r.type === 'message.status' && r.status_id && r.status && r.message_seq !== null) {
      const known = ours.get(r.status_id);
      if (!known || DELIVERY_RANK[r.status] > DELIVERY_RANK[known.status])
        ours.set(r.status_id, {
          externalId: r.status_id,
          seq: Number(r.message_seq),
          outbound: true,
          status: r.status,
          createdMs,
        });
    }
  }
  state.providerIds.push(...ours.values());
}
