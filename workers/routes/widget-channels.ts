// Widget channels admin (admins, channels.manage): list them with the snippet to paste, create one, change its
// name, bot switch and settings (branding, allowed sites, pre-chat form, "verified only"). Every change is
// audited. The identity secret has its own route (widget-identity.ts): shown once, never listed.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { z } from 'zod';
import { channels } from '../../drizzle/schema';
import type { AppEnv } from '../app-env';
import {
  CreateWidgetChannelRequest,
  UpdateWidgetChannelRequest,
  type WidgetChannelsResponse,
  type WidgetChannelView,
} from '../contract';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import { agentActor, clientIp, recordAudit } from '../services/audit';
import { forgetChannelRoutes } from '../services/channel-routing';
import { inTenant } from '../services/db';
import { forgetWidgetChannel, widgetChannelView } from '../services/widget-channels';
import { parseIdParam, parseJsonBody } from '../validation';

const fioOrigin = (url: string) => new URL(url).origin;

export const widgetChannelRoutes = new Hono<AppEnv>()
  .get('/api/widget-channels', authorize('channels.manage'), async (c) => {
    const tenantId = c.var.agent.tid;
    const rows = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      tx
        .select()
        .from(channels)
        .where(and(eq(channels.tenantId, tenantId), eq(channels.kind, 'widget'), isNull(channels.removedAt)))
        .orderBy(channels.createdAt),
    );
    const origin = fioOrigin(c.req.url);
    const response: z.infer<typeof WidgetChannelsResponse> = {
      channels: rows.map((row) => widgetChannelView(row, origin)),
    };
    return c.json(response);
  })
  .post('/api/widget-channels', authorize('channels.manage'), async (c) => {
    const req = await parseJsonBody(c, CreateWidgetChannelRequest);
    const tenantId = c.var.agent.tid;
    const row = await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      const [created] = await tx
        .insert(channels)
        .values({
          tenantId,
          kind: 'widget',
          name: req.name,
          botEnabled: req.botEnabled,
          settings: req.settings,
        })
        .returning();
      if (!created) throw new Error('widget channel insert returned nothing');
      await recordAudit(tx, tenantId, {
        action: 'channel.created',
        actor: agentActor(c),
        target: { type: 'channel', id: created.id },
        ip: clientIp(c),
        details: { kind: 'widget', name: created.name, allowedOrigins: req.settings.allowedOrigins },
      });
      return created;
    });
    const channel: WidgetChannelView = widgetChannelView(row, fioOrigin(c.req.url));
    return c.json({ channel }, 201);
  })
  .patch('/api/widget-channels/:id', authorize('channels.manage'), async (c) => {
    const tenantId = c.var.agent.tid;
    const id = parseIdParam(c.req.param('id'), 'Widget channel');
    const req = await parseJsonBody(c, UpdateWidgetChannelRequest);
    const row = await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      const [updated] = await tx
        .update(channels)
        .set({
          // An empty change still finds the row (404 when it is not this tenant's widget channel).
          name: req.name ?? sql`${channels.name}`,
          ...(req.botEnabled !== undefined ? { botEnabled: req.botEnabled } : {}),
          ...(req.settings !== undefined ? { settings: req.settings } : {}),
        })
        .where(
          and(
            eq(channels.tenantId, tenantId),
            eq(channels.id, id),
            eq(channels.kind, 'widget'),
            isNull(channels.removedAt),
          ),
        )
        .returning();
      if (!updated) throw new AppError('not_found', 'Widget channel not found');
      if (Object.keys(req).length === 0) return updated;
      await recordAudit(tx, tenantId, {
        action: 'channel.updated',
        actor: agentActor(c),
        target: { type: 'channel', id },
        ip: clientIp(c),
        // What changed (the allowed sites in full: who may embed the widget is what an audit asks about).
        details: {
          change: 'widget_settings',
          fields: Object.keys(req),
          ...(req.botEnabled !== undefined ? { botEnabled: req.botEnabled } : {}),
          ...(req.settings
            ? { allowedOrigins: req.settings.allowedOrigins, verifiedOnly: req.settings.verifiedOnly }
            : {}),
        },
      });
      return updated;
    });
    // This isolate's cached answers (CORS, frame, config, the bot switch for new tickets) are dropped now.
    forgetWidgetChannel(id);
    forgetChannelRoutes();
    const channel: WidgetChannelView = widgetChannelView(row, fioOrigin(c.req.url));
    return c.json({ channel });
  });
