// Two-factor authentication: enrolment (a sealed TOTP secret, confirmed by a first code), recovery codes,
// the tenant's policy, and the login's second step (requireSecondFactor). A code is accepted at most once:
// the newest accepted time step is kept and only a newer one passes, in one conditional UPDATE, so two
// concurrent sign-ins with the same code cannot both succeed.
import { and, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { tenants, userRecoveryCodes, users, userTotp } from '../../drizzle/schema';
import type { AppEnv } from '../app-env';
import type { Role, TwoFactorEnrolment, TwoFactorPolicy, TwoFactorStatus } from '../contract';
import type { Env } from '../env';
import { AppError } from '../errors';
import { type AuditActor, clientIp, recordAudit } from './audit';
import { inTenant, type Tx } from './db';
import { signEnrolmentToken } from './enrolment-token';
import { verifyPassword } from './passwords';
import { newRecoveryCodes, normaliseRecoveryCode, recoveryCodeHash } from './recovery-codes';
import { openSecret, sealSecret } from './secret-box';
import { sha256Hex } from './secret-hash';
import { enrolmentQr, matchTotpStep, newTotpSecret } from './totp';

/** How long the ticket that finishes an enrolment-interrupted sign-in stays good. */
const SIGN_IN_TICKET_TTL_MS = 5 * 60_000;

export interface TwoFactorUser {
  id: string;
  tenantId: string;
  role: Role;
  email: string;
  name: string;
}

/** Who acts and from where, for the audit entries these changes record. */
export interface AuditContext {
  actor: AuditActor;
  ip: string | null;
}

/** 'admins' means the owner and admin roles. */
export function policyRequires(policy: TwoFactorPolicy, role: Role): boolean {
  return policy === 'everyone' || (policy === 'admins' && (role === 'owner' || role === 'admin'));
}

/** The secret is bound to its user: a sealed value copied to another user's row does not open. */
const secretAad = (userId: string) => `user-totp:${userId}`;

function fieldError(path: string, message: string): AppError {
  return new AppError('validation_failed', message, [{ path, message }]);
}

async function totpRow(tx: Tx, userId: string) {
  const [row] = await tx.select().from(userTotp).where(eq(userTotp.userId, userId)).limit(1);
  return row ?? null;
}

async function tenantPolicy(tx: Tx, tenantId: string): Promise<{ policy: TwoFactorPolicy; name: string }> {
  const [row] = await tx
    .select({ policy: tenants.require2fa, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .limit(1);
  if (!row) throw new Error('tenant transaction sees no tenant row');
  return row;
}

/** The user as stored now (a token may be older than a deactivation), or a 401. */
export async function loadTwoFactorUser(tx: Tx, tenantId: string, userId: string): Promise<TwoFactorUser> {
  const [user] = await tx
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId), isNull(users.deactivatedAt)))
    .limit(1);
  if (!user) throw new AppError('unauthorized', 'This user no longer exists');
  return { id: user.id, tenantId: user.tenantId, role: user.role, email: user.email, name: user.name };
}

export async function twoFactorStatus(tx: Tx, user: TwoFactorUser): Promise<TwoFactorStatus> {
  const row = await totpRow(tx, user.id);
  const { policy } = await tenantPolicy(tx, user.tenantId);
  const [left] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(userRecoveryCodes)
    .where(
      and(
        eq(userRecoveryCodes.tenantId, user.tenantId),
        eq(userRecoveryCodes.userId, user.id),
        isNull(userRecoveryCodes.usedAt),
      ),
    );
  const enabledAt = row?.enabledAt ?? null;
  return {
    enabled: enabledAt !== null,
    enabledAt: enabledAt?.toISOString() ?? null,
    recoveryCodesLeft: enabledAt ? (left?.n ?? 0) : 0,
    policy,
    requiredForMe: policyRequires(policy, user.role),
  };
}

/** A new secret to scan, replacing any enrolment not confirmed yet; 409 when 2FA is already on. */
export async function startEnrolment(tx: Tx, env: Env, user: TwoFactorUser): Promise<TwoFactorEnrolment> {
  const existing = await totpRow(tx, user.id);
  if (existing?.enabledAt) throw new AppError('conflict', 'Two-factor authentication is already on');
  const { name: tenantName } = await tenantPolicy(tx, user.tenantId);
  const secret = newTotpSecret();
  const sealed = await sealSecret(env.CHANNEL_SECRETS_KEY, secret, secretAad(user.id));
  await tx
    .insert(userTotp)
    .values({ userId: user.id, tenantId: user.tenantId, secret: sealed })
    .onConflictDoUpdate({
      target: userTotp.userId,
      set: { secret: sealed, lastUsedStep: null, signInTicketHash: null, signInTicketExpiresAt: null },
    });
  return { secret, ...enrolmentQr(secret, tenantName, user.email) };
}

