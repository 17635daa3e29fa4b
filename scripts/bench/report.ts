// Turns run records into the comparison table (fio | baseline | fio ÷ baseline), the issue's target checks and
// a CPU breakdown; renders them for the terminal and as markdown, and writes results.json / results.md.
import { benchEnv, type Machine, machine } from './environment';
import { writeReportFiles } from './report-files';
import type { RunRecord, Variant } from './scenarios';
import { cpuCells, mdTable, padRows } from './tables';

type Value = number | string | null;

export interface Row {
  scenario: string;
  metric: string;
  fio: Value;
  baseline: Value;
  /** fio ÷ baseline ("× of baseline"), when both are numbers. */
  ratio: number | null;
}

export interface TargetCheck {
  target: string;
  value: number | null;
  unit: string;
  pass: boolean | null;
}

export interface Report {
  date: string;
  command: string;
  env: Record<string, string>;
  machine: Machine;
  rows: Row[];
  targets: TargetCheck[];
  integrity: string[];
  records: RunRecord[];
}

interface Metric {
  metric: string;
  /** Undefined when the metric does not apply to that target (baseline has no Postgres). */
  value(r: RunRecord): Value | undefined;
}

const ms = (label: string, pick: (r: RunRecord) => number): Metric => ({
  metric: `${label} (ms)`,
  value: pick,
});
const fioOnly = (metric: string, pick: (r: RunRecord) => Value): Metric => ({
  metric,
  value: (r) => (r.archive ? pick(r) : undefined),
});

const rate: Metric = { metric: 'acked msgs/s', value: (r) => r.load.ratePerSecond };
const latency: Metric[] = [
  ms('send→ack p50', (r) => r.load.ack.p50),
  ms('send→ack p99', (r) => r.load.ack.p99),
  ms('send→delivery p50', (r) => r.load.delivery.p50),
  ms('send→delivery p99', (r) => r.load.delivery.p99),
];
const postgres: Metric[] = [
  fioOnly(
    'Postgres rows / acked',
    (r) => `${r.archive?.rows}/${r.archive?.expectedRows}${r.archive?.exact ? ' exact' : ' NOT exact'}`,
  ),
  fioOnly(
    'Postgres rows when load ended',
    (r) => `${r.archive?.rowsWhenLoadEnded}/${r.archive?.expectedRows}`,
  ),
  fioOnly('Postgres complete after last ack (ms)', (r) => r.archive?.catchUpMs ?? 'never'),
  fioOnly('flush lag p50 (ms)', (r) => r.archive?.lag.p50 ?? null),
  fioOnly('flush lag p99 (ms)', (r) => r.archive?.lag.p99 ?? null),
  fioOnly('Postgres sessions / commits in run', (r) =>
    r.archive?.activity ? `${r.archive.activity.sessions} / ${r.archive.activity.commits}` : null,
  ),
];

const METRICS: Record<Variant['kind'], Metric[]> = {
  paced: [rate, ...latency, ...postgres.filter((m) => m.metric.startsWith('flush lag p99'))],
  ceiling: [rate, ...latency, ...postgres],
  rooms: [{ ...rate, metric: 'aggregate acked msgs/s' }, ...latency, ...postgres],
};

function rows(records: RunRecord[]): Row[] {
  const out: Row[] = [];
  const keys = [...new Set(records.map((r) => r.variant.key))];
  for (const key of keys) {
    const fio = records.find((r) => r.variant.key === key && r.target === 'fio');
    const base = records.find((r) => r.variant.key === key && r.target === 'baseline');
    const variant = (fio ?? base)?.variant;
    if (!variant) continue;
    for (const m of METRICS[variant.kind]) {
      const f = fio ? (m.value(fio) ?? null) : null;
      const b = base ? (m.value(base) ?? null) : null;
      const ratio = typeof f === 'number' && typeof b === 'number' && b !== 0 ? f / b : null;
      out.push({ scenario: variant.title, metric: m.metric, fio: f, baseline: b, ratio });
    }
  }
  return out;
}

function check(target: string, value: number | null, unit: string, ok: (v: number) => boolean): TargetCheck {
  return { target, value, unit, pass: value === null || !Number.isFinite(value) ? null : ok(value) };
}

