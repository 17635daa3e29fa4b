// Single-use tokens for e-mailed links (password reset, invitation): 32 random bytes (base64url) handed to
// the user once, stored only as their SHA-256, valid until `expires_at`, consumed by setting `used_at`.
// Issuing a new one for the same user and purpose retires the older ones, so only the newest link works.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { authTokens } from '../../drizzle/schema';
import { AppError } from '../errors';
import type { Database, Tx } from './db';
import { sha256Hex } from './secret-hash';

export type TokenPurpose = 'password_reset' | 'invitation';

export const RESET_TOKEN_MINUTES = 60;
export const INVITATION_TOKEN_DAYS = 7;

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  password_reset: RESET_TOKEN_MINUTES * 60_000,
  invitation: INVITATION_TOKEN_DAYS * 86_400_000,
};

export type TokenRefusal = 'invalid' | 'expired' | 'used';

const REFUSALS: Record<TokenRefusal, string> = {
  invalid: 'Link inválido. / This link is not valid.',
  expired: 'Este link expirou; peça um novo. / This link has expired; ask for a new one.',
  used: 'Este link já foi usado; peça um novo. / This link was already used; ask for a new one.',
};

/** 400 validation_failed on the `token` field, saying whether it is unknown, expired or used. */
export function tokenRefused(reason: TokenRefusal): AppError {
  const message = REFUSALS[reason];
  return new AppError('validation_failed', message, [{ path: 'token', message, reason }]);
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export interface IssuedToken {
  id: string;
  token: string;
  expiresAt: Date;
}

export async function issueToken(
  tx: Tx,
  tenantId: string,
  userId: string,
  purpose: TokenPurpose,
): Promise<IssuedToken> {
  await tx
    .update(authTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(authTokens.tenantId, tenantId),
        eq(authTokens.userId, userId),
        eq(authTokens.purpose, purpose),
        isNull(authTokens.usedAt),
      ),
    );
  const token = randomToken();
  const expiresAt = new Date(Date.now() + TOKEN_TTL_MS[purpose]);
  const [row] = await tx
    .insert(authTokens)
    .values({ tenantId, userId, purpose, tokenHash: await sha256Hex(token), expiresAt })
    .returning({ id: authTokens.id });
  if (!row) throw new Error('token insert returned nothing');
  return { id: row.id, token, expiresAt };
}

/** Records whether the e-mail carrying a token went out (shown to admins for invitations). */
export async function markMailStatus(tx: Tx, tenantId: string, id: string, sent: boolean): Promise<void> {
  await tx
    .update(authTokens)
    .set({ mailStatus: sent ? 'sent' : 'failed' })
    .where(and(eq(authTokens.tenantId, tenantId), eq(authTokens.id, id)));
}

/** The tenant a token belongs to (before anyone is signed in), or null for an unknown token. */
export async function tokenTenant(primary: Database, token: string): Promise<string | null> {
  if (token.length < 20 || token.length > 128) return null;
  const found = await primary.execute<{ tenant_id: string }>(
    sql`select tenant_id from fio_find_auth_token(${await sha256Hex(token)})`,
  );
  return found.rows[0]?.tenant_id ?? null;
}

async function validToken(
  tx: Tx,
  tenantId: string,
  token: string,
  purpose: TokenPurpose,
  lock: boolean,
): Promise<{ id: string; userId: string }> {
  const query = tx
    .select()
    .from(authTokens)
    .where(and(eq(authTokens.tenantId, tenantId), eq(authTokens.tokenHash, await sha256Hex(token))))
    .limit(1);
  const [row] = lock ? await query.for('update') : await query;
  if (!row || row.purpose !== purpose) throw tokenRefused('invalid');
  if (row.usedAt) throw tokenRefused('used');
  if (row.expiresAt.getTime() <= Date.now()) throw tokenRefused('expired');
  return { id: row.id, userId: row.userId };
}

/** Whose a token is, if it is still good for `purpose`; changes nothing (checks before a slow hash). */
export function peekToken(tx: Tx, tenantId: string, token: string, purpose: TokenPurpose) {
  return validToken(tx, tenantId, token, purpose, false);
}

/**
 * Consumes a token inside its tenant's transaction: locks its row, refuses it when it is for another
 * purpose, used or expired, marks it used and returns whose it is. Two concurrent uses: one wins.
 */
export async function consumeToken(
  tx: Tx,
  tenantId: string,
  token: string,
  purpose: TokenPurpose,
): Promise<{ userId: string }> {
  const row = await validToken(tx, tenantId, token, purpose, true);
  await tx.update(authTokens).set({ usedAt: sql`now()` }).where(eq(authTokens.id, row.id));
  return { userId: row.userId };
}
