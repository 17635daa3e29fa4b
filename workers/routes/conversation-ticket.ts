// Ticket actions and the inbox summary of one conversation: POST /api/conversations/:id/ticket (take, assign,
// transfer, unassign, close, reopen, priority, tags) and GET /api/conversations/:id/summary. The Worker checks
// the ids an action names against the tenant; the conversation object applies it (its ticket's one writer).
import { Hono } from 'hono';
import type { ActionNames } from '../../durable-objects/conversation/rpc';
import type { AppEnv } from '../app-env';
import {
  type AuditAction,
  type TicketActionRequest,
  type TicketActionResponse,
  TicketActionRequest as TicketActionSchema,
} from '../contract';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import { agentActor, clientIp, recordAudit } from '../services/audit';
import { conversationObjectName } from '../services/conversation-names';
import { inTenant } from '../services/db';
import { findAgent, findTeam } from '../services/directory';
import { errorFields, log } from '../services/log';
import { parseIdParam, parseJsonBody } from '../validation';

/** Ticket actions the audit log records (transfers and closes). */
const AUDITED_ACTIONS: Partial<Record<TicketActionRequest['action'], AuditAction>> = {
  transfer: 'ticket.transferred',
  close: 'ticket.closed',
};

export const conversationTicketRoutes = new Hono<AppEnv>()
  .post('/api/conversations/:id/ticket', authorize('tickets.work'), async (c) => {
    const agent = c.var.agent;
    const conversationId = parseIdParam(c.req.param('id'), 'Conversation');
    const action = await parseJsonBody(c, TicketActionSchema);
    const names = await resolveNames(
      c.var.dbs.primary,
      agent.tid,
      { id: agent.sub, name: agent.name, role: agent.role },
      action,
    );
    const ref = { tenantId: agent.tid, conversationId };
    const stub = c.env.CONVERSATIONS.getByName(conversationObjectName(ref.tenantId, conversationId));
    const result = await stub.ticketAction(ref, action, names).catch((err: unknown) => {
      log('warn', 'ticket action failed', { requestId: c.var.requestId, ...errorFields(err) });
      throw new AppError('unavailable', 'The conversation is unavailable, try again shortly');
    });
    if (!result) throw new AppError('not_found', 'Conversation not found');
    // Another agent's ticket: 403 naming who holds it (the app words the refusal in the agent's language).
    if (!result.ok && result.code === 'forbidden')
      throw new AppError('forbidden', result.message, { assignee: result.holder });
    if (!result.ok) throw new AppError(result.code, result.message);
    // The object applied it (its ticket's one writer); the Worker records who did it. A change the object
    // found already made (seq null) is not a new one.
    const audited = AUDITED_ACTIONS[action.action];
    if (audited && result.seq !== null) {
      await inTenant(c.var.dbs.primary, agent.tid, (tx) =>
        recordAudit(tx, agent.tid, {
          action: audited,
          actor: agentActor(c),
          target: { type: 'conversation', id: conversationId },
          ip: clientIp(c),
          details: {
            seq: result.seq,
            protocol: result.summary.protocol,
            teamId: result.summary.teamId,
            assigneeId: result.summary.assigneeId,
          },
        }),
      );
    }
    const body: TicketActionResponse = { seq: result.seq, summary: result.summary };
    return c.json(body);
  })
  .get('/api/conversations/:id/summary', authorize('conversations.read'), async (c) => {
    const conversationId = parseIdParam(c.req.param('id'), 'Conversation');
    const ref = { tenantId: c.var.agent.tid, conversationId };
    const stub = c.env.CONVERSATIONS.getByName(conversationObjectName(ref.tenantId, conversationId));
    const summary = await stub.inboxSummary(ref).catch((err: unknown) => {
      log('warn', 'summary read failed', { requestId: c.var.requestId, ...errorFields(err) });
      throw new AppError('unavailable', 'The conversation is unavailable, try again shortly');
    });
    if (!summary) throw new AppError('not_found', 'Conversation not found');
    return c.json(summary);
  });

/** Looks up the agent and team an action names (404 when they are not this tenant's). */
async function resolveNames(
  primary: Parameters<typeof inTenant>[0],
  tenantId: string,
  actor: ActionNames['actor'],
  action: TicketActionRequest,
): Promise<ActionNames> {
  const assigneeId = 'assigneeId' in action ? action.assigneeId : null;
  const teamId = 'teamId' in action ? action.teamId : null;
  if (!assigneeId && !teamId) return { actor, assignee: null, team: null };
  return inTenant(primary, tenantId, async (tx) => {
    const assignee = assigneeId ? await findAgent(tx, tenantId, assigneeId) : null;
    if (assigneeId && !assignee) throw new AppError('not_found', 'No such agent in this tenant');
    const team = teamId ? await findTeam(tx, tenantId, teamId) : null;
    if (teamId && !team) throw new AppError('not_found', 'No such team in this tenant');
    return { actor, assignee, team };
  });
}
