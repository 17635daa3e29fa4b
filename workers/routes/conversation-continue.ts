// POST /api/conversations/:id/continue: an agent continues the customer on another healthy number of the
// tenant (the conversation's number is banned, logged out, red…). The work is continue-on-number.ts.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { ContinueOnNumberRequest, type ContinueOnNumberResponse } from '../contract';
import { roleCan } from '../contract/permissions';
import { authorize } from '../middleware/authorize';
import { continueOnNumber } from '../services/continue-on-number';
import { parseIdParam, parseJsonBody } from '../validation';

export const conversationContinueRoutes = new Hono<AppEnv>().post(
  '/api/conversations/:id/continue',
  authorize('messages.send'),
  async (c) => {
    const conversationId = parseIdParam(c.req.param('id'), 'Conversation');
    const agent = c.var.agent;
    const body = await parseJsonBody(c, ContinueOnNumberRequest);
    const result = await continueOnNumber(c.env, c.var.dbs.primary, agent.tid, conversationId, body, {
      id: agent.sub,
      name: agent.name,
      // The ticket rule (canWorkTicket): their own and unassigned tickets, anyone's with `tickets.others`.
      actsOnAnyTicket: roleCan(agent.role, 'tickets.others'),
    });
    const response: ContinueOnNumberResponse = { conversationId: result.conversationId, seq: result.seq };
    return c.json(response, result.duplicate ? 200 : 201);
  },
);