async function replaceRecoveryCodes(tx: Tx, user: TwoFactorUser): Promise<string[]> {
  await tx
    .delete(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.tenantId, user.tenantId), eq(userRecoveryCodes.userId, user.id)));
  const { codes, hashes } = await newRecoveryCodes();
  await tx
    .insert(userRecoveryCodes)
    .values(hashes.map((codeHash) => ({ tenantId: user.tenantId, userId: user.id, codeHash })));
  return codes;
}

/**
 * The first code proves the app holds the secret: 2FA is on from here, with 10 new recovery codes. With
 * `ticket`, also a single-use sign-in ticket (hashed here) that finishes the interrupted sign-in.
 */
export async function confirmEnrolment(
  tx: Tx,
  env: Env,
  user: TwoFactorUser,
  code: string,
  opts: { ticket: boolean; audit: AuditContext },
): Promise<{ recoveryCodes: string[]; signInTicket?: string }> {
  const row = await totpRow(tx, user.id);
  if (!row) throw new AppError('conflict', 'Start the enrolment first');
  if (row.enabledAt) throw new AppError('conflict', 'Two-factor authentication is already on');
  const secret = await openSecret(env.CHANNEL_SECRETS_KEY, row.secret, secretAad(user.id));
  const step = matchTotpStep(secret, code);
  // Not limited here: whoever enrols already proved the password (enrolment token) or holds a session, and a
  // wrong code only fails their own enrolment.
  if (step === null) throw fieldError('code', 'The code is not right; check the app and try again');
  const signInTicket = opts.ticket ? randomTicket() : undefined;
  await tx
    .update(userTotp)
    .set({
      enabledAt: new Date(),
      lastUsedStep: step,
      signInTicketHash: signInTicket ? await sha256Hex(signInTicket) : null,
      signInTicketExpiresAt: signInTicket ? new Date(Date.now() + SIGN_IN_TICKET_TTL_MS) : null,
    })
    .where(and(eq(userTotp.tenantId, user.tenantId), eq(userTotp.userId, user.id)));
  const recoveryCodes = await replaceRecoveryCodes(tx, user);
  await recordAudit(tx, user.tenantId, {
    action: 'auth.2fa_enabled',
    actor: opts.audit.actor,
    target: { type: 'user', id: user.id },
    ip: opts.audit.ip,
  });
  return signInTicket ? { recoveryCodes, signInTicket } : { recoveryCodes };
}

function randomTicket(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

type Accepted = 'totp' | 'recovery_code' | 'sign_in_ticket';

/**
 * Checks and consumes a second factor of an enrolled user: a TOTP code of a step newer than the last one
 * used, an unused recovery code (audited), or the unexpired sign-in ticket. Null when none of them matches.
 */
export async function consumeSecondFactor(
  tx: Tx,
  env: Env,
  user: TwoFactorUser,
  code: string,
  audit: AuditContext,
): Promise<Accepted | null> {
  const row = await totpRow(tx, user.id);
  if (!row?.enabledAt) return null;
  const mine = and(eq(userTotp.tenantId, user.tenantId), eq(userTotp.userId, user.id));
  if (/^\d{6}$/.test(code)) {
    const secret = await openSecret(env.CHANNEL_SECRETS_KEY, row.secret, secretAad(user.id));
    const step = matchTotpStep(secret, code);
    if (step === null) return null;
    const newer = or(isNull(userTotp.lastUsedStep), lt(userTotp.lastUsedStep, step));
    const taken = await tx
      .update(userTotp)
      .set({ lastUsedStep: step })
      .where(and(mine, newer))
      .returning({ userId: userTotp.userId });
    return taken.length === 1 ? 'totp' : null;
  }
  const recovery = normaliseRecoveryCode(code);
  if (recovery) {
    const used = await tx
      .update(userRecoveryCodes)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(userRecoveryCodes.tenantId, user.tenantId),
          eq(userRecoveryCodes.userId, user.id),
          eq(userRecoveryCodes.codeHash, await recoveryCodeHash(recovery)),
          isNull(userRecoveryCodes.usedAt),
        ),
      )
      .returning({ id: userRecoveryCodes.id });
    if (used.length !== 1) return null;
    await recordAudit(tx, user.tenantId, {
      action: 'auth.recovery_code_used',
      actor: audit.actor,
      target: { type: 'user', id: user.id },
      ip: audit.ip,
    });
    return 'recovery_code';
  }
  const ticket = await tx
    .update(userTotp)
    .set({ signInTicketHash: null, signInTicketExpiresAt: null })
    .where(
      and(
        mine,
        isNotNull(userTotp.signInTicketHash),
        eq(userTotp.signInTicketHash, await sha256Hex(code)),
        gt(userTotp.signInTicketExpiresAt, new Date()),
      ),
    )
    .returning({ userId: userTotp.userId });
  return ticket.length === 1 ? 'sign_in_ticket' : null;
}

