// The webhook report for people: one row per target per scenario, the target checks, integrity notes and the
// CPU per process role, for the terminal and as markdown (.fio/bench/webhooks.{json,md}).
import { writeReportFiles } from '../report-files';
import { cpuCells, mdTable, padRows } from '../tables';
import type { WebhookReport } from './report';
import type { RunRecord } from './scenarios';

const HEADER = [
  'scenario',
  'target',
  '200s / sent',
  'non-200',
  '200s/s',
  'ack p50',
  'ack p99',
  'ack max',
  'in Postgres',
  '→PG p50',
  '→PG p99',
  'driver µs/req',
];

function num(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toFixed(digits);
}

function cells(r: RunRecord): string[] {
  const { load, ack, pg } = r;
  return [
    r.scenario.title.split(':')[0] ?? r.scenario.key,
    r.target,
    `${load.ok}/${load.sent}`,
    String(load.errorCount),
    num(r.throughput, 0),
    num(ack.p50, 2),
    num(ack.p99, 2),
    num(ack.max, 1),
    pg ? `${pg.found}/${pg.expected}` : '—',
    num(pg?.toPg.p50),
    num(pg?.toPg.p99),
    num(load.buildSignUs, 0),
  ];
}

const cpuLine = (r: RunRecord) => cpuCells(r.scenario.key, r.target, r.cpu);

const verdict = (t: { pass: boolean | null; informational?: true }) =>
  t.informational ? 'INFO' : t.pass === null ? 'NOT RUN' : t.pass ? 'PASS' : 'FAIL';

export function renderText(report: WebhookReport): string {
  const lines = padRows([HEADER, ...report.records.map(cells)]);
  const rule = '-'.repeat(Math.max(...lines.map((l) => l.length)));
  const out = [rule, lines[0] ?? '', rule, ...lines.slice(1), rule, '(latencies in ms)', '', 'Targets:'];
  for (const t of report.targets)
    out.push(`  ${verdict(t).padEnd(7)} ${t.target}: ${t.value?.toFixed(1) ?? '—'} ${t.unit} (${t.detail})`);
  out.push('', 'Integrity:');
  out.push(
    ...(report.integrity.length
      ? report.integrity.map((n) => `  ${n}`)
      : ['  every webhook answered 200; every acknowledged Fio message is in Postgres once']),
  );
  out.push('', 'CPU per run (machine busy; cores used on average by role):');
  out.push(...padRows(report.records.map(cpuLine)).map((l) => `  ${l}`));
  return out.join('\n');
}

export function renderMarkdown(report: WebhookReport): string {
  const env = Object.entries(report.env).map(([k, v]) => `${k}=${v}`);
  const m = report.machine;
  return [
    `### Webhook benchmark: ${report.date.slice(0, 10)}`,
    '',
    `Command: \`${env.length ? `${env.join(' ')} ` : ''}${report.command}\` (${m.cpus} cores, Node ${m.node}, ` +
      `${m.platform}). Signed Cloud API webhooks, one text message each, over ${report.settings.customers} ` +
      'customers; ceiling = a bare Worker answering 200 under the same wrangler dev / workerd; floor = the least ' +
      "a correct route does in Fio's topology (signature, parse, the message stored in the sender's object in " +
      'another script, then 200)' +
      (report.settings.direct
        ? "; requests sent to each Worker's own socket, not through the dev proxy"
        : '') +
      (report.settings.bot ? '' : "; the demo number's bot switched off") +
      '. Latencies in ms; ' +
      '→PG = request start → archived_at.',
    '',
    ...mdTable(HEADER, report.records.map(cells)),
    '',
    ...mdTable(
      ['target', 'value', 'detail', 'result'],
      report.targets.map((t) => [t.target, `${t.value?.toFixed(1) ?? '—'} ${t.unit}`, t.detail, verdict(t)]),
    ),
    '',
    report.integrity.length
      ? `Integrity: ${report.integrity.join('; ')}`
      : 'Integrity: all 200, Postgres exact.',
    '',
    ...mdTable(['run', 'target', 'machine busy', 'cores used by role'], report.records.map(cpuLine)),
    '',
  ].join('\n');
}

export function writeReport(dir: string, report: WebhookReport): { json: string; md: string } {
  return writeReportFiles(dir, 'webhooks', report, renderMarkdown(report));
}
