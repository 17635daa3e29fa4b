// Turns the agent bench's measurements into its report: per-target summaries (delivery percentiles pooled
// over rounds, medians of the opens and scrolls), the three target checks, and where and on what it ran.
import type { CpuUsage } from '../cpu';
import { benchEnv, type Machine, machine } from '../environment';
import { summarize } from '../stats';
import type { Summary } from '../types';
import type { BundleResult } from './measure-bundle';
import type { DeliveryRound, TargetName } from './measure-delivery';
import type { OpenRun } from './measure-open';
import type { LongConversation } from './seed';
import type { AgentSettings } from './settings';

export interface TargetCheck {
  target: string;
  value: string;
  pass: boolean | null;
}

export interface Spread {
  n: number;
  median: number;
  min: number;
  max: number;
}

export interface DeliverySummary {
  sent: number;
  seen: number;
  acked: number;
  latency: Summary;
  maxClockOffsetMs: number;
  lateMaxMs: number;
}

export interface OpenSummary {
  opens: number;
  visible: Spread | null;
  dom: Spread | null;
  scroll: {
    ms: Spread | null;
    longestFrameMs: Spread | null;
    longTasks: Spread | null;
    longTaskMs: Spread | null;
    frames: Spread | null;
  };
  /** Baseline: the history pages alone, fetched in sequence. */
  history: Spread | null;
  historyPages: number | null;
}

export interface AgentReport {
  date: string;
  command: string;
  commit: { head: string; ui: string };
  env: Record<string, string>;
  machine: Machine & { chromium: string };
  settings: Omit<AgentSettings, 'stackDir' | 'reportDir' | 'agent'>;
  bundle: BundleResult;
  long: LongConversation;
  delivery: Record<TargetName, DeliverySummary>;
  open: Record<TargetName, OpenSummary>;
  targets: TargetCheck[];
  rounds: DeliveryRound[];
  opens: OpenRun[];
  /** Per phase (delivery, open). */
  cpu: Record<string, CpuUsage>;
}

export function spread(values: readonly (number | null | undefined)[]): Spread | null {
  const v = values
    .filter((x): x is number => typeof x === 'number' && Number.isFinite(x))
    .sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  const median = v.length % 2 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
  return { n: v.length, median, min: v[0] as number, max: v[v.length - 1] as number };
}

function delivery(rounds: DeliveryRound[], target: TargetName): DeliverySummary {
  const mine = rounds.filter((r) => r.target === target);
  return {
    sent: mine.reduce((n, r) => n + r.sent, 0),
    seen: mine.reduce((n, r) => n + r.seen, 0),
    acked: mine.reduce((n, r) => n + r.acked, 0),
    latency: summarize(mine.flatMap((r) => r.latencies)),
    maxClockOffsetMs: Math.max(0, ...mine.map((r) => Math.abs(r.clock.offsetMs))),
    lateMaxMs: Math.max(0, ...mine.map((r) => r.lateMaxMs)),
  };
}

function open(runs: OpenRun[], target: TargetName): OpenSummary {
  const mine = runs.filter((r) => r.target === target);
  const scrolls = mine.flatMap((r) => (r.scroll ? [r.scroll] : []));
  return {
    opens: mine.length,
    visible: spread(mine.map((r) => r.clickToVisibleMs)),
    dom: spread(mine.map((r) => r.clickToDomMs)),
    scroll: {
      ms: spread(scrolls.map((s) => s.ms)),
      longestFrameMs: spread(scrolls.map((s) => s.longestFrameMs)),
      longTasks: spread(scrolls.map((s) => s.longTasks.count)),
      longTaskMs: spread(scrolls.map((s) => s.longTasks.totalMs)),
      frames: spread(scrolls.map((s) => s.frames)),
    },
    history: spread(mine.map((r) => r.history?.ms)),
    historyPages: mine.find((r) => r.history)?.history?.pages ?? null,
  };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

function targets(s: AgentSettings, bundle: BundleResult, d: DeliverySummary, o: OpenSummary): TargetCheck[] {
  const allSeen = d.seen === d.sent;
  return [
    {
      target: `Initial-load JS ≤ ${s.targets.maxInitialJsGzipKb} KB gzip`,
      value: kb(bundle.gzipBytes),
      pass: bundle.gzipBytes <= s.targets.maxInitialJsGzipKb * 1000,
    },
    {
      target: `Delivery to screen p99 ≤ ${s.targets.maxDeliveryP99Ms} ms, every message shown`,
      value: `${d.latency.p99.toFixed(1)} ms, ${d.seen}/${d.sent} shown`,
      pass: d.latency.n === 0 ? null : d.latency.p99 <= s.targets.maxDeliveryP99Ms && allSeen,
    },
    {
      target: `Open a ${s.seedMessages.toLocaleString('en-US')}-event conversation ≤ ${s.targets.maxOpenMs} ms (median, click → newest visible)`,
      value: o.visible
        ? `${o.visible.median.toFixed(0)} ms (${o.visible.n}/${o.opens} opens showed it)`
        : 'never visible',
      pass: o.visible === null ? false : o.visible.median <= s.targets.maxOpenMs && o.visible.n === o.opens,
    },
  ];
}

export function buildReport(input: {
  settings: AgentSettings;
  bundle: BundleResult;
  long: LongConversation;
  rounds: DeliveryRound[];
  opens: OpenRun[];
  cpu: Record<string, CpuUsage>;
  commit: { head: string; ui: string };
  chromium: string;
}): AgentReport {
  const { stackDir: _stack, reportDir: _report, agent: _agent, ...settings } = input.settings;
  const d = { fio: delivery(input.rounds, 'fio'), baseline: delivery(input.rounds, 'baseline') };
  const o = { fio: open(input.opens, 'fio'), baseline: open(input.opens, 'baseline') };
  return {
    date: new Date().toISOString(),
    command: 'npm run bench',
    commit: input.commit,
    env: benchEnv(),
    machine: { ...machine(), chromium: input.chromium },
    settings,
    bundle: input.bundle,
    long: input.long,
    delivery: d,
    open: o,
    targets: targets(input.settings, input.bundle, d.fio, o.fio),
    rounds: input.rounds,
    opens: input.opens,
    cpu: input.cpu,
  };
}
