// Who presents a credential: the one `authenticate` every REST route and socket upgrade goes through. What they
// may then do is `authorize.ts`'s question. An agent token is checked against its tenant's access object (one
// RPC, from memory when warm): a revoked session or a deactivated user is refused at once, and the role and
// name are the user's current ones, not the token's. An integration's API key (`fio_…`) resolves to its
// tenant and scopes. Agents and keys are then rate limited (per user, per key: 429 with Retry-After; allowed
// if the limiter is unreachable). A tenant the platform operator suspended is refused for all three
// (403 tenant_suspended).
import type { Context } from 'hono';
import { checkSession } from '../../durable-objects/tenant-access/rpc';
import type { AppEnv } from '../app-env';
import { AppError } from '../errors';
import { type ApiKeyPrincipal, looksLikeApiKey, resolveApiKey } from '../services/api-key-auth';
import { enforceLimit } from '../services/rate-limit';
import { API_KEY, API_USER } from '../services/rate-limit-policies';
import { assertTenantActive, suspendedError } from '../services/tenant-gate';
import { type Principal, verifyToken } from '../services/tokens';

/** Whoever presents a credential: an agent or visitor token, or an integration's API key. */
export type AnyPrincipal = Principal | ApiKeyPrincipal;

export function bearer(header: string | undefined): string {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) throw new AppError('unauthorized', 'Missing bearer token');
  return match[1];
}

/** Who presents this credential, or a 401. The one place a token or an API key is checked. */
export async function authenticate(c: Context<AppEnv>, token: string): Promise<AnyPrincipal> {
  if (looksLikeApiKey(token)) {
    const key = await resolveApiKey(c.var.dbs.primary, token);
    await assertTenantActive(c.env, key.tid);
    await enforceLimit(c.env, API_KEY, { kind: 'key', id: key.sub });
    return key;
  }
  const principal = await verifyToken(token, c.env.JWT_SECRET);
  if (principal.kind !== 'agent') {
    // A visitor (widget) of a suspended tenant: refused like its agents.
    await assertTenantActive(c.env, principal.tid);
    return principal;
  }
  const now = await checkSession(c.env, principal.tid, principal.sid, principal.sub);
  if (now.ok === false && now.suspended) throw suspendedError();
  if (now.ok === false) throw new AppError('unauthorized', 'This session has ended; sign in again');
  await enforceLimit(c.env, API_USER, { kind: 'user', id: principal.sub });
  // Postgres down and nothing known against this session: the token's own role and name, until it expires.
  if (now.ok === 'unverified') return principal;
  return { ...principal, role: now.role, name: now.name };
}

/** A token principal (agent or visitor); an API key is refused (routes that never take keys). */
export async function authenticateToken(c: Context<AppEnv>, token: string): Promise<Principal> {
  const principal = await authenticate(c, token);
  if (principal.kind === 'api_key') throw new AppError('forbidden', 'API keys cannot call this endpoint');
  return principal;
}
