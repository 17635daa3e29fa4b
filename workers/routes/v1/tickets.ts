// /api/v1 tickets: a conversation's current ticket and a ticket by id (conversations:read), closing it and
// setting its tags (tickets:write) through the conversation object's ticket action, as the key
// ("API · <key name>", acting with a supervisor's reach: an integration closes whichever agent holds it).
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env';
import { type TicketActionRequest, V1TicketResponse, V1TicketTags } from '../../contract';
import { AppError } from '../../errors';
import { authorize } from '../../middleware/authorize';
import { ticketById, ticketOfSummary } from '../../services/api-tickets';
import { conversationObjectName } from '../../services/conversation-names';
import { errorFields, log } from '../../services/log';
import { parseIdParam } from '../../validation';
import { errors, IdParam, jsonBody, jsonRequest, keyOf, ok, security, v1Router } from './common';

const tags = ['Atendimentos · Tickets'];

const current = createRoute({
  method: 'get',
  path: '/api/v1/conversations/{id}/ticket',
  operationId: 'getConversationTicket',
  tags,
  summary: "A conversation's current ticket",
  description:
    'Live from the conversation; `id` and the times are null until the ticket reaches the archive.',
  security,
  middleware: [authorize('conversations.read', { apiKeys: 'only' })] as const,
  request: { params: IdParam },
  responses: { 200: ok(V1TicketResponse, 'The current ticket'), ...errors(404) },
});

const byId = createRoute({
  method: 'get',
  path: '/api/v1/tickets/{id}',
  operationId: 'getTicket',
  tags,
  summary: 'Read a ticket (a protocol number) by id',
  security,
  middleware: [authorize('conversations.read', { apiKeys: 'only' })] as const,
  request: { params: IdParam },
  responses: { 200: ok(V1TicketResponse, 'The ticket'), ...errors(404) },
});

const close = createRoute({
  method: 'post',
  path: '/api/v1/conversations/{id}/ticket/close',
  operationId: 'closeTicket',
  tags,
  summary: "Close the conversation's ticket",
  description: 'Closing a closed ticket changes nothing and answers 200.',
  security,
  middleware: [authorize('tickets.work', { apiKeys: 'only' })] as const,
  request: { params: IdParam },
  responses: { 200: ok(V1TicketResponse, 'The ticket after closing'), ...errors(404, 409) },
});

const setTags = createRoute({
  method: 'post',
  path: '/api/v1/conversations/{id}/ticket/tags',
  operationId: 'setTicketTags',
  tags,
  summary: "Replace the ticket's tags",
  security,
  middleware: [authorize('tickets.work', { apiKeys: 'only' }), jsonBody] as const,
  request: { params: IdParam, ...jsonRequest(V1TicketTags) },
  responses: { 200: ok(V1TicketResponse, 'The ticket with its tags'), ...errors(400, 404, 409) },
});

/** Applies the action in the conversation's object (its ticket's one writer) as the key. */
async function act(c: Context<AppEnv>, rawId: string, action: TicketActionRequest) {
  const key = keyOf(c);
  const conversationId = parseIdParam(rawId, 'Conversation');
  const ref = { tenantId: key.tid, conversationId };
  const stub = c.env.CONVERSATIONS.getByName(conversationObjectName(key.tid, conversationId));
  const names = {
    actor: { id: key.sub, name: `API · ${key.name}`, role: 'supervisor' as const },
    assignee: null,
    team: null,
  };
  const result = await stub.ticketAction(ref, action, names).catch((err: unknown) => {
    log('warn', 'ticket action failed', { requestId: c.var.requestId, ...errorFields(err) });
    throw new AppError('unavailable', 'The conversation is unavailable, try again shortly');
  });
  if (!result) throw new AppError('not_found', 'Conversation not found');
  if (!result.ok) throw new AppError(result.code, result.message);
  return { ticket: await ticketOfSummary(c.var.dbs.primary, key.tid, result.summary) };
}

export const v1TicketRoutes = v1Router()
  .openapi(current, async (c) => {
    const key = keyOf(c);
    const conversationId = parseIdParam(c.req.valid('param').id, 'Conversation');
    const stub = c.env.CONVERSATIONS.getByName(conversationObjectName(key.tid, conversationId));
    const summary = await stub.inboxSummary({ tenantId: key.tid, conversationId }).catch((err: unknown) => {
      log('warn', 'summary read failed', { requestId: c.var.requestId, ...errorFields(err) });
      throw new AppError('unavailable', 'The conversation is unavailable, try again shortly');
    });
    if (!summary) throw new AppError('not_found', 'Conversation not found');
    return c.json({ ticket: await ticketOfSummary(c.var.dbs.primary, key.tid, summary) }, 200);
  })
  .openapi(byId, async (c) => {
    const key = keyOf(c);
    const id = parseIdParam(c.req.valid('param').id, 'Ticket');
    return c.json({ ticket: await ticketById(c.var.dbs.primary, key.tid, id) }, 200);
  })
  .openapi(close, async (c) => c.json(await act(c, c.req.valid('param').id, { action: 'close' }), 200))
  .openapi(setTags, async (c) => {
    const { tags: list } = c.req.valid('json');
    return c.json(await act(c, c.req.valid('param').id, { action: 'tags', tags: list }), 200);
  });
