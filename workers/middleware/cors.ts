// CORS for /api: only origins we name get CORS headers (the agent app's own, APP_ORIGIN, with credentials;
// later the widget's allowed origins, without). Any other origin gets none, so its browser withholds the
// answer. Preflights are answered here, before authentication, which a preflight never carries.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { type CorsGrant, corsGrant } from '../env';

const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOW_HEADERS = 'authorization, content-type, x-request-id';
const EXPOSE_HEADERS = 'x-request-id, retry-after';

export const cors = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header('origin');
  const grant = origin ? corsGrant(c.env, origin) : null;
  const preflight = c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined;
  if (preflight) {
    const res = new Response(null, { status: 204, headers: { vary: 'origin' } });
    if (origin && grant) {
      setCors(res.headers, origin, grant);
      res.headers.set('access-control-allow-methods', ALLOW_METHODS);
      res.headers.set('access-control-allow-headers', ALLOW_HEADERS);
      res.headers.set('access-control-max-age', '600');
    }
    return res;
  }
  await next();
  if (c.res.status === 101) return;
  try {
    finish(c.res.headers, origin, grant);
  } catch {
    c.res = new Response(c.res.body, c.res);
    finish(c.res.headers, origin, grant);
  }
});

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
