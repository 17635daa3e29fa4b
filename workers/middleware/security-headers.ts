// Security headers on everything the Worker answers (API JSON, error envelopes, 404s, refused upgrades),
// whichever route or error produced it. A response that brings its own CSP keeps it: stored files are
// served with a stricter sandbox policy (services/file-response.ts). A 101 carries the socket untouched. The
// one document meant to be framed (the widget's frame) says so with `c.set('framable', true)`: it keeps its own
// frame-ancestors and gets no X-Frame-Options DENY.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { API_CSP, COMMON_SECURITY_HEADERS } from '../security-headers';

export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.res.status === 101) return;
  const framable = c.get('framable') === true && c.res.headers.has('content-security-policy');
  // Responses proxied from a Durable Object have immutable headers: copy before adding ours.
  try {
    applyTo(c.res.headers, framable);
  } catch {
    c.res = new Response(c.res.body, c.res);
    applyTo(c.res.headers, framable);
  }
});

function applyTo(headers: Headers, framable: boolean): void {
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) {
    if (framable && name === 'x-frame-options') continue;
    headers.set(name, value);
  }
  if (!headers.has('content-security-policy')) headers.set('content-security-policy', API_CSP);
}
