// Reads of older conversation events from Postgres (replica first; if the replica lags and a range has holes,
// the primary answers). The outbox's write is in archive-statement.ts.
import { and, eq, gt, lt } from 'drizzle-orm';
import { conversationEvents } from '../../drizzle/schema';
import { type StoredEvent, StoredEvent as StoredEventSchema } from '../contract';
import type { ConversationRef } from './conversation-names';
import { type Database, type Databases, inTenant, replicaOf } from './db';

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
          eq(conversationEvents.tenantId, ref.tenantId),
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
