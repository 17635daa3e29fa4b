// Bearer-token authentication: `principal` for routes open to agents and visitors, `agent` for agent-only ones.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import type { Role } from '../contract';
import { AppError } from '../errors';
import { verifyToken } from '../services/tokens';

function bearer(header: string | undefined): string {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) throw new AppError('unauthorized', 'Missing bearer token');
  return match[1];
}

export const requirePrincipal = createMiddleware<AppEnv>(async (c, next) => {
  c.set('principal', await verifyToken(bearer(c.req.header('authorization')), c.env.JWT_SECRET));
  await next();
});

export const requireAgent = createMiddleware<AppEnv>(async (c, next) => {
  const principal = await verifyToken(bearer(c.req.header('authorization')), c.env.JWT_SECRET);
  if (principal.kind !== 'agent') throw new AppError('forbidden', 'This endpoint is for agents');
  c.set('principal', principal);
  c.set('agent', principal);
  await next();
});

/** Agent routes limited to some roles (admin screens). */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = await verifyToken(bearer(c.req.header('authorization')), c.env.JWT_SECRET);
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
