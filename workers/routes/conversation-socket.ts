// GET /ws/conversations/:id?token=…: authorized before any upgrade, then hands the socket to the
// conversation's Durable Object (named by the token's tenant, so foreign ids resolve to nothing).
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import type { Participant } from '../contract';
import { AppError } from '../errors';
import { authorizeSocket } from '../middleware/authorize';
import { upgradeRequest } from '../middleware/socket-upgrade';
import { clientIp } from '../services/audit';
import { conversationObjectName } from '../services/conversation-names';
import { addressSubject } from '../services/rate-limit';
import { parseIdParam } from '../validation';

export const conversationSocketRoutes = new Hono<AppEnv>().get(
  '/ws/conversations/:id',
  authorizeSocket('conversation.join'),
  async (c) => {
    const principal = c.var.principal;
    const conversationId = parseIdParam(c.req.param('id'), 'Conversation');
    if (principal.kind === 'visitor' && principal.cid !== conversationId) {
      throw new AppError('not_found', 'Conversation not found');
    }
    const participant: Participant =
      principal.kind === 'agent'
        ? { kind: 'agent', id: principal.sub, name: principal.name }
        : { kind: 'visitor', id: principal.sub, name: null };

    const stub = c.env.CONVERSATIONS.getByName(conversationObjectName(principal.tid, conversationId));
    return stub.fetch(
      upgradeRequest(c, {
        'x-fio-tenant': principal.tid,
        'x-fio-conversation': conversationId,
        'x-fio-participant': JSON.stringify(participant),
        ...(principal.kind === 'agent'
          ? { 'x-fio-session': principal.sid }
          : // Per-address message limits (visitor-limits.ts); empty when unknown or exempt (local stack).
            { 'x-fio-address': addressSubject(c.env, clientIp(c))?.id ?? '' }),
      }),
    );
  },
);
