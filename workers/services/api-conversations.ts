// Conversations as the public API lists and reads them: the tenant's conversations newest activity first
// (keyset cursor, optional status and contact), and one conversation with its channel. Lists read the
// replica; a single read uses the primary (an integration often reads what it just caused).
import { and, desc, eq, sql } from 'drizzle-orm';
import { contacts, conversations } from '../../drizzle/schema';
import type { V1Conversation } from '../contract';
import { AppError } from '../errors';
import { activityCursor } from './activity-cursor';
import { type Database, inTenant } from './db';

type Row = { conversation: typeof conversations.$inferSelect; contact: typeof contacts.$inferSelect };

function view({ conversation: v, contact }: Row): V1Conversation {
  return {
    id: v.id,
    channelId: v.channelId,
    contact: { id: contact.id, name: contact.name, phone: contact.phone },
    status: v.status,
    lastSeq: v.lastSeq,
    lastMessagePreview: v.lastMessagePreview,
    lastEventAt: v.lastSeq > 0 ? v.lastActivityAt.toISOString() : null,
    createdAt: v.createdAt.toISOString(),
  };
}

export interface ConversationFilter {
  status?: V1Conversation['status'];
  contactId?: string;
  cursor?: string;
  limit: number;
}

export async function listConversations(
  db: Database,
  tenantId: string,
  q: ConversationFilter,
): Promise<{ conversations: V1Conversation[]; nextCursor: string | null }> {
  const after = q.cursor ? activityCursor.decode(q.cursor) : null;
  const rows = await inTenant(db, tenantId, (tx) =>
    tx
      .select({ conversation: conversations, contact: contacts })
      .from(conversations)
      .innerJoin(contacts, and(eq(contacts.id, conversations.contactId), eq(contacts.tenantId, tenantId)))
      .where(
        and(
          eq(conversations.tenantId, tenantId),
          q.status ? eq(conversations.status, q.status) : undefined,
          q.contactId ? eq(conversations.contactId, q.contactId) : undefined,
          after
            ? sql`(${conversations.lastActivityAt}, ${conversations.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
      .limit(q.limit + 1),
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    conversations: page.map(view),
    nextCursor:
      rows.length > q.limit && last
        ? activityCursor.encode(last.conversation.lastActivityAt, last.conversation.id)
        : null,
  };
}

/** The conversation, or 404 when it is not this tenant's. */
export async function readConversation(db: Database, tenantId: string, id: string): Promise<V1Conversation> {
  const [row] = await inTenant(db, tenantId, (tx) =>
    tx
      .select({ conversation: conversations, contact: contacts })
      .from(conversations)
      .innerJoin(contacts, and(eq(contacts.id, conversations.contactId), eq(contacts.tenantId, tenantId)))
      .where(and(eq(conversations.tenantId, tenantId), eq(conversations.id, id)))
      .limit(1),
  );
  if (!row) throw new AppError('not_found', 'Conversation not found');
  return view(row);
}
