// /api/v1/conversations/{id}/messages: the customer-visible history (conversations:read; private notes never
// leave) and sending text or an approved template (messages:send) through the conversation's object, like
// an agent's send: `clientId` makes a retry return the first answer, free text outside the customer's 24 h
// WhatsApp window is refused (422 window_closed), a template must be approved on the conversation's number.
import { createRoute } from '@hono/zod-openapi';
import type { AgentPost } from '../../../durable-objects/conversation/rpc';
import {
  V1History,
  V1HistoryQuery,
  V1SendMessage,
  V1SendMessageResponse,
  visibleToCustomer,
} from '../../contract';
import { AppError } from '../../errors';
import { authorize } from '../../middleware/authorize';
import { readConversation } from '../../services/api-conversations';
import { renderApprovedTemplate } from '../../services/approved-template';
import { readHistory } from '../../services/conversation-history';
import { conversationObjectName } from '../../services/conversation-names';
import { pickHealthyNumber } from '../../services/number-pool';
import { parseIdParam } from '../../validation';
import { errors, IdParam, jsonBody, jsonRequest, keyOf, ok, security, v1Router } from './common';

const tags = ['Mensagens · Messages'];

const history = createRoute({
  method: 'get',
  path: '/api/v1/conversations/{id}/messages',
  operationId: 'listMessages',
  tags,
  summary: "A conversation's history, oldest first",
  description:
    'Messages, their statuses and ticket changes as events with `seq`; pass `nextBefore` as `before` for the ' +
    'page before. Private notes are never included.',
  security,
  middleware: [authorize('conversations.read', { apiKeys: 'only' })] as const,
  request: { params: IdParam, query: V1HistoryQuery },
  responses: { 200: ok(V1History, 'A page of events'), ...errors(400, 404) },
});

const send = createRoute({
  method: 'post',
  path: '/api/v1/conversations/{id}/messages',
  operationId: 'sendMessage',
  tags,
  summary: 'Send text or an approved template',
  description:
    "Exactly one of `text` or `template`. Free text needs the customer's 24 h window open (422 " +
    "`window_closed` otherwise); a template must be approved on the conversation's number with one parameter " +
    'per variable. The same `clientId` again answers 200 with `duplicate: true` and sends nothing.',
  security,
  middleware: [authorize('messages.send', { apiKeys: 'only' }), jsonBody] as const,
  request: { params: IdParam, ...jsonRequest(V1SendMessage) },
  responses: {
    200: ok(V1SendMessageResponse, 'Already sent with this clientId (nothing sent again)'),
    201: ok(V1SendMessageResponse, 'Stored and on its way (statuses follow in the history and webhooks)'),
    ...errors(400, 404, 409, 422),
  },
});

export const v1MessageRoutes = v1Router()
  .openapi(history, async (c) => {
    const key = keyOf(c);
    const conversationId = parseIdParam(c.req.valid('param').id, 'Conversation');
    const q = c.req.valid('query');
    const ref = { tenantId: key.tid, conversationId };
    const page = await readHistory(c.env, c.var.dbs, ref, q.before ?? null, q.limit, c.var.requestId);
    if (!page) throw new AppError('not_found', 'Conversation not found');
    return c.json({ ...page, events: page.events.filter((e) => visibleToCustomer(e.event)) }, 200);
  })
  .openapi(send, async (c) => {
    const key = keyOf(c);
    const conversationId = parseIdParam(c.req.valid('param').id, 'Conversation');
    const body = c.req.valid('json');
    const primary = c.var.dbs.primary;
    const { channelId } = await readConversation(primary, key.tid, conversationId);
    // An integration writes as a bot named after its key (its id in the author, so retries dedupe per key).
    const post: AgentPost = {
      author: { kind: 'bot', id: key.sub, name: `API · ${key.name}` },
      clientId: body.clientId,
      text: body.text ?? '',
    };
    if (body.template) {
      post.text = await renderApprovedTemplate(primary, key.tid, channelId, body.template);
      // A template is the business starting (or restarting) the talk: only from a healthy number.
      await pickHealthyNumber(primary, key.tid, channelId);
      post.template = body.template;
    }
    const stub = c.env.CONVERSATIONS.getByName(conversationObjectName(key.tid, conversationId));
    const result = await stub.postMessage({ tenantId: key.tid, conversationId }, post);
    if (!result) throw new AppError('not_found', 'Conversation not found');
    if (!result.ok) throw new AppError(result.code, result.message);
    const answer = { seq: result.seq, duplicate: result.duplicate };
    return result.duplicate ? c.json(answer, 200) : c.json(answer, 201);
  });
