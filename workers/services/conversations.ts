// Conversation rows in Postgres: existence checks for the DO and the widget's find-or-create of a thread.
import { and, eq, ne, sql } from 'drizzle-orm';
import { channels, contacts, conversations, tickets } from '../../drizzle/schema';
import { AppError } from '../errors';
import { type Database, inTenant, type Tx } from './db';

export async function conversationExists(primary: Database, tenantId: string, conversationId: string) {
  const rows = await inTenant(primary, tenantId, (tx) =>
    tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.tenantId, tenantId), eq(conversations.id, conversationId)))
      .limit(1),
  );
  return rows.length === 1;
}

export interface WidgetThread {
  conversationId: string;
  visitorId: string;
  protocol: string;
}

/**
 * Finds or creates the visitor's contact, its conversation on the tenant's widget channel and an open
 * ticket (with a protocol number), in one transaction; safe to repeat (every step is an upsert).
 */
export async function openWidgetThread(
  primary: Database,
  tenantId: string,
  visitorId: string,
  name: string | undefined,
): Promise<WidgetThread> {
  return inTenant(primary, tenantId, async (tx) => {
    const [channel] = await tx
      .select({ id: channels.id })
      .from(channels)
      .where(and(eq(channels.tenantId, tenantId), eq(channels.kind, 'widget')))
      .orderBy(channels.createdAt)
      .limit(1);
    if (!channel) throw new AppError('not_found', 'This tenant has no website widget channel');

    const [contact] = await tx
      .insert(contacts)
      .values({ tenantId, visitorId, name: name ?? null })
      .onConflictDoUpdate({
        target: [contacts.tenantId, contacts.visitorId],
        set: { name: sql`coalesce(excluded.name, ${contacts.name})` },
      })
      .returning({ id: contacts.id });
    if (!contact) throw new Error('contact upsert returned nothing');

    const [conversation] = await tx
      .insert(conversations)
      .values({ tenantId, channelId: channel.id, contactId: contact.id })
      .onConflictDoUpdate({
        target: [conversations.tenantId, conversations.channelId, conversations.contactId],
        set: {
          status: sql`case when ${conversations.status} = 'closed' then 'queued' else ${conversations.status} end`,
        },
      })
      .returning({ id: conversations.id });
    if (!conversation) throw new Error('conversation upsert returned nothing');

    const protocol = await ensureOpenTicket(tx, tenantId, conversation.id);
    return { conversationId: conversation.id, visitorId, protocol };
  });
}

export async function ensureOpenTicket(tx: Tx, tenantId: string, conversationId: string): Promise<string> {
  const open = () =>
    tx
      .select({ protocol: tickets.protocol })
      .from(tickets)
      .where(
        and(
          eq(tickets.tenantId, tenantId),
          eq(tickets.conversationId, conversationId),
          ne(tickets.status, 'closed'),
        ),
      )
      .limit(1);
  const [existing] = await open();
  if (existing) return existing.protocol;
  await tx
    .insert(tickets)
    .values({
      tenantId,
      conversationId,
      protocol: sql`fio_next_protocol(${tenantId}::uuid)`,
      status: 'queued',
    })
    .onConflictDoNothing();
  const [created] = await open();
  if (!created) throw new Error('ticket was not created');
  return created.protocol;
}
