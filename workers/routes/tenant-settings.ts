// The tenant's settings: every agent reads them (dates are shown in the tenant's time zone); admins change
// the name, time zone and default language.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { UpdateTenantSettingsRequest } from '../contract';
import { authorize } from '../middleware/authorize';
import { inTenant } from '../services/db';
import { loadTenantSettings, updateTenantSettings } from '../services/tenant-settings';
import { parseJsonBody } from '../validation';

export const tenantSettingsRoutes = new Hono<AppEnv>()
  .get('/api/tenant/settings', authorize('settings.read'), async (c) => {
    const tenantId = c.var.agent.tid;
    return c.json(await inTenant(c.var.dbs.primary, tenantId, (tx) => loadTenantSettings(tx, tenantId)));
  })
  .patch('/api/tenant/settings', authorize('settings.manage'), async (c) => {
    const req = await parseJsonBody(c, UpdateTenantSettingsRequest);
    const tenantId = c.var.agent.tid;
    return c.json(
      await inTenant(c.var.dbs.primary, tenantId, (tx) => updateTenantSettings(tx, tenantId, req)),
    );
  });
