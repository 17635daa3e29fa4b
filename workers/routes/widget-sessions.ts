// POST /api/widget/sessions: a website visitor gets a token bound to their one conversation (created on first
// visit, with an open ticket and its protocol number), and a visitor key to resume it on the next visit.
// Limited per client address and per widget channel (429 with Retry-After).
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../app-env';
import { WidgetSessionRequest, type WidgetSessionResponse } from '../contract';
import { AppError } from '../errors';
import { publicRoute } from '../middleware/authorize';
import { clientIp } from '../services/audit';
import { conversationObjectName } from '../services/conversation-names';
import { openWidgetThread } from '../services/conversations';
import { addressSubject, enforceLimit } from '../services/rate-limit';
import { WIDGET_SESSION_CHANNEL, WIDGET_SESSION_IP } from '../services/rate-limit-policies';
import { signVisitorToken } from '../services/tokens';
import { openVisitorKey, signVisitorKey } from '../services/visitor-keys';
import { parseJsonBody } from '../validation';

export const widgetSessionRoutes = new Hono<AppEnv>().post(
  '/api/widget/sessions',
  publicRoute('website visitors start here'),
  async (c) => {
    const body = await parseJsonBody(c, WidgetSessionRequest);
    const address = addressSubject(c.env, clientIp(c));
    if (address) await enforceLimit(c.env, WIDGET_SESSION_IP, address);
    const { primary } = c.var.dbs;
    const found = await primary.execute<{ id: string }>(
      sql`select id from fio_find_tenant_by_slug(${body.tenant})`,
    );
    const tenantId = found.rows[0]?.id;
    if (!tenantId) throw new AppError('not_found', 'Tenant not found');

    const secret = c.env.JWT_SECRET;
    const visitorId = body.visitorKey ? await openVisitorKey(secret, tenantId, body.visitorKey) : null;
    if (body.visitorKey && !visitorId)
      throw new AppError('unauthorized', 'This visitor key was not issued here');
    const thread = await openWidgetThread(
      primary,
      tenantId,
      { visitorId, name: body.name, identityToken: body.identityToken },
      {
        secretsKey: c.env.CHANNEL_SECRETS_KEY,
        beforeWrite: (channelId) =>
          enforceLimit(c.env, WIDGET_SESSION_CHANNEL, { kind: 'channel', id: channelId }),
      },
    );
    const ref = { tenantId, conversationId: thread.conversationId };
    const stub = c.env.CONVERSATIONS.getByName(conversationObjectName(tenantId, thread.conversationId));
    await stub.register(ref);
    // A returning visitor who now gave a name: the inbox shows it rather than the old (or no) name.
    if (thread.renamed) await stub.contactChanged(ref);

    const token = await signVisitorToken(
      { sub: thread.visitorId, tid: tenantId, cid: thread.conversationId },
      c.env.JWT_SECRET,
    );
    const response: z.infer<typeof WidgetSessionResponse> = {
      token,
      conversationId: thread.conversationId,
      visitorId: thread.visitorId,
      visitorKey: await signVisitorKey(secret, tenantId, thread.visitorId),
      protocol: thread.protocol,
      verified: thread.verified,
    };
    return c.json(response, 201);
  },
);
