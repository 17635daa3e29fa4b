// Security headers on everything the Worker answers (API JSON, error envelopes, 404s, refused upgrades),
// whichever route or error produced it. A response that brings its own CSP keeps it: stored files are
// served with a stricter sandbox policy (services/file-response.ts). A 101 carries the socket untouched.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { API_CSP, COMMON_SECURITY_HEADERS } from '../security-headers';

export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.res.status === 101) return;
  // Responses proxied from a Durable Object have immutable headers: copy before adding ours.
  try {
    applyTo(c.res.headers);
  } catch {
    c.res = new Response(c.res.body, c.res);
    applyTo(c.res.headers);
  }
});

function applyTo(headers: Headers): void {
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) headers.set(name, value);
  if (!headers.has('content-security-policy')) headers.set('content-security-policy', API_CSP);
}
