// Outgoing webhook endpoints (admins, `webhooks.manage`): list with health, create (secret returned once),
// update, delete, rotate the secret, send a test now, list deliveries (`?status=dead`: the dead letters) and
// redeliver one with its own delivery id. Every change is audited; other tenants' ids are 404.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { CreateWebhookRequest, UpdateWebhookRequest, WebhookDeliveriesQuery } from '../contract';
import { authorize } from '../middleware/authorize';
import { agentActor, clientIp } from '../services/audit';
import { inTenant } from '../services/db';
import { listWebhookDeliveries, pendingHeads, redeliverWebhook } from '../services/webhook-deliveries';
import { testWebhookEndpoint } from '../services/webhook-delivery';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  endpointForDelivery,
  listWebhookEndpoints,
  readWebhookEndpoint,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from '../services/webhook-endpoints';
import { queueWebhookDeliveries } from '../services/webhook-events';
import { parseIdParam, parseJsonBody, parseQuery } from '../validation';

const manage = authorize('webhooks.manage');

export const webhookRoutes = new Hono<AppEnv>()
  .get('/api/webhooks', manage, async (c) => {
    const tenantId = c.var.agent.tid;
    const endpoints = await inTenant(c.var.dbs.primary, tenantId, (tx) => listWebhookEndpoints(tx, tenantId));
    return c.json({ endpoints });
  })
  .post('/api/webhooks', manage, async (c) => {
    const req = await parseJsonBody(c, CreateWebhookRequest);
    const tenantId = c.var.agent.tid;
    const by = { actor: agentActor(c), ip: clientIp(c) };
    const created = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      createWebhookEndpoint(tx, c.env.CHANNEL_SECRETS_KEY, tenantId, req, by),
    );
    c.header('cache-control', 'no-store');
    return c.json(created, 201);
  })
  .get('/api/webhooks/:id', manage, async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Webhook endpoint');
    const tenantId = c.var.agent.tid;
    return c.json(await inTenant(c.var.dbs.primary, tenantId, (tx) => readWebhookEndpoint(tx, tenantId, id)));
  })
  .patch('/api/webhooks/:id', manage, async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Webhook endpoint');
    const req = await parseJsonBody(c, UpdateWebhookRequest);
    const tenantId = c.var.agent.tid;
    const by = { actor: agentActor(c), ip: clientIp(c) };
    const { endpoint, heads } = await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      const updated = await updateWebhookEndpoint(tx, tenantId, id, req, by);
      // Switched back on: what waited while it was off goes now, in order.
      return { endpoint: updated.endpoint, heads: updated.reenabled ? await pendingHeads(tx, id) : [] };
    });
    await queueWebhookDeliveries(c.env, tenantId, heads);
    return c.json(endpoint);
  })
  .delete('/api/webhooks/:id', manage, async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Webhook endpoint');
    const tenantId = c.var.agent.tid;
    const by = { actor: agentActor(c), ip: clientIp(c) };
    await inTenant(c.var.dbs.primary, tenantId, (tx) => deleteWebhookEndpoint(tx, tenantId, id, by));
    return c.body(null, 204);
  })
  .post('/api/webhooks/:id/rotate-secret', manage, async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Webhook endpoint');
    const tenantId = c.var.agent.tid;
    const by = { actor: agentActor(c), ip: clientIp(c) };
    const rotated = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      rotateWebhookSecret(tx, c.env.CHANNEL_SECRETS_KEY, tenantId, id, by),
    );
    c.header('cache-control', 'no-store');
    return c.json(rotated);
  })
  .post('/api/webhooks/:id/test', manage, async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Webhook endpoint');
    const tenantId = c.var.agent.tid;
    const endpoint = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      endpointForDelivery(tx, c.env.CHANNEL_SECRETS_KEY, tenantId, id),
    );
    return c.json(await testWebhookEndpoint(c.env, c.var.dbs.primary, tenantId, id, endpoint));
  })
  .get('/api/webhooks/:id/deliveries', manage, async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Webhook endpoint');
    const query = parseQuery(c, WebhookDeliveriesQuery);
    const tenantId = c.var.agent.tid;
    const deliveries = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      listWebhookDeliveries(tx, tenantId, id, query),
    );
    return c.json({ deliveries });
  })
  .post('/api/webhooks/:id/deliveries/:deliveryId/redeliver', manage, async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Webhook endpoint');
    const deliveryId = parseIdParam(c.req.param('deliveryId'), 'Webhook delivery');
    const tenantId = c.var.agent.tid;
    const by = { actor: agentActor(c), ip: clientIp(c) };
    const delivery = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      redeliverWebhook(tx, tenantId, id, deliveryId, by),
    );
    await queueWebhookDeliveries(c.env, tenantId, [delivery.id]);
    return c.json(delivery, 202);
  });
