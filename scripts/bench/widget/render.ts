// The widget bench's report for people: one table (Fio beside the floor measured in the same run: the bare
// two-origin page for loads, two agents' screens for delivery), the target checks and the run's conditions,
// for the terminal and as markdown (.fio/bench/widget.{json,md}).
import { writeReportFiles } from '../report-files';
import { cpuCells, type PageBenchReport, renderPageBenchMarkdown, renderPageBenchText } from '../tables';
import type { Summary } from '../types';
import type { PathSummary, WidgetReport } from './report';

const HEADER = ['measurement (ms)', 'Fio', 'floor', 'Fio ÷ floor'];

const n1 = (v: number) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1));
const p2 = (s: Summary) => (s.n ? `${n1(s.p50)} / ${n1(s.p99)}` : '—');
const p3 = (s: Summary) => (s.n ? `${n1(s.p50)} / ${n1(s.p99)} / ${n1(s.max)}` : '—');
const p50 = (s: Summary) => (s.n ? n1(s.p50) : '—');
const ratio = (a: Summary, b: Summary, q: 'p50' | 'p99') =>
  a.n === 0 || b.n === 0 || b[q] <= 0 ? '—' : `${q} ×${(a[q] / b[q]).toFixed(1)}`;
const shown = (p: PathSummary) => `${p.seen}/${p.sent}`;

function rows(r: WidgetReport): string[][] {
  const { fio, floor } = r.load;
  const d = r.delivery;
  const loads = `${r.settings.loads} cold loads`;
  const msgs = `${d.customerToAgent.sent} msgs`;
  return [
    [
      `script tag → launcher visible, p50 / p99 (${loads})`,
      p2(fio.launcher),
      p2(floor.launcher),
      ratio(fio.launcher, floor.launcher, 'p99'),
    ],
    [
      '  … script fetched; config fetched (p50, from the tag); the config request alone (p50)',
      `${p50(fio.script)}; ${p50(fio.configDone)}; ${p50(fio.config)}`,
      `${p50(floor.script)}; ${p50(floor.configDone)}; ${p50(floor.config)}`,
      '—',
    ],
    [
      '  navigation start → launcher visible, p50 / p99',
      p2(fio.navToLauncher),
      p2(floor.navToLauncher),
      ratio(fio.navToLauncher, floor.navToLauncher, 'p50'),
    ],
    [
      `launcher click → usable composer, p50 / p99 (${loads})`,
      p2(fio.composer),
      p2(floor.composer),
      ratio(fio.composer, floor.composer, 'p99'),
    ],
    [
      '  … composer enabled; focused (p50, from the click)',
      `${p50(fio.enabled)}; ${p50(fio.focused)}`,
      `${p50(floor.enabled)}; ${p50(floor.focused)}`,
      '—',
    ],
    [
      'first message: Enter → shown with its seq, p50 / p99 (session created on it)',
      p2(fio.firstSend),
      '—',
      '—',
    ],
    ['  … Enter → session answered, p50 / p99', p2(fio.firstSession), '—', '—'],
    [
      `customer send → agent’s screen, p50 / p99 / max (${msgs}); floor: agent → agent`,
      p3(d.customerToAgent.latency),
      p3(d.agentToAgent.latency),
      ratio(d.customerToAgent.latency, d.agentToAgent.latency, 'p99'),
    ],
    [
      `agent send → widget’s screen, p50 / p99 / max (${d.agentToWidget.sent} msgs); floor: agent → agent`,
      p3(d.agentToWidget.latency),
      p3(d.agentToAgent.latency),
      ratio(d.agentToWidget.latency, d.agentToAgent.latency, 'p99'),
    ],
    [
      'delivery shown / sent: customer → agent; agent → widget',
      `${shown(d.customerToAgent)}; ${shown(d.agentToWidget)}`,
      shown(d.agentToAgent),
      '—',
    ],
  ];
}

function notes(r: WidgetReport): string[] {
  const d = r.delivery;
  const worstOffset = Math.max(
    r.load.fio.maxOffsetMs,
    r.load.floor.maxOffsetMs,
    ...Object.values(d).map((p) => p.maxOffsetMs),
  );
  const late = Math.max(...Object.values(d).map((p) => p.lateMaxMs));
  return [
    `Widget: commit ${r.commit.widget} (last change under app/widget; HEAD ${r.commit.head}); ${r.machine.chromium}.`,
    `Host page: ${r.hostPage}. Pre-chat form: ${r.prechat}.`,
    `Percentiles are nearest-rank: the p99 of ${r.settings.loads} loads is their slowest.`,
    `Clocks: each document's offset against Node at most ${worstOffset.toFixed(2)} ms, corrected; ` +
      `senders at most ${n1(late)} ms behind their schedule (one message every ${r.settings.intervalMs} ms).`,
    ...r.notRun.map((n) => `Not measured: ${n}`),
  ];
}

const cpuRows = (r: WidgetReport) =>
  Object.entries(r.cpu).map(([phase, u]) => cpuCells(phase, 'fio + floor', u));

const page = (r: WidgetReport): PageBenchReport => ({
  title: 'Website widget benchmark',
  date: r.date,
  command: r.command,
  env: r.env,
  machine: r.machine,
  header: HEADER,
  rows: rows(r),
  targets: r.targets,
  notes: notes(r),
  cpuRows: cpuRows(r),
});

export const renderText = (r: WidgetReport): string => renderPageBenchText(page(r));
export const renderMarkdown = (r: WidgetReport): string => renderPageBenchMarkdown(page(r));

export function writeReport(dir: string, report: WidgetReport): { json: string; md: string } {
  return writeReportFiles(dir, 'widget', report, renderMarkdown(report));
}
