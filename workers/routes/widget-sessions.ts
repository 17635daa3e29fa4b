// POST /api/widget/sessions: a website visitor gets a token bound to their one conversation (created on first
// visit, with an open ticket and its protocol number), and a visitor key to resume it on the next visit.
// Names the widget channel (older clients: the tenant, meaning its first widget channel). The page's origin
// (hostOrigin, and a browser's Origin unless it is Fio's own) must be on the channel's list; a "verified
// only" channel needs an identity token; the form's answers are checked first (CPF check digits, phone as
// E.164) and stored on the visitor's contact. Limited per client address and per widget channel (429).
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
import { assertTenantActive } from '../services/tenant-gate';
import { signVisitorToken } from '../services/tokens';
import { openVisitorKey, signVisitorKey } from '../services/visitor-keys';
import { findWidgetChannel, fioOrigins, pageOrigin } from '../services/widget-channels';
import { checkedAnswers } from '../services/widget-contact';
import { parseJsonBody } from '../validation';

export const widgetSessionRoutes = new Hono<AppEnv>().post(
  '/api/widget/sessions',
  publicRoute('website visitors start here'),
  async (c) => {
    const body = await parseJsonBody(c, WidgetSessionRequest);
    const address = addressSubject(c.env, clientIp(c));
    if (address) await enforceLimit(c.env, WIDGET_SESSION_IP, address);
    const details = checkedAnswers(body.contact);
    const { primary } = c.var.dbs;
    const tenantId = body.channel
      ? (await findWidgetChannel(primary, body.channel))?.tenantId
      : (await primary.execute<{ id: string }>(sql`select id from fio_find_tenant_by_slug(${body.tenant})`))
          .rows[0]?.id;
    if (!tenantId)
      throw new AppError('not_found', body.channel ? 'Widget channel not found' : 'Tenant not found');
    await assertTenantActive(c.env, tenantId);
    const ownOrigins = fioOrigins(c.env, c.req.url);
    const pageOrigins = [
      ...hostOrigin(body.hostOrigin),
      ...browserOrigin(c.req.header('origin'), ownOrigins),
    ];

    const secret = c.env.JWT_SECRET;
    const visitorId = body.visitorKey ? await openVisitorKey(secret, tenantId, body.visitorKey) : null;
    if (body.visitorKey && !visitorId)
      throw new AppError('unauthorized', 'This visitor key was not issued here');
    const thread = await openWidgetThread(
      primary,
      tenantId,
      {
        channelId: body.channel ?? null,
        pageOrigins,
        details,
        visitorId,
        name: body.name,
        identityToken: body.identityToken,
      },
      {
        secretsKey: c.env.CHANNEL_SECRETS_KEY,
        ownOrigins,
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
    // Allowed by now: a browser on one of the channel's sites may read the answer.
    if (browserOrigin(c.req.header('origin'), ownOrigins).length > 0) c.set('widgetCors', true);
    return c.json(response, 201);
  },
);

/** The page the frame says it is in, as an Origin header spells it (a path or a bad value: refused later). */
function hostOrigin(value: string | undefined): string[] {
  if (value === undefined) return [];
  return [pageOrigin(value) ?? value];
}

/** A browser's Origin other than Fio's own (the frame posts from Fio's origin): the page calling directly. */
function browserOrigin(origin: string | undefined, own: readonly string[]): string[] {
  return origin !== undefined && !own.includes(origin) ? [origin] : [];
}
