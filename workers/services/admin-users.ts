// Users and roles for the admin screen: list, create (argon2id hash), change name, role, password, teams and
// active flag, each change audited in its transaction. Only an owner grants or revokes the owner role or
// changes an owner (the matrix's `owners.manage`); the last active owner stays one, and the last active user
// who may manage users keeps that right, or nobody could manage the tenant any more. Deactivating revokes
// every session; the caller announces access changes to the tenant access object after the commit. Every
// query names the tenant as well as running under row-level security.
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '../../drizzle/schema';
import type { UserAccess } from '../../durable-objects/tenant-access/rpc';
import {
  type AdminUser,
  type CreateUserRequest,
  type Role,
  SOCKET_CLOSE,
  type SocketCloseReason,
  type UpdateUserRequest,
} from '../contract';
import { roleCan, rolesWith } from '../contract/permissions';
import { AppError } from '../errors';
import { type AuditActor, recordAudit } from './audit';
import type { Tx } from './db';
import { membershipsByUser, requireKnownIds } from './directory';
import { revokeSessions } from './sessions';
import { replaceUserTeams } from './teams';

export const EMAIL_INDEX = 'users_email_key';
export const EMAIL_TAKEN = 'This email already belongs to a user';

/**
 * An email names one user across the deployment (login takes only an email), but whether another tenant
 * has it is not this tenant's business: that case is refused like any invalid email, never as "taken".
 */
export function emailUnusable(): AppError {
  return new AppError('validation_failed', 'Invalid body', [
    { path: 'email', message: 'This email cannot be used' },
  ]);
}

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

const own = (tenantId: string, id: string) => and(eq(users.tenantId, tenantId), eq(users.id, id));

/** Active and deactivated users; people invited but not yet signed up are listed as invitations instead. */
export async function listAdminUsers(tx: Tx, tenantId: string): Promise<AdminUser[]> {
  const rows = await tx
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), isNull(users.invitedAt)))
    .orderBy(asc(users.name), asc(users.id));
  const byUser = await membershipsByUser(tx, tenantId);
  return rows.map((r) => adminUserView(r, byUser.get(r.id) ?? []));
}

async function adminUser(tx: Tx, tenantId: string, id: string): Promise<AdminUser> {
  const [row] = await tx.select().from(users).where(own(tenantId, id)).limit(1);
  if (!row) throw new AppError('not_found', 'User not found');
  const byUser = await membershipsByUser(tx, tenantId, id);
  return adminUserView(row, byUser.get(id) ?? []);
}

/**
 * `passwordHash` is computed by the caller, outside the transaction (argon2id is deliberately slow). An
 * email of this tenant's own users is a 409; one the unique index refuses otherwise belongs to another
 * tenant and is refused by `emailUnusable`, so the answer never says another tenant has it.
 */
export async function createUser(
  tx: Tx,
  tenantId: string,
  by: UserChanger,
  req: z.infer<typeof CreateUserRequest>,
  passwordHash: string,
): Promise<AdminUser> {
  if (req.role === 'owner') requireOwnerRights(by);
  await requireKnownIds(tx, tenantId, 'teams', req.teamIds, 'teamIds');
  const [mine] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), sql`lower(${users.email}) = lower(${req.email})`))
    .limit(1);
  if (mine) throw new AppError('conflict', EMAIL_TAKEN);
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
  return adminUser(tx, tenantId, row.id);
}

/** Who changes users: their role decides what they may touch; the rest is what the audit entry names. */
export interface UserChanger {
  role: Role;
  actor: AuditActor;
  ip: string | null;
}

/** What the tenant access object must learn once an update commits (null: nothing it tracks changed). */
export interface AccessChange {
  userId: string;
  user: UserAccess;
  close: SocketCloseReason | null;
  endedSessionIds: string[];
}

function requireOwnerRights(by: UserChanger): void {
  if (!roleCan(by.role, 'owners.manage')) {
    throw new AppError('forbidden', 'Only an owner may grant or revoke the owner role or change an owner', {
      permission: 'owners.manage',
    });
  }
}

/**
 * Refuses a change that would leave no active (signed-up) user holding `permission` (locking those who hold it, so two
 * demotions at once cannot both see "another one is left").
 */
