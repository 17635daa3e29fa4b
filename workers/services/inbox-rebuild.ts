// The first time a tenant's inbox object runs it has no summaries: it reads the open conversations (and those
// closed in the last few days) from Postgres. Anything a conversation object pushes afterwards replaces these.
import { sql } from 'drizzle-orm';
import { INBOX_CLOSED_KEEP_MS, type InboxSummary, summarizeSla } from '../contract';
import {
  CARD_COLUMNS,
  CARD_JOINS,
  type CardRow,
  cardFromRow,
  continuationOf,
  ticketFromRow,
} from './conversation-card';
import { type Database, inTenant } from './db';

/**
 * Open conversations come first (routing needs every queued one), then the recently closed; beyond this,
 * older closed conversations are reached through search.
 */
const REBUILD_LIMIT = 20_000;

interface Row extends CardRow {
  id: string;
  last_seq: number | string;
  preview: string | null;
  last_activity_at: Date | string;
}

export async function loadInboxSummaries(db: Database, tenantId: string): Promise<InboxSummary[]> {
  const closedSince = new Date(Date.now() - INBOX_CLOSED_KEEP_MS).toISOString();
  const rows = await inTenant(db, tenantId, async (tx) => {
    const r = await tx.execute<Row>(
      sql`select ${sql.raw(CARD_COLUMNS)}, c.id, c.last_seq, c.last_message_preview as preview, c.last_activity_at
          ${sql.raw(CARD_JOINS)}
          where c.tenant_id = ${tenantId}::uuid
            and (c.status <> 'closed' or c.last_activity_at > ${closedSince}::timestamptz)
          order by (c.status <> 'closed') desc, c.last_activity_at desc
          limit ${REBUILD_LIMIT}`,
    );
    return r.rows;
  });
  return rows.map((r) => {
    const at = new Date(r.last_activity_at).toISOString();
    const card = cardFromRow(r);
    const ticket = ticketFromRow(r);
    const status = ticket?.status ?? 'closed';
    return {
      conversationId: r.id,
      channelId: card.channelId,
      channelKind: card.channelKind,
      contact: card.contact,
      status,
      protocol: ticket?.protocol ?? null,
      priority: ticket?.priority ?? 3,
      teamId: ticket?.teamId ?? null,
      teamName: ticket?.teamName ?? null,
      assigneeId: ticket?.assigneeId ?? null,
      assigneeName: ticket?.assigneeName ?? null,
      tags: ticket?.tags ?? [],
      lastSeq: Number(r.last_seq),
      // Who wrote last is not in the row; the conversation's own summary replaces this at its next change.
      lastMessage:
        r.preview === null ? null : { text: r.preview, authorKind: 'contact', attachment: null, at },
      unread: 0,
      waitingSince: status === 'queued' ? (ticket?.openedAt ?? null) : null,
      updatedAt: at,
      ...continuationOf(ticket),
      // Routing order after a rebuild: when it entered the queue (its opening when never recorded).
      ...(status === 'queued' ? { queuedAt: ticket?.queuedAt ?? ticket?.openedAt ?? at } : {}),
      // The SLA as last archived; the conversation's own summary replaces it at its next change.
      ...(ticket?.sla ? { sla: summarizeSla(ticket.sla) } : {}),
    };
  });
}
