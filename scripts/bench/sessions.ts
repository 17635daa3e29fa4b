// `npm run bench:sessions` (also the last step of `npm run bench`): what sessions cost, measured against
// baselines in the same run on the same stack. Rows:
//   GET /health                          no auth, no database: the Worker's floor
//   token only (visitor → 403)           JWT verify, no access check (an agent-only route refuses visitors)
//   token + access check (agent → 404)   the same route with an agent token: JWT verify + the one RPC to the
//                                        tenant access object (warm), then a 404 for a malformed id (no DB)
//   GET /api/me                          the above plus a tenant transaction in Postgres
//   POST /api/auth/refresh               rotation: token lookup, locked row, new hash stored, new access token
// The difference of rows 3 and 2 is the per-request cost of live revocation. Writes .fio/bench/sessions.{json,md}.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startStack } from '../lib/stack';
import { DEMO_TENANT } from '../seed';
import { benchLogLevel, config } from './config';
import { benchLifecycle } from './lifecycle';
import { writeReportFiles } from './report-files';
import { skippedLine, suiteSelected } from './selection';
import { summarize } from './stats';
import type { Summary } from './types';

const log = (line: string) => process.stderr.write(`[bench:sessions] ${line}\n`);
const lifecycle = benchLifecycle(log, 'the stack');

/** Concurrent clients per row, and requests each client makes (after a warm-up of WARMUP each). */
const CLIENTS = Number(process.env.BENCH_SESSION_CLIENTS ?? 4);
const REQUESTS = Number(process.env.BENCH_SESSION_REQUESTS ?? 150);
const WARMUP = 20;

interface Row {
  name: string;
  status: number;
  latency: Summary;
  perSecond: number;
}

/** One client's next request: returns the status it got (and may carry state, like a rotated cookie). */
type Client = () => Promise<number>;

async function measure(name: string, clients: Client[]): Promise<Row> {
  for (const client of clients) for (let i = 0; i < WARMUP; i++) await client();
  const samples: number[] = [];
  const statuses = new Map<number, number>();
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      for (let i = 0; i < REQUESTS; i++) {
        const t = performance.now();
        const status = await client();
        samples.push(performance.now() - t);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (statuses.size !== 1) throw new Error(`${name}: mixed statuses ${JSON.stringify([...statuses])}`);
  const row = {
    name,
    status: [...statuses.keys()][0] as number,
    latency: summarize(samples),
    perSecond: samples.length / seconds,
  };
  log(`${name}: p50 ${row.latency.p50.toFixed(2)} ms, p99 ${row.latency.p99.toFixed(2)} ms`);
  return row;
}

function render(rows: Row[]): string {
  const lines = [
    `| request | status | p50 ms | p99 ms | mean ms | req/s |`,
    `|---|---|---|---|---|---|`,
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.status} | ${r.latency.p50.toFixed(2)} | ${r.latency.p99.toFixed(2)} | ${r.latency.mean.toFixed(2)} | ${r.perSecond.toFixed(0)} |`,
    ),
  ];
  return `${lines.join('\n')}\n\n${CLIENTS} concurrent clients × ${REQUESTS} requests per row (after ${WARMUP} warm-up each), local wrangler dev + embedded Postgres.\n`;
}

async function main(): Promise<void> {
  const stack = await lifecycle.owned(
    startStack({ dataDir: join(config.dataDir, 'sessions-stack'), fresh: true, logLevel: benchLogLevel() }),
  );
  const base = stack.workerUrl;
  // Clients sign in as the demo's different people, round robin: every agent request counts toward its user's
  // API limit (1,200 a minute), and one person making all of them would be limited, not measured.
  const people = DEMO_TENANT.users as readonly { email: string; password: string }[];

  const signIn = async (agent: { email: string; password: string }) => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: agent.email, password: agent.password }),
    });
    if (res.status !== 200) throw new Error(`login: ${res.status}`);
    const body = (await res.json()) as { accessToken: string };
    const cookie = /fio_refresh=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    if (!cookie) throw new Error('login set no refresh cookie');
    return { token: body.accessToken, cookie };
  };
  const widget = await fetch(`${base}/api/widget/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: DEMO_TENANT.slug }),
  });
  const visitorToken = ((await widget.json()) as { token: string }).token;
  const sessions: { token: string; cookie: string }[] = [];
  for (let i = 0; i < CLIENTS; i++)
    sessions.push(await signIn(people[i % people.length] as (typeof people)[number]));

  const get = (path: string, token?: string) => async () => {
    const res = await fetch(`${base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    await res.arrayBuffer();
    return res.status;
  };
  const each = (make: (s: { token: string; cookie: string }) => Client) => sessions.map(make);

  const rows: Row[] = [];
  rows.push(
    await measure(
      'GET /health (baseline)',
      each(() => get('/health')),
    ),
  );
  rows.push(
    await measure(
      'token only: visitor on an agent route',
      each(() => get('/api/contacts/x', visitorToken)),
    ),
  );
  rows.push(
    await measure(
      'token + access check: agent, same route',
      each((s) => get('/api/contacts/x', s.token)),
    ),
  );
  rows.push(
    await measure(
      'GET /api/me (token + access check + Postgres)',
      each((s) => get('/api/me', s.token)),
    ),
  );
  rows.push(
    await measure(
      'POST /api/auth/refresh (rotation)',
      each((s) => async () => {
        const res = await fetch(`${base}/api/auth/refresh`, {
          method: 'POST',
          headers: { cookie: `fio_refresh=${s.cookie}` },
        });
        await res.arrayBuffer();
        const next = /fio_refresh=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
        if (next) s.cookie = next;
        return res.status;
      }),
    ),
  );
  const markdown = render(rows);
  process.stdout.write(`\n${markdown}`);
  const files = writeReportFiles(
    config.dataDir,
    'sessions',
    { clients: CLIENTS, requests: REQUESTS, rows },
    markdown,
  );
  log(`wrote ${files.json} and ${files.md}`);
}

if (!suiteSelected('sessions')) process.stderr.write(`[bench:sessions] ${skippedLine('sessions')}\n`);
else await lifecycle.run(main);
