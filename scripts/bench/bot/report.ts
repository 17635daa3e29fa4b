// The bot bench's report: the latency table (floor, menu, ERP, LLM) with each step's ratio to the floor,
// the crowd table (with and without the bot), the targets met or missed, for the terminal and as markdown
// (.fio/bench/bot.{json,md}).
import { benchEnv, type Machine, machine } from '../environment';
import { writeReportFiles } from '../report-files';
import { cpuCells, mdTable, padRows } from '../tables';
import type { CrowdRun } from './crowd';
import type { LatencyRecord } from './latency';
import type { BotBenchSettings } from './settings';

export interface TargetCheck {
  target: string;
  value: string;
  detail: string;
  pass: boolean | null;
}

export interface BotReport {
  date: string;
  command: string;
  env: Record<string, string>;
  machine: Machine;
  settings: Omit<BotBenchSettings, 'stackDir' | 'reportDir'>;
  latency: LatencyRecord[];
  crowd: CrowdRun[];
  targets: TargetCheck[];
  /** What could not run, and why (a missing part: the ERP or LLM simulator, the bot runtime). */
  notRun: string[];
}

const num = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined || !Number.isFinite(v)
    ? '—'
    : Math.abs(v) >= 1000
      ? Math.round(v).toLocaleString('en-US')
      : v.toFixed(digits);

const LATENCY_HEADER = [
  'step',
  'answered',
  'first send p50',
  'p95',
  'p99',
  'max',
  '÷ floor (p50)',
  'complete p50',
  'sends / reply',
  'side calls / step',
];

/** The floor split in two: how long the customer's message took to reach the agent, and the answer to leave. */
function floorSplit(records: LatencyRecord[]): string | null {
  const split = records.find((r) => r.key === 'floor')?.split;
  if (!split) return null;
  return (
    `Floor split (p50 / p99): webhook → the agent's socket ${num(split.toAgent.p50)} / ${num(split.toAgent.p99)} ms; ` +
    `the agent's send → Graph API ${num(split.agentToGraph.p50)} / ${num(split.agentToGraph.p99)} ms.`
  );
}

function latencyCells(records: LatencyRecord[]): string[][] {
  const floor = records.find((r) => r.key === 'floor')?.first.p50 ?? Number.NaN;
  return records.map((r) => [
    r.title,
    `${r.answered}/${r.samples.length}`,
    num(r.first.p50),
    num(r.first.p95),
    num(r.first.p99),
    num(r.first.max),
    r.key === 'floor' ? '1.00 ×' : `${num(r.first.p50 / floor, 2)} ×`,
    num(r.complete.p50),
    num(r.sendsPerReply, 1),
    num(r.sidePerStep, 1),
  ]);
}

const CROWD_HEADER = [
  'run',
  'conversations',
  '200s / webhooks',
  'answered',
  'unanswered',
  'ack p50',
  'ack p95',
  'ack p99',
  'ack max',
  'first reply p50',
  'first reply p99',
  'seconds',
];

/** Ack p50 / p99 per script line, both runs: where the difference comes from. */
function crowdLines(runs: CrowdRun[]): string | null {
  if (runs.length === 0) return null;
  const parts = runs.map(
    (r) =>
      `${r.label === 'bot' ? 'with the bot' : 'without'}: ` +
      r.ackByLine.map((a, j) => `#${j + 1} ${num(a.p50)} / ${num(a.p99)}`).join(', '),
  );
  return `Ack p50 / p99 by message (#1 opens the conversation and its ticket): ${parts.join('; ')} ms.`;
}

function crowdCells(runs: CrowdRun[]): string[][] {
  return runs.map((r) => [
    r.label === 'bot' ? 'with the bot' : 'same load, number without the bot',
    String(r.conversations),
    `${r.acked}/${r.messages}`,
    r.label === 'bot' ? String(r.answered) : '—',
    r.label === 'bot' ? String(r.unanswered) : '—',
    num(r.ack.p50, 2),
    num(r.ack.p95, 2),
    num(r.ack.p99, 2),
    num(r.ack.max),
    num(r.firstReply.p50),
    num(r.firstReply.p99),
    num(r.seconds, 0),
  ]);
}

export function targets(latency: LatencyRecord[], crowd: CrowdRun[], s: BotBenchSettings): TargetCheck[] {
  const menu = latency.find((r) => r.key === 'menu');
  const llm = latency.find((r) => r.key === 'llm');
  const bot = crowd.find((r) => r.label === 'bot');
  const plain = crowd.find((r) => r.label === 'plain');
  const complete = (r: LatencyRecord | undefined) => r !== undefined && r.answered === r.samples.length;
  const ratio = bot && plain ? bot.ack.p99 / plain.ack.p99 : Number.NaN;
  return [
    {
      target: `menu step: first send p99 ≤ ${s.targets.menuP99Ms} ms`,
      value: menu ? `${num(menu.first.p99)} ms` : '—',
      detail: menu ? `${menu.answered}/${menu.samples.length} answered, n=${menu.first.n}` : 'not run',
      pass:
        menu && Number.isFinite(menu.first.p99)
          ? menu.first.p99 <= s.targets.menuP99Ms && complete(menu)
          : null,
    },
    {
      target: `LLM step (model at ${s.llmLatencyMs} ms): first send p95 ≤ ${num(s.targets.llmP95Ms, 0)} ms`,
      value: llm ? `${num(llm.first.p95)} ms` : '—',
      detail: llm ? `${llm.answered}/${llm.samples.length} answered, n=${llm.first.n}` : 'not run',
      pass:
        llm && Number.isFinite(llm.first.p95) ? llm.first.p95 <= s.targets.llmP95Ms && complete(llm) : null,
    },
    {
      target: `${s.conversations} conversations with the bot at once: every message answered`,
      value: bot ? `${bot.answered}/${bot.messages}` : '—',
      detail: bot
        ? `${bot.unanswered} unanswered${bot.stuck.length ? ` (e.g. ${bot.stuck.join(', ')})` : ''}, ${bot.messages - bot.acked} not acknowledged`
        : 'not run',
      pass: bot ? bot.unanswered === 0 && bot.acked === bot.messages : null,
    },
    {
      target: `webhook ack p99 with the bot within ${Math.round((s.targets.ackRatio - 1) * 100)} % of the same load without it`,
      value: Number.isFinite(ratio) ? `${num(ratio, 2)} ×` : '—',
      detail: bot && plain ? `${num(bot.ack.p99, 2)} ms ÷ ${num(plain.ack.p99, 2)} ms` : 'not run',
      pass: Number.isFinite(ratio) ? ratio <= s.targets.ackRatio : null,
    },
  ];
}