function targets(records: RunRecord[]): TargetCheck[] {
  const fio = records.filter((r) => r.target === 'fio');
  const paced = (n: number) =>
    fio.find((r) => r.variant.kind === 'paced' && r.variant.subscribers === n)?.load.delivery.p99 ?? null;
  const ceilings = fio.filter((r) => r.variant.kind === 'ceiling').map((r) => r.load.ratePerSecond);
  // Judged on the paced run when there is one: at saturation any queue, the outbox included, keeps growing.
  const rooms =
    fio.find((r) => r.variant.key === 'rooms-paced') ?? fio.find((r) => r.variant.kind === 'rooms');
  const lag = rooms?.archive?.lag.p99 ?? null;
  return [
    check('delivery p99 ≤ 10 ms at 10 subscribers', paced(10), 'ms', (v) => v <= 10),
    check('delivery p99 ≤ 30 ms at 100 subscribers', paced(100), 'ms', (v) => v <= 30),
    check(
      '≥ 1,000 persisted msgs/s into one conversation',
      ceilings.length ? Math.max(...ceilings) : null,
      'msgs/s',
      (v) => v >= 1000,
    ),
    check('flush lag p99 ≤ 1 s', lag, 'ms', (v) => v <= 1000),
  ];
}

function integrity(records: RunRecord[]): string[] {
  const notes: string[] = [];
  for (const r of records) {
    const { load, archive } = r;
    const where = `${r.variant.key}/${r.target}`;
    if (load.deliveries !== load.expectedDeliveries)
      notes.push(`${where}: ${load.deliveries}/${load.expectedDeliveries} deliveries received`);
    if (load.orderViolations) notes.push(`${where}: ${load.orderViolations} out-of-order or missing seqs`);
    if (load.acked !== load.sent) notes.push(`${where}: ${load.acked}/${load.sent} sends acked`);
    if (load.errors.length) notes.push(`${where}: errors: ${load.errors.join(' | ')}`);
    if (archive && !archive.exact) notes.push(`${where}: Postgres ${archive.detail}`);
  }
  return notes;
}

export function buildReport(records: RunRecord[]): Report {
  return {
    date: new Date().toISOString(),
    command: 'npm run bench',
    env: benchEnv(),
    machine: machine(),
    rows: rows(records),
    targets: targets(records),
    integrity: integrity(records),
    records,
  };
}

/** A number for a table: whole numbers from 100 up, else 1–2 decimals; strings as they are, null as a dash. */
export function show(v: Value): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return 'n/a';
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-US');
  return v.toFixed(Math.abs(v) >= 10 ? 1 : 2);
}

export const showRatio = (r: number | null) => (r === null ? '—' : `${r.toFixed(2)}×`);
const verdict = (t: TargetCheck) => (t.pass === null ? 'NOT RUN' : t.pass ? 'PASS' : 'MISS');

function tableCells(report: Report): string[][] {
  return report.rows.map((r) => [r.scenario, r.metric, show(r.fio), show(r.baseline), showRatio(r.ratio)]);
}

const HEADER = ['scenario', 'metric', 'fio', 'baseline', 'fio ÷ baseline (× of baseline)'];

function cpuLines(report: Report): string[][] {
  return report.records.map((r) => cpuCells(r.variant.key, r.target, r.cpu));
}

export function renderText(report: Report): string {
  const lines = padRows([HEADER, ...tableCells(report)]);
  const rule = '-'.repeat(Math.max(...lines.map((l) => l.length)));
  const out = [rule, lines[0] ?? '', rule, ...lines.slice(1), rule, '', 'Targets (fio):'];
  for (const t of report.targets)
    out.push(`  ${verdict(t).padEnd(7)} ${t.target}: ${show(t.value)} ${t.unit}`);
  out.push('', 'Integrity:');
  out.push(
    ...(report.integrity.length
      ? report.integrity.map((n) => `  ${n}`)
      : ['  all acked, all delivered in order, Postgres rows exact']),
  );
  out.push('', 'CPU per run (machine busy; cores used on average by role):');
  out.push(...padRows(cpuLines(report)).map((l) => `  ${l}`));
  return out.join('\n');
}

export function renderMarkdown(report: Report): string {
  const env = Object.entries(report.env).map(([k, v]) => `${k}=${v}`);
  return [
    `### Benchmark: ${report.date.slice(0, 10)}`,
    '',
    `Command: \`${env.length ? `${env.join(' ')} ` : ''}${report.command}\` (${report.machine.cpus} cores, Node ${report.machine.node}, ${report.machine.platform}; ` +
      'Fio = wrangler dev/workerd + embedded Postgres; baseline = plain Node `ws` broadcast server, no persistence). ' +
      'Ratio = fio ÷ baseline.',
    '',
    ...mdTable(HEADER, tableCells(report)),
    '',
    ...mdTable(
      ['target', 'fio', 'result'],
      report.targets.map((t) => [t.target, `${show(t.value)} ${t.unit}`, verdict(t)]),
    ),
    '',
    report.integrity.length
      ? `Integrity: ${report.integrity.join('; ')}`
      : 'Integrity: all acked, all delivered in order, Postgres rows exact.',
    '',
    ...mdTable(['run', 'target', 'machine busy', 'cores used by role'], cpuLines(report)),
    '',
  ].join('\n');
}

export function writeReport(dir: string, report: Report): { json: string; md: string } {
  return writeReportFiles(dir, 'results', report, renderMarkdown(report));
}
