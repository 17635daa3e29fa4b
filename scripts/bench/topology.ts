// `npm run bench:topology`: the two numbers the split layout is for, in both layouts in one session, rounds
// alternating (round 1 single then split, round 2 split then single, …; BENCH_ROUNDS, default 1) so a busy
// machine weighs on both alike. Per run it starts the webhook bench (closed loop against its bare-route
// ceiling) and the socket bench's saturated conversation (scenario 2, its flush lag) as child processes
// with FIO_TOPOLOGY set, reads their result files, and writes .fio/bench/topology.{json,md}.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/stack';
import type { Topology } from '../lib/wrangler-configs';
import { config, intEnv } from './config';
import { machine } from './environment';
import { writeReportFiles } from './report-files';
import { mdTable } from './tables';

const log = (line: string) => process.stderr.write(`[bench:topology] ${line}\n`);
const rounds = intEnv('BENCH_ROUNDS', 1, 1, 10);

interface TopologyRun {
  topology: Topology;
  round: number;
  /** Webhooks: Fio's closed-loop 200s/s, the ceiling's, the ratio (%), paced ack p99 (ms). */
  fioPerSecond: number | null;
  ceilingPerSecond: number | null;
  ratioPct: number | null;
  pacedAckP99: number | null;
  /** Scenario 2 (max into one conversation), per in-flight window: acked msgs/s and flush lag p99 (ms). */
  saturated: { window: number; perSecond: number; flushLagP99: number | null }[];
  /** Cores per process role during the closed loop (Fio's run). */
  webhookCores: Record<string, number>;
  failed: string[];
}

function runChild(script: string, topology: Topology, only: string): boolean {
  const res = spawnSync('npx', ['tsx', script], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, FIO_TOPOLOGY: topology, BENCH_ONLY: only },
  });
  return res.status === 0;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(config.dataDir, file), 'utf8')) as T;

interface WebhookJson {
  targets: { target: string; value: number | null }[];
  records: {
    scenario: { key: string };
    target: string;
    throughput: number;
    cpu: { cores: Record<string, number> };
  }[];
}
interface SocketJson {
  records: {
    target: string;
    variant: { kind: string; key: string; pacing: { kind: string; window?: number } };
    load: { ratePerSecond: number };
    archive?: { lag: { p99: number } } | null;
  }[];
}

function measure(topology: Topology, round: number): TopologyRun {
  const run: TopologyRun = {
    topology,
    round,
    fioPerSecond: null,
    ceilingPerSecond: null,
    ratioPct: null,
    pacedAckP99: null,
    saturated: [],
    webhookCores: {},
    failed: [],
  };
  log(`round ${round}, ${topology}: webhooks`);
  if (runChild('scripts/bench/webhooks/run.ts', topology, 'webhooks')) {
    const w = readJson<WebhookJson>('webhooks.json');
    const max = (target: string) => w.records.find((r) => r.scenario.key === 'max' && r.target === target);
    run.fioPerSecond = max('fio')?.throughput ?? null;
    run.ceilingPerSecond = max('ceiling')?.throughput ?? null;
    run.ratioPct =
      run.fioPerSecond !== null && run.ceilingPerSecond
        ? (100 * run.fioPerSecond) / run.ceilingPerSecond
        : null;
    run.pacedAckP99 = w.targets.find((t) => t.target.includes('p99'))?.value ?? null;
    run.webhookCores = max('fio')?.cpu.cores ?? {};
  } else run.failed.push('webhooks');
  log(`round ${round}, ${topology}: saturated conversation`);
  if (runChild('scripts/bench/run.ts', topology, 'ceiling')) {
    const s = readJson<SocketJson>('results.json');
    run.saturated = s.records
      .filter((r) => r.target === 'fio' && r.variant.kind === 'ceiling')
      .map((r) => ({
        window: r.variant.pacing.window ?? 0,
        perSecond: r.load.ratePerSecond,
        flushLagP99: r.archive?.lag.p99 ?? null,
      }));
  } else run.failed.push('sockets');
  return run;
}

const fmt = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits });

function render(runs: TopologyRun[]): string {
  const rows = runs.map((r) => [
    `${r.round}`,
    r.topology,
    `${fmt(r.fioPerSecond)} / ${fmt(r.ceilingPerSecond)}`,
    `${fmt(r.ratioPct, 1)} %`,
    fmt(r.pacedAckP99, 1),
    r.saturated.map((s) => `${s.window}: ${fmt(s.perSecond)}`).join('; ') || '—',
    r.saturated.map((s) => `${s.window}: ${fmt(s.flushLagP99)}`).join('; ') || '—',
    r.failed.join(', ') || '',
  ]);
  const table = mdTable(
    [
      'round',
      'topology',
      'webhooks/s Fio / ceiling',
      'ratio',
      'paced ack p99 ms',
      '1 conversation msgs/s (window)',
      'flush lag p99 ms (window)',
      'failed',
    ],
    rows,
  ).join('\n');
  const cores = runs
    .map(
      (r) =>
        `- round ${r.round} ${r.topology}, webhook closed loop, cores: ${Object.entries(r.webhookCores)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => `${k} ${v.toFixed(2)}`)
          .join(', ')}`,
    )
    .join('\n');
  return `${table}\n\nTargets: webhooks ≥ 50 % of the ceiling; saturated flush lag p99 ≤ 1,000 ms.\n\n${cores}\n`;
}

const runs: TopologyRun[] = [];
for (let round = 1; round <= rounds; round++) {
  const order: Topology[] = round % 2 === 1 ? ['single', 'split'] : ['split', 'single'];
  for (const t of order) runs.push(measure(t, round));
}
const md = render(runs);
process.stdout.write(`\n${md}`);
const files = writeReportFiles(
  config.dataDir,
  'topology',
  { date: new Date().toISOString(), machine: machine(), rounds, runs },
  `# Topology bench\n\n${md}`,
);
log(`wrote ${files.json} and ${files.md}`);
if (runs.some((r) => r.failed.length)) process.exitCode = 1;