/** Turns 2FA off (secret and recovery codes gone); refused while the tenant's policy requires it of me. */
export async function disableTwoFactor(tx: Tx, user: TwoFactorUser, audit: AuditContext): Promise<void> {
  const { policy } = await tenantPolicy(tx, user.tenantId);
  if (policyRequires(policy, user.role)) {
    throw new AppError('forbidden', 'Your organisation requires two-factor authentication');
  }
  await tx.delete(userTotp).where(and(eq(userTotp.tenantId, user.tenantId), eq(userTotp.userId, user.id)));
  await tx
    .delete(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.tenantId, user.tenantId), eq(userRecoveryCodes.userId, user.id)));
  await recordAudit(tx, user.tenantId, {
    action: 'auth.2fa_disabled',
    actor: audit.actor,
    target: { type: 'user', id: user.id },
    ip: audit.ip,
  });
}

/** Whether `password` is this user's current one (argon2id; the hash never leaves here). */
export async function passwordMatches(tx: Tx, user: TwoFactorUser, password: string): Promise<boolean> {
  const [row] = await tx
    .select({ hash: users.passwordHash })
    .from(users)
    .where(and(eq(users.tenantId, user.tenantId), eq(users.id, user.id)))
    .limit(1);
  // An invited user has no hash yet (null): nothing can match it.
  return row?.hash ? verifyPassword(password, row.hash) : false;
}

/** Ten new recovery codes; the old ones stop working. */
export async function regenerateRecoveryCodes(tx: Tx, user: TwoFactorUser): Promise<string[]> {
  return replaceRecoveryCodes(tx, user);
}

/** The user as their own audit actor (sign-in steps happen before any access token exists). */
export function selfActor(user: TwoFactorUser): AuditActor {
  return { type: 'user', id: user.id, label: user.email };
}

/**
 * The login's second step, called once the password is verified and before a session is created:
 * enrolled and no code → 401 totp_required; a wrong, used or expired code → 401 totp_invalid; the tenant
 * requires 2FA of this user and none is set up → 403 totp_enrolment_required with a short-lived enrolment
 * token (good only for the enrolment routes) in details.
 */
export async function requireSecondFactor(
  c: Context<AppEnv>,
  user: TwoFactorUser,
  code: string | undefined,
): Promise<void> {
  const audit = { actor: selfActor(user), ip: clientIp(c) };
  const outcome = await inTenant(c.var.dbs.primary, user.tenantId, async (tx) => {
    const row = await totpRow(tx, user.id);
    if (row?.enabledAt) {
      if (code === undefined) return 'code_needed' as const;
      if (await consumeSecondFactor(tx, c.env, user, code, audit)) return 'passed' as const;
      // Audited like a wrong password, in the same transaction as the check.
      await recordAudit(tx, user.tenantId, {
        action: 'auth.sign_in_failed',
        actor: { type: 'anonymous', label: user.email },
        target: { type: 'user', id: user.id },
        ip: audit.ip,
        details: { reason: 'second_factor' },
      });
      return 'wrong' as const;
    }
    const { policy } = await tenantPolicy(tx, user.tenantId);
    return policyRequires(policy, user.role) ? ('enrolment_needed' as const) : ('passed' as const);
  });
  if (outcome === 'code_needed') {
    throw new AppError('totp_required', 'Enter the 6-digit code from your authenticator app');
  }
  if (outcome === 'wrong') {
    // The login's limiter counts every attempt and resets only after this step passes, so code guessing is
    // held to the same 5 a minute as password guessing.
    throw new AppError('totp_invalid', 'The code is not right, or was already used');
  }
  if (outcome === 'enrolment_needed') {
    const enrolmentToken = await signEnrolmentToken({ sub: user.id, tid: user.tenantId }, c.env.JWT_SECRET);
    throw new AppError(
      'totp_enrolment_required',
      'Your organisation requires two-factor authentication: set it up to sign in',
      { enrolmentToken },
    );
  }
}
