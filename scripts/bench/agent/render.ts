// The agent bench's report for people: one table (Fio beside the bare-page baseline measured in the same
// run), the target checks and the run's conditions, for the terminal and as markdown
// (.fio/bench/agent.{json,md}).
import { writeReportFiles } from '../report-files';
import { cpuCells, type PageBenchReport, renderPageBenchMarkdown, renderPageBenchText } from '../tables';
import type { Summary } from '../types';
import type { AgentReport, DeliverySummary, Spread } from './report';

const HEADER = ['measurement', 'Fio', 'baseline', 'Fio ÷ baseline'];

const n1 = (v: number) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1));
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const pcts = (s: Summary) => (s.n ? `${n1(s.p50)} / ${n1(s.p99)} / ${n1(s.max)}` : '—');
const range = (s: Spread | null) => (s ? `${n1(s.median)} (${n1(s.min)}–${n1(s.max)})` : '—');
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b <= 0
    ? '—'
    : `×${(a / b).toFixed(1)}`;
const shown = (d: DeliverySummary) => `${d.seen}/${d.sent}`;

function rows(r: AgentReport): string[][] {
  const { bundle: b, delivery: d, open: o } = r;
  const events = r.settings.seedMessages.toLocaleString('en-US');
  return [
    [
      'initial-load JS, gzip',
      `${kb(b.gzipBytes)} (${b.files.length} file${b.files.length === 1 ? '' : 's'}, ${kb(b.bytes)} raw)`,
      '—',
      '—',
    ],
    [
      `delivery send → DOM, p50 / p99 / max (${r.settings.rounds} × ${r.settings.messages} msgs)`,
      pcts(d.fio.latency),
      pcts(d.baseline.latency),
      `p99 ${ratio(d.fio.latency.p99, d.baseline.latency.p99)}`,
    ],
    ['delivery: shown / sent', shown(d.fio), shown(d.baseline), '—'],
    [
      `open ${events} events: click → newest visible, median (min–max)`,
      range(o.fio.visible),
      range(o.baseline.visible),
      ratio(o.fio.visible?.median, o.baseline.visible?.median),
    ],
    [
      'open: click → newest in DOM, median (min–max)',
      range(o.fio.dom),
      range(o.baseline.dom),
      ratio(o.fio.dom?.median, o.baseline.dom?.median),
    ],
    [
      'scroll newest → seq 1, median (min–max); baseline: the REST pages alone',
      range(o.fio.scroll.ms),
      o.baseline.history ? `${range(o.baseline.history)} (${o.baseline.historyPages} pages)` : '—',
      ratio(o.fio.scroll.ms?.median, o.baseline.history?.median),
    ],
    ['scroll: longest frame, median (min–max)', range(o.fio.scroll.longestFrameMs), '—', '—'],
    [
      'scroll: long tasks per scroll, count · total ms (medians)',
      o.fio.scroll.longTasks && o.fio.scroll.longTaskMs
        ? `${n1(o.fio.scroll.longTasks.median)} · ${n1(o.fio.scroll.longTaskMs.median)}`
        : '—',
      '—',
      '—',
    ],
  ];
}

function notes(r: AgentReport): string[] {
  const d = r.delivery;
  return [
    `UI: commit ${r.commit.ui} (last change under app/; HEAD ${r.commit.head}); ${r.machine.chromium}.`,
    `Long conversation: ${r.long.lastSeq.toLocaleString('en-US')} events seeded in ${n1(r.long.sendMs)} ms ` +
      `(${r.settings.seedInFlight} in flight), all in Postgres ${n1(r.long.archiveMs)} ms later.`,
    `Clock: page − Node offset at most ${d.fio.maxClockOffsetMs.toFixed(2)} ms (Fio rounds), ` +
      `${d.baseline.maxClockOffsetMs.toFixed(2)} ms (baseline), corrected; sender at most ` +
      `${n1(Math.max(d.fio.lateMaxMs, d.baseline.lateMaxMs))} ms behind its schedule.`,
    `Lazy JS not in the initial load: ${kb(r.bundle.lazyGzipBytes)} gzip; CSS ${kb(r.bundle.cssGzipBytes)} gzip.`,
  ];
}

const cpuRows = (r: AgentReport) =>
  Object.entries(r.cpu).map(([phase, u]) => cpuCells(phase, 'fio + baseline', u));

const page = (r: AgentReport): PageBenchReport => ({
  title: 'Agent client benchmark',
  date: r.date,
  command: r.command,
  env: r.env,
  machine: r.machine,
  header: HEADER,
  rows: rows(r),
  targets: r.targets,
  notes: notes(r),
  cpuRows: cpuRows(r),
  unitsLine: '(times in ms)',
});

export const renderText = (r: AgentReport): string => renderPageBenchText(page(r));
export const renderMarkdown = (r: AgentReport): string => renderPageBenchMarkdown(page(r));

export function writeReport(dir: string, report: AgentReport): { json: string; md: string } {
  return writeReportFiles(dir, 'agent', report, renderMarkdown(report));
}
