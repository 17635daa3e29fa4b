// CORS for /api: only origins we name get CORS headers: the agent app's own (APP_ORIGIN, with credentials)
// everywhere, and on the public widget routes (/api/widget/*) the sites on that widget channel's list, without
// credentials (the route checks the Origin against the channel it serves and says so with
// `c.set('widgetCors', true)`). Any other origin gets none, so its browser withholds the answer. Preflights are
// answered here, before authentication, which a preflight never carries: a widget route's preflight is
// granted when its path names a channel (/api/widget/channels/:id/…) whose list holds the origin.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { type CorsGrant, corsGrant } from '../env';
import { findWidgetChannel } from '../services/widget-channels';

const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOW_HEADERS = 'authorization, content-type, x-request-id';
const EXPOSE_HEADERS = 'x-request-id, retry-after';
const WIDGET_CHANNEL_PATH =
  /^\/api\/widget\/channels\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\//;
const WIDGET_GRANT: CorsGrant = { credentials: false };

export const cors = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header('origin');
  const appGrant = origin ? corsGrant(c.env, origin) : null;
  const preflight = c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined;
  if (preflight) {
    const grant = appGrant ?? (origin ? await widgetPreflightGrant(c, origin) : null);
    const res = new Response(null, { status: 204, headers: { vary: 'origin' } });
    if (origin && grant) {
      setCors(res.headers, origin, grant);
      res.headers.set('access-control-allow-methods', grant.credentials ? ALLOW_METHODS : 'GET, POST');
      res.headers.set('access-control-allow-headers', ALLOW_HEADERS);
      res.headers.set('access-control-max-age', '600');
    }
    return res;
  }
  await next();
  if (c.res.status === 101) return;
  const grant = appGrant ?? (c.get('widgetCors') === true ? WIDGET_GRANT : null);
  try {
    finish(c.res.headers, origin, grant);
  } catch {
    c.res = new Response(c.res.body, c.res);
    finish(c.res.headers, origin, grant);
  }
});

/** A widget channel's preflight: granted to the sites on that channel's list (a database read, cached). */
async function widgetPreflightGrant(
  c: { req: { path: string }; var: AppEnv['Variables'] },
  origin: string,
): Promise<CorsGrant | null> {
  const id = WIDGET_CHANNEL_PATH.exec(c.req.path)?.[1];
  if (!id) return null;
  const channel = await findWidgetChannel(c.var.dbs.primary, id);
  return channel?.settings.allowedOrigins.includes(origin) ? WIDGET_GRANT : null;
}

function finish(headers: Headers, origin: string | undefined, grant: CorsGrant | null): void {
  headers.append('vary', 'origin');
  if (origin && grant) {
    setCors(headers, origin, grant);
    headers.set('access-control-expose-headers', EXPOSE_HEADERS);
  }
}

function setCors(headers: Headers, origin: string, grant: CorsGrant): void {
  headers.set('access-control-allow-origin', origin);
  if (grant.credentials) headers.set('access-control-allow-credentials', 'true');
}
