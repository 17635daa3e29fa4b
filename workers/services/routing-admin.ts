// The routing screen's reads and writes: the tenant's routing as the admin edits it (from the same service
// setup the tenant inbox routes by), a team's routing (mode, default capacity, requeue limits, own hours) and
// an agent's own capacity. Every query names the tenant as well as running under row-level security; an id
// of another tenant reads exactly like an unknown one.
import { and, eq } from 'drizzle-orm';
import { teamMembers, teams, users } from '../../drizzle/schema';
import type { RoutingConfig, UpdateTeamRoutingRequest } from '../contract';
import { AppError } from '../errors';
import type { Database, Tx } from './db';
import { loadServiceSetup } from './service-setup';

export type TeamRoutingView = RoutingConfig['teams'][number];

/** GET /api/routing: the tenant default, every team's routing with its members, every active agent. */
export async function loadRoutingConfig(db: Database, tenantId: string): Promise<RoutingConfig> {
  const setup = await loadServiceSetup(db, tenantId);
  // The setup's team and agent shapes are the contract's, field for field.
  return { defaultCapacity: setup.settings.defaultCapacity, teams: setup.teams, agents: setup.agents };
}

type TeamRow = typeof teams.$inferSelect;

function teamView(row: TeamRow, memberIds: string[]): TeamRoutingView {
  return {
    id: row.id,
    name: row.name,
    mode: row.routingMode,
    defaultCapacity: row.defaultCapacity,
    requeueOfflineSeconds: row.requeueOfflineSeconds,
    requeueUnansweredMinutes: row.requeueUnansweredMinutes,
    // Written only through the contract's BusinessHours, so it reads back as one.
    businessHours: (row.businessHours ?? null) as TeamRoutingView['businessHours'],
    memberIds,
  };
}

async function teamRow(tx: Tx, tenantId: string, id: string): Promise<TeamRow> {
  const [row] = await tx
    .select()
    .from(teams)
    .where(and(eq(teams.tenantId, tenantId), eq(teams.id, id)))
    .limit(1);
  if (!row) throw new AppError('not_found', 'Team not found');
  return row;
}

async function memberIdsOf(tx: Tx, tenantId: string, teamId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.tenantId, tenantId), eq(teamMembers.teamId, teamId)));
  return rows.map((r) => r.userId);
}

/** Changes only the fields sent; answers the team's routing before and after (for the audit entry). */
export async function updateTeamRouting(
  tx: Tx,
  tenantId: string,
  id: string,
  req: UpdateTeamRoutingRequest,
): Promise<{ before: TeamRoutingView; after: TeamRoutingView }> {
  const beforeRow = await teamRow(tx, tenantId, id);
  const memberIds = await memberIdsOf(tx, tenantId, id);
  const set: Partial<TeamRow> = {};
  if (req.mode !== undefined) set.routingMode = req.mode;
  if (req.defaultCapacity !== undefined) set.defaultCapacity = req.defaultCapacity;
  if (req.requeueOfflineSeconds !== undefined) set.requeueOfflineSeconds = req.requeueOfflineSeconds;
  if (req.requeueUnansweredMinutes !== undefined) set.requeueUnansweredMinutes = req.requeueUnansweredMinutes;
  if (req.businessHours !== undefined) set.businessHours = req.businessHours;
  const [afterRow] = await tx
    .update(teams)
    .set(set)
    .where(and(eq(teams.tenantId, tenantId), eq(teams.id, id)))
    .returning();
  if (!afterRow) throw new AppError('not_found', 'Team not found');
  return { before: teamView(beforeRow, memberIds), after: teamView(afterRow, memberIds) };
}

/** Sets (or with null clears) a user's own capacity; answers it before and after. */
export async function setAgentCapacity(
  tx: Tx,
  tenantId: string,
  userId: string,
  capacity: number | null,
): Promise<{ before: number | null; after: number | null }> {
  const [row] = await tx
    .select({ capacity: users.capacity })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
    .limit(1);
  if (!row) throw new AppError('not_found', 'User not found');
  await tx
    .update(users)
    .set({ capacity })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  return { before: row.capacity, after: capacity };
}

/** What a team routing write changed, field by field ({field: {from, to}}), for the audit entry. */
export function routingChanges(before: TeamRoutingView, after: TeamRoutingView): Record<string, unknown> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const keys = [
    'mode',
    'defaultCapacity',
    'requeueOfflineSeconds',
    'requeueUnansweredMinutes',
    'businessHours',
  ] as const;
  for (const key of keys) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      changes[key] = { from: before[key], to: after[key] };
  }
  return { team: after.name, changes };
}
