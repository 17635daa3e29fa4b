// Users and roles for the admin screen: list, create (argon2id hash), change name, role, password, teams and
// active flag. A tenant always keeps at least one active admin, or nobody could manage it any more.
// Deactivating revokes every session; role changes and (de)activations are audited with the change, and the
// caller announces them to the tenant access object after the commit (accessChange).
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '../../drizzle/schema';
import type { UserAccess } from '../../durable-objects/tenant-access/rpc';
import {
  type AdminUser,
  type CreateUserRequest,
  SOCKET_CLOSE,
  type SocketCloseReason,
  type UpdateUserRequest,
} from '../contract';
import { AppError } from '../errors';
import { type AuditActor, recordAudit } from './audit';
import type { Tx } from './db';
import { membershipsByUser, requireKnownIds } from './directory';
import { revokeSessions } from './sessions';
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
    active: row.deactivatedAt === null,
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

/** What the tenant access object must learn once an update commits (null: nothing it tracks changed). */
export interface AccessChange {
  userId: string;
  user: UserAccess;
  close: SocketCloseReason | null;
  endedSessionIds: string[];
}

/** Who makes a change, for its audit entries (and so an admin cannot deactivate themselves). */
export interface ChangeAuthor {
  actor: AuditActor;
  ip: string | null;
}

export async function updateUser(
  tx: Tx,
  tenantId: string,
  id: string,
  req: z.infer<typeof UpdateUserRequest>,
  passwordHash: string | undefined,
  author: ChangeAuthor,
): Promise<{ user: AdminUser; access: AccessChange | null }> {
  const [current] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
  if (!current) throw new AppError('not_found', 'User not found');
  const wasActive = current.deactivatedAt === null;
  const deactivating = req.active === false && wasActive;
  const reactivating = req.active === true && !wasActive;
  const roleChanged = req.role !== undefined && req.role !== current.role;
  if (deactivating && id === author.actor.id) {
    throw new AppError('conflict', 'You cannot deactivate yourself');
  }
  const losingAdmin = (req.role !== undefined && req.role !== 'admin') || deactivating;
  if (losingAdmin && current.role === 'admin' && wasActive) {
    // Locks the tenant's active admins, so two demotions at once cannot both see "another admin is left".
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'admin'), isNull(users.deactivatedAt)))
      .for('no key update');
    if (!admins.some((a) => a.id !== id)) {
      throw new AppError('conflict', 'The last admin cannot lose the admin role or be deactivated');
    }
  }
  if (req.teamIds) await requireKnownIds(tx, 'teams', req.teamIds, 'teamIds');
  const change = {
    ...(req.name !== undefined ? { name: req.name } : {}),
    ...(req.role !== undefined ? { role: req.role } : {}),
    ...(passwordHash !== undefined ? { passwordHash } : {}),
    ...(deactivating ? { deactivatedAt: new Date() } : reactivating ? { deactivatedAt: null } : {}),
  };
  if (Object.keys(change).length > 0) await tx.update(users).set(change).where(eq(users.id, id));
  if (req.teamIds) await replaceUserTeams(tx, tenantId, id, req.teamIds);
  const endedSessionIds = deactivating ? await revokeSessions(tx, id, null, 'deactivated') : [];
  const audit = (action: 'user.deactivated' | 'user.reactivated' | 'user.role_changed', details = {}) =>
    recordAudit(tx, tenantId, {
      action,
      actor: author.actor,
      target: { type: 'user', id },
      ip: author.ip,
      details: { email: current.email, ...details },
    });
  if (deactivating) await audit('user.deactivated', { sessionsRevoked: endedSessionIds.length });
  if (reactivating) await audit('user.reactivated');
  if (roleChanged) await audit('user.role_changed', { from: current.role, to: req.role });

  const user = await adminUser(tx, id);
  const tracked = deactivating || reactivating || roleChanged || user.name !== current.name;
  const access: AccessChange | null = tracked
    ? {
        userId: id,
        user: { active: user.active, role: user.role, name: user.name },
        // Deactivation ends the sessions (4401); a role change asks sockets to reconnect with a new token (4403).
        close: deactivating
          ? SOCKET_CLOSE.sessionEnded
          : roleChanged && user.active
            ? SOCKET_CLOSE.roleChanged
            : null,
        endedSessionIds,
      }
    : null;
  return { user, access };
}
