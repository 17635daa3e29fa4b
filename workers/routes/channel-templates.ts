// WhatsApp templates of a Cloud API number: synced from the Graph API by an admin, listed for agents (the
// only way to write to a customer whose 24 h window has closed).
import { and, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { channels, whatsappTemplates } from '../../drizzle/schema';
import type { AppEnv } from '../app-env';
import { createTransport } from '../channels/transport';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import { forgetChannelRuntime, loadChannelRuntime } from '../services/channel-config';
import { inTenant } from '../services/db';
import { parseIdParam } from '../validation';

function view(t: typeof whatsappTemplates.$inferSelect) {
  return { name: t.name, language: t.language, status: t.status, category: t.category, body: t.body };
}

export const channelTemplateRoutes = new Hono<AppEnv>()
  .get('/api/channels/:id/templates', authorize('templates.read'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Channel');
    const rows = await inTenant(c.var.dbs.primary, c.var.agent.tid, async (tx) => {
      const [channel] = await tx
        .select({ id: channels.id })
        .from(channels)
        .where(and(eq(channels.id, id), isNull(channels.removedAt)));
      if (!channel) throw new AppError('not_found', 'Channel not found');
      return tx
        .select()
        .from(whatsappTemplates)
        .where(eq(whatsappTemplates.channelId, id))
        .orderBy(whatsappTemplates.name, whatsappTemplates.language);
    });
    return c.json({ templates: rows.map(view) });
  })
  .post('/api/channels/:id/templates/sync', authorize('channels.manage'), async (c) => {
    const tenantId = c.var.agent.tid;
    const id = parseIdParam(c.req.param('id'), 'Channel');
    forgetChannelRuntime(tenantId, id);
    const runtime = await loadChannelRuntime(c.env, tenantId, id);
    if (!runtime) throw new AppError('not_found', 'Channel not found');
    if (runtime.kind !== 'whatsapp_cloud') {
      throw new AppError('validation_failed', 'Templates exist only on WhatsApp Cloud API numbers');
    }
    const listed = await createTransport(runtime.config).listTemplates();
    if (!listed.ok)
      throw new AppError('unavailable', `Could not read templates from WhatsApp: ${listed.reason}`);
    const templates = listed.templates;
    const rows = await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      await tx.delete(whatsappTemplates).where(eq(whatsappTemplates.channelId, id));
      if (templates.length === 0) return [];
      return tx
        .insert(whatsappTemplates)
        .values(
          templates.map((t) => ({
            tenantId,
            channelId: id,
            name: t.name,
            language: t.language,
            status: t.status,
            category: t.category,
            body: t.body,
            components: t.components,
          })),
        )
        .onConflictDoNothing()
        .returning();
    });
    return c.json({ templates: rows.map(view) });
  });
