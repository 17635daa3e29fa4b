// Per-request context: a request id (echoed in X-Request-Id and every error), lazily opened database pools
// closed after the response, one structured log line per request, and the log context (requestId, later the
// tenant) every log line and metric flush of the request reads.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { assertEnv } from '../env';
import { type LogContext, runInLogContext } from '../observability/log-context';
import { openDatabases } from '../services/db';
import { log } from '../services/log';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  assertEnv(c.env);
  const incoming = c.req.header('x-request-id');
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  c.set('requestId', requestId);
  const dbs = openDatabases(c.env);
  c.set('dbs', dbs);
  const started = Date.now();
  const ctx = c.executionCtx;
  const scope: LogContext = { requestId, waitUntil: (p) => ctx.waitUntil(p) };
  try {
    await runInLogContext(scope, next);
  } finally {
    ctx.waitUntil(dbs.close());
    // Responses proxied from a Durable Object have immutable headers: copy before tagging. A 101 carries
    // the socket and is passed through untouched.
    if (c.res.status !== 101) {
      try {
        c.res.headers.set('x-request-id', requestId);
      } catch {
        c.res = new Response(c.res.body, c.res);
        c.res.headers.set('x-request-id', requestId);
      }
    }
    log(c.res.status >= 500 ? 'warn' : 'info', 'request', {
      requestId,
      ...(scope.tenantId ? { tenantId: scope.tenantId } : {}),
      ...(scope.conversationId ? { conversationId: scope.conversationId } : {}),
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status: c.res.status,
      ms: Date.now() - started,
    });
  }
});
