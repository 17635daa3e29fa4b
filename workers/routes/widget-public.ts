// The website widget's public routes besides sessions: its configuration (the loader asks from the ISP's page,
// so CORS goes only to the channel's allowed sites) and THE FRAME DOCUMENT, the widget's page inside the
// iframe, served from the static build with a CSP whose frame-ancestors are Fio and that channel's sites.

import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import type { WidgetConfigResponse } from '../contract';
import { isOpenAt, nextOpeningAfter } from '../contract/business-time';
import { AppError } from '../errors';
import { publicRoute } from '../middleware/authorize';
import { widgetFrameCsp } from '../security-headers';
import { hoursFor } from '../services/service-setup';
import { cachedServiceSetup } from '../services/service-setup-cache';
import {
  findWidgetChannel,
  fioOrigins,
  originAllowed,
  type PublicWidgetChannel,
  pageOrigin,
} from '../services/widget-channels';
import { parseIdParam } from '../validation';

export const REFUSED_SITE = 'This site may not embed this widget';

async function liveWidget(c: Context<AppEnv>, param: string | undefined): Promise<PublicWidgetChannel> {
  const id = parseIdParam(param, 'Widget channel');
  const channel = await findWidgetChannel(c.var.dbs.primary, id);
  if (!channel) throw new AppError('not_found', 'Widget channel not found');
  return channel;
}

export const widgetPublicRoutes = new Hono<AppEnv>()
  .get(
    '/api/widget/channels/:id/config',
    publicRoute("the loader reads it on the ISP's page (CORS: the channel's sites)"),
    async (c) => {
      const channel = await liveWidget(c, c.req.param('id'));
      const origin = c.req.header('origin');
      // No Origin: the frame itself (same-origin GET) or a server. A browser elsewhere names its page.
      if (origin !== undefined) {
        if (!originAllowed(channel.settings, origin, fioOrigins(c.env, c.req.url))) {
          throw new AppError('forbidden', REFUSED_SITE);
        }
        c.set('widgetCors', true);
      }
      const setup = await cachedServiceSetup(c.env, channel.tenantId, (p) => c.executionCtx.waitUntil(p));
      const hours = hoursFor(setup, null);
      const now = Date.now();
      const open = hours ? isOpenAt(hours.hours, hours.timezone, now) : true;
      const next = open || !hours ? null : nextOpeningAfter(hours.hours, hours.timezone, now);
      const { branding, prechat, verifiedOnly } = channel.settings;
      const response: WidgetConfigResponse = {
        channelId: channel.channelId,
        branding,
        prechat,
        verifiedOnly,
        open,
        opensAt: next === null ? null : new Date(next).toISOString(),
      };
      c.header('cache-control', 'no-store');
      return c.json(response);
    },
  )
  .get(
    '/widget/frame/:channelId',
    publicRoute("the widget's page inside the iframe (frame-ancestors: the channel's sites)"),
    async (c) => {
      const channel = await liveWidget(c, c.req.param('channelId'));
      const host = pageOrigin(c.req.query('host') ?? '');
      if (!host || !originAllowed(channel.settings, host, fioOrigins(c.env, c.req.url))) {
        return c.html(REFUSED_PAGE, 403);
      }
      const html = await framePage(c);
      // The assets binding answers a missing file with the agent app's index.html (single-page fallback):
      // only the widget's own page (its scripts under /widget/) may be served here.
      if (!html.includes('/widget/assets/')) {
        throw new AppError('unavailable', 'The widget is not built on this server');
      }
      c.set('framable', true);
      return c.body(html, 200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': widgetFrameCsp(channel.settings.allowedOrigins),
        // The CSP follows the channel's list: a cached copy must not outlive a change of it.
        'cache-control': 'no-store',
      });
    },
  );

/** The built widget page (dist/agent/widget/index.html); '' when the build has none. */
async function framePage(c: Context<AppEnv>): Promise<string> {
  let res = await c.env.ASSETS.fetch(new URL('/widget/index.html', c.req.url), { redirect: 'manual' });
  // The assets binding may answer /x/index.html with a redirect to /x/ (its html handling).
  const location = res.headers.get('location');
  if (res.status >= 300 && res.status < 400 && location) {
    res = await c.env.ASSETS.fetch(new URL(location, c.req.url), { redirect: 'manual' });
  }
  return res.ok ? res.text() : '';
}

/** What a site not on the list sees in the iframe (if its browser shows it at all). */
const REFUSED_PAGE = `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>Chat indisponível</title></head>
<body><p>Este site não tem permissão para exibir este chat.</p>
<p lang="en">This site may not embed this chat.</p></body></html>`;
