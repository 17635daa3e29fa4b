// Local stand-in for an HTTP e-mail API (Resend/Postmark style) for `npm run dev` and tests:
//   POST /emails  Authorization: Bearer <key>, {from, to: [..] | "..", subject, text, html} → 200 {id}
// 401 for a wrong key, 422 for a malformed message, and faults on demand (per recipient or "*"):
//   POST /_mail/faults {to, mode: "down" (503) | "rate_limited" (429, Retry-After: 1) | "hang", count?}
//   DELETE /_mail/faults?to=…  ·  GET /_mail/messages?to=…  ·  GET /_mail/attempts?to=…  ·  DELETE /_mail/messages
// GET / is the dev mailbox page (list, open one, click its link).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { bearer, readJson, sendJson } from '../whatsapp-simulator/http';
import { mailboxPage, messagePage } from './pages';
import { MailStore, type ReceivedMail } from './store';

export interface MailSimulatorOptions {
  port?: number;
  host?: string;
  /** The bearer key the API accepts. */
  apiKey: string;
}

export interface MailSimulator {
  url: string;
  /** The endpoint to set as MAIL_API_URL. */
  apiUrl: string;
  store: MailStore;
  stop(): Promise<void>;
}

const Address = z.string().min(3).max(320);
const SendBody = z.object({
  from: z.string().min(3).max(320),
  to: z.union([Address, z.array(Address).min(1).max(50)]),
  subject: z.string().min(1).max(998),
  text: z.string().max(1_000_000).default(''),
  html: z.string().max(1_000_000).default(''),
});
const FaultBody = z.object({
  to: z.string().min(1),
  mode: z.enum(['down', 'rate_limited', 'hang']),
  count: z.number().int().min(1).optional(),
});

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'",
  });
  res.end(html);
}

async function handleSend(store: MailStore, apiKey: string, req: IncomingMessage, res: ServerResponse) {
  if (bearer(req) !== apiKey) {
    return sendJson(res, 401, { statusCode: 401, name: 'invalid_api_key', message: 'API key is invalid' });
  }
  const parsed = SendBody.safeParse(await readJson(req));
  if (!parsed.success) {
    return sendJson(res, 422, { statusCode: 422, name: 'validation_error', message: parsed.error.message });
  }
  const to = Array.isArray(parsed.data.to) ? parsed.data.to : [parsed.data.to];
  const fault = store.takeFault(to);
  const attempt = (status: number) => store.attempts.push({ at: new Date().toISOString(), to, status });
  if (fault === 'hang') {
    attempt(0);
    return; // never answers; the client's timeout ends it (the socket closes when the simulator stops)
  }
  if (fault === 'down') {
    attempt(503);
    return sendJson(res, 503, { statusCode: 503, name: 'service_unavailable', message: 'Simulated outage' });
  }
  if (fault === 'rate_limited') {
    attempt(429);
    res.setHeader('retry-after', '1');
    return sendJson(res, 429, { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' });
  }
  attempt(200);
  const mail: ReceivedMail = { id: store.nextId(), receivedAt: new Date().toISOString(), ...parsed.data, to };
  store.messages.push(mail);
  return sendJson(res, 200, { id: mail.id });
}

async function handle(
  store: MailStore,
  opts: MailSimulatorOptions,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const url = new URL(req.url ?? '/', 'http://mail.local');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (method === 'POST' && path === '/emails') return handleSend(store, opts.apiKey, req, res);
  if (method === 'GET' && path === '/') return sendHtml(res, 200, mailboxPage(store.messages));
  if (method === 'GET' && path.startsWith('/m/')) {
    const id = decodeURIComponent(path.slice(3));
    const mail = store.messages.find((m) => m.id === id);
    return mail ? sendHtml(res, 200, messagePage(mail)) : sendHtml(res, 404, 'not found');
  }
  if (method === 'GET' && path === '/_mail/messages') {
    return sendJson(res, 200, { messages: store.to(url.searchParams.get('to')) });
  }
  if (method === 'DELETE' && path === '/_mail/messages') {
    store.messages.length = 0;
    return sendJson(res, 200, { ok: true });
  }
  if (method === 'GET' && path === '/_mail/attempts') {
    return sendJson(res, 200, { attempts: store.attemptsTo(url.searchParams.get('to')) });
  }
  if (method === 'POST' && path === '/_mail/faults') {
    const parsed = FaultBody.safeParse(await readJson(req));
    if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message });
    store.setFault(parsed.data.to, { mode: parsed.data.mode, remaining: parsed.data.count ?? null });
    return sendJson(res, 200, { ok: true });
  }
  if (method === 'DELETE' && path === '/_mail/faults') {
    store.setFault(url.searchParams.get('to') ?? '*', null);
    return sendJson(res, 200, { ok: true });
  }
  return sendJson(res, 404, { statusCode: 404, name: 'not_found', message: 'No such route' });
}

export async function startMailSimulator(opts: MailSimulatorOptions): Promise<MailSimulator> {
  const store = new MailStore();
  const server = createServer((req, res) => {
    handle(store, opts, req, res).catch((err: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { statusCode: 500, name: 'simulator_error', message: String(err) });
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
  const url = `http://${host}:${port}`;
  return {
    url,
    apiUrl: `${url}/emails`,
    store,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
