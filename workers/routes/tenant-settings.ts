// The tenant's settings: every agent reads them (dates are shown in the tenant's time zone); admins change
// the name, time zone, default language and the 2FA policy (audited as tenant.settings_changed).
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { UpdateTenantSettingsRequest } from '../contract';
import { authorize } from '../middleware/authorize';
import { agentActor, clientIp, recordAudit } from '../services/audit';
import { inTenant } from '../services/db';
import { loadTenantSettings, settingsChanges, updateTenantSettings } from '../services/tenant-settings';
import { parseJsonBody } from '../validation';

export const tenantSettingsRoutes = new Hono<AppEnv>()
  .get('/api/tenant/settings', authorize('settings.read'), async (c) => {
    const tenantId = c.var.agent.tid;
    return c.json(await inTenant(c.var.dbs.primary, tenantId, (tx) => loadTenantSettings(tx, tenantId)));
  })
  .patch('/api/tenant/settings', authorize('settings.manage'), async (c) => {
    const req = await parseJsonBody(c, UpdateTenantSettingsRequest);
    const tenantId = c.var.agent.tid;
    const saved = await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      const before = await loadTenantSettings(tx, tenantId);
      const after = await updateTenantSettings(tx, tenantId, req);
      await recordAudit(tx, tenantId, {
        action: 'tenant.settings_changed',
        actor: agentActor(c),
        target: { type: 'tenant', id: tenantId },
        ip: clientIp(c),
        details: settingsChanges(before, after),
      });
      return after;
    });
    return c.json(saved);
  });
