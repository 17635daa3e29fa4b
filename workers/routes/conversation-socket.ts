// GET /ws/conversations/:id?token=…: authenticates before any upgrade, then hands the socket to the
// conversation's Durable Object (named by the token's tenant, so foreign ids resolve to nothing).
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import type { Participant } from '../contract';
import { AppError } from '../errors';
import { conversationObjectName } from '../services/conversation-names';
import { verifyToken } from '../services/tokens';
import { parseIdParam } from '../validation';

export const conversationSocketRoutes = new Hono<AppEnv>().get('/ws/conversations/:id', async (c) => {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
    throw new AppError('bad_request', 'This endpoint only accepts WebSocket upgrades');
  }
  const token = c.req.query('token');
  if (!token) throw new AppError('unauthorized', 'Missing token query parameter');
  const principal = await verifyToken(token, c.env.JWT_SECRET);
  const conversationId = parseIdParam(c.req.param('id'), 'Conversation');
  if (principal.kind === 'visitor' && principal.cid !== conversationId) {
    throw new AppError('not_found', 'Conversation not found');
  }
  const participant: Participant =
    principal.kind === 'agent'
      ? { kind: 'agent', id: principal.sub, name: principal.name }
      : { kind: 'visitor', id: principal.sub, name: null };

  const headers = new Headers(c.req.raw.headers);
  headers.set('x-fio-tenant', principal.tid);
  headers.set('x-fio-conversation', conversationId);
  headers.set('x-fio-participant', JSON.stringify(participant));
  headers.set('x-request-id', c.var.requestId);
  const stub = c.env.CONVERSATIONS.getByName(conversationObjectName(principal.tid, conversationId));
  return stub.fetch(new Request(c.req.raw.url, { method: 'GET', headers }));
});
