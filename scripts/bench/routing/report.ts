// The routing bench's report: close → next assignment on the agent's dashboard, automatic (routing) beside
// the manual take (floor), with the ratio; the bursts' CPU per assignment; the inbox with 10,000 open
// conversations; the target met or missed. For the terminal and as .fio/bench/routing.{json,md}.
import { benchEnv, type Machine, machine } from '../environment';
import { writeReportFiles } from '../report-files';
import { cpuCells, mdTable, padRows } from '../tables';
import type { BurstRecord } from './burst';
import type { MemoryRecord } from './memory';
import type { SideRecord } from './rounds';
import type { RoutingSettings } from './settings';

export interface RoutingReport {
  date: string;
  command: string;
  env: Record<string, string>;
  machine: Machine;
  commit: string;
  settings: Omit<RoutingSettings, 'stackDir' | 'reportDir' | 'selected'>;
  /** How the team's mode was switched between sides (the admin route, or the row in Postgres). */
  modeSwitch: string;
  sides: SideRecord[];
  bursts: BurstRecord[];
  memory: MemoryRecord | null;
  notRun: string[];
}

const num = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined || !Number.isFinite(v)
    ? '—'
    : Math.abs(v) >= 1000
      ? Math.round(v).toLocaleString('en-US')
      : v.toFixed(digits);
const mb = (bytes: number | null | undefined) =>
  bytes === null || bytes === undefined ? '—' : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const SIDE_TITLE = {
  floor: 'floor: close, then the agent takes the queue’s head',
  routing: 'routing: close, the inbox assigns the next',
};

const LATENCY_HEADER = [
  'side',
  'assigned / rounds',
  'p50',
  'p95',
  'p99',
  'max',
  '÷ floor p50',
  '÷ floor p99',
  'close ack p50',
  'close on dashboard p50',
  'take ack p50',
];

function latencyCells(sides: SideRecord[]): string[][] {
  const floor = sides.find((r) => r.side === 'floor');
  return sides.map((r) => [
    SIDE_TITLE[r.side],
    `${r.samples.length - r.missed}/${r.samples.length}`,
    num(r.total.p50),
    num(r.total.p95),
    num(r.total.p99),
    num(r.total.max),
    floor ? `${num(r.total.p50 / floor.total.p50, 2)} ×` : '—',
    floor ? `${num(r.total.p99 / floor.total.p99, 2)} ×` : '—',
    num(r.closeAck.p50),
    num(r.closeFrame.p50),
    r.takeAck ? num(r.takeAck.p50) : '—',
  ]);
}

const BURST_HEADER = [
  'burst',
  'assigned / triggers',
  'seconds',
  'close → assignment p50',
  'p99',
  'workerd CPU ms / assignment',
  'Postgres CPU ms / assignment',
];

function burstCells(bursts: BurstRecord[]): string[][] {
  return bursts.map((b, i) => [
    `${i + 1} · ${b.side}`,
    `${b.assigned}/${b.triggers}`,
    num(b.seconds, 1),
    num(b.total.p50),
    num(b.total.p99),
    num(b.workerdCpuMsPerAssignment, 2),
    num(b.postgresCpuMsPerAssignment, 2),
  ]);
}

const MEMORY_HEADER = [
  'open conversations',
  'inbox holds',
  'SQLite (page_count × page_size)',
  'workerd RSS: idle',
  'Worker warm',
  'inbox loaded',
  'after GC',
  'inbox (after GC − warm)',
  'hello replay',
  'rebuilds (hello → ready)',
];

function memoryCells(m: MemoryRecord): string[][] {
  return [
    [
      m.open.toLocaleString('en-US'),
      `${m.held.toLocaleString('en-US')} (${m.rebuilt.toLocaleString('en-US')} by the first rebuild, ${m.pushed.toLocaleString('en-US')} by later ones)`,
      mb(m.sqliteBytes),
      mb(m.rss.idle),
      mb(m.rss.warm),
      mb(m.rss.loaded),
      mb(m.rss.afterReplayGc),
      mb(m.rss.afterReplayGc - m.rss.warm),
      `${num(m.replayMs, 0)} ms, ${m.replayFrames.toLocaleString('en-US')} frames`,
      m.rebuildMs.map((x) => `${num(x / 1000, 1)} s`).join(', '),
    ],
  ];
}

export interface TargetCheck {
  target: string;
  value: string;
  pass: boolean | null;
}

