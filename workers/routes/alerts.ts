// The tenant's operational alerts for its admins (`alerts.read`): the list with the badge count, and
// acknowledging one. Raised and resolved by the minute cron (workers/alerts/evaluate.ts), never by a request.
import { Hono } from 'hono';
import { acknowledgeAlert, listAlerts } from '../alerts/tenant-alerts';
import type { AppEnv } from '../app-env';
import { AlertListQuery } from '../contract';
import { authorize } from '../middleware/authorize';
import { inTenant } from '../services/db';
import { parseIdParam, parseQuery } from '../validation';

export const alertRoutes = new Hono<AppEnv>()
  .get('/api/alerts', authorize('alerts.read'), async (c) => {
    const query = parseQuery(c, AlertListQuery);
    const tenantId = c.var.agent.tid;
    // The primary: an alert acknowledged a moment ago must not come back unacknowledged from a replica.
    const list = await inTenant(c.var.dbs.primary, tenantId, (tx) => listAlerts(tx, tenantId, query));
    return c.json(list);
  })
  .post('/api/alerts/:id/acknowledge', authorize('alerts.read'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Alert');
    const tenantId = c.var.agent.tid;
    const userId = c.var.agent.sub;
    const alert = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      acknowledgeAlert(tx, tenantId, id, userId),
    );
    return c.json({ alert });
  });
