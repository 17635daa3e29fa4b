// Canned responses: every agent reads them (sorted by shortcut, for the composer's `/` menu); admins and
// supervisors create, replace and delete them. A shortcut is unique per tenant.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { CannedResponseRequest } from '../contract';
import { authorize } from '../middleware/authorize';
import {
  createCannedResponse,
  deleteCannedResponse,
  listCannedResponses,
  replaceCannedResponse,
  SHORTCUT_INDEX,
  SHORTCUT_TAKEN,
} from '../services/canned-responses';
import { inTenant } from '../services/db';
import { conflictOn } from '../services/pg-errors';
import { parseIdParam, parseJsonBody } from '../validation';

const shortcutTaken = conflictOn(SHORTCUT_INDEX, SHORTCUT_TAKEN);

export const cannedResponseRoutes = new Hono<AppEnv>()
  .get('/api/canned-responses', authorize('canned.read'), async (c) => {
    const list = await inTenant(c.var.dbs.primary, c.var.agent.tid, listCannedResponses);
    return c.json({ cannedResponses: list });
  })
  .post('/api/canned-responses', authorize('canned.manage'), async (c) => {
    const req = await parseJsonBody(c, CannedResponseRequest);
    const tenantId = c.var.agent.tid;
    const created = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      createCannedResponse(tx, tenantId, req),
    ).catch(shortcutTaken);
    return c.json(created, 201);
  })
  .put('/api/canned-responses/:id', authorize('canned.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Canned response');
    const req = await parseJsonBody(c, CannedResponseRequest);
    const replaced = await inTenant(c.var.dbs.primary, c.var.agent.tid, (tx) =>
      replaceCannedResponse(tx, id, req),
    ).catch(shortcutTaken);
    return c.json(replaced);
  })
  .delete('/api/canned-responses/:id', authorize('canned.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Canned response');
    await inTenant(c.var.dbs.primary, c.var.agent.tid, (tx) => deleteCannedResponse(tx, id));
    return c.body(null, 204);
  });
