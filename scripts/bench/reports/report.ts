// The reports bench's report: the seeded history and the rollup's build time, the data checks (API against
// Postgres), every report endpoint's p50/p95 for the year tenant beside the small tenant's same request and
// /api/me, the screen in Chromium, the target (< 1 s) per line, and the slowest statements' plans; one table
// in the browser benches' shape (scripts/bench/tables.ts), for the terminal and as .fio/bench/reports.{json,md}.
import type { CpuUsage } from '../cpu';
import { benchEnv, machine } from '../environment';
import { writeReportFiles } from '../report-files';
import { cpuCells, type PageBenchReport, renderPageBenchMarkdown, renderPageBenchText } from '../tables';
import type { Summary } from '../types';
import type { ApiRecord, ApiSide } from './api';
import type { DataCheck } from './check';
import type { ExplainedStatement } from './explain';
import type { RollupRecord } from './rollup';
import type { ScreenSide } from './screen';
import type { SeedResult } from './seed';
import type { ReportsSettings } from './settings';

export interface ReportsBenchResult {
  commit: string;
  today: string;
  seed: SeedResult | null;
  smallSeed: SeedResult | null;
  rollup: RollupRecord | null;
  checks: DataCheck[];
  api: { records: ApiRecord[]; me: { year: ApiSide; small: ApiSide } } | null;
  screen: { year: ScreenSide; small: ScreenSide } | null;
  explain: ExplainedStatement[];
  cpu: { phase: string; targets: string; usage: CpuUsage }[];
  notes: string[];
}

const num = (v: number | null | undefined, digits = 0) =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);
const int = (v: number) => v.toLocaleString('en-US');
const pair = (s: Summary) => `${num(s.p50)} / ${num(s.p95)}`;
const ratio = (a: Summary, b: Summary) => (b.p50 > 0 && a.n > 0 ? `×${(a.p50 / b.p50).toFixed(2)}` : '—');

function rows(r: ReportsBenchResult, s: ReportsSettings): string[][] {
  const out: string[][] = [];
  const fail = (x: ApiSide) => (x.failures > 0 ? ` (${x.failures} failed)` : '');
  if (r.api) {
    for (const a of r.api.records)
      out.push([
        `API ${a.name}, ${a.preset}`,
        `${pair(a.year.latency)}${fail(a.year)}`,
        `${pair(a.small.latency)}${fail(a.small)}`,
        ratio(a.year.latency, a.small.latency),
        a.year.latency.n > 0 && a.year.failures === 0 && a.year.latency.p95 < s.targetMs ? 'yes' : 'NO',
      ]);
    const me = r.api.me;
    out.push([
      '/api/me (the floor)',
      pair(me.year.latency),
      pair(me.small.latency),
      ratio(me.year.latency, me.small.latency),
      '—',
    ]);
  }
  if (r.screen) {
    const { year: y, small: m } = r.screen;
    const ok = (x: Summary) => (x.n > 0 && x.p95 < s.targetMs ? 'yes' : x.n > 0 ? 'NO' : '—');
    out.push(
      [
        'screen, cold (new context → rendered), 7 days',
        pair(y.cold),
        pair(m.cold),
        ratio(y.cold, m.cold),
        ok(y.cold),
      ],
      [
        'screen, warm (navigate again), 7 days',
        pair(y.warm),
        pair(m.warm),
        ratio(y.warm, m.warm),
        ok(y.warm),
      ],
      [
        'screen, click 30 dias → rendered',
        pair(y.last30),
        pair(m.last30),
        ratio(y.last30, m.last30),
        ok(y.last30),
      ],
      [
        'screen, custom 12 months → rendered',
        pair(y.months12),
        pair(m.months12),
        ratio(y.months12, m.months12),
        ok(y.months12),
      ],
    );
  }
  return out;
}

function worst(r: ReportsBenchResult): { name: string; p95: number } | null {
  let w: { name: string; p95: number } | null = null;
  for (const a of r.api?.records ?? [])
    if (!w || a.year.latency.p95 > w.p95) w = { name: `${a.name}, ${a.preset}`, p95: a.year.latency.p95 };
  return w;
}