const verdict = (pass: boolean | null) => (pass === null ? 'NOT RUN' : pass ? 'MET' : 'MISSED');

function cpuLines(report: BotReport): string[][] {
  return [
    ...report.latency.flatMap((r) => r.cpu.map((c, i) => cpuCells(`${r.key} round ${i + 1}`, 'fio', c))),
    ...report.crowd.map((r) => cpuCells(`crowd ${r.label}`, 'fio', r.cpu)),
  ];
}

export function renderText(report: BotReport): string {
  const out: string[] = [];
  const table = (header: string[], body: string[][]) => {
    const lines = padRows([header, ...body]);
    const rule = '-'.repeat(Math.max(...lines.map((l) => l.length)));
    out.push(rule, lines[0] ?? '', rule, ...lines.slice(1), rule);
  };
  if (report.latency.length) {
    table(LATENCY_HEADER, latencyCells(report.latency));
    out.push('(ms from the customer webhook’s start to the reply’s first send reaching the Graph API)');
    const split = floorSplit(report.latency);
    if (split) out.push(split);
    out.push('');
  }
  if (report.crowd.length) {
    table(CROWD_HEADER, crowdCells(report.crowd));
    out.push(crowdLines(report.crowd) ?? '', '');
  }
  out.push('Targets:');
  for (const t of report.targets)
    out.push(`  ${verdict(t.pass).padEnd(7)} ${t.target}: ${t.value} (${t.detail})`);
  for (const r of report.latency) if (r.errors.length) out.push(`  ${r.key} errors: ${r.errors.join(' | ')}`);
  for (const r of report.crowd)
    if (Object.keys(r.errors).length) out.push(`  crowd ${r.label} errors: ${JSON.stringify(r.errors)}`);
  if (report.notRun.length) out.push('', 'Not run:', ...report.notRun.map((n) => `  ${n}`));
  return out.join('\n');
}

export function renderMarkdown(report: BotReport): string {
  const env = Object.entries(report.env).map(([k, v]) => `${k}=${v}`);
  const m = report.machine;
  const s = report.settings;
  return [
    `### Bot benchmark: ${report.date.slice(0, 10)}`,
    '',
    `Command: \`${env.length ? `${env.join(' ')} ` : ''}${report.command}\` (${m.cpus} cores, Node ${m.node}, ` +
      `${m.platform}). ${s.samples} customers per step, in turns; ms from the webhook's start to the reply's ` +
      `first send reaching the Graph API (the simulator); ERP step with the ERP at ${s.erpLatencyMs} ms per ` +
      `request, LLM step with the model at ${s.llmLatencyMs} ms; floor = an agent answering on the ` +
      "conversation's socket.",
    '',
    ...(report.latency.length ? [...mdTable(LATENCY_HEADER, latencyCells(report.latency)), ''] : []),
    ...(floorSplit(report.latency) ? [floorSplit(report.latency) as string, ''] : []),
    ...(report.crowd.length
      ? [
          `${s.conversations} conversations at once (each ${report.crowd[0]?.messages ? Math.round((report.crowd[0]?.messages ?? 0) / s.conversations) : 0} messages, ` +
            `a reply awaited before each next, ${s.thinkMs} ms think time), then the same webhooks at the same ` +
            'offsets to a number without the bot:',
          '',
          ...mdTable(CROWD_HEADER, crowdCells(report.crowd)),
          '',
          crowdLines(report.crowd) ?? '',
          '',
        ]
      : []),
    ...mdTable(
      ['target', 'value', 'detail', 'result'],
      report.targets.map((t) => [t.target, t.value, t.detail, verdict(t.pass)]),
    ),
    '',
    ...(report.notRun.length ? [`Not run: ${report.notRun.join('; ')}`, ''] : []),
    ...mdTable(['run', 'target', 'machine busy', 'cores used by role'], cpuLines(report)),
    '',
  ].join('\n');
}

export function buildReport(
  latency: LatencyRecord[],
  crowd: CrowdRun[],
  s: BotBenchSettings,
  notRun: string[],
): BotReport {
  const { stackDir: _stack, reportDir: _report, ...settings } = s;
  return {
    date: new Date().toISOString(),
    command: 'npm run bench:bot',
    env: benchEnv(),
    machine: machine(),
    settings,
    latency,
    crowd,
    targets: targets(latency, crowd, s),
    notRun,
  };
}

export function writeReport(dir: string, report: BotReport): { json: string; md: string } {
  return writeReportFiles(dir, 'bot', report, renderMarkdown(report));
}
