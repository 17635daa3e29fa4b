// Local stand-in for an ISP's system receiving Fio's outgoing webhooks (`npm run dev` and the tests):
//   POST /hooks/<name>   verifies the signature with the hook's secret (when one is set), records the attempt and
//                        answers as scripted: 200, or `failTimes` 500s first, a fixed `status`, `slowMs`, `timeout`.
// Control API for tests:
//   PUT /_recv/hooks/<name> {secret?, failTimes?, status?, slowMs?, timeout?}  (resets the hook's counters)
//   GET /_recv/hooks/<name>/attempts  ·  GET /_recv/hooks/<name>/received (2xx, once per delivery id)
//   DELETE /_recv/hooks/<name>
// GET / is a dev page listing what arrived.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { readBody, readJson, sendJson } from '../whatsapp-simulator/http';
import { receiverPage } from './page';
import { ReceiverStore } from './store';
import { verifyFioSignature } from './verify';

export interface WebhookReceiver {
  url: string;
  store: ReceiverStore;
  stop(): Promise<void>;
}

const Configure = z.strictObject({
  secret: z.string().min(1).max(200).nullable().default(null),
  failTimes: z.number().int().min(0).max(1000).optional(),
  status: z.number().int().min(100).max(599).optional(),
  slowMs: z.number().int().min(0).max(120_000).optional(),
  timeout: z.boolean().optional(),
});

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

async function receive(store: ReceiverStore, name: string, req: IncomingMessage, res: ServerResponse) {
  const raw = (await readBody(req)).toString('utf8');
  const hook = store.hook(name);
  const timestamp = header(req, 'fio-timestamp');
  const signature = hook.secret
    ? verifyFioSignature(hook.secret, raw, timestamp, header(req, 'fio-signature'))
    : 'missing';
  let body: unknown = raw;
  try {
    body = JSON.parse(raw);
  } catch {}
  const b = hook.behaviour;
  let status = 200;
  if (hook.secret && signature !== 'valid') status = 401;
  else if (b.failTimes !== undefined && hook.failed < b.failTimes) {
    hook.failed++;
    status = 500;
  } else if (b.status !== undefined) status = b.status;
  const record = (answered: number) =>
    store.record(name, {
      at: new Date().toISOString(),
      deliveryId: header(req, 'fio-delivery-id') ?? null,
      event: header(req, 'fio-event') ?? null,
      timestamp: timestamp ?? null,
      signature,
      status: answered,
      body,
    });
  if (b.timeout) {
    record(0);
    return; // never answers; the sender gives up (the socket closes when the receiver stops)
  }
  if (b.slowMs) await new Promise((r) => setTimeout(r, b.slowMs));
  record(status);
  sendJson(res, status, { ok: status < 300 });
}

async function handle(store: ReceiverStore, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://receiver.local');
  const method = req.method ?? 'GET';
  const parts = url.pathname.split('/').filter(Boolean);
  if (method === 'GET' && url.pathname === '/') {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
    return res.end(receiverPage(store));
  }
  if (parts[0] === 'hooks' && parts.length === 2 && NAME.test(parts[1] ?? '') && method === 'POST')
    return receive(store, parts[1] as string, req, res);
  if (parts[0] === '_recv' && parts[1] === 'hooks' && NAME.test(parts[2] ?? '')) {
    const name = parts[2] as string;
    if (parts.length === 3 && method === 'PUT') {
      const parsed = Configure.safeParse(await readJson(req));
      if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message });
      const { secret, ...behaviour } = parsed.data;
      store.configure(name, secret, behaviour);
      return sendJson(res, 200, { ok: true });
    }
    if (parts.length === 3 && method === 'DELETE') {
      store.reset(name);
      return sendJson(res, 200, { ok: true });
    }
    if (parts.length === 4 && parts[3] === 'attempts' && method === 'GET')
      return sendJson(res, 200, { attempts: store.hook(name).attempts });
    if (parts.length === 4 && parts[3] === 'received' && method === 'GET')
      return sendJson(res, 200, { received: store.received(name) });
  }
  return sendJson(res, 404, { error: 'no such route' });
}

export async function startWebhookReceiver(
  opts: { port?: number; host?: string } = {},
): Promise<WebhookReceiver> {
  const store = new ReceiverStore();
  const server = createServer((req, res) => {
    handle(store, req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(err) });
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    store,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
