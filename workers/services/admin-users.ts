// Users and roles for the admin screen: list, create (argon2id hash), change name, role, password and
// teams. A tenant always keeps at least one admin, or nobody could manage it any more.
import { asc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '../../drizzle/schema';
import type { AdminUser, CreateUserRequest, UpdateUserRequest } from '../contract';
import { AppError } from '../errors';
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

/** Active and deactivated users; people invited but not yet signed up are listed as invitations instead. */
export async function listAdminUsers(tx: Tx): Promise<AdminUser[]> {
  const rows = await tx
    .select()
    .from(users)
    .where(isNull(users.invitedAt))
    .orderBy(asc(users.name), asc(users.id));
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
  req: z.infer<typeof CreateUserRequest>,
  passwordHash: string,
): Promise<AdminUser> {
  await requireKnownIds(tx, 'teams', req.teamIds, 'teamIds');
  const [row] = await tx
    .insert(users)
    .values({ tenantId, email: req.email, name: req.name, role: req.role, passwordHash })
    .returning({ id: users.id });
  if (!row) throw new Error('user insert returned nothing');
  await replaceUserTeams(tx, tenantId, row.id, req.teamIds);
  return adminUser(tx, row.id);
}

export async function updateUser(
  tx: Tx,
  tenantId: string,
  id: string,
  req: z.infer<typeof UpdateUserRequest>,
  passwordHash: string | undefined,
): Promise<AdminUser> {
  const [current] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
  if (!current) throw new AppError('not_found', 'User not found');
  if (req.role !== undefined && req.role !== 'admin' && current.role === 'admin') {
    // Locks the tenant's admins, so two demotions at once cannot both see "another admin is left".
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.role, 'admin'))
      .for('no key update');
    if (!admins.some((a) => a.id !== id)) {
      throw new AppError('conflict', 'The last admin cannot lose the admin role');
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
  return adminUser(tx, id);
}
