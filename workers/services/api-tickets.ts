// Tickets as the public API shows them: one by id (from Postgres, with its assignee's and team's names), or a
// conversation's current ticket from its object's live summary (the ticket's one writer) with the id and
// times of its row once the archive has it.
import { and, eq } from 'drizzle-orm';
import { teams, tickets, users } from '../../drizzle/schema';
import type { InboxSummary, V1Ticket } from '../contract';
import { AppError } from '../errors';
import { type Database, inTenant } from './db';

export async function ticketById(db: Database, tenantId: string, id: string): Promise<V1Ticket> {
  const [row] = await inTenant(db, tenantId, (tx) =>
    tx
      .select({ t: tickets, assigneeName: users.name, teamName: teams.name })
      .from(tickets)
      .leftJoin(users, and(eq(users.id, tickets.assigneeId), eq(users.tenantId, tenantId)))
      .leftJoin(teams, and(eq(teams.id, tickets.teamId), eq(teams.tenantId, tenantId)))
      .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id)))
      .limit(1),
  );
  if (!row) throw new AppError('not_found', 'Ticket not found');
  const { t } = row;
  return {
    id: t.id,
    conversationId: t.conversationId,
    protocol: t.protocol,
    status: t.status,
    priority: t.priority,
    tags: t.tags,
    assigneeName: row.assigneeName,
    teamName: row.teamName,
    openedAt: t.openedAt.toISOString(),
    closedAt: t.closedAt?.toISOString() ?? null,
  };
}

/** The conversation's current ticket from its live summary; id and times from its row when archived. */
export async function ticketOfSummary(db: Database, tenantId: string, s: InboxSummary): Promise<V1Ticket> {
  const protocol = s.protocol;
  const [row] = protocol
    ? await inTenant(db, tenantId, (tx) =>
        tx
          .select({ id: tickets.id, openedAt: tickets.openedAt, closedAt: tickets.closedAt })
          .from(tickets)
          .where(
            and(
              eq(tickets.tenantId, tenantId),
              eq(tickets.conversationId, s.conversationId),
              eq(tickets.protocol, protocol),
            ),
          )
          .limit(1),
      )
    : [];
  return {
    id: row?.id ?? null,
    conversationId: s.conversationId,
    protocol: s.protocol,
    status: s.status,
    priority: s.priority,
    tags: s.tags,
    assigneeName: s.assigneeName,
    teamName: s.teamName,
    openedAt: row?.openedAt.toISOString() ?? null,
    closedAt: s.status === 'closed' ? (row?.closedAt?.toISOString() ?? null) : null,
  };
}
