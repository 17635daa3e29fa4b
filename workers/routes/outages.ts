// Outages and planned maintenance: every agent reads them (the inbox shows the active one); supervisors and
// admins (`outages.manage`) register and resolve them. Registering with `notify` sends the notice to the
// affected customers as a utility campaign; resolving with `notify` tells those notified or told by the bot.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { CreateOutageRequest, OutageListQuery, ResolveOutageRequest } from '../contract';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import { agentActor } from '../services/audit';
import { inTenant } from '../services/db';
import { affectedContactIds, resolutionAudience, sendOutageCampaign } from '../services/outage-notices';
import {
  insertOutage,
  listOutages,
  markResolved,
  requireOutage,
  setOutageCampaign,
} from '../services/outages';
import { forgetOutages } from '../services/outages-affecting';
import { parseIdParam, parseJsonBody, parseQuery } from '../validation';

export const outageRoutes = new Hono<AppEnv>()
  .get('/api/outages', authorize('conversations.read'), async (c) => {
    const { state } = parseQuery(c, OutageListQuery);
    const tenantId = c.var.agent.tid;
    const list = await inTenant(c.var.dbs.db, tenantId, (tx) => listOutages(tx, tenantId, state ?? null));
    return c.json({ outages: list });
  })
  .get('/api/outages/:id', authorize('conversations.read'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Outage');
    const tenantId = c.var.agent.tid;
    const outage = await inTenant(c.var.dbs.primary, tenantId, (tx) => requireOutage(tx, tenantId, id));
    return c.json({ outage });
  })
  .post('/api/outages', authorize('outages.manage'), async (c) => {
    const req = await parseJsonBody(c, CreateOutageRequest);
    const tenantId = c.var.agent.tid;
    const by = c.var.agent.sub;
    const id = crypto.randomUUID();
    // The notice campaign is created (its template checked) before the outage is stored: a refused template
    // leaves nothing behind. Its outage_id names the outage about to be inserted.
    const notice = req.notify
      ? await sendOutageCampaign(c.env, c.var.dbs, tenantId, {
          outageId: id,
          name: `${req.kind === 'maintenance' ? 'Manutenção' : 'Queda'}: ${req.title}`,
          via: req.notify,
          message: req.message,
          contactIds: await affectedContactIds(c.var.dbs, tenantId, req.area),
          by,
        })
      : null;
    const outage = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      insertOutage(tx, tenantId, req, agentActor(c), { id, noticeCampaignId: notice?.created.id ?? null }),
    );
    forgetOutages(tenantId);
    if (notice) await notice.start();
    return c.json({ outage }, 201);
  })
  .post('/api/outages/:id/resolve', authorize('outages.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Outage');
    const req = await parseJsonBody(c, ResolveOutageRequest);
    const tenantId = c.var.agent.tid;
    const dbs = c.var.dbs;
    const current = await inTenant(dbs.primary, tenantId, (tx) => requireOutage(tx, tenantId, id));
    if (current.state === 'resolved') throw new AppError('conflict', 'This outage is already resolved');
    const audience = req.notify
      ? await resolutionAudience(c.env, dbs, tenantId, id, current.noticeCampaignId)
      : { contactIds: [], notice: null };
    const first = audience.notice?.templates[0];
    const via =
      req.via ??
      (audience.notice && first
        ? { channelId: audience.notice.channelId, templateName: first.name, language: first.language }
        : null);
    if (req.notify && audience.contactIds.length > 0 && !via)
      throw new AppError('validation_failed', 'Choose the number and template for the resolution notice', [
        { path: 'via', message: 'required: no notice campaign was sent for this outage' },
      ]);
    const resolution =
      req.notify && via
        ? await sendOutageCampaign(c.env, dbs, tenantId, {
            outageId: id,
            name: `Resolvido: ${current.title}`,
            via,
            message: req.message,
            contactIds: audience.contactIds,
            by: c.var.agent.sub,
          })
        : null;
    const outage = await inTenant(dbs.primary, tenantId, async (tx) => {
      if (resolution) await setOutageCampaign(tx, tenantId, id, 'resolution', resolution.created.id);
      return markResolved(tx, tenantId, id, req.message, agentActor(c));
    });
    forgetOutages(tenantId);
    if (resolution) await resolution.start();
    return c.json({ outage });
  });
