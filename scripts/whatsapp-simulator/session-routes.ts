// Control API for gateway sessions (the simulated phone): GET /_sim/sessions lists instances that left the
// paired state; POST /_sim/sessions/logout logs one out (the gateway's webhooks go to the worker);
// POST /_sim/sessions/scan scans the QR it handed out (409 when it is not waiting for a scan).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SimContext } from './context';
import { listSessions, logout, scan } from './gateway-session';
import { readJson, sendJson } from './http';

const Target = z.strictObject({
  provider: z.enum(['evolution', 'uazapi']),
  address: z.string().min(1),
  channelId: z.string().min(1),
  secret: z.string().min(1),
  webhookSecret: z.string().min(1).optional(),
});
const Scan = z.strictObject({ provider: z.enum(['evolution', 'uazapi']), address: z.string().min(1) });

export async function routeSessions(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const route = `${req.method ?? 'GET'} ${url.pathname.replace(/\/+$/, '')}`;
  if (route === 'GET /_sim/sessions') return sendJson(res, 200, { sessions: listSessions(ctx) });
  if (route !== 'POST /_sim/sessions/logout' && route !== 'POST /_sim/sessions/scan') {
    return sendJson(res, 404, { error: { code: 'not_found', message: `no control route ${route}` } });
  }
  const json = await readJson(req);
  const bad = (error: z.ZodError) =>
    sendJson(res, 400, { error: { code: 'validation_failed', message: error.message } });
  try {
    if (route.endsWith('logout')) {
      const target = Target.safeParse(json);
      return target.success ? sendJson(res, 200, await logout(ctx, target.data)) : bad(target.error);
    }
    const parsed = Scan.safeParse(json);
    if (!parsed.success) return bad(parsed.error);
    const result = await scan(ctx, parsed.data.provider, parsed.data.address);
    if (!result) {
      const message = 'the instance is not waiting for a scan (ask /instance/connect first)';
      return sendJson(res, 409, { error: { code: 'not_waiting', message } });
    }
    sendJson(res, 200, result);
  } catch (err) {
    sendJson(res, 502, { error: { code: 'worker_unreachable', message: String(err) } });
  }
}
