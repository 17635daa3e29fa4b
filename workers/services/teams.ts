// Teams and their members (admins and supervisors manage them). Member ids must be users of the tenant;
// a write replaces the whole member list, so the admin screen sends what it shows.
import { and, eq, notInArray } from 'drizzle-orm';
import type { z } from 'zod';
import { teamMembers, teams } from '../../drizzle/schema';
import type { CreateTeamRequest, Team, UpdateTeamRequest } from '../contract';
import { AppError } from '../errors';
import type { Tx } from './db';
import { listTeams, requireKnownIds } from './directory';

export const TEAM_NAME_TAKEN = 'A team with this name already exists';
export const TEAM_NAME_INDEX = 'teams_tenant_name_key';

async function teamById(tx: Tx, id: string): Promise<Team> {
  const [team] = await listTeams(tx, [id]);
  if (!team) throw new AppError('not_found', 'Team not found');
  return team;
}

/** Makes `userIds` the team's members exactly (ids already checked against the tenant). */
async function replaceMembers(tx: Tx, tenantId: string, teamId: string, userIds: readonly string[]) {
  const ids = [...new Set(userIds)];
  await tx
    .delete(teamMembers)
    .where(
      and(eq(teamMembers.teamId, teamId), ids.length > 0 ? notInArray(teamMembers.userId, ids) : undefined),
    );
  if (ids.length === 0) return;
  await tx
    .insert(teamMembers)
    .values(ids.map((userId) => ({ tenantId, teamId, userId })))
    .onConflictDoNothing();
}

export async function createTeam(
  tx: Tx,
  tenantId: string,
  req: z.infer<typeof CreateTeamRequest>,
): Promise<Team> {
  await requireKnownIds(tx, 'users', req.memberIds, 'memberIds');
  const [row] = await tx.insert(teams).values({ tenantId, name: req.name }).returning({ id: teams.id });
  if (!row) throw new Error('team insert returned nothing');
  await replaceMembers(tx, tenantId, row.id, req.memberIds);
  return teamById(tx, row.id);
}

export async function updateTeam(
  tx: Tx,
  tenantId: string,
  id: string,
  req: z.infer<typeof UpdateTeamRequest>,
): Promise<Team> {
  await teamById(tx, id);
  if (req.memberIds) await requireKnownIds(tx, 'users', req.memberIds, 'memberIds');
  if (req.name !== undefined) await tx.update(teams).set({ name: req.name }).where(eq(teams.id, id));
  if (req.memberIds) await replaceMembers(tx, tenantId, id, req.memberIds);
  return teamById(tx, id);
}

/** Members go with the team; tickets that named it keep the id and show no team name from then on. */
export async function deleteTeam(tx: Tx, id: string): Promise<void> {
  const gone = await tx.delete(teams).where(eq(teams.id, id)).returning({ id: teams.id });
  if (gone.length === 0) throw new AppError('not_found', 'Team not found');
}

/** Makes `teamIds` the user's teams exactly (ids already checked against the tenant). */
export async function replaceUserTeams(tx: Tx, tenantId: string, userId: string, teamIds: readonly string[]) {
  const ids = [...new Set(teamIds)];
  await tx
    .delete(teamMembers)
    .where(
      and(eq(teamMembers.userId, userId), ids.length > 0 ? notInArray(teamMembers.teamId, ids) : undefined),
    );
  if (ids.length === 0) return;
  await tx
    .insert(teamMembers)
    .values(ids.map((teamId) => ({ tenantId, teamId, userId })))
    .onConflictDoNothing();
}
