// The comparison's report: per metric the base's and HEAD's values over the rounds, their medians, HEAD ÷ base
// and a verdict against the tolerance (direction-aware: for a latency higher is worse, for a rate lower is);
// rendered for the terminal and as markdown, written to .fio/bench/compare.{json,md}.
import { benchEnv, type Machine, machine } from '../environment';
import { show, showRatio } from '../report';
import { writeReportFiles } from '../report-files';
import { mdTable, padRows } from '../tables';
import type { Side } from './checkout';
import type { Metric, SuiteResult } from './metrics';
import type { Suite } from './settings';

export interface RunInfo {
  round: number;
  side: Side;
  suite: Suite;
  wallSeconds: number;
  /** The bench's own result file, copied. */
  file: string;
  result: SuiteResult;
}

export interface CompareRow extends Metric {
  base: (number | null)[];
  head: (number | null)[];
  baseMedian: number | null;
  headMedian: number | null;
  /** HEAD ÷ base. */
  ratio: number | null;
  /** How much worse HEAD is, in percent (negative: better), whatever the metric's direction. */
  worsePct: number | null;
  /** Largest (max − min) ÷ median of either side, percent: how much the machine moved the runs. */
  spreadPct: number | null;
  verdict: string;
}

export interface CompareReport {
  date: string;
  command: string;
  base: { ref: string; commit: string };
  head: { commit: string };
  rounds: number;
  tolerancePct: number;
  /** The order the runs happened in, e.g. "r1 base webhooks". */
  order: string[];
  env: Record<string, string>;
  machine: Machine;
  rows: CompareRow[];
  /** Metrics worse by more than the tolerance. */
  worse: string[];
  /** Runs that produced no result (their numbers are missing from the medians). */
  failed: string[];
  integrity: string[];
  runs: Omit<RunInfo, 'result'>[];
}

