// Local ERP simulator for `npm run dev` and tests: one process speaks both ISP ERPs the bot calls, quirks
// included (README "ERP tools (IXC, SGP)"):
//   /ixc/<isp>/webservice/v1/<table>   IXC Provedor (Basic auth, `ixcsoft: listar` listings, inserts)
//   /sgp/<isp>/api/ura/<route>/        SGP (token + app, form-urlencoded or JSON)
//   /sgp/<isp>/boleto/<id>.pdf         the public PDF links SGP's 2ª via hands out
//   /_control/…                        faults, recorded requests, side effects, reset (control.ts)
// Every <isp> is its own copy of the seeded customers (seed.ts), made on first use.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../whatsapp-simulator/http';
import { holdOpen, sleep } from '../whatsapp-simulator/timing';
import { type Answer, ixcErrorPage, json, notFoundPage, send, serverErrorPage } from './answers';
import { control } from './control';
import { ixc } from './ixc';
import { sgp, sgpBoleto } from './sgp';
import { type Failure, type Protocol, type RecordedRequest, SimulatorState } from './state';

export { SECRET_MARKER, SIM_CREDENTIALS } from './seed';

export interface ErpSimulator {
  url: string;
  state: SimulatorState;
  close(): Promise<void>;
}

const IXC_PATH = /^\/ixc\/([a-z0-9][a-z0-9_-]{0,62})\/webservice\/v1\/([a-z_]+)\/?$/;
const SGP_PATH = /^\/sgp\/([a-z0-9][a-z0-9_-]{0,62})\/api\/ura\/([a-z0-9/]+?)\/?$/;
const SGP_BOLETO = /^\/sgp\/([a-z0-9][a-z0-9_-]{0,62})\/boleto\/(\d+)\.pdf$/;

/** JSON when it parses (whatever the content type says), else form fields, else the text (null when empty). */
function parseBody(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (!text) return null;
  if (/^\s*[[{"]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // not JSON after all: IXC and SGP both take forms from older clients
    }
  }
  if (/^[^=&\s]+=/.test(text)) return Object.fromEntries(new URLSearchParams(text));
  return text;
}

function recordedHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'authorization' || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function redacted(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('token' in body)) return body;
  return { ...body, token: '***' };
}

interface Target {
  isp: string;
  protocol: Protocol;
  route: string;
  answer: (body: unknown) => Answer;
}

function target(sim: SimulatorState, path: string, req: IncomingMessage): Target | null {
  const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
  const ixcMatch = IXC_PATH.exec(path);
  if (ixcMatch?.[1] && ixcMatch[2]) {
    const [, isp, table] = ixcMatch;
    const headers = { authorization: req.headers.authorization, ixcsoft: req.headers.ixcsoft as string };
    return {
      isp,
      protocol: 'ixc',
      route: table,
      answer: (body) => ixc(sim.isp(isp), { table, headers, body }),
    };
  }
  const sgpMatch = SGP_PATH.exec(path);
  if (sgpMatch?.[1] && sgpMatch[2]) {
    const [, isp, route] = sgpMatch;
    const record = (b: unknown) =>
      typeof b === 'object' && b !== null && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
    return {
      isp,
      protocol: 'sgp',
      route: route.replace(/\/\d+$/, ''),
      answer: (body) => sgp(sim.isp(isp), { route, body: record(body), origin }),
    };
  }
  const boleto = SGP_BOLETO.exec(path);
  if (boleto?.[1] && boleto[2]) {
    const [, isp, id] = boleto;
    return { isp, protocol: 'sgp', route: 'boleto', answer: () => sgpBoleto(sim.isp(isp), id) };
  }
  return null;
}

async function handle(sim: SimulatorState, stop: AbortSignal, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://erp.local');
  const method = req.method ?? 'GET';
  if (url.pathname.startsWith('/_control/')) return send(res, await control(sim, method, url, req));
  const found = target(sim, url.pathname, req);
  if (!found) return send(res, notFoundPage());
  const body = parseBody(await readBody(req));
  const faults = sim.faultsOf(found.isp);
  const entry: RecordedRequest = {
    at: new Date().toISOString(),
    isp: found.isp,
    protocol: found.protocol,
    method,
    path: url.pathname,
    route: found.route,
    headers: recordedHeaders(req),
    body: redacted(body),
    status: 0,
    fault: null,
  };
  sim.record(entry);
  if (faults.latencyMs > 0) await sleep(faults.latencyMs, stop);
  const failure = faults.failure;
  if (failure && (failure.route === null || found.route.startsWith(failure.route))) {
    if (failure.remaining !== null && --failure.remaining <= 0) faults.failure = null;
    entry.fault = failure.kind;
    return fail(res, failure.kind, entry, stop);
  }
  const answer = found.answer(body);
  entry.status = answer.status;
  send(res, answer);
}

async function fail(res: ServerResponse, kind: Failure, entry: RecordedRequest, stop: AbortSignal) {
  if (kind === 'reset') {
    res.socket?.destroy();
    return;
  }
  if (kind === 'hang') return holdOpen(res, stop);
  if (kind === 'html') {
    // A PHP error page with a 200, as IXC shows for a query it cannot run.
    entry.status = 200;
    return send(res, ixcErrorPage('Fatal error: simulated failure (Uncaught PDOException)'));
  }
  entry.status = 500;
  send(res, serverErrorPage());
}

export async function startErpSimulator(opts: { port?: number; host?: string } = {}): Promise<ErpSimulator> {
  const sim = new SimulatorState();
  const stopping = new AbortController();
  const server = createServer((req, res) => {
    handle(sim, stopping.signal, req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, json({ error: String(err) }, 500));
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
    state: sim,
    close: async () => {
      stopping.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
