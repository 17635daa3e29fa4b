// The sign-in bench (`npm run bench:login`): login latency and CPU per login at 5 and 20 attempts/s, and
// what a flood of 200/s costs with the limiter on, against the same flood spread over fresh accounts and
// addresses (the limiter never trips: every attempt is hashed, i.e. the flood as it was before the limiter).
// Baseline beside it: argon2id verification alone in this process (the floor of a sign-in's cost).
// Writes .fio/bench/login.{json,md}. Always stops the stack.
import { join } from 'node:path';
import pg from 'pg';
import { hashPassword, verifyPassword } from '../../../workers/services/passwords';
import { startStack } from '../../lib/stack';
import { benchLogLevel, config } from '../config';
import { snapshot, usage } from '../cpu';
import { benchLifecycle } from '../lifecycle';
import { writeReportFiles } from '../report-files';
import { skippedLine, suiteSelected } from '../selection';
import { summarize } from '../stats';
import { mdTable } from '../tables';
import type { Summary } from '../types';

const log = (line: string) => process.stderr.write(`[bench:login] ${line}\n`);
const lifecycle = benchLifecycle(log, 'the stack');
const SECONDS = Number(process.env.BENCH_LOGIN_SECONDS ?? 10);
const FLOOD_SECONDS = Number(process.env.BENCH_FLOOD_SECONDS ?? 3);
const ADMIN = { email: 'admin@demo.fio.local', password: 'fio-demo-admin' };
/** Sign-ins go round these agents (as at a shift change): one person does not sign in 20 times a second. */
const AGENTS = 100;
const agentEmail = (i: number) => `bench-agent-${i % AGENTS}@demo.fio.local`;

/** Seeds the agents straight into Postgres with one hash computed here (creating them through the API would cost a hash each). */
async function seedAgents(ownerUrl: string, tenantId: string): Promise<void> {
  const hash = hashPassword(ADMIN.password);
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    for (let i = 0; i < AGENTS; i++) {
      await client.query(
        `insert into users (tenant_id, email, name, role, password_hash) values ($1, $2, $3, 'agent', $4)`,
        [tenantId, agentEmail(i), `Bench ${i}`, hash],
      );
    }
  } finally {
    await client.end();
  }
}

interface Row {
  scenario: string;
  sent: number;
  statuses: Record<string, number>;
  all: Summary;
  refused: Summary | null;
  /** Responses that each cost one argon2id hash (200 and 401). */
  hashes: number;
  workerdCores: number;
  cpuMsPerAttempt: number;
  seconds: number;
}

type Attempt = (i: number) => { email: string; password: string; ip: string };

let ipSeq = 0;
const freshIp = () => {
  ipSeq++;
  return `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
};

/** Open loop: attempt i leaves at t0 + i/rate whatever the answers before it. */
async function paced(url: string, name: string, rate: number, seconds: number, make: Attempt): Promise<Row> {
  const total = Math.round(rate * seconds);
  const statuses: Record<string, number> = {};
  const times: number[] = [];
  const refused: number[] = [];
  const before = snapshot();
  const t0 = performance.now();
  const runs: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = t0 + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const a = make(i);
    runs.push(
      (async () => {
        const start = performance.now();
        let status = 'error';
        try {
          const res = await fetch(`${url}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'cf-connecting-ip': a.ip },
            body: JSON.stringify({ email: a.email, password: a.password }),
            signal: AbortSignal.timeout(30_000),
          });
          await res.arrayBuffer();
          status = String(res.status);
        } catch {
          status = 'timeout/error';
        }
        const ms = performance.now() - start;
        times.push(ms);
        if (status === '429') refused.push(ms);
        statuses[status] = (statuses[status] ?? 0) + 1;
      })(),
    );
  }
  await Promise.all(runs);
  const cpu = usage(before, snapshot(), new Map([[process.pid, 'bench + pg bridge']]));
  // Every workerd of the stack (the app with its objects, and wrangler's dev proxy in front).
  const workerd = cpu.cores['workerd (app + DOs)'] ?? 0;
  const hashes = (statuses['200'] ?? 0) + (statuses['401'] ?? 0);
  return {
    scenario: name,
    sent: total,
    statuses,
    all: summarize(times),
    refused: refused.length ? summarize(refused) : null,
    hashes,
    workerdCores: workerd,
    cpuMsPerAttempt: (workerd * cpu.seconds * 1000) / total,
    seconds: cpu.seconds,
  };
}