/** The true median (mean of the middle two for an even count), of the runs that produced a number. */
export function median(values: readonly (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}

function spread(values: readonly (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  const m = median(v);
  if (v.length < 2 || m === null || m === 0) return null;
  return (100 * (Math.max(...v) - Math.min(...v))) / Math.abs(m);
}

function verdict(worsePct: number | null, tolerancePct: number): string {
  if (worsePct === null) return 'no data';
  if (Math.abs(worsePct) <= tolerancePct) return `within ${tolerancePct} %`;
  return worsePct > 0 ? `worse by ${worsePct.toFixed(1)} %` : `better by ${(-worsePct).toFixed(1)} %`;
}

function rows(runs: RunInfo[], tolerancePct: number): CompareRow[] {
  const byKey = new Map<string, { metric: Metric; base: (number | null)[]; head: (number | null)[] }>();
  for (const run of runs)
    for (const { value, ...metric } of run.result.samples) {
      const entry = byKey.get(metric.key) ?? { metric, base: [], head: [] };
      byKey.set(metric.key, entry);
      entry[run.side].push(value);
    }
  return [...byKey.values()].map(({ metric, base, head }) => {
    const baseMedian = median(base);
    const headMedian = median(head);
    const ratio =
      baseMedian !== null && headMedian !== null && baseMedian !== 0 ? headMedian / baseMedian : null;
    const worsePct = ratio === null ? null : 100 * (metric.better === 'lower' ? ratio - 1 : 1 - ratio);
    const spreads = [spread(base), spread(head)].filter((s): s is number => s !== null);
    return {
      ...metric,
      base,
      head,
      baseMedian,
      headMedian,
      ratio,
      worsePct,
      spreadPct: spreads.length ? Math.max(...spreads) : null,
      verdict: verdict(worsePct, tolerancePct),
    };
  });
}

export function buildCompareReport(input: {
  runs: RunInfo[];
  failed: string[];
  base: { ref: string; commit: string };
  head: { commit: string };
  rounds: number;
  tolerancePct: number;
}): CompareReport {
  const table = rows(input.runs, input.tolerancePct);
  return {
    date: new Date().toISOString(),
    command: 'npm run bench:compare',
    base: input.base,
    head: input.head,
    rounds: input.rounds,
    tolerancePct: input.tolerancePct,
    order: input.runs.map((r) => `r${r.round} ${r.side} ${r.suite}`),
    env: benchEnv(),
    machine: machine(),
    rows: table,
    worse: table.filter((r) => r.worsePct !== null && r.worsePct > input.tolerancePct).map((r) => r.label),
    failed: input.failed,
    integrity: input.runs.flatMap((r) =>
      r.result.integrity.map((note) => `r${r.round} ${r.side} ${r.suite}: ${note}`),
    ),
    runs: input.runs.map(({ result: _result, ...run }) => run),
  };
}

const HEADER = [
  'metric',
  'base median',
  'HEAD median',
  'HEAD ÷ base',
  'verdict',
  'spread',
  'base runs',
  'HEAD runs',
];

function cells(r: CompareRow): string[] {
  const runs = (v: (number | null)[]) => v.map(show).join(' / ');
  return [
    r.label,
    show(r.baseMedian),
    show(r.headMedian),
    showRatio(r.ratio),
    r.verdict,
    r.spreadPct === null ? '—' : `${r.spreadPct.toFixed(0)} %`,
    runs(r.base),
    runs(r.head),
  ];
}

function summary(report: CompareReport): string[] {
  const t = report.tolerancePct;
  const noisy = report.rows.filter((r) => r.spreadPct !== null && r.spreadPct > t).length;
  const caveat =
    report.rounds < 3 || noisy
      ? [
          `Indicative only: ${report.rounds} round(s)` +
            (noisy ? `; ${noisy} metric(s) whose runs spread wider than ${t} % (a busy machine)` : '') +
            '.',
        ]
      : [];
  return [
    ...(report.worse.length
      ? [`Worse by more than ${t} %:`, ...report.worse.map((label) => `  ${label}`)]
      : [`No metric worse by more than ${t} %.`]),
    ...caveat,
    ...(report.failed.length
      ? ['FAILED runs (not in the medians):', ...report.failed.map((f) => `  ${f}`)]
      : []),
  ];
}

/** Notes that only say the machine was busy (every run on a shared machine has them): counted, not listed. */
const BUSY = /cores busy outside the bench|ran its schedule late/;

function heading(report: CompareReport): string {
  const env = Object.entries(report.env).map(([k, v]) => `${k}=${v}`);
  return (
    `base ${report.base.ref} (${report.base.commit}) vs HEAD ${report.head.commit}; ${report.rounds} round(s), ` +
    `medians; ${env.length ? env.join(' ') : 'default settings'}; ${report.machine.cpus} cores, Node ${report.machine.node}`
  );
}

export function renderText(report: CompareReport): string {
  const lines = padRows([HEADER, ...report.rows.map(cells)]);
  const rule = '-'.repeat(Math.max(...lines.map((l) => l.length)));
  const out = [heading(report), rule, lines[0] ?? '', rule, ...lines.slice(1), rule, ...summary(report), ''];
  const notes = report.integrity.filter((n) => !BUSY.test(n));
  const busy = report.integrity.length - notes.length;
  out.push('Integrity:', ...(notes.length ? notes.map((n) => `  ${n}`) : ['  no errors, Postgres exact']));
  if (busy) out.push(`  (and ${busy} notes that the machine was busy: see compare.md)`);
  return out.join('\n');
}

export function renderMarkdown(report: CompareReport): string {
  return [
    `### Benchmark comparison: ${report.date.slice(0, 10)}`,
    '',
    `Command: \`${report.command} -- --base ${report.base.ref}\`: ${heading(report)}. Run order: ${report.order.join(', ')}. ` +
      "Fio only (ceiling Worker and ws baseline are in each run's own file); spread = (max − min) ÷ median of a side's runs.",
    '',
    ...mdTable(HEADER, report.rows.map(cells)),
    '',
    ...summary(report),
    '',
    report.integrity.length ? `Integrity: ${report.integrity.join('; ')}` : 'Integrity: no notes.',
    '',
  ].join('\n');
}

export function writeCompareReport(dir: string, report: CompareReport): { json: string; md: string } {
  return writeReportFiles(dir, 'compare', report, renderMarkdown(report));
}
