// Users and roles for the admin screen: list, create (argon2id hash), change name, role, password and
// teams, each change audited in its transaction. Only an owner grants or revokes the owner role or changes an
// owner (the matrix's `owners.manage`); the last owner stays one, and the last user who may manage users
// (an owner or admin, for tenants that have no owner yet) keeps that right, or nobody could manage it any more.
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '../../drizzle/schema';
import type { AdminUser, CreateUserRequest, Role, UpdateUserRequest } from '../contract';
import { roleCan, rolesWith } from '../contract/permissions';
import { AppError } from '../errors';
import { type AuditActor, recordAudit } from './audit';
import type { Tx } from './db';
import { membershipsByUser, requireKnownIds } from './directory';
import { replaceUserTeams } from './teams';

export const EMAIL_INDEX = 'users_email_key';
export const EMAIL_TAKEN = 'This email already belongs to a user';

type UserRow = typeof users.$inferSelect;

function adminUserView(row: UserRow, teamIds: string[]): AdminUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    teamIds,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listAdminUsers(tx: Tx): Promise<AdminUser[]> {
  const rows = await tx.select().from(users).orderBy(asc(users.name), asc(users.id));
  const byUser = await membershipsByUser(tx);
  return rows.map((r) => adminUserView(r, byUser.get(r.id) ?? []));
}

async function adminUser(tx: Tx, id: string): Promise<AdminUser> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
  if (!row) throw new AppError('not_found', 'User not found');
  const byUser = await membershipsByUser(tx, id);
  return adminUserView(row, byUser.get(id) ?? []);
}

/** `passwordHash` is computed by the caller, outside the transaction (argon2id is deliberately slow). */
export async function createUser(
  tx: Tx,
  tenantId: string,
  by: UserChanger,
  req: z.infer<typeof CreateUserRequest>,
  passwordHash: string,
): Promise<AdminUser> {
  if (req.role === 'owner') requireOwnerRights(by);
  await requireKnownIds(tx, 'teams', req.teamIds, 'teamIds');
  const [row] = await tx
    .insert(users)
    .values({ tenantId, email: req.email, name: req.name, role: req.role, passwordHash })
    .returning({ id: users.id });
  if (!row) throw new Error('user insert returned nothing');
  await replaceUserTeams(tx, tenantId, row.id, req.teamIds);
  await recordAudit(tx, tenantId, {
    action: 'user.created',
    actor: by.actor,
    target: { type: 'user', id: row.id },
    ip: by.ip,
    details: { email: req.email, role: req.role, teamIds: req.teamIds },
  });
  return adminUser(tx, row.id);
}

/** Who changes users: their role decides what they may touch; the rest is what the audit entry names. */
export interface UserChanger {
  role: Role;
  actor: AuditActor;
  ip: string | null;
}

function requireOwnerRights(by: UserChanger): void {
  if (!roleCan(by.role, 'owners.manage')) {
    throw new AppError('forbidden', 'Only an owner may grant or revoke the owner role or change an owner', {
      permission: 'owners.manage',
    });
  }
}

/**
 * Refuses a role change that would leave no user holding `permission` (locking those who hold it, so two
 * demotions at once cannot both see "another one is left").
 */
async function keepSomeoneWith(
  tx: Tx,
  id: string,
  permission: 'owners.manage' | 'users.manage',
  message: string,
) {
  const holders = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, [...rolesWith(permission)]), ne(users.id, id)))
    .for('no key update');
  if (holders.length === 0) throw new AppError('conflict', message);
}

export async function updateUser(
  tx: Tx,
  tenantId: string,
  by: UserChanger,
  id: string,
  req: z.infer<typeof UpdateUserRequest>,
  passwordHash: string | undefined,
): Promise<AdminUser> {
  const [current] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
  if (!current) throw new AppError('not_found', 'User not found');
  const roleChanges = req.role !== undefined && req.role !== current.role;
  if (current.role === 'owner' || req.role === 'owner') requireOwnerRights(by);
  if (roleChanges && req.role !== undefined) {
    if (current.role === 'owner') {
      await keepSomeoneWith(tx, id, 'owners.manage', 'The last owner cannot lose the owner role');
    }
    if (roleCan(current.role, 'users.manage') && !roleCan(req.role, 'users.manage')) {
      await keepSomeoneWith(tx, id, 'users.manage', 'The last admin cannot lose the admin role');
    }
  }
  if (req.teamIds) await requireKnownIds(tx, 'teams', req.teamIds, 'teamIds');
  const change = {
    ...(req.name !== undefined ? { name: req.name } : {}),
    ...(req.role !== undefined ? { role: req.role } : {}),
    ...(passwordHash !== undefined ? { passwordHash } : {}),
  };
  if (Object.keys(change).length > 0) await tx.update(users).set(change).where(eq(users.id, id));
  if (req.teamIds) await replaceUserTeams(tx, tenantId, id, req.teamIds);
  const target = { type: 'user', id };
  if (roleChanges) {
    await recordAudit(tx, tenantId, {
      action: 'user.role_changed',
      actor: by.actor,
      target,
      ip: by.ip,
      details: { from: current.role, to: req.role },
    });
  }
  const changed = [
    ...(req.name !== undefined && req.name !== current.name ? ['name'] : []),
    ...(passwordHash !== undefined ? ['password'] : []),
    ...(req.teamIds ? ['teamIds'] : []),
  ];
  if (changed.length > 0) {
    await recordAudit(tx, tenantId, {
      action: 'user.updated',
      actor: by.actor,
      target,
      ip: by.ip,
      details: { changed, ...(req.teamIds ? { teamIds: req.teamIds } : {}) },
    });
  }
  return adminUser(tx, id);
}
