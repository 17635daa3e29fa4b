// Bearer-token authentication: `principal` for routes open to agents and visitors, `agent` for agent-only ones,
// and the `…OrKey(scope)` variants for the few routes an integration's API key may call.
// Every credential, over REST and sockets alike, is resolved by the one `authenticate` below.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import type { ApiKeyScope, Role } from '../contract';
import { AppError } from '../errors';
import { type ApiKeyPrincipal, looksLikeApiKey, resolveApiKey } from '../services/api-key-auth';
import { enforceLimit } from '../services/rate-limit';
import { API_KEY, API_USER } from '../services/rate-limit-policies';
import { type Principal, verifyToken } from '../services/tokens';

/** Whoever presents a credential: an agent or visitor token, or an integration's API key. */
export type AnyPrincipal = Principal | ApiKeyPrincipal;

export function bearer(header: string | undefined): string {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) throw new AppError('unauthorized', 'Missing bearer token');
  return match[1];
}

/**
 * Who presents this credential, or a 401. The one place a token or an API key is checked; agents and keys
 * are then rate limited (per user, per key: 429 with Retry-After; allowed if the limiter is unreachable).
 */
export async function authenticate(c: Context<AppEnv>, token: string): Promise<AnyPrincipal> {
  const principal = looksLikeApiKey(token)
    ? await resolveApiKey(c.var.dbs.primary, token)
    : await verifyToken(token, c.env.JWT_SECRET);
  if (principal.kind === 'agent') await enforceLimit(c.env, API_USER, { kind: 'user', id: principal.sub });
  if (principal.kind === 'api_key') await enforceLimit(c.env, API_KEY, { kind: 'key', id: principal.sub });
  return principal;
}

/** A token principal (agent or visitor); API keys are refused here and only let in with a scope below. */
export async function authenticateToken(c: Context<AppEnv>, token: string): Promise<Principal> {
  const principal = await authenticate(c, token);
  if (principal.kind === 'api_key') throw new AppError('forbidden', 'API keys cannot call this endpoint');
  return principal;
}

const credential = (c: Context<AppEnv>) => bearer(c.req.header('authorization'));

function refuseKeyWithout(principal: ApiKeyPrincipal, scope: ApiKeyScope): void {
  if (!principal.scopes.includes(scope)) {
    throw new AppError('forbidden', `This API key lacks the scope ${scope}`);
  }
}

export const requirePrincipal = createMiddleware<AppEnv>(async (c, next) => {
  c.set('principal', await authenticateToken(c, credential(c)));
  await next();
});

export const requireAgent = createMiddleware<AppEnv>(async (c, next) => {
  const principal = await authenticate(c, credential(c));
  if (principal.kind !== 'agent') throw new AppError('forbidden', 'This endpoint is for agents');
  c.set('principal', principal);
  c.set('agent', principal);
  await next();
});

/** Agents, or an API key holding `scope` (handlers read the tenant from `principal.tid`). */
export function requireAgentOrKey(scope: ApiKeyScope) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = await authenticate(c, credential(c));
    if (principal.kind === 'api_key') refuseKeyWithout(principal, scope);
    else if (principal.kind !== 'agent') throw new AppError('forbidden', 'This endpoint is for agents');
    else c.set('agent', principal);
    c.set('principal', principal);
    await next();
  });
}

/** Agents and visitors (as requirePrincipal), or an API key holding `scope`. */
export function requirePrincipalOrKey(scope: ApiKeyScope) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = await authenticate(c, credential(c));
    if (principal.kind === 'api_key') refuseKeyWithout(principal, scope);
    c.set('principal', principal);
    await next();
  });
}

/** Agent routes limited to some roles (admin screens). */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = await authenticate(c, credential(c));
    // The owner may do everything an admin may (until the permission matrix replaces this list).
    const allowed = roles.includes('admin') ? [...roles, 'owner' as const] : roles;
    if (principal.kind !== 'agent' || !allowed.includes(principal.role)) {
      throw new AppError('forbidden', `This endpoint is for: ${roles.join(', ')}`);
    }
    c.set('principal', principal);
    c.set('agent', principal);
    await next();
  });
}
