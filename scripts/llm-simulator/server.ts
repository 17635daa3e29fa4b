// Local stand-in for an OpenAI-compatible chat API, for `npm run dev`, tests and the bench:
//   POST /v1/chat/completions  Authorization: Bearer <key>  → a chat completion, or SSE when stream: true.
// Keys starting with `sk-sim-` (or listed in `keys`) are known; any other gets the real 401 body. The answer
// is a scripted one when queued, else the rules in rules.ts. Control API (JSON, zod-validated):
//   POST /_control/faults {key?, mode: rate_limited|error|hang|slow|down, retryAfter?, latencyMs?, count?}
//   DELETE /_control/faults?key=…   POST /_control/script {key?, responses: [{content?, toolCalls?}]}
//   GET /_control/requests?key=…    POST /_control/reset?key=…   (key "*" = any key; no key = everything)
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearer, readJson, sendJson } from '../whatsapp-simulator/http';
import { ChatRequest, decide, type Turn } from './rules';
import { chunks, completion, errorBody } from './shapes';
import { ANY_KEY, FaultBody, LlmSimState, ScriptBody } from './state';

export interface LlmSimulatorOptions {
  port?: number;
  host?: string;
  /** Keys accepted besides any `sk-sim-…` key. */
  keys?: readonly string[];
}

export interface LlmSimulator {
  url: string;
  /** The base URL to configure as the tenant's endpoint (…/v1). */
  baseUrl: string;
  state: LlmSimState;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function turnOf(scripted: {
  content: string | null;
  toolCalls: { name: string; arguments: unknown }[];
}): Turn {
  return {
    content: scripted.content,
    toolCalls: scripted.toolCalls.map((c) => ({
      name: c.name,
      arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
    })),
  };
}

async function handleChat(
  state: LlmSimState,
  opts: LlmSimulatorOptions,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
) {
  const key = bearer(req) ?? null;
  const body = (await readJson(req)) ?? null;
  const record = (outcome: number | 'hang' | 'down') =>
    state.record({ at: new Date().toISOString(), key, path, body, outcome });
  const known = key !== null && (key.startsWith('sk-sim-') || (opts.keys ?? []).includes(key));
  if (!known) {
    record(401);
    return sendJson(res, 401, errorBody(401, key));
  }
  const fault = state.takeFault(key);
  if (fault?.mode === 'hang') {
    record('hang');
    return; // never answers; the client's deadline ends it (sockets close when the simulator stops)
  }
  if (fault?.mode === 'down') {
    record('down');
    req.socket.destroy(); // the connection is reset: no status, no body
    return;
  }
  if (fault?.mode === 'rate_limited') {
    record(429);
    res.setHeader('retry-after', fault.retryAfter ?? '1');
    return sendJson(res, 429, errorBody(429, key));
  }
  if (fault?.mode === 'error') {
    record(500);
    return sendJson(res, 500, errorBody(500, key));
  }
  if (fault?.mode === 'slow') await sleep(fault.latencyMs ?? 1000);
  const parsed = ChatRequest.safeParse(body);
  if (!parsed.success) {
    record(400);
    return sendJson(res, 400, errorBody(400, key));
  }
  const scripted = state.takeScript(key);
  const turn = scripted ? turnOf(scripted) : decide(parsed.data);
  record(200);
  if (!parsed.data.stream)
    return sendJson(
      res,
      200,
      completion(parsed.data.model, turn, JSON.stringify(parsed.data.messages).length),
    );
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  for (const data of chunks(parsed.data.model, turn, parsed.data.stream_options?.include_usage === true))
    res.write(`data: ${JSON.stringify(data)}\n\n`);
  res.end('data: [DONE]\n\n');
}

async function handle(
  state: LlmSimState,
  opts: LlmSimulatorOptions,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const url = new URL(req.url ?? '/', 'http://llm.local');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const keyParam = url.searchParams.get('key');
  if (method === 'POST' && (path === '/v1/chat/completions' || path === '/chat/completions'))
    return handleChat(state, opts, req, res, path);
  if (method === 'POST' && path === '/_control/faults') {
    const parsed = FaultBody.safeParse(await readJson(req));
    if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message });
    state.setFault(parsed.data, parsed.data.key);
    return sendJson(res, 200, { ok: true });
  }
  if (method === 'DELETE' && path === '/_control/faults') {
    state.setFault(null, keyParam ?? ANY_KEY);
    return sendJson(res, 200, { ok: true });
  }
  if (method === 'POST' && path === '/_control/script') {
    const parsed = ScriptBody.safeParse(await readJson(req));
    if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message });
    state.pushScript(parsed.data.key, parsed.data.responses);
    return sendJson(res, 200, { ok: true });
  }
  if (method === 'GET' && path === '/_control/requests')
    return sendJson(res, 200, { requests: state.requestsFor(keyParam) });
  if (method === 'POST' && path === '/_control/reset') {
    state.reset(keyParam);
    return sendJson(res, 200, { ok: true });
  }
  return sendJson(res, 404, errorBody(404, null));
}

export async function startLlmSimulator(opts: LlmSimulatorOptions = {}): Promise<LlmSimulator> {
  const state = new LlmSimState();
  const server = createServer((req, res) => {
    handle(state, opts, req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(err), type: 'server_error' } });
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
    baseUrl: `${url}/v1`,
    state,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
