// Teams and their members (admins and supervisors manage them). Member ids must be users of the tenant;
// a write replaces the whole member list, so the admin screen sends what it shows. Every query names the
// tenant as well as running under row-level security.
import { and, eq, notInArray } from 'drizzle-orm';
import type { z } from 'zod';
import { teamMembers, teams } from '../../drizzle/schema';
import type { CreateTeamRequest, Team, UpdateTeamRequest } from '../contract';
import { AppError } from '../errors';
import type { Tx } from './db';
import { listTeams, requireKnownIds } from './directory';

export const TEAM_NAME_TAKEN = 'A team with this name already exists';
export const TEAM_NAME_INDEX = 'teams_tenant_name_key';

async function teamById(tx: Tx, tenantId: string, id: string): Promise<Team> {
  const [team] = await listTeams(tx, tenantId, [id]);
  if (!team) throw new AppError('not_found', 'Team not found');
  return team;
}

/** Makes `userIds` the team's members exactly (ids already checked against the tenant). */
async function replaceMembers(tx: Tx, tenantId: string, teamId: string, userIds: readonly string[]) {
  const ids = [...new Set(userIds)];
  await tx
    .delete(teamMembers)
    .where(
      and(
        eq(teamMembers.tenantId, tenantId),
        eq(teamMembers.teamId, teamId),
        ids.length > 0 ? notInArray(teamMembers.userId, ids) : undefined,
      ),
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
  await requireKnownIds(tx, tenantId, 'users', req.memberIds, 'memberIds');
  const [row] = await tx.insert(teams).values({ tenantId, name: req.name }).returning({ id: teams.id });
  if (!row) throw new Error('team insert returned nothing');
  await replaceMembers(tx, tenantId, row.id, req.memberIds);
  return teamById(tx, tenantId, row.id);
}

export async function updateTeam(
  tx: Tx,
  tenantId: string,
  id: string,
  req: z.infer<typeof UpdateTeamRequest>,
): Promise<Team> {
  await teamById(tx, tenantId, id);
  if (req.memberIds) await requireKnownIds(tx, tenantId, 'users', req.memberIds, 'memberIds');
  if (req.name !== undefined) {
    await tx
      .update(teams)
      .set({ name: req.name })
      .where(and(eq(teams.tenantId, tenantId), eq(teams.id, id)));
  }
  if (req.memberIds) await replaceMembers(tx, tenantId, id, req.memberIds);
  return teamById(tx, tenantId, id);
}

/** Members go with the team; tickets that named it keep the id and show no team name from then on. */
export async function deleteTeam(tx: Tx, tenantId: string, id: string): Promise<void> {
  const gone = await tx
    .delete(teams)
    .where(and(eq(teams.tenantId, tenantId), eq(teams.id, id)))
    .returning({ id: teams.id });
  if (gone.length === 0) throw new AppError('not_found', 'Team not found');
}

/** Makes `teamIds` the user's teams exactly (ids already checked against the tenant). */
export async function replaceUserTeams(tx: Tx, tenantId: string, userId: string, teamIds: readonly string[]) {
  const ids = [...new Set(teamIds)];
  await tx
    .delete(teamMembers)
    .where(
      and(
        eq(teamMembers.tenantId, tenantId),
        eq(teamMembers.userId, userId),
        ids.length > 0 ? notInArray(teamMembers.teamId, ids) : undefined,
      ),
    );
  if (ids.length === 0) return;
  await tx
    .insert(teamMembers)
    .values(ids.map((teamId) => ({ tenantId, teamId, userId })))
    .onConflictDoNothing();
}
