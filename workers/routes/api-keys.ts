// API keys for integrations (admins): GET/POST /api/admin/api-keys, DELETE /api/admin/api-keys/:id (revoke).
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { CreateApiKeyRequest } from '../contract';
import { authorize } from '../middleware/authorize';
import { createApiKey, listApiKeys, revokeApiKey } from '../services/api-keys';
import { agentActor, clientIp } from '../services/audit';
import { inTenant } from '../services/db';
import { parseIdParam, parseJsonBody } from '../validation';

export const apiKeyRoutes = new Hono<AppEnv>()
  .get('/api/admin/api-keys', authorize('api_keys.manage'), async (c) => {
    const tenantId = c.var.agent.tid;
    return c.json({
      apiKeys: await inTenant(c.var.dbs.primary, tenantId, (tx) => listApiKeys(tx, tenantId)),
    });
  })
  .post('/api/admin/api-keys', authorize('api_keys.manage'), async (c) => {
    const req = await parseJsonBody(c, CreateApiKeyRequest);
    const tenantId = c.var.agent.tid;
    const by = { userId: c.var.agent.sub, actor: agentActor(c), ip: clientIp(c) };
    const created = await inTenant(c.var.dbs.primary, tenantId, (tx) => createApiKey(tx, tenantId, req, by));
    return c.json(created, 201);
  })
  .delete('/api/admin/api-keys/:id', authorize('api_keys.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'API key');
    const tenantId = c.var.agent.tid;
    const by = { actor: agentActor(c), ip: clientIp(c) };
    await inTenant(c.var.dbs.primary, tenantId, (tx) => revokeApiKey(tx, tenantId, id, by));
    return c.body(null, 204);
  });
