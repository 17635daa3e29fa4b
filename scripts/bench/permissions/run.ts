// `npm run bench:permissions`: what the permission middleware costs per request, side by side in one run and
// one process. Three copies of one route on an isolated Hono app, called in-process (`app.fetch`, no network,
// no database): `bare` (no middleware), `authenticated` (the bearer token checked by the one `authenticate`,
// no permission decision: what every protected route paid before the matrix) and `authorized`
// (`authorize('conversations.read')`: authenticate + the matrix). Rounds interleave the three in a shuffled
// order so drift and GC hit them alike. Reports p50/p99/mean per request and the ratios
// authorized ÷ bare (the whole middleware) and authorized ÷ authenticated (the matrix decision itself).
// Env: BENCH_PERMISSION_REQUESTS (per variant and round, default 2000), BENCH_PERMISSION_ROUNDS (default 10).
import { join } from 'node:path';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../../workers/app-env';
import { authenticate, bearer } from '../../../workers/middleware/auth';
import { authorize, can } from '../../../workers/middleware/authorize';
import { signAccessToken } from '../../../workers/services/tokens';
import { writeReportFiles } from '../report-files';
import { skippedLine, suiteSelected } from '../selection';
import { summarize } from '../stats';
import { mdTable, padRows } from '../tables';

const ROOT = new URL('../../..', import.meta.url).pathname;
const REQUESTS = Number(process.env.BENCH_PERMISSION_REQUESTS ?? 2000);
const ROUNDS = Number(process.env.BENCH_PERMISSION_ROUNDS ?? 10);
const SECRET = 'bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz';

const authenticatedOnly = createMiddleware<AppEnv>(async (c, next) => {
  c.set('principal', await authenticate(c, bearer(c.req.header('authorization'))));
  await next();
});
const handler = (c: { json: (v: unknown) => Response }) => c.json({ ok: true });
const app = new Hono<AppEnv>()
  .get('/bare', handler)
  .get('/authenticated', authenticatedOnly, handler)
  .get('/authorized', authorize('conversations.read'), handler);

type Variant = 'bare' | 'authenticated' | 'authorized';
const VARIANTS: readonly Variant[] = ['bare', 'authenticated', 'authorized'];

async function main(): Promise<void> {
  const token = await signAccessToken(
    {
      sub: crypto.randomUUID(),
      tid: crypto.randomUUID(),
      sid: crypto.randomUUID(),
      role: 'agent',
      name: 'Bench',
    },
    900,
    SECRET,
  );
  // The tenant access object answers from memory when warm; here an in-process stand-in answers at once, so
  // the table shows the middleware's own cost (the RPC's is in `npm run bench:sessions`).
  const access = { check: async () => ({ ok: true, role: 'agent', name: 'Bench' }) };
  // The per-user API limit likewise: a stand-in limiter object that always admits (its RPC is a DO hop).
  const limiter = { hit: async () => ({ allowed: true, remaining: 1000 }) };
  const env = {
    JWT_SECRET: SECRET,
    TENANT_ACCESS: { getByName: () => access },
    RATE_LIMITER: { getByName: () => limiter },
  } as unknown as AppEnv['Bindings'];
  const headers = { authorization: `Bearer ${token}` };
  const once = async (v: Variant) => {
    const res = await app.fetch(new Request(`http://bench/${v}`, { headers }), env);
    if (res.status !== 200) throw new Error(`${v}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  for (const v of VARIANTS) for (let i = 0; i < 500; i++) await once(v); // warm-up (JIT, key cache)
  const samples: Record<Variant, number[]> = { bare: [], authenticated: [], authorized: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = [...VARIANTS].sort(() => Math.random() - 0.5);
    for (const v of order) {
      for (let i = 0; i < REQUESTS; i++) {
        const t0 = performance.now();
        await once(v);
        samples[v].push((performance.now() - t0) * 1000);
      }
    }
  }
  const stats = Object.fromEntries(VARIANTS.map((v) => [v, summarize(samples[v])])) as Record<
    Variant,
    ReturnType<typeof summarize>
  >;
  const us = (n: number) => n.toFixed(1);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const header = [
    'route',
    'requests',
    'p50 µs',
    'p99 µs',
    'mean µs',
    '÷ bare (p50)',
    '÷ authenticated (p50)',
  ];
  const body = VARIANTS.map((v) => [
    v,
    String(stats[v].n),
    us(stats[v].p50),
    us(stats[v].p99),
    us(stats[v].mean),
    ratio(stats[v].p50, stats.bare.p50),
    ratio(stats[v].p50, stats.authenticated.p50),
  ]);
  const extra = stats.authorized.p50 - stats.authenticated.p50;
  // The decision alone, without HTTP around it: every permission for an agent and a visitor.
  const principals = [
    { kind: 'agent', sub: crypto.randomUUID(), tid: crypto.randomUUID(), role: 'supervisor', name: 'B' },
    { kind: 'visitor', sub: crypto.randomUUID(), tid: crypto.randomUUID(), cid: crypto.randomUUID() },
  ] as const;
  const perms = ['conversations.read', 'users.manage', 'conversation.join', 'owners.manage'] as const;
  let allowed = 0;
  const decisions = 4_000_000;
  const t0 = performance.now();
  for (let i = 0; i < decisions; i++) if (can(principals[i & 1] as never, perms[i & 3] as never)) allowed++;
  const nsPerDecision = ((performance.now() - t0) * 1e6) / decisions;
  const summary = [
    `permission middleware (authorize) vs the same route without it: ${ratio(stats.authorized.p50, stats.bare.p50)} p50, ${ratio(stats.authorized.mean, stats.bare.mean)} mean`,
    `authorize vs authenticate only (the matrix decision and its bookkeeping): ${ratio(stats.authorized.p50, stats.authenticated.p50)} p50 (${us(extra)} µs), ${ratio(stats.authorized.mean, stats.authenticated.mean)} mean`,
    `the decision itself (can(), ${decisions} calls, ${allowed} allowed): ${nsPerDecision.toFixed(1)} ns each`,
  ];
  process.stdout.write(`\n${padRows([header, ...body]).join('\n')}\n\n${summary.join('\n')}\n`);
  const md = [
    `Permission middleware, in-process Hono, ${ROUNDS} interleaved rounds × ${REQUESTS} requests per route (Node ${process.version}):`,
    '',
    ...mdTable(header, body),
    '',
    ...summary.map((s) => `- ${s}`),
    '',
  ].join('\n');
  const files = writeReportFiles(
    join(ROOT, '.fio', 'bench'),
    'permissions',
    { rounds: ROUNDS, requests: REQUESTS, stats },
    md,
  );
  process.stderr.write(`[bench] wrote ${files.json} and ${files.md}\n`);
}

if (!suiteSelected('permissions'))
  process.stderr.write(`[bench:permissions] ${skippedLine('permissions')}\n`);
else await main();
