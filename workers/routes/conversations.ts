// Conversation REST: the agent's inbox list (replica, keyset pagination) and a conversation's event history
// (newest from the DO, older from Postgres), both scoped to the caller's tenant.
import { Hono } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../app-env';
import {
  ConversationListQuery,
  type ConversationListResponse,
  EventHistoryQuery,
  type EventHistoryResponse,
  visibleToCustomer,
} from '../contract';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import { listConversations } from '../services/api-conversations';
import { readHistory } from '../services/conversation-history';
import { replicaOf } from '../services/db';
import { parseIdParam, parseQuery } from '../validation';

export const conversationRoutes = new Hono<AppEnv>()
  .get('/api/conversations', authorize('conversations.read', { apiKeys: true }), async (c) => {
    const q = parseQuery(c, ConversationListQuery);
    // The same page as the public API's list (services/api-conversations): one query, one item shape.
    const body: z.infer<typeof ConversationListResponse> = await listConversations(
      replicaOf(c.var.dbs.db),
      c.var.principal.tid,
      q,
    );
    return c.json(body);
  })
  .get('/api/conversations/:id/events', authorize('conversation.join', { apiKeys: true }), async (c) => {
    const principal = c.var.principal;
    const conversationId = parseIdParam(c.req.param('id'), 'Conversation');
    if (principal.kind === 'visitor' && principal.cid !== conversationId) {
      throw new AppError('not_found', 'Conversation not found');
    }
    const q = parseQuery(c, EventHistoryQuery);
    const ref = { tenantId: principal.tid, conversationId };
    const page = await readHistory(c.env, c.var.dbs, ref, q.before ?? null, q.limit, c.var.requestId);
    if (!page) throw new AppError('not_found', 'Conversation not found');
    // Fan-out rule: customers never see private notes.
    const body: EventHistoryResponse =
      principal.kind === 'visitor'
        ? { ...page, events: page.events.filter((e) => visibleToCustomer(e.event)) }
        : page;
    return c.json(body);
  });