function argon2Baseline(): Summary {
  const stored = hashPassword(ADMIN.password);
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    verifyPassword(ADMIN.password, stored);
    times.push(performance.now() - t);
  }
  return summarize(times);
}

const f = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(1));

function render(rows: Row[], base: Summary): string {
  const body = rows.map((r) => [
    r.scenario,
    String(r.sent),
    Object.entries(r.statuses)
      .map(([s, n]) => `${s}×${n}`)
      .join(' '),
    String(r.hashes),
    `${f(r.all.p50)} / ${f(r.all.p99)}`,
    r.refused ? `${f(r.refused.p50)} / ${f(r.refused.p99)}` : '—',
    r.workerdCores.toFixed(2),
    f(r.cpuMsPerAttempt),
  ]);
  body.push([
    'baseline: argon2id verify alone (Node, same parameters)',
    '20',
    '—',
    '20',
    `${f(base.p50)} / ${f(base.p99)}`,
    '—',
    '1 thread',
    f(base.mean),
  ]);
  return [
    ...mdTable(
      [
        'scenario',
        'attempts',
        'answers',
        'hashes',
        'latency p50 / p99 ms',
        '429 p50 / p99 ms',
        'workerd cores',
        'workerd CPU ms / attempt',
      ],
      body,
    ),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const stack = await lifecycle.owned(
    startStack({ dataDir: join(config.dataDir, 'login-stack'), fresh: true, logLevel: benchLogLevel() }),
  );
  const url = stack.workerUrl;
  log(`fio at ${url}; ${SECONDS} s per paced rate, ${FLOOD_SECONDS} s floods`);
  await seedAgents(stack.ownerUrl, stack.demo.tenantId);
  // Warm-up: the isolate, the decoy hash, the limiter objects' code.
  await paced(url, 'warm-up', 5, 1, () => ({ ...ADMIN, ip: freshIp() }));
  const rows: Row[] = [];
  for (const rate of [5, 20]) {
    log(`${rate}/s correct sign-ins over ${AGENTS} agents, each from its own address`);
    rows.push(
      await paced(url, `${rate}/s sign-ins over ${AGENTS} agents (correct password)`, rate, SECONDS, (i) => ({
        email: agentEmail(i),
        password: ADMIN.password,
        ip: freshIp(),
      })),
    );
  }
  log('flood 200/s: one account, one address, wrong password (limiter on)');
  const victim = `victim-${Date.now()}@demo.fio.local`;
  const floodIp = freshIp();
  rows.push(
    await paced(url, '200/s flood, one account + one address (limiter trips)', 200, FLOOD_SECONDS, () => ({
      email: victim,
      password: 'guess',
      ip: floodIp,
    })),
  );
  log('flood 200/s spread over fresh accounts and addresses (limiter never trips: the pre-limiter cost)');
  rows.push(
    await paced(
      url,
      '200/s flood, fresh account + address each (every attempt hashed)',
      200,
      FLOOD_SECONDS,
      (i) => ({
        email: `spread-${i}-${Date.now()}@demo.fio.local`,
        password: 'guess',
        ip: freshIp(),
      }),
    ),
  );
  const base = argon2Baseline();
  const md = render(rows, base);
  process.stdout.write(`\n${md}\n`);
  const files = writeReportFiles(config.dataDir, 'login', { rows, argon2Baseline: base }, md);
  log(`wrote ${files.md}`);
}

if (!suiteSelected('login')) process.stderr.write(`[bench:login] ${skippedLine('login')}\n`);
else void lifecycle.run(main);
