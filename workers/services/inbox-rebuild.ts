// The first time a tenant's inbox object runs it has no summaries: it reads the open conversations (and those
// closed in the last few days) from Postgres. Anything a conversation object pushes afterwards replaces these.
import { sql } from 'drizzle-orm';
import { INBOX_CLOSED_KEEP_MS, type InboxSummary } from '../contract';
import type { ChannelKind } from './conversation-card';
import { type Database, inTenant } from './db';

/** Enough for any one ISP's open work; older closed conversations are reached through search. */
const REBUILD_LIMIT = 5_000;

interface Row extends Record<string, unknown> {
  id: string;
  channel_id: string;
  channel_kind: ChannelKind;
  contact_id: string;
  contact_name: string | null;
  contact_phone: string | null;
  status: InboxSummary['status'];
  protocol: string | null;
  priority: number | null;
  team_id: string | null;
  team_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  tags: string[] | null;
  last_seq: number | string;
  preview: string | null;
  last_activity_at: Date | string;
  opened_at: Date | string | null;
}

export async function loadInboxSummaries(db: Database, tenantId: string): Promise<InboxSummary[]> {
  const closedSince = new Date(Date.now() - INBOX_CLOSED_KEEP_MS).toISOString();
  const rows = await inTenant(db, tenantId, async (tx) => {
    const r = await tx.execute<Row>(
      sql`select c.id, c.channel_id, ch.kind as channel_kind, k.id as contact_id, k.name as contact_name,
                 k.phone as contact_phone, coalesce(t.status, 'closed') as status, t.protocol, t.priority,
                 t.team_id, tm.name as team_name, t.assignee_id, u.name as assignee_name, t.tags, c.last_seq,
                 c.last_message_preview as preview, c.last_activity_at, t.opened_at
            from conversations c
            join channels ch on ch.id = c.channel_id
            join contacts k on k.id = c.contact_id
            left join lateral (
              select * from tickets t where t.conversation_id = c.id
              order by (t.status <> 'closed') desc, t.opened_at desc limit 1
            ) t on true
            left join teams tm on tm.id = t.team_id
            left join users u on u.id = t.assignee_id
           where c.status <> 'closed' or c.last_activity_at > ${closedSince}::timestamptz
           order by c.last_activity_at desc
           limit ${REBUILD_LIMIT}`,
    );
    return r.rows;
  });
  return rows.map((r) => {
    const at = new Date(r.last_activity_at).toISOString();
    return {
      conversationId: r.id,
      channelId: r.channel_id,
      channelKind: r.channel_kind,
      contact: { id: r.contact_id, name: r.contact_name, phone: r.contact_phone },
      status: r.status,
      protocol: r.protocol,
      priority: r.priority ?? 3,
      teamId: r.team_id,
      teamName: r.team_name,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
      tags: r.tags ?? [],
      lastSeq: Number(r.last_seq),
      // Who wrote last is not in the row; the conversation's own summary replaces this at its next change.
      lastMessage:
        r.preview === null ? null : { text: r.preview, authorKind: 'contact', attachment: null, at },
      unread: 0,
      waitingSince: r.status === 'queued' && r.opened_at ? new Date(r.opened_at).toISOString() : null,
      updatedAt: at,
    };
  });
}
