// The ticket of a thread that continues another (the customer's number turned unhealthy and an agent moved
// them to another of the tenant's numbers): one demand keeps one protocol, so the new ticket takes the old
// one's protocol (the protocol index excludes continued tickets), team, priority and tags, is assigned to the
// agent who continued it, and records where it came from; the old ticket records where it went on. Called by
// the new thread's conversation object (the ticket's one writer); a retry adopts what an earlier try opened.
import { sql } from 'drizzle-orm';
import type { TicketSnapshot } from '../contract';
import type { ConversationRef } from './conversation-names';
import { type Database, inTenant } from './db';
import { type OpenTicketRow, snapshotOf } from './ticket-open';

export interface ContinuedOpening {
  from: TicketSnapshot;
  fromConversationId: string;
  fromChannelName: string;
  agent: { id: string; name: string };
}

interface Row extends OpenTicketRow {
  continued_from_ticket_id: string | null;
}

/** The continued ticket, or null when the conversation already has another open ticket (nothing changed). */
export async function openContinuedTicket(
  primary: Database,
  ref: ConversationRef,
  o: ContinuedOpening,
): Promise<TicketSnapshot | null> {
  return inTenant(primary, ref.tenantId, async (tx) => {
    const open = await tx.execute<Row>(
      sql`select id, protocol, status, priority, team_id, assignee_id, tags, opened_at, continued_from_ticket_id
          from tickets where tenant_id = ${ref.tenantId}::uuid and conversation_id = ${ref.conversationId}::uuid
            and status <> 'closed' limit 1`,
    );
    const existing = open.rows[0];
    if (existing && existing.continued_from_ticket_id !== o.from.ticketId) return null;
    const row =
      existing ??
      (
        await tx.execute<Row>(
          sql`insert into tickets (tenant_id, conversation_id, protocol, status, priority, team_id, assignee_id,
                tags, continued_from_ticket_id)
              values (${ref.tenantId}::uuid, ${ref.conversationId}::uuid, ${o.from.protocol}, 'assigned',
                ${o.from.priority}, ${o.from.teamId}::uuid, ${o.agent.id}::uuid, array(select jsonb_array_elements_text(${JSON.stringify(o.from.tags)}::jsonb)),
                ${o.from.ticketId}::uuid)
              returning id, protocol, status, priority, team_id, assignee_id, tags, opened_at,
                continued_from_ticket_id`,
        )
      ).rows[0];
    if (!row) throw new Error('continued ticket insert returned nothing');
    await tx.execute(
      sql`update conversations set status = 'assigned',
            continued_from_conversation_id = coalesce(continued_from_conversation_id, ${o.fromConversationId}::uuid)
          where tenant_id = ${ref.tenantId}::uuid and id = ${ref.conversationId}::uuid`,
    );
    await tx.execute(
      sql`update tickets set continued_in_conversation_id = ${ref.conversationId}::uuid
          where tenant_id = ${ref.tenantId}::uuid and id = ${o.from.ticketId}::uuid`,
    );
    return {
      ...snapshotOf(row, {
        teamId: o.from.teamId,
        teamName: o.from.teamName,
        assigneeId: o.agent.id,
        assigneeName: o.agent.name,
      }),
      continuedFrom: { conversationId: o.fromConversationId, channelName: o.fromChannelName },
    };
  });
}