async function keepSomeoneWith(
  tx: Tx,
  tenantId: string,
  id: string,
  permission: 'owners.manage' | 'users.manage',
  message: string,
) {
  const holders = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        inArray(users.role, [...rolesWith(permission)]),
        ne(users.id, id),
        isNull(users.deactivatedAt),
        isNull(users.invitedAt),
      ),
    )
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
): Promise<{ user: AdminUser; access: AccessChange | null }> {
  const [current] = await tx.select().from(users).where(own(tenantId, id)).limit(1);
  if (!current) throw new AppError('not_found', 'User not found');
  const wasActive = current.deactivatedAt === null;
  const deactivating = req.active === false && wasActive;
  const reactivating = req.active === true && !wasActive;
  const roleChanged = req.role !== undefined && req.role !== current.role;
  if (deactivating && id === by.actor.id) throw new AppError('conflict', 'You cannot deactivate yourself');
  if (current.role === 'owner' || req.role === 'owner') requireOwnerRights(by);
  if (wasActive && (roleChanged || deactivating)) {
    const nextRole = deactivating ? null : (req.role ?? current.role);
    if (current.role === 'owner' && nextRole !== 'owner') {
      await keepSomeoneWith(
        tx,
        tenantId,
        id,
        'owners.manage',
        'The last owner cannot lose the owner role or be deactivated',
      );
    }
    if (roleCan(current.role, 'users.manage') && (nextRole === null || !roleCan(nextRole, 'users.manage'))) {
      await keepSomeoneWith(
        tx,
        tenantId,
        id,
        'users.manage',
        'The last admin cannot lose the admin role or be deactivated',
      );
    }
  }
  if (req.teamIds) await requireKnownIds(tx, tenantId, 'teams', req.teamIds, 'teamIds');
  const change = {
    ...(req.name !== undefined ? { name: req.name } : {}),
    ...(req.role !== undefined ? { role: req.role } : {}),
    ...(passwordHash !== undefined ? { passwordHash } : {}),
    ...(deactivating ? { deactivatedAt: new Date() } : reactivating ? { deactivatedAt: null } : {}),
  };
  if (Object.keys(change).length > 0) await tx.update(users).set(change).where(own(tenantId, id));
  if (req.teamIds) await replaceUserTeams(tx, tenantId, id, req.teamIds);
  // A password an admin sets for someone else ends that person's sessions, as a reset does.
  const passwordSetByOther = passwordHash !== undefined && id !== by.actor.id;
  const endedSessionIds =
    deactivating || passwordSetByOther
      ? await revokeSessions(tx, id, null, deactivating ? 'deactivated' : 'revoked')
      : [];
  const audit = (
    action: 'user.deactivated' | 'user.reactivated' | 'user.role_changed' | 'user.updated',
    details = {},
  ) =>
    recordAudit(tx, tenantId, {
      action,
      actor: by.actor,
      target: { type: 'user', id },
      ip: by.ip,
      details: { email: current.email, ...details },
    });
  if (deactivating) await audit('user.deactivated', { sessionsRevoked: endedSessionIds.length });
  if (reactivating) await audit('user.reactivated');
  if (roleChanged) await audit('user.role_changed', { from: current.role, to: req.role });
  const changed = [
    ...(req.name !== undefined && req.name !== current.name ? ['name'] : []),
    ...(passwordHash !== undefined ? ['password'] : []),
    ...(req.teamIds ? ['teamIds'] : []),
  ];
  if (changed.length > 0) {
    await audit('user.updated', { changed, ...(req.teamIds ? { teamIds: req.teamIds } : {}) });
  }

  const user = await adminUser(tx, tenantId, id);
  const tracked =
    deactivating || reactivating || roleChanged || endedSessionIds.length > 0 || user.name !== current.name;
  const access: AccessChange | null = tracked
    ? {
        userId: id,
        user: { active: user.active, role: user.role, name: user.name },
        // Deactivation ends the sessions (4401); a role change asks sockets to reconnect with a new token (4403).
        close:
          deactivating || endedSessionIds.length > 0
            ? SOCKET_CLOSE.sessionEnded
            : roleChanged && user.active
              ? SOCKET_CLOSE.roleChanged
              : null,
        endedSessionIds,
      }
    : null;
  return { user, access };
}
