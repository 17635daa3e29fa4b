// What every WebSocket route reads before handing the upgrade to an object: that it is an upgrade, and the
// token in the query (browsers cannot set headers on a WebSocket); then the request the object receives,
// carrying who connects in `x-fio-*` headers. Who may connect is `authorizeSocket`'s (authorize.ts) decision.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { AppError } from '../errors';

/** The credential of a socket upgrade (400 when it is no upgrade, 401 without a token). */
export function socketToken(c: Context<AppEnv>): string {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
    throw new AppError('bad_request', 'This endpoint only accepts WebSocket upgrades');
  }
  const token = c.req.query('token');
  if (!token) throw new AppError('unauthorized', 'Missing token query parameter');
  return token;
}

/** The upgrade request as the object sees it: the client's headers plus ours (tenant, who, request id). */
export function upgradeRequest(c: Context<AppEnv>, extra: Record<string, string>): Request {
  const headers = new Headers(c.req.raw.headers);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  headers.set('x-request-id', c.var.requestId);
  return new Request(c.req.raw.url, { method: 'GET', headers });
}
