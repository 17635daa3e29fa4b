// Password reset by e-mailed link. Requesting never tells whether the address has an account: the route
// answers the same 202 either way right after one lookup, and the token and e-mail are made afterwards
// (waitUntil), so the answer does not wait on Postgres writes or the mailer. Confirming consumes the
// single-use token, sets the new password and ends every session of the user in one transaction.
import { and, eq } from 'drizzle-orm';
import { users } from '../../drizzle/schema';
import type { Env } from '../env';
import { mailerFor } from '../mail/mailer';
import { passwordResetMail } from '../mail/messages';
import { recordAudit } from './audit';
import {
  consumeToken,
  issueToken,
  markMailStatus,
  peekToken,
  RESET_TOKEN_MINUTES,
  tokenRefused,
  tokenTenant,
} from './auth-tokens';
import { type Database, inTenant, openDatabases } from './db';
import { errorFields, log } from './log';
import { assertAcceptablePassword } from './password-policy';
import { announceEnded, endSessionsForNewPassword, passwordContext, storePassword } from './password-setting';
import { hashPassword } from './passwords';

export interface ResetRequestInput {
  userId: string;
  tenantId: string;
  origin: string;
  ip: string | null;
  requestId: string;
}

/**
 * Runs after the 202: issues the token, records the request and e-mails the link. A deactivated user or an
 * invitation not yet accepted gets nothing. A mailer failure is logged (the user can ask again).
 */
export async function sendPasswordReset(env: Env, input: ResetRequestInput): Promise<void> {
  const dbs = openDatabases(env);
  try {
    const issued = await inTenant(dbs.primary, input.tenantId, async (tx) => {
      const [user] = await tx
        .select()
        .from(users)
        .where(and(eq(users.tenantId, input.tenantId), eq(users.id, input.userId)))
        .limit(1);
      if (!user || user.deactivatedAt || !user.passwordHash) return null;
      const token = await issueToken(tx, input.tenantId, user.id, 'password_reset');
      await recordAudit(tx, input.tenantId, {
        action: 'auth.password_reset_requested',
        actor: { type: 'anonymous' },
        target: { type: 'user', id: user.id },
        ip: input.ip,
      });
      const ctx = await passwordContext(tx, input.tenantId, user.email);
      return { token, user, tenantName: ctx.tenantName ?? '' };
    });
    if (!issued) return;
    const link = `${input.origin}/reset?token=${encodeURIComponent(issued.token.token)}`;
    const message = passwordResetMail({
      to: issued.user.email,
      name: issued.user.name,
      tenantName: issued.tenantName,
      link,
      minutes: RESET_TOKEN_MINUTES,
    });
    const sent = await mailerFor(env)
      .send(message)
      .then(() => true)
      .catch((err: unknown) => {
        log('warn', 'password reset e-mail not sent', { requestId: input.requestId, ...errorFields(err) });
        return false;
      });
    await inTenant(dbs.primary, input.tenantId, (tx) =>
      markMailStatus(tx, input.tenantId, issued.token.id, sent),
    );
  } catch (err) {
    log('error', 'password reset request failed', { requestId: input.requestId, ...errorFields(err) });
  } finally {
    await dbs.close();
  }
}

/** Sets the password a reset link was for; returns the account's e-mail. Bad tokens: 400 on `token`. */
export async function confirmPasswordReset(
  env: Env,
  primary: Database,
  token: string,
  password: string,
  ip: string | null,
): Promise<{ email: string }> {
  const tenantId = await tokenTenant(primary, token);
  if (!tenantId) throw tokenRefused('invalid');
  // Check the token and the password before the slow hash, and without holding any lock meanwhile.
  const email = await inTenant(primary, tenantId, async (tx) => {
    const { userId } = await peekToken(tx, tenantId, token, 'password_reset');
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
      .limit(1);
    if (!user) throw tokenRefused('invalid');
    await assertAcceptablePassword(password, await passwordContext(tx, tenantId, user.email));
    return user.email;
  });
  const hash = hashPassword(password);
  const ended = await inTenant(primary, tenantId, async (tx) => {
    const { userId } = await consumeToken(tx, tenantId, token, 'password_reset');
    await storePassword(tx, tenantId, userId, hash);
    await recordAudit(tx, tenantId, {
      action: 'auth.password_reset',
      actor: { type: 'user', id: userId, label: email },
      target: { type: 'user', id: userId },
      ip,
    });
    // Whoever had the old password (perhaps why it was reset) is signed out everywhere.
    return { userId, sessionIds: await endSessionsForNewPassword(tx, tenantId, userId, null) };
  });
  await announceEnded(env, tenantId, ended.userId, ended.sessionIds);
  return { email };
}
