// /api/v1/conversations: list (status, contact, keyset cursor) and read one (conversations:read).
import { createRoute } from '@hono/zod-openapi';
import { V1ConversationList, V1ConversationQuery, V1ConversationResponse } from '../../contract';
import { authorize } from '../../middleware/authorize';
import { listConversations, readConversation } from '../../services/api-conversations';
import { replicaOf } from '../../services/db';
import { parseIdParam } from '../../validation';
import { errors, IdParam, keyOf, ok, security, v1Router } from './common';

const tags = ['Conversas · Conversations'];

const list = createRoute({
  method: 'get',
  path: '/api/v1/conversations',
  operationId: 'listConversations',
  tags,
  summary: 'List conversations, newest activity first',
  description: 'Pages of up to `limit` (1–100, 25 by default); pass `nextCursor` back as `cursor`.',
  security,
  middleware: [authorize('conversations.read', { apiKeys: 'only' })] as const,
  request: { query: V1ConversationQuery },
  responses: { 200: ok(V1ConversationList, 'A page of conversations'), ...errors(400) },
});

const read = createRoute({
  method: 'get',
  path: '/api/v1/conversations/{id}',
  operationId: 'getConversation',
  tags,
  summary: 'Read a conversation',
  security,
  middleware: [authorize('conversations.read', { apiKeys: 'only' })] as const,
  request: { params: IdParam },
  responses: { 200: ok(V1ConversationResponse, 'The conversation'), ...errors(404) },
});

export const v1ConversationRoutes = v1Router()
  .openapi(list, async (c) => {
    const key = keyOf(c);
    const page = await listConversations(replicaOf(c.var.dbs.db), key.tid, c.req.valid('query'));
    return c.json(page, 200);
  })
  .openapi(read, async (c) => {
    const key = keyOf(c);
    const id = parseIdParam(c.req.valid('param').id, 'Conversation');
    return c.json({ conversation: await readConversation(c.var.dbs.primary, key.tid, id) }, 200);
  });
