// Invitations: an admin names someone (e-mail, name, role, teams); they become a user in the invited state
// (no password, so no sign-in) and get an e-mailed link (7 days) to set their password, which activates them.
// Resend issues a new link (the old one stops working); revoke removes the never-activated user.
//
// An address that already signs in to ANOTHER tenant (e-mails are unique across the deployment) is never
// revealed: the inviter gets the same 201 and audit entry as for a real invitation, nothing is stored in
// either tenant, and the address's owner receives a notice instead of a link (messages.ts). The one trace
// is that the invitation does not appear in the pending list afterwards, as if it had been accepted or
// revoked elsewhere; an address in the inviter's own tenant is a plain 409 (they can see their users).
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { authTokens, users } from '../../drizzle/schema';
import type { Invitation, InviteRequest, MailStatus, Role } from '../contract';
import { roleCan } from '../contract/permissions';
import { AppError } from '../errors';
import type { Mailer, MailMessage } from '../mail/mailer';
import { alreadyRegisteredMail, invitationMail } from '../mail/messages';
import { type AuditActor, recordAudit } from './audit';
import {
  consumeToken,
  INVITATION_TOKEN_DAYS,
  issueToken,
  markMailStatus,
  peekToken,
  TOKEN_TTL_MS,
  tokenRefused,
  tokenTenant,
} from './auth-tokens';
import { type Database, inTenant, type Tx } from './db';
import { membershipsByUser, requireKnownIds } from './directory';
import { errorFields, log } from './log';
import { assertAcceptablePassword } from './password-policy';
import { passwordContext, storePassword } from './password-setting';
import { hashPassword } from './passwords';
import { isUniqueViolation } from './pg-errors';
import { replaceUserTeams } from './teams';

export interface Inviter {
  id: string;
  name: string;
  role: Role;
  tenantId: string;
  actor: AuditActor;
  ip: string | null;
  /** The agent app's origin, for the link. */
  origin: string;
  requestId: string;
}

type UserRow = typeof users.$inferSelect;

function view(
  user: Pick<UserRow, 'id' | 'email' | 'name' | 'role' | 'invitedAt'>,
  teamIds: string[],
  token: { expiresAt: Date; mailStatus: MailStatus } | null,
): Invitation {
  const invitedAt = user.invitedAt ?? new Date();
  const expiresAt = token?.expiresAt ?? invitedAt;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    teamIds,
    invitedAt: invitedAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
    expired: expiresAt.getTime() <= Date.now(),
    mail: token?.mailStatus ?? 'pending',
  };
}

async function latestInvitationToken(tx: Tx, tenantId: string, userId: string) {
  const [row] = await tx
    .select({ id: authTokens.id, expiresAt: authTokens.expiresAt, mailStatus: authTokens.mailStatus })
    .from(authTokens)
    .where(
      and(
        eq(authTokens.tenantId, tenantId),
        eq(authTokens.userId, userId),
        eq(authTokens.purpose, 'invitation'),
      ),
    )
    .orderBy(desc(authTokens.createdAt))
    .limit(1);
  return row ?? null;
}

export async function listInvitations(tx: Tx, tenantId: string): Promise<Invitation[]> {
  const rows = await tx
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), isNotNull(users.invitedAt)))
    .orderBy(desc(users.invitedAt));
  const byUser = await membershipsByUser(tx, tenantId);
  const out: Invitation[] = [];
  for (const u of rows) {
    out.push(view(u, byUser.get(u.id) ?? [], await latestInvitationToken(tx, tenantId, u.id)));
  }
  return out;
}

/** Sends a message, answering whether it went out; a failure is logged, never thrown (the admin resends). */
async function deliver(mailer: Mailer, message: MailMessage, requestId: string): Promise<boolean> {
  try {
    await mailer.send(message);
    return true;
  } catch (err) {
    log('warn', 'invitation e-mail not sent', { requestId, ...errorFields(err) });
    return false;
  }
}

async function tenantName(tx: Tx, tenantId: string): Promise<string> {
  return (await passwordContext(tx, tenantId, '')).tenantName ?? '';
}

export async function inviteUser(
  primary: Database,
  mailer: Mailer,
  inviter: Inviter,
  req: z.infer<typeof InviteRequest>,
): Promise<Invitation> {
  if (req.role === 'owner' && !roleCan(inviter.role, 'owners.manage')) {
    throw new AppError('forbidden', 'Only owners may invite owners');
  }
  const { tenantId } = inviter;
  const audit = (tx: Tx, targetId: string) =>
    recordAudit(tx, tenantId, {
      action: 'user.invited',
      actor: inviter.actor,
      target: { type: 'user', id: targetId },
      ip: inviter.ip,
      details: { email: req.email, role: req.role },
    });
  let created: { user: UserRow; token: Awaited<ReturnType<typeof issueToken>>; tenantName: string } | null;
  try {
    created = await inTenant(primary, tenantId, async (tx) => {
      const [mine] = await tx
        .select({ id: users.id, invitedAt: users.invitedAt })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), sql`lower(${users.email}) = lower(${req.email})`))
        .limit(1);
      if (mine) {
        throw new AppError(
          'conflict',
          mine.invitedAt
            ? 'This email already has a pending invitation'
            : 'This email already belongs to a user',
        );
      }
      await requireKnownIds(tx, tenantId, 'teams', req.teamIds, 'teamIds');
      const [user] = await tx
        .insert(users)
        .values({
          tenantId,
          email: req.email,
          name: req.name,
          role: req.role,
          passwordHash: null,
          invitedAt: new Date(),
        })
        .returning();
      if (!user) throw new Error('user insert returned nothing');
      await replaceUserTeams(tx, tenantId, user.id, req.teamIds);
      const token = await issueToken(tx, tenantId, user.id, 'invitation');
      await audit(tx, user.id);
      return { user, token, tenantName: await tenantName(tx, tenantId) };
    });
  } catch (err) {
    // Not in this tenant (checked above), so the address signs in to another one: see the header.
    if (!isUniqueViolation(err, 'users_email_key')) throw err;
    created = null;
  }

  if (!created) {
    const phantomId = crypto.randomUUID();
    const name = await inTenant(primary, tenantId, async (tx) => {
      await audit(tx, phantomId);
      return tenantName(tx, tenantId);
    });
    log('info', 'invitation for an address of another tenant: notice sent instead', {
      requestId: inviter.requestId,
    });
    const sent = await deliver(
      mailer,
      alreadyRegisteredMail({ to: req.email, tenantName: name, signInUrl: `${inviter.origin}/` }),
      inviter.requestId,
    );
    const now = new Date();
    return view(
      { id: phantomId, email: req.email, name: req.name, role: req.role, invitedAt: now },
      [...new Set(req.teamIds)],
      { expiresAt: new Date(now.getTime() + TOKEN_TTL_MS.invitation), mailStatus: sent ? 'sent' : 'failed' },
    );
  }
  return mailInvitation(primary, mailer, inviter, created.user, created.token, created.tenantName);
}

