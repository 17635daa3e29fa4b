// POST /api/widget/sessions: a website visitor gets a token bound to their one conversation (created on first
// visit, with an open ticket and its protocol number).
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../app-env';
import { WidgetSessionRequest, type WidgetSessionResponse } from '../contract';
import { AppError } from '../errors';
import { publicRoute } from '../middleware/authorize';
import { conversationObjectName } from '../services/conversation-names';
import { openWidgetThread } from '../services/conversations';
import { signVisitorToken } from '../services/tokens';
import { parseJsonBody } from '../validation';

export const widgetSessionRoutes = new Hono<AppEnv>().post(
  '/api/widget/sessions',
  publicRoute('website visitors start here'),
  async (c) => {
    const body = await parseJsonBody(c, WidgetSessionRequest);
    const { primary } = c.var.dbs;
    const found = await primary.execute<{ id: string }>(
      sql`select id from fio_find_tenant_by_slug(${body.tenant})`,
    );
    const tenantId = found.rows[0]?.id;
    if (!tenantId) throw new AppError('not_found', 'Tenant not found');

    const visitorId = body.visitorId ?? crypto.randomUUID();
    const thread = await openWidgetThread(primary, tenantId, visitorId, body.name);
    const ref = { tenantId, conversationId: thread.conversationId };
    await c.env.CONVERSATIONS.getByName(conversationObjectName(tenantId, thread.conversationId)).register(
      ref,
    );

    const token = await signVisitorToken(
      { sub: visitorId, tid: tenantId, cid: thread.conversationId },
      c.env.JWT_SECRET,
    );
    const response: z.infer<typeof WidgetSessionResponse> = {
      token,
      conversationId: thread.conversationId,
      visitorId,
      protocol: thread.protocol,
    };
    return c.json(response, 201);
  },
);
