// The durable copy of conversation events in Postgres: the outbox's idempotent batch write, and reads of
// older events (replica first; if the replica lags and a range has holes, the primary answers).
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { conversationEvents, conversations } from '../../drizzle/schema';
import { type ConversationEvent, type StoredEvent, StoredEvent as StoredEventSchema } from '../contract';
import { type Database, type Databases, inTenant, replicaOf } from './db';

export interface ConversationRef {
  tenantId: string;
  conversationId: string;
}

const PREVIEW_CHARS = 140;

function preview(event: ConversationEvent): string | null {
  return event.type === 'message.created' ? event.message.text.slice(0, PREVIEW_CHARS) : null;
}

/**
 * Writes a batch in one multi-row INSERT … ON CONFLICT DO NOTHING, so a retried batch (the DO crashed after
 * the commit but before recording it) changes nothing; then moves the conversation's summary forward.
 */
export async function archiveEvents(
  primary: Database,
  ref: ConversationRef,
  batch: StoredEvent[],
): Promise<void> {
  const last = batch.at(-1);
  if (!last) return;
  const lastPreview =
    [...batch]
      .reverse()
      .map((e) => preview(e.event))
      .find((p) => p !== null) ?? null;
  await inTenant(primary, ref.tenantId, async (tx) => {
    await tx
      .insert(conversationEvents)
      .values(
        batch.map((e) => ({
          tenantId: ref.tenantId,
          conversationId: ref.conversationId,
          seq: e.seq,
          type: e.event.type,
          authorKind: e.event.message.author.kind,
          authorId: e.event.message.author.id,
          clientId: e.event.message.clientId,
          payload: e.event,
          createdAt: e.createdAt,
        })),
      )
      .onConflictDoNothing();
    await tx
      .update(conversations)
      .set({
        lastSeq: sql`greatest(${conversations.lastSeq}, ${last.seq})`,
        lastActivityAt: sql`greatest(${conversations.lastActivityAt}, ${last.createdAt}::timestamptz)`,
        ...(lastPreview === null ? {} : { lastMessagePreview: lastPreview }),
      })
      .where(eq(conversations.id, ref.conversationId));
  });
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