async function mailInvitation(
  primary: Database,
  mailer: Mailer,
  inviter: Inviter,
  user: UserRow,
  token: Awaited<ReturnType<typeof issueToken>>,
  tenant: string,
): Promise<Invitation> {
  const link = `${inviter.origin}/invite?token=${encodeURIComponent(token.token)}`;
  const sent = await deliver(
    mailer,
    invitationMail({
      to: user.email,
      name: user.name,
      tenantName: tenant,
      inviterName: inviter.name,
      link,
      days: INVITATION_TOKEN_DAYS,
    }),
    inviter.requestId,
  );
  return inTenant(primary, inviter.tenantId, async (tx) => {
    await markMailStatus(tx, inviter.tenantId, token.id, sent);
    const byUser = await membershipsByUser(tx, user.id);
    return view(user, byUser.get(user.id) ?? [], {
      expiresAt: token.expiresAt,
      mailStatus: sent ? 'sent' : 'failed',
    });
  });
}

async function pendingUser(tx: Tx, tenantId: string, userId: string): Promise<UserRow> {
  const [user] = await tx
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId), isNotNull(users.invitedAt)))
    .limit(1);
  if (!user) throw new AppError('not_found', 'Invitation not found');
  return user;
}

/** A new link for a pending invitation (the previous one stops working), e-mailed again. */
export async function resendInvitation(
  primary: Database,
  mailer: Mailer,
  inviter: Inviter,
  userId: string,
): Promise<Invitation> {
  const { user, token, tenant } = await inTenant(primary, inviter.tenantId, async (tx) => {
    const user = await pendingUser(tx, inviter.tenantId, userId);
    if (user.role === 'owner' && !roleCan(inviter.role, 'owners.manage')) {
      throw new AppError('forbidden', 'Only owners may invite owners');
    }
    const token = await issueToken(tx, inviter.tenantId, user.id, 'invitation');
    await recordAudit(tx, inviter.tenantId, {
      action: 'user.invited',
      actor: inviter.actor,
      target: { type: 'user', id: user.id },
      ip: inviter.ip,
      details: { email: user.email, role: user.role, resent: true },
    });
    return { user, token, tenant: await tenantName(tx, inviter.tenantId) };
  });
  return mailInvitation(primary, mailer, inviter, user, token, tenant);
}

/** Withdraws a pending invitation: the invited user (never signed in) is removed with its links. */
export async function revokeInvitation(tx: Tx, inviter: Inviter, userId: string): Promise<void> {
  const user = await pendingUser(tx, inviter.tenantId, userId);
  if (user.role === 'owner' && !roleCan(inviter.role, 'owners.manage')) {
    throw new AppError('forbidden', 'Only owners may revoke an owner invitation');
  }
  await tx.delete(users).where(and(eq(users.tenantId, inviter.tenantId), eq(users.id, user.id)));
  await recordAudit(tx, inviter.tenantId, {
    action: 'user.invitation_revoked',
    actor: inviter.actor,
    target: { type: 'user', id: user.id },
    ip: inviter.ip,
    details: { email: user.email },
  });
}

/** Sets the invited user's password from the e-mailed link, which activates them; returns their e-mail. */
export async function acceptInvitation(
  primary: Database,
  token: string,
  password: string,
  ip: string | null,
): Promise<{ email: string }> {
  const tenantId = await tokenTenant(primary, token);
  if (!tenantId) throw tokenRefused('invalid');
  const email = await inTenant(primary, tenantId, async (tx) => {
    const { userId } = await peekToken(tx, tenantId, token, 'invitation');
    const user = await pendingUser(tx, tenantId, userId).catch(() => {
      throw tokenRefused('invalid');
    });
    await assertAcceptablePassword(password, await passwordContext(tx, tenantId, user.email));
    return user.email;
  });
  const hash = hashPassword(password);
  await inTenant(primary, tenantId, async (tx) => {
    const { userId } = await consumeToken(tx, tenantId, token, 'invitation');
    await pendingUser(tx, tenantId, userId).catch(() => {
      throw tokenRefused('invalid');
    });
    await storePassword(tx, tenantId, userId, hash);
    await recordAudit(tx, tenantId, {
      action: 'user.invitation_accepted',
      actor: { type: 'user', id: userId, label: email },
      target: { type: 'user', id: userId },
      ip,
    });
  });
  return { email };
}
