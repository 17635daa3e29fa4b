// Bearer-token authentication: `principal` for routes open to agents and visitors, `agent` for agent-only ones.
// Every credential, over REST and sockets alike, is resolved by the one `authenticate` below. An agent token
// is also checked against its tenant's access object (one RPC, from memory when warm): a revoked session or a
// deactivated user is refused at once, and the role and name are the user's current ones, not the token's.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { checkSession } from '../../durable-objects/tenant-access/rpc';
import type { AppEnv } from '../app-env';
import type { Role } from '../contract';
import { AppError } from '../errors';
import { type Principal, verifyToken } from '../services/tokens';

export function bearer(header: string | undefined): string {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) throw new AppError('unauthorized', 'Missing bearer token');
  return match[1];
}

/** Who presents this credential, or a 401. The one place a token (or later an API key) is checked. */
export async function authenticate(c: Context<AppEnv>, token: string): Promise<Principal> {
  const principal = await verifyToken(token, c.env.JWT_SECRET);
  if (principal.kind !== 'agent') return principal;
  const now = await checkSession(c.env, principal.tid, principal.sid, principal.sub);
  if (!now.ok) throw new AppError('unauthorized', 'This session has ended; sign in again');
  return { ...principal, role: now.role, name: now.name };
}

export const requirePrincipal = createMiddleware<AppEnv>(async (c, next) => {
  c.set('principal', await authenticate(c, bearer(c.req.header('authorization'))));
  await next();
});

export const requireAgent = createMiddleware<AppEnv>(async (c, next) => {
  const principal = await authenticate(c, bearer(c.req.header('authorization')));
  if (principal.kind !== 'agent') throw new AppError('forbidden', 'This endpoint is for agents');
  c.set('principal', principal);
  c.set('agent', principal);
  await next();
});

/** Agent routes limited to some roles (admin screens). */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = await authenticate(c, bearer(c.req.header('authorization')));
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
