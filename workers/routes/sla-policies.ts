// SLA policies (/api/sla-policies): every agent reads them (the targets behind the inbox's badges); admins
// create, replace (PATCH takes the whole policy) and delete them. Each change is audited as a settings change
// on the policy and tells routing and the SLA clocks to read the setup again (routingChanged) once committed.

import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { type SlaPolicy, SlaPolicyInput } from '../contract';
import { authorize } from '../middleware/authorize';
import { agentActor, clientIp, recordAudit } from '../services/audit';
import { inTenant, type Tx } from '../services/db';
import { routingChanged } from '../services/routing-changed';
import { createSlaPolicy, deleteSlaPolicy, listSlaPolicies, updateSlaPolicy } from '../services/sla-policies';
import { parseIdParam, parseJsonBody } from '../validation';

type Change = 'created' | 'updated' | 'deleted';

async function audited(c: Context<AppEnv>, tx: Tx, change: Change, policy: SlaPolicy): Promise<SlaPolicy> {
  await recordAudit(tx, c.var.agent.tid, {
    action: 'tenant.settings_changed',
    actor: agentActor(c),
    target: { type: 'sla_policy', id: policy.id },
    ip: clientIp(c),
    details: { slaPolicy: change, name: policy.name },
  });
  return policy;
}

export const slaPolicyRoutes = new Hono<AppEnv>()
  .get('/api/sla-policies', authorize('settings.read'), async (c) => {
    const tenantId = c.var.agent.tid;
    const policies = await inTenant(c.var.dbs.primary, tenantId, (tx) => listSlaPolicies(tx, tenantId));
    return c.json({ policies });
  })
  .post('/api/sla-policies', authorize('settings.manage'), async (c) => {
    const req = await parseJsonBody(c, SlaPolicyInput);
    const tenantId = c.var.agent.tid;
    const created = await inTenant(c.var.dbs.primary, tenantId, async (tx) =>
      audited(c, tx, 'created', await createSlaPolicy(tx, tenantId, req)),
    );
    await routingChanged(c.env, tenantId);
    return c.json(created, 201);
  })
  .patch('/api/sla-policies/:id', authorize('settings.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'SLA policy');
    const req = await parseJsonBody(c, SlaPolicyInput);
    const tenantId = c.var.agent.tid;
    const updated = await inTenant(c.var.dbs.primary, tenantId, async (tx) =>
      audited(c, tx, 'updated', await updateSlaPolicy(tx, tenantId, id, req)),
    );
    await routingChanged(c.env, tenantId);
    return c.json(updated);
  })
  .delete('/api/sla-policies/:id', authorize('settings.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'SLA policy');
    const tenantId = c.var.agent.tid;
    await inTenant(c.var.dbs.primary, tenantId, async (tx) =>
      audited(c, tx, 'deleted', await deleteSlaPolicy(tx, tenantId, id)),
    );
    await routingChanged(c.env, tenantId);
    return c.body(null, 204);
  });
