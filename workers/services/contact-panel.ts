// The contact panel beside a conversation: who the customer is (editable name, email, CPF/CNPJ) and every
// ticket they have had, newest first, with its protocol number, assignee and team. Every table is filtered by
// the tenant explicitly, as well as by row-level security.
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { contacts, conversations, teams, tickets, users } from '../../drizzle/schema';
import { ContactAttributes, type ContactPanelResponse, type UpdateContactRequest } from '../contract';
import { AppError } from '../errors';
import type { Tx } from './db';

export async function loadContactPanel(
  tx: Tx,
  tenantId: string,
  contactId: string,
): Promise<ContactPanelResponse> {
  const [contact] = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)))
    .limit(1);
  if (!contact) throw new AppError('not_found', 'Contact not found');
  const rows = await tx
    .select({ ticket: tickets, assigneeName: users.name, teamName: teams.name })
    .from(tickets)
    .innerJoin(
      conversations,
      and(eq(conversations.id, tickets.conversationId), eq(conversations.tenantId, tenantId)),
    )
    .leftJoin(users, and(eq(users.id, tickets.assigneeId), eq(users.tenantId, tenantId)))
    .leftJoin(teams, and(eq(teams.id, tickets.teamId), eq(teams.tenantId, tenantId)))
    .where(and(eq(tickets.tenantId, tenantId), eq(conversations.contactId, contactId)))
    .orderBy(desc(tickets.openedAt), desc(tickets.id));
  return {
    contact: {
      id: contact.id,
      name: contact.name,
      phone: contact.phone,
      email: contact.email,
      cpfCnpj: contact.cpfCnpj,
      tags: contact.tags,
      attributes: contactAttributes(contact.attributes),
      createdAt: contact.createdAt.toISOString(),
    },
    tickets: rows.map(({ ticket: t, assigneeName, teamName }) => ({
      id: t.id,
      conversationId: t.conversationId,
      protocol: t.protocol,
      status: t.status,
      priority: t.priority,
      assigneeName,
      teamName,
      tags: t.tags,
      openedAt: t.openedAt.toISOString(),
      closedAt: t.closedAt?.toISOString() ?? null,
    })),
  };
}

/** Stored attributes as the contract's shape (a row written before the contract's rules reads as none). */
function contactAttributes(stored: unknown): ContactAttributes {
  const parsed = ContactAttributes.safeParse(stored ?? {});
  return parsed.success ? parsed.data : {};
}

/** CPF/CNPJ arrive already reduced to digits by the contract's schema. */
export async function updateContact(
  tx: Tx,
  tenantId: string,
  contactId: string,
  change: z.infer<typeof UpdateContactRequest>,
): Promise<void> {
  const updated = await tx
    .update(contacts)
    .set(change)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)))
    .returning({ id: contacts.id });
  if (updated.length === 0) throw new AppError('not_found', 'Contact not found');
}

/** The contact's conversations: each one's object shows the contact's name in the inbox. */
export async function contactConversationIds(tx: Tx, tenantId: string, contactId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.tenantId, tenantId), eq(conversations.contactId, contactId)));
  return rows.map((r) => r.id);
}