export function buildReport(
  r: ReportsBenchResult,
  s: ReportsSettings,
): PageBenchReport & { result: ReportsBenchResult } {
  const w = worst(r);
  const apiFailures = (r.api?.records ?? []).reduce((n, a) => n + a.year.failures + a.small.failures, 0);
  const screenWorst = r.screen
    ? Math.max(
        r.screen.year.cold.p95,
        r.screen.year.warm.p95,
        r.screen.year.last30.p95,
        r.screen.year.months12.p95,
      )
    : null;
  const notes: string[] = [`Measured on ${r.commit}, today ${r.today} in the tenant's zone.`];
  if (r.seed && r.smallSeed)
    notes.push(
      `Year tenant (demo): ${int(r.seed.tickets)} tickets, ${int(r.seed.events)} events, ${int(r.seed.conversations)} ` +
        `conversations, ${r.seed.agents} agents over ${s.days} days (~${s.ticketsPerDay}/day, weekdays busier), seeded in ` +
        `${num(r.seed.ms / 1000, 1)} s; small tenant (Fibra Sul): ${int(r.smallSeed.tickets)} tickets, ` +
        `${int(r.smallSeed.events)} events over ${s.smallDays} days.`,
    );
  if (r.rollup)
    notes.push(
      `The product's rollup job (minute cron via /__scheduled) built ${int(r.rollup.reportTickets)} ticket facts from the ` +
        `event log in ${num(r.rollup.ms / 1000, 1)} s (${r.rollup.ticks} tick(s)); one more tick of the whole minute cron (every job, the rollup with nothing new) took ` +
        `${num(r.rollup.idleRunMs)} ms.`,
    );
  for (const c of r.checks)
    notes.push(`Check ${c.ok ? 'ok' : 'MISMATCH'}: ${c.what}: API ${c.api}, Postgres ${c.postgres}.`);
  for (const e of r.explain.slice(0, 3))
    notes.push(
      `Slowest statement (${e.report}): ${num(e.executionMs, 1)} ms in Postgres — \`${e.statement}\`.`,
    );
  const wf = r.screen?.year.waterfall ?? [];
  if (wf.length > 0)
    notes.push(
      `First cold load of the year tenant, requests and the parts shown (shown:) after the navigation (start–end ms): ${wf
        .filter((e) => /^shown:|\/api\/|report|uplot|backlog|admin/i.test(e.name))
        .map((e) => `${e.name.replace(/\?.*$/, '')} ${e.start}–${e.end}`)
        .join('; ')}.`,
    );
  for (const side of [r.screen?.year, r.screen?.small])
    for (const f of side?.failures ?? []) notes.push(`Screen (${side?.tenant}) failure: ${f}`);
  notes.push(...r.notes);
  return {
    title: `Reports benchmark (a year of history, ${s.ticketsPerDay} tickets/day)`,
    date: new Date().toISOString(),
    command: 'npm run bench:reports',
    env: benchEnv(),
    machine: machine(),
    header: [
      'measurement (p50 / p95 ms)',
      'year tenant',
      'small tenant (7 days)',
      'year ÷ small (p50)',
      `< ${s.targetMs} ms`,
    ],
    rows: rows(r, s),
    unitsLine: '(times in ms: p50 / p95)',
    targets: [
      {
        target: 'the API counts what Postgres holds (tickets opened, per channel and total)',
        value:
          r.checks.length === 0
            ? 'not checked'
            : `${r.checks.filter((c) => c.ok).length} of ${r.checks.length} equal`,
        pass: r.checks.length === 0 ? null : r.checks.every((c) => c.ok),
      },
      {
        target: `every report API call (JSON and CSV, 7 d / 30 d / 12 m) p95 < ${s.targetMs} ms on the year tenant`,
        value: w
          ? `worst ${w.name}: ${num(w.p95)} ms${apiFailures ? `, ${apiFailures} failed` : ''}`
          : 'not measured',
        pass: w ? w.p95 < s.targetMs && apiFailures === 0 : null,
      },
      {
        target: `the Relatórios screen rendered p95 < ${s.targetMs} ms on the year tenant (cold, warm, 30 d, 12 m)`,
        value:
          screenWorst === null || !Number.isFinite(screenWorst)
            ? 'not measured'
            : `worst ${num(screenWorst)} ms`,
        pass: screenWorst === null || !Number.isFinite(screenWorst) ? null : screenWorst < s.targetMs,
      },
    ],
    notes,
    cpuRows: r.cpu.map((c) => cpuCells(c.phase, c.targets, c.usage)),
    result: r,
  };
}

export function renderText(report: PageBenchReport): string {
  return renderPageBenchText(report);
}

export function writeReport(dir: string, report: PageBenchReport): { json: string; md: string } {
  return writeReportFiles(dir, 'reports', report, renderPageBenchMarkdown(report));
}
