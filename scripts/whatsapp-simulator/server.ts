// Local stand-in for Meta's WhatsApp Cloud (Graph) API and the Evolution and Uazapi gateways, speaking
// their wire protocols over loopback for `npm run dev` and end-to-end tests. This is the entry point.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routeCloud } from './cloud-routes';
import type { SimContext } from './context';
import { routeControl } from './control-routes';
import { routeEvolution } from './evolution-routes';
import { BodyTooLarge, sendJson } from './http';
import { WhatsAppSimulator } from './simulator';
import { SimState } from './state';
import type { SimulatorOptions } from './types';
import { routeUazapi } from './uazapi-routes';

export { WhatsAppSimulator } from './simulator';
export type * from './types';

async function handle(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', ctx.baseUrl);
  const top = url.pathname.split('/')[1] ?? '';
  try {
    if (top === '' || top === '_sim') return await routeControl(ctx, req, res, url);
    if (top === 'evolution') return await routeEvolution(ctx, req, res, url);
    if (top === 'uazapi') return await routeUazapi(ctx, req, res, url);
    return await routeCloud(ctx, req, res, url);
  } catch (err) {
    if (res.headersSent) return void res.destroy();
    const status = err instanceof BodyTooLarge ? 413 : 500;
    sendJson(res, status, { error: { code: 'simulator_error', message: String(err) } });
  }
}

export async function startWhatsAppSimulator(opts: SimulatorOptions): Promise<WhatsAppSimulator> {
  const stopper = new AbortController();
  const ctx: SimContext = {
    state: new SimState(),
    appSecret: opts.appSecret,
    baseUrl: '',
    workerUrl: opts.workerUrl ?? null,
    signal: stopper.signal,
    autoStatuses: opts.autoStatuses ?? false,
    autoStatusDelayMs: opts.autoStatusDelayMs ?? 300,
  };
  const server = createServer((req, res) => void handle(ctx, req, res));
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  ctx.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const stop = async () => {
    // Abort first: held-open (timeout fault) requests and pending delays end, then sockets are dropped.
    stopper.abort();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return new WhatsAppSimulator(ctx, stop);
}
