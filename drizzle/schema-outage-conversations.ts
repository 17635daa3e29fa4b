// Which conversations the bot told about an outage (issue 15, part cd): the outage's conversation count,
// the inbox grouping after a reload, and who gets the resolution notice. Written by the conversation object.
import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { contacts, conversations, tenants } from './schema';
import { outages } from './schema-outreach';

export const outageConversations = pgTable(
  'outage_conversations',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    outageId: uuid('outage_id')
      .notNull()
      .references(() => outages.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    /** The ticket the customer wrote on (its protocol is what the bot quoted). */
    ticketId: uuid('ticket_id'),
    /** E.164 digits without '+', for the resolution notice. */
    phone: text('phone'),
    toldAt: timestamp('told_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.outageId, t.conversationId] }),
    index('outage_conversations_tenant_idx').on(t.tenantId, t.outageId),
  ],
);
