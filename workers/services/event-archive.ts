// The durable copy of conversation events in Postgres: the outbox's idempotent batch statement, and reads of
// older events (replica first; if the replica lags and a range has holes, the primary answers).
import { and, eq, gt, lt } from 'drizzle-orm';
import { conversationEvents } from '../../drizzle/schema';
import {
  type ConversationEvent,
  eventAuthor,
  eventClientId,
  type StoredEvent,
  StoredEvent as StoredEventSchema,
} from '../contract';
import type { ConversationRef } from './conversation-names';
import { type Database, type Databases, inTenant, replicaOf } from './db';
import { serviceWindowAfter } from './service-window';

const PREVIEW_CHARS = 140;

function preview(event: ConversationEvent): string | null {
  if (event.type !== 'message.created') return null;
  const m = event.message;
  const text = m.text || m.attachment?.filename || (m.attachment ? `[${m.attachment.kind}]` : '');
  const label = m.location ? 'location' : m.reaction ? (m.reaction.emoji ?? 'reaction') : m.unsupported?.type;
  return (text || `[${label ?? 'message'}]`).slice(0, PREVIEW_CHARS);
}

/** When the newest customer message in the batch keeps WhatsApp's service window open until, if any. */
function windowExpiry(batch: StoredEvent[]): string | null {
  const last = batch.findLast(
    (e) => e.event.type === 'message.created' && e.event.message.author.kind === 'contact',
  );
  return last ? serviceWindowAfter(new Date(last.createdAt)).toISOString() : null;
}

export interface Statement {
  text: string;
  values: unknown[];
}

/**
 * One statement per batch: the rows go in through unnest (a fixed 11 parameters whatever the batch size),
 * ON CONFLICT DO NOTHING makes a retried batch a no-op, and the conversation's summary moves forward in
 * the same statement, so both commit together in one round trip. RLS applies: the connection's tenant
 * must be `ref.tenantId`.
 */
export function archiveStatement(ref: ConversationRef, batch: StoredEvent[]): Statement {
  if (batch.length === 0) throw new Error('empty batch');
  const lastPreview =
    [...batch]
      .reverse()
      .map((e) => preview(e.event))
      .find((p) => p !== null) ?? null;
  return {
    text: `
      with rows as (
        select * from unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::timestamptz[])
          as r(seq, type, author_kind, author_id, client_id, payload, created_at)
      ), inserted as (
        insert into conversation_events
          (tenant_id, conversation_id, seq, type, author_kind, author_id, client_id, payload, created_at)
        select $1::uuid, $2::uuid, seq, type, author_kind, author_id, client_id, payload, created_at from rows
        on conflict do nothing
        returning seq
      )
      update conversations set
        last_seq = greatest(last_seq, (select max(seq) from rows)),
        -- delivery receipts and downloads are not activity: they must not reorder the inbox
        last_activity_at = greatest(last_activity_at, (select max(created_at) from rows where type = 'message.created')),
        -- a late, older batch (a retry) must not put an older message back in the inbox preview
        last_message_preview = case when (select max(seq) from rows) >= last_seq
          then coalesce($10::text, last_message_preview) else last_message_preview end,
        service_window_expires_at = greatest(service_window_expires_at, $11::timestamptz)
      where id = $2::uuid
      returning (select count(*) from inserted) as inserted`,
    values: [
      ref.tenantId,
      ref.conversationId,
      batch.map((e) => e.seq),
      batch.map((e) => e.event.type),
      batch.map((e) => eventAuthor(e.event).kind),
      batch.map((e) => eventAuthor(e.event).id),
      batch.map((e) => eventClientId(e.event)),
      batch.map((e) => JSON.stringify(e.event)),
      batch.map((e) => e.createdAt),
      lastPreview,
      windowExpiry(batch),
    ],
  };
}

type Row = { seq: number; payload: unknown; createdAt: string };

function toStored(ref: ConversationRef, row: Row): StoredEvent {
  return StoredEventSchema.parse({
    seq: Number(row.seq),
    conversationId: ref.conversationId,
    createdAt: new Date(row.createdAt).toISOString(),
    event: row.payload,
  });
}

async function selectRange(
  database: Database,
  ref: ConversationRef,
  range: { after?: number; before?: number },
  limit: number,
): Promise<StoredEvent[]> {
  const rows = await inTenant(database, ref.tenantId, (tx) =>
    tx
      .select({
        seq: conversationEvents.seq,
        payload: conversationEvents.payload,
        createdAt: conversationEvents.createdAt,
      })
      .from(conversationEvents)
      .where(
        and(
          eq(conversationEvents.conversationId, ref.conversationId),
          range.after === undefined ? undefined : gt(conversationEvents.seq, range.after),
          range.before === undefined ? undefined : lt(conversationEvents.seq, range.before),
        ),
      )
      .orderBy(conversationEvents.seq)
      .limit(limit),
  );
  return rows.map((r) => toStored(ref, r));
}

/** True when `events` (ascending) are exactly the seqs from..to with no hole. */
function contiguous(events: StoredEvent[], from: number, to: number): boolean {
  if (events.length !== to - from + 1) return false;
  return events.every((e, i) => e.seq === from + i);
}

/**
 * Events with seq in [from, to] (all of which are known to be flushed), ascending. Tries a replica; a
 * replica that has not caught up yet shows holes, and then the primary is asked.
 */
export async function readArchivedRange(
  dbs: Pick<Databases, 'db' | 'primary'>,
  ref: ConversationRef,
  from: number,
  to: number,
): Promise<StoredEvent[]> {
  if (to < from) return [];
  const limit = to - from + 1;
  const replica = replicaOf(dbs.db);
  if (replica !== dbs.primary) {
    const fromReplica = await selectRange(replica, ref, { after: from - 1, before: to + 1 }, limit);
    if (contiguous(fromReplica, from, to)) return fromReplica;
  }
  const fromPrimary = await selectRange(dbs.primary, ref, { after: from - 1, before: to + 1 }, limit);
  if (!contiguous(fromPrimary, from, to)) {
    throw new Error(`archive is missing events ${from}..${to} of conversation ${ref.conversationId}`);
  }
  return fromPrimary;
}
