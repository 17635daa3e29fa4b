// The tenant's people and teams as other modules need them (assignment, transfers, the directory menus).
// Every function runs inside a tenant transaction (inTenant) and names the tenant in every query as well:
// two walls, so an id of another tenant simply is not found even if one of them were missing.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { teamMembers, teams, users } from '../../drizzle/schema';
import type { DirectoryResponse, Team, TeamRef } from '../contract';
import { AppError } from '../errors';
import type { Tx } from './db';

export async function findAgent(
  tx: Tx,
  tenantId: string,
  userId: string,
): Promise<{ id: string; name: string } | null> {
  const [row] = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
    .limit(1);
  return row ?? null;
}

export async function findTeam(
  tx: Tx,
  tenantId: string,
  teamId: string,
): Promise<{ id: string; name: string } | null> {
  const [row] = await tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.tenantId, tenantId), eq(teams.id, teamId)))
    .limit(1);
  return row ?? null;
}

export async function isTeamMember(
  tx: Tx,
  tenantId: string,
  teamId: string,
  userId: string,
): Promise<boolean> {
  const [row] = await tx
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(
      and(eq(teamMembers.tenantId, tenantId), eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)),
    )
    .limit(1);
  return row !== undefined;
}

/** The teams one user belongs to, by name. */
export function teamsOfUser(tx: Tx, tenantId: string, userId: string): Promise<TeamRef[]> {
  return tx
    .select({ id: teams.id, name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, and(eq(teams.id, teamMembers.teamId), eq(teams.tenantId, tenantId)))
    .where(and(eq(teamMembers.tenantId, tenantId), eq(teamMembers.userId, userId)))
    .orderBy(asc(teams.name));
}

/** Team ids per user id, for every membership of the tenant (or of one user). */
export async function membershipsByUser(
  tx: Tx,
  tenantId: string,
  userId?: string,
): Promise<Map<string, string[]>> {
  const rows = await tx
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.tenantId, tenantId), userId ? eq(teamMembers.userId, userId) : undefined))
    .orderBy(asc(teamMembers.teamId));
  const byUser = new Map<string, string[]>();
  for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r.teamId]);
  return byUser;
}

/** Every agent (any role) and team of the tenant, sorted by name, for assignment and transfer menus. */
export async function listDirectory(tx: Tx, tenantId: string): Promise<DirectoryResponse> {
  // One connection per transaction: the three queries run one after another either way.
  const people = await tx
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.tenantId, tenantId))
    .orderBy(asc(users.name), asc(users.id));
  const teamRows = await tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(eq(teams.tenantId, tenantId))
    .orderBy(asc(teams.name));
  const byUser = await membershipsByUser(tx, tenantId);
  return {
    agents: people.map((p) => ({ ...p, teamIds: byUser.get(p.id) ?? [] })),
    teams: teamRows,
  };
}

/** Every team with its member ids, by name. */
export async function listTeams(tx: Tx, tenantId: string, ids?: string[]): Promise<Team[]> {
  const rows = await tx
    .select()
    .from(teams)
    .where(and(eq(teams.tenantId, tenantId), ids ? inArray(teams.id, ids) : undefined))
    .orderBy(asc(teams.name));
  if (rows.length === 0) return [];
  const members = await tx
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
    .from(teamMembers)
    .where(
      and(
        eq(teamMembers.tenantId, tenantId),
        inArray(
          teamMembers.teamId,
          rows.map((r) => r.id),
        ),
      ),
    );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    memberIds: members.filter((m) => m.teamId === r.id).map((m) => m.userId),
    createdAt: r.createdAt.toISOString(),
  }));
}

/**
 * Refuses ids that are not users (or teams) of the tenant with a 400 naming the field: other tenants' ids
 * are reported exactly like ids that never existed.
 */
export async function requireKnownIds(
  tx: Tx,
  tenantId: string,
  kind: 'users' | 'teams',
  ids: readonly string[],
  field: string,
): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const table = kind === 'users' ? users : teams;
  const found = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.tenantId, tenantId), inArray(table.id, wanted)));
  const known = new Set(found.map((r) => r.id));
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new AppError(
      'validation_failed',
      kind === 'users' ? 'Some users do not exist' : 'Some teams do not exist',
      unknown.map((id) => ({ path: field, message: `unknown id ${id}` })),
    );
  }
}
