// Continue a customer on another number in one step (POST /api/conversations/:id/continue): the number of
// their thread turned unhealthy, so an agent moves them to a healthy number of the tenant. Everything a
// caller can get wrong is checked before anything is stored or sent: number B (the tenant's, live, WhatsApp,
// healthy, not the same), the template (approved on B, parameters fit), the ticket (open, and the agent's to
// act on). Then: the thread of the same contact on B (created when none, linked by
// continued_from_conversation_id); the old ticket closed as `continued` (continuedIn); the new thread's
// ticket opened with the SAME protocol (continuedFrom, continued_from_ticket_id), same team, priority and
// tags, assigned to the agent; and the template sent from B (the customer has no window there).
// Idempotent on clientId: a retried click finds each step done (the old ticket already continued there, the
// new ticket adopted, the template deduped by clientId) and answers the same thread, sending nothing twice.
import { and, eq, sql } from 'drizzle-orm';
import { channels, contacts, conversations } from '../../drizzle/schema';
import type { ChannelBinding } from '../../durable-objects/conversation/rpc';
import type { Author, ContinueOnNumberRequest, InboxSummary } from '../contract';
import type { Env } from '../env';
import { AppError } from '../errors';
import { renderApprovedTemplate } from './approved-template';
import { conversationObjectName } from './conversation-names';
import { type Database, inTenant } from './db';
import { pickHealthyNumber } from './number-pool';

export interface ContinueActor {
  id: string;
  name: string;
  /** Supervisors and above may act on any ticket; agents on their own and unassigned ones. */
  actsOnAnyTicket: boolean;
}

interface OldThread {
  channelId: string;
  channelName: string;
  contactId: string;
  phone: string | null;
  userId: string | null;
}

async function oldThread(db: Database, tenantId: string, conversationId: string): Promise<OldThread> {
  const [row] = await inTenant(db, tenantId, (tx) =>
    tx
      .select({
        channelId: conversations.channelId,
        channelName: channels.name,
        contactId: conversations.contactId,
        phone: contacts.phone,
        userId: contacts.whatsappUserId,
      })
      .from(conversations)
      .innerJoin(channels, and(eq(channels.id, conversations.channelId), eq(channels.tenantId, tenantId)))
      .innerJoin(contacts, and(eq(contacts.id, conversations.contactId), eq(contacts.tenantId, tenantId)))
      .where(and(eq(conversations.tenantId, tenantId), eq(conversations.id, conversationId)))
      .limit(1),
  );
  if (!row) throw new AppError('not_found', 'Conversation not found');
  return row;
}

/** The contact's thread on number B, created (linked to the old one) when there is none. */
async function threadOn(
  db: Database,
  tenantId: string,
  channelId: string,
  contactId: string,
  fromConversationId: string,
): Promise<string> {
  const [row] = await inTenant(db, tenantId, (tx) =>
    tx
      .insert(conversations)
      .values({
        tenantId,
        channelId,
        contactId,
        status: 'assigned',
        continuedFromConversationId: fromConversationId,
      })
      .onConflictDoUpdate({
        target: [conversations.tenantId, conversations.channelId, conversations.contactId],
        set: {
          continuedFromConversationId: sql`coalesce(${conversations.continuedFromConversationId}, excluded.continued_from_conversation_id)`,
        },
      })
      .returning({ id: conversations.id }),
  );
  if (!row) throw new Error('conversation upsert returned nothing');
  return row.id;
}

/** An open ticket of the contact's thread on B that is not this continuation: continuing would make two. */
async function otherOpenTicketOn(db: Database, tenantId: string, channelId: string, contactId: string) {
  const { rows } = await inTenant(db, tenantId, (tx) =>
    tx.execute<{ id: string; continued_from_ticket_id: string | null }>(
      sql`select t.id, t.continued_from_ticket_id from tickets t
          join conversations c on c.id = t.conversation_id and c.tenant_id = t.tenant_id
          where c.tenant_id = ${tenantId}::uuid and c.channel_id = ${channelId}::uuid
            and c.contact_id = ${contactId}::uuid and t.status <> 'closed' limit 1`,
    ),
  );
  return rows[0] ?? null;
}

export async function continueOnNumber(
  env: Env,
  db: Database,
  tenantId: string,
  conversationId: string,
  req: ContinueOnNumberRequest,
  actor: ContinueActor,
): Promise<{ conversationId: string; seq: number; duplicate: boolean }> {
  const old = await oldThread(db, tenantId, conversationId);
  if (req.channelId === old.channelId) {
    throw new AppError('validation_failed', 'Choose another number: the customer is already on this one', [
      { path: 'channelId', message: 'same number as the conversation' },
    ]);
  }
  // Unknown, removed, another tenant's or not WhatsApp: 404; unhealthy: 409 naming the healthy ones.
  const target = await pickHealthyNumber(db, tenantId, req.channelId);
  const text = await renderApprovedTemplate(db, tenantId, target.channelId, req.template);
  if (!old.phone && !(target.kind === 'whatsapp_cloud' && old.userId)) {
    throw new AppError('validation_failed', 'This contact has no phone number to reach on another number');
  }
  const stubA = env.CONVERSATIONS.getByName(conversationObjectName(tenantId, conversationId));
  const refA = { tenantId, conversationId };
  const summary: InboxSummary | null = await stubA.inboxSummary(refA);
  if (!summary) throw new AppError('not_found', 'Conversation not found');
  const by: Author = { kind: 'agent', id: actor.id, name: actor.name };
  const alreadyThere = await otherOpenTicketOn(db, tenantId, target.channelId, old.contactId);
  if (alreadyThere && !alreadyThere.continued_from_ticket_id) {
    throw new AppError('conflict', 'The customer has an open ticket on that number: answer them there');
  }
  if (summary.status === 'closed') {
    // A retry of a continue that went through: the same thread, the template deduped below.
    if (!alreadyThere) throw new AppError('conflict', 'This conversation has no open ticket to continue');
  } else if (summary.assigneeId && summary.assigneeId !== actor.id && !actor.actsOnAnyTicket) {
    throw new AppError('forbidden', `This ticket is ${summary.assigneeName ?? 'another agent'}'s`);
  }
  // Checked: from here on things are stored.
  const newId = await threadOn(db, tenantId, target.channelId, old.contactId, conversationId);
  const refB = { tenantId, conversationId: newId };
  const moved = await stubA.continueTicketIn(
    refA,
    by,
    { conversationId: newId, channelName: target.name },
    req.clientId,
  );
  if (!moved) throw new AppError('not_found', 'Conversation not found');
  if (!moved.ok) throw new AppError('conflict', moved.message);
  const stubB = env.CONVERSATIONS.getByName(conversationObjectName(tenantId, newId));
  const binding: ChannelBinding = {
    channelId: target.channelId,
    kind: target.kind,
    to: old.phone,
    userId: target.kind === 'whatsapp_cloud' ? old.userId : null,
  };
  const opened = await stubB.openContinued(refB, binding, by, {
    from: moved.ticket,
    fromConversationId: conversationId,
    fromChannelName: old.channelName,
    agent: { id: actor.id, name: actor.name },
  });
  if (!opened) throw new Error('new thread refused its identity');
  if (!opened.ok) throw new AppError(opened.code, opened.message);
  const posted = await stubB.postMessage(refB, {
    author: by,
    clientId: req.clientId,
    text,
    template: req.template,
  });
  if (!posted) throw new Error('new thread not found');
  if (!posted.ok) throw new AppError(posted.code, posted.message);
  return { conversationId: newId, seq: posted.seq, duplicate: posted.duplicate };
}
