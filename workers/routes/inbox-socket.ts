// GET /ws/inbox?token=…: an agent's dashboard socket, authenticated before any upgrade and handed to the
// tenant's inbox object (named by the token's tenant, so no other tenant's inbox is reachable).
import { Hono } from 'hono';
import { inboxName } from '../../durable-objects/tenant-inbox-names';
import type { AppEnv } from '../app-env';
import { AppError } from '../errors';
import { verifyToken } from '../services/tokens';

export const inboxSocketRoutes = new Hono<AppEnv>().get('/ws/inbox', async (c) => {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
    throw new AppError('bad_request', 'This endpoint only accepts WebSocket upgrades');
  }
  const token = c.req.query('token');
  if (!token) throw new AppError('unauthorized', 'Missing token query parameter');
  const principal = await verifyToken(token, c.env.JWT_SECRET);
  if (principal.kind !== 'agent') throw new AppError('forbidden', 'The inbox is for agents');
  const headers = new Headers(c.req.raw.headers);
  headers.set('x-fio-tenant', principal.tid);
  headers.set(
    'x-fio-agent',
    JSON.stringify({ id: principal.sub, name: principal.name, role: principal.role }),
  );
  headers.set('x-request-id', c.var.requestId);
  const stub = c.env.TENANT_INBOX.getByName(inboxName(principal.tid));
  return stub.fetch(new Request(c.req.raw.url, { method: 'GET', headers }));
});
