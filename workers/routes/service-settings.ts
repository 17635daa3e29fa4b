// The tenant's service settings and opening hours (GET/PUT /api/settings/service): every agent reads them (the
// hours say when the team is in); admins change them. A change is audited (tenant.settings_changed, which
// groups moved) and tells routing to read the setup again (routingChanged) once it is committed.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { UpdateServiceSettingsRequest } from '../contract';
import { authorize } from '../middleware/authorize';
import { agentActor, clientIp, recordAudit } from '../services/audit';
import { inTenant } from '../services/db';
import { routingChanged } from '../services/routing-changed';
import { loadServiceSettings, serviceChanges, updateServiceSettings } from '../services/service-settings';
import { parseJsonBody } from '../validation';

export const serviceSettingsRoutes = new Hono<AppEnv>()
  .get('/api/settings/service', authorize('settings.read'), async (c) => {
    const tenantId = c.var.agent.tid;
    return c.json(await inTenant(c.var.dbs.primary, tenantId, (tx) => loadServiceSettings(tx, tenantId)));
  })
  .put('/api/settings/service', authorize('settings.manage'), async (c) => {
    const req = await parseJsonBody(c, UpdateServiceSettingsRequest);
    const tenantId = c.var.agent.tid;
    const saved = await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      const before = await loadServiceSettings(tx, tenantId);
      const after = await updateServiceSettings(tx, tenantId, req);
      await recordAudit(tx, tenantId, {
        action: 'tenant.settings_changed',
        actor: agentActor(c),
        target: { type: 'tenant', id: tenantId },
        ip: clientIp(c),
        details: serviceChanges(before, after),
      });
      return after;
    });
    await routingChanged(c.env, tenantId);
    return c.json(saved);
  });
