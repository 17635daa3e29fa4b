// Opens a new ticket (a new protocol number) for a conversation whose last one is closed: a customer wrote
// again, or an agent reopened it. The object is the ticket's one writer, but the widget's session route may
// already have opened one: that one is adopted. The closed ticket may not have reached Postgres yet (the
// outbox is asynchronous), so it is closed here first, or the unique "one open ticket" index would refuse.
// A ticket opened for the queue starts with the bot instead when its channel has one (bot-start.ts).
import { sql } from 'drizzle-orm';
import type { TicketSnapshot } from '../contract';
import { ticketStartStatus } from './bot-start';
import type { ConversationRef } from './conversation-names';
import { type Database, inTenant } from './db';

export interface TicketOpening {
  /** 'queued' becomes 'bot' on a bot channel with a published flow; 'assigned' (a reopen) stays. */
  status: 'queued' | 'assigned';
  assigneeId: string | null;
  assigneeName: string | null;
  teamId: string | null;
  teamName: string | null;
  priority: number;
}

/** An open ticket's row as the opening statements return it. */
export interface OpenTicketRow extends Record<string, unknown> {
  id: string;
  protocol: string;
  status: TicketSnapshot['status'];
  priority: number;
  team_id: string | null;
  assignee_id: string | null;
  tags: string[];
  opened_at: Date | string;
}

export async function openTicket(
  primary: Database,
  ref: ConversationRef,
  closed: TicketSnapshot | null,
  opening: TicketOpening,
): Promise<TicketSnapshot> {
  return inTenant(primary, ref.tenantId, async (tx) => {
    if (closed) {
      await tx.execute(
        sql`update tickets set status = 'closed', closed_at = coalesce(closed_at, ${closed.closedAt}::timestamptz),
              assignee_id = ${closed.assigneeId}::uuid, team_id = ${closed.teamId}::uuid
            where tenant_id = ${ref.tenantId}::uuid and id = ${closed.ticketId}::uuid and status <> 'closed'`,
      );
    }
    const existing = await tx.execute<OpenTicketRow>(
      sql`select id, protocol, status, priority, team_id, assignee_id, tags, opened_at from tickets
          where tenant_id = ${ref.tenantId}::uuid and conversation_id = ${ref.conversationId}::uuid
            and status <> 'closed' limit 1`,
    );
    const adopted = existing.rows[0];
    if (adopted) return snapshotOf(adopted, opening);
    const status =
      opening.status === 'queued'
        ? await ticketStartStatus(tx, ref.tenantId, ref.conversationId)
        : opening.status;
    const inserted = await tx.execute<OpenTicketRow>(
      sql`insert into tickets (tenant_id, conversation_id, protocol, status, priority, team_id, assignee_id)
          values (${ref.tenantId}::uuid, ${ref.conversationId}::uuid, fio_next_protocol(${ref.tenantId}::uuid),
                  ${status}, ${opening.priority}, ${opening.teamId}::uuid, ${opening.assigneeId}::uuid)
          returning id, protocol, status, priority, team_id, assignee_id, tags, opened_at`,
    );
    await tx.execute(
      sql`update conversations set status = ${status}
          where tenant_id = ${ref.tenantId}::uuid and id = ${ref.conversationId}::uuid`,
    );
    const row = inserted.rows[0];
    if (!row) throw new Error('ticket insert returned nothing');
    return snapshotOf(row, opening);
  });
}

/** The row as a snapshot; names are known only for the team and agent the opening named. */
export function snapshotOf(
  row: OpenTicketRow,
  opening: Pick<TicketOpening, 'teamId' | 'teamName' | 'assigneeId' | 'assigneeName'>,
): TicketSnapshot {
  return {
    ticketId: row.id,
    protocol: row.protocol,
    status: row.status,
    priority: row.priority,
    teamId: row.team_id,
    teamName: row.team_id !== null && row.team_id === opening.teamId ? opening.teamName : null,
    assigneeId: row.assignee_id,
    assigneeName:
      row.assignee_id !== null && row.assignee_id === opening.assigneeId ? opening.assigneeName : null,
    tags: row.tags,
    openedAt: new Date(row.opened_at).toISOString(),
    closedAt: null,
  };
}
