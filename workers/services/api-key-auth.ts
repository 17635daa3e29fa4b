// API keys as credentials: `Authorization: Bearer fio_<prefix>_<secret>` resolves (through the pre-auth
// lookup by prefix) to an api-key principal of one tenant, limited to its scopes. Keys are generated here.
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { apiKeys } from '../../drizzle/schema';
import { API_KEY_PATTERN, type ApiKeyScope } from '../contract';
import { AppError } from '../errors';
import { type Database, inTenant } from './db';
import { errorFields, log } from './log';
import { sameDigest, sha256Hex } from './secret-hash';

export interface ApiKeyPrincipal {
  kind: 'api_key';
  /** The key's id. */
  sub: string;
  tid: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
function randomBase32(length: number): string {
  // 256 is a multiple of 32, so `byte % 32` is uniform.
  return [...crypto.getRandomValues(new Uint8Array(length))].map((b) => BASE32[b % 32]).join('');
}

/** A new key: the full text (shown once), its visible prefix and the digest stored in its place. */
export async function generateApiKey(): Promise<{ key: string; prefix: string; secretHash: string }> {
  const prefix = randomBase32(8);
  const secret = randomBase32(40);
  return { key: `fio_${prefix}_${secret}`, prefix, secretHash: await sha256Hex(secret) };
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith('fio_');
}

type KeyRow = {
  id: string;
  tenant_id: string;
  name: string;
  secret_hash: string;
  scopes: string[];
  expires_at: string | Date | null;
  revoked_at: string | Date | null;
  last_used_at: string | Date | null;
};

const LAST_USED_EVERY_MS = 60_000;
const time = (v: string | Date | null) => (v === null ? null : new Date(v).getTime());

/** The key's principal, or 401: unknown, wrong secret, revoked or expired. */
export async function resolveApiKey(primary: Database, token: string): Promise<ApiKeyPrincipal> {
  const match = API_KEY_PATTERN.exec(token);
  if (!match) throw new AppError('unauthorized', 'Invalid API key');
  const [, prefix = '', secret = ''] = match;
  const found = await primary.execute<KeyRow>(sql`select * from fio_find_api_key(${prefix})`);
  const row = found.rows[0];
  const digest = await sha256Hex(secret);
  if (!row || !sameDigest(digest, row.secret_hash)) throw new AppError('unauthorized', 'Invalid API key');
  const now = Date.now();
  if (row.revoked_at !== null) throw new AppError('unauthorized', 'This API key was revoked');
  const expires = time(row.expires_at);
  if (expires !== null && expires <= now) throw new AppError('unauthorized', 'This API key has expired');
  const lastUsed = time(row.last_used_at);
  if (lastUsed === null || now - lastUsed >= LAST_USED_EVERY_MS) await touch(primary, row.tenant_id, row.id);
  return {
    kind: 'api_key',
    sub: row.id,
    tid: row.tenant_id,
    name: row.name,
    prefix,
    scopes: row.scopes as ApiKeyScope[],
  };
}

/** last_used_at at most once a minute: the condition holds across isolates racing on the same key. */
async function touch(primary: Database, tenantId: string, id: string): Promise<void> {
  await inTenant(primary, tenantId, (tx) =>
    tx
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(
        and(
          eq(apiKeys.tenantId, tenantId),
          eq(apiKeys.id, id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
        ),
      ),
  ).catch((err: unknown) => log('warn', 'api key last-used update failed', errorFields(err)));
}