export function targets(report: Omit<RoutingReport, 'date'>): TargetCheck[] {
  const routing = report.sides.find((r) => r.side === 'routing');
  const t = report.settings.targets.assignP99Ms;
  return [
    {
      target: `close → next assignment on the dashboard: p99 ≤ ${t} ms (${report.settings.agents} agents, ${report.settings.queued.toLocaleString('en-US')} queued)`,
      value: routing
        ? `${num(routing.total.p99)} ms (${routing.samples.length - routing.missed}/${routing.samples.length} assigned)`
        : 'pending',
      pass: routing && routing.total.n > 0 ? routing.total.p99 <= t && routing.missed === 0 : null,
    },
  ];
}

const verdict = (pass: boolean | null) => (pass === null ? 'NOT RUN' : pass ? 'MET' : 'MISSED');

function cpuLines(report: RoutingReport): string[][] {
  return report.bursts.map((b, i) => cpuCells(`burst ${i + 1} · ${b.side}`, 'fio', b.cpu));
}

export function renderText(report: RoutingReport): string {
  const out: string[] = [];
  const table = (header: string[], body: string[][]) => {
    const lines = padRows([header, ...body]);
    const rule = '-'.repeat(Math.max(...lines.map((l) => l.length)));
    out.push(rule, lines[0] ?? '', rule, ...lines.slice(1), rule);
  };
  if (report.sides.length) {
    table(LATENCY_HEADER, latencyCells(report.sides));
    out.push(
      '(ms from the close request’s start to the assignment’s summary frame on the agent’s dashboard)',
    );
    for (const r of report.sides)
      if (r.outOfOrder) out.push(`  ${r.side}: ${r.outOfOrder} assignment(s) not the queue’s head`);
    out.push('');
  }
  if (report.bursts.length) {
    table(BURST_HEADER, burstCells(report.bursts));
    out.push('');
  }
  if (report.memory) {
    table(MEMORY_HEADER, memoryCells(report.memory));
    out.push(...report.memory.notes.map((n) => `  ${n}`), '');
  }
  out.push('Targets:');
  for (const t of targets(report)) out.push(`  ${verdict(t.pass).padEnd(7)} ${t.target}: ${t.value}`);
  for (const r of report.sides) {
    const errors = [...new Set(r.samples.map((s) => s.error).filter(Boolean))];
    if (errors.length) out.push(`  ${r.side} errors: ${errors.slice(0, 5).join(' | ')}`);
  }
  for (const b of report.bursts) if (b.errors.length) out.push(`  burst ${b.side}: ${b.errors.join(' | ')}`);
  if (report.notRun.length) out.push('', 'Not run:', ...report.notRun.map((n) => `  ${n}`));
  return out.join('\n');
}

export function renderMarkdown(report: RoutingReport): string {
  const env = Object.entries(report.env).map(([k, v]) => `${k}=${v}`);
  const m = report.machine;
  const s = report.settings;
  return [
    `### Routing benchmark: ${report.date.slice(0, 10)} (${report.commit})`,
    '',
    `Command: \`${env.length ? `${env.join(' ')} ` : ''}${report.command}\` (${m.cpus} cores, Node ${m.node}, ` +
      `${m.platform}). One tenant, one team, ${s.agents} agents online with a dashboard socket each, capacity ` +
      `${s.capacity} (all full), ${s.queued.toLocaleString('en-US')} queued; ${s.rounds} rounds per side in ` +
      `${s.blocks} alternating blocks; mode switched through ${report.modeSwitch}.`,
    '',
    ...(report.sides.length ? [...mdTable(LATENCY_HEADER, latencyCells(report.sides)), ''] : []),
    ...(report.bursts.length ? [...mdTable(BURST_HEADER, burstCells(report.bursts)), ''] : []),
    ...(report.memory
      ? [...mdTable(MEMORY_HEADER, memoryCells(report.memory)), '', ...report.memory.notes, '']
      : []),
    ...mdTable(
      ['target', 'value', 'result'],
      targets(report).map((t) => [t.target, t.value, verdict(t.pass)]),
    ),
    '',
    ...(report.notRun.length ? [`Not run: ${report.notRun.join('; ')}`, ''] : []),
    ...(report.bursts.length
      ? [...mdTable(['run', 'target', 'machine busy', 'cores used by role'], cpuLines(report)), '']
      : []),
  ].join('\n');
}

export function writeReport(dir: string, report: RoutingReport): { json: string; md: string } {
  return writeReportFiles(dir, 'routing', report, renderMarkdown(report));
}

export function reportBase(
  s: RoutingSettings,
): Pick<RoutingReport, 'command' | 'env' | 'machine' | 'settings'> {
  const { stackDir: _a, reportDir: _b, selected: _c, ...settings } = s;
  return { command: 'npm run bench:routing', env: benchEnv(), machine: machine(), settings };
}
