// Routing settings (admins and supervisors: `routing.manage`): the tenant's routing as the routing screen edits
// it, a team's mode / default capacity / requeue limits / own hours, an agent's own capacity. Each write is
// audited in the same transaction and then tells the tenant inbox (routingChanged), which drains its queues
// under the new rules.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { UpdateAgentCapacityRequest, UpdateTeamRoutingRequest } from '../contract';
import { authorize } from '../middleware/authorize';
import { agentActor, clientIp, recordAudit } from '../services/audit';
import { inTenant } from '../services/db';
import {
  loadRoutingConfig,
  routingChanges,
  setAgentCapacity,
  updateTeamRouting,
} from '../services/routing-admin';
import { routingChanged } from '../services/routing-changed';
import { parseIdParam, parseJsonBody } from '../validation';

export const routingRoutes = new Hono<AppEnv>()
  .get('/api/routing', authorize('routing.manage'), async (c) => {
    return c.json(await loadRoutingConfig(c.var.dbs.primary, c.var.agent.tid));
  })
  .patch('/api/teams/:id/routing', authorize('routing.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Team');
    const req = await parseJsonBody(c, UpdateTeamRoutingRequest);
    const tenantId = c.var.agent.tid;
    const team = await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      const { before, after } = await updateTeamRouting(tx, tenantId, id, req);
      await recordAudit(tx, tenantId, {
        action: 'team.routing_changed',
        actor: agentActor(c),
        target: { type: 'team', id },
        ip: clientIp(c),
        details: routingChanges(before, after),
      });
      return after;
    });
    await routingChanged(c.env, tenantId);
    return c.json(team);
  })
  .put('/api/users/:id/capacity', authorize('routing.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'User');
    const req = await parseJsonBody(c, UpdateAgentCapacityRequest);
    const tenantId = c.var.agent.tid;
    await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      const { before, after } = await setAgentCapacity(tx, tenantId, id, req.capacity);
      await recordAudit(tx, tenantId, {
        action: 'user.capacity_changed',
        actor: agentActor(c),
        target: { type: 'user', id },
        ip: clientIp(c),
        details: { capacity: { from: before, to: after } },
      });
    });
    await routingChanged(c.env, tenantId);
    return c.json({ id, capacity: req.capacity });
  });
