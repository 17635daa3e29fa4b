// The tenant's LLM settings (admins): endpoint, model, deadline, on/off and the key pool, which is replaced
// or cleared but never shown back (a count and each key's last four characters). Audited with the names of
// the fields that changed.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { AiSettingsRequest } from '../contract';
import { authorize } from '../middleware/authorize';
import { getAiSettingsView, saveAiSettings } from '../services/ai-settings';
import { agentActor, clientIp, recordAudit } from '../services/audit';
import { inTenant } from '../services/db';
import { parseJsonBody } from '../validation';

export const adminAiRoutes = new Hono<AppEnv>()
  .get('/api/admin/ai', authorize('bot.configure'), async (c) => {
    const tenantId = c.var.agent.tid;
    const settings = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      getAiSettingsView(tx, c.env, tenantId),
    );
    return c.json({ settings });
  })
  .put('/api/admin/ai', authorize('bot.configure'), async (c) => {
    const req = await parseJsonBody(c, AiSettingsRequest);
    const tenantId = c.var.agent.tid;
    const settings = await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      const { view, changed } = await saveAiSettings(tx, c.env, tenantId, req, c.var.agent.sub);
      await recordAudit(tx, tenantId, {
        action: 'ai.settings_changed',
        actor: agentActor(c),
        target: { type: 'ai', id: tenantId },
        ip: clientIp(c),
        details: {
          changed,
          enabled: view.enabled,
          baseUrl: view.baseUrl,
          model: view.model,
          keyCount: view.keys.count,
        },
      });
      return view;
    });
    return c.json({ settings });
  });
