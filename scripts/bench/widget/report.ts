// Turns the widget bench's measurements into its report: per target (Fio, floor) the load percentiles, per
// path the delivery percentiles pooled over rounds, the target checks, and where and on what it ran.
import type { CpuUsage } from '../cpu';
import { benchEnv, type Machine, machine } from '../environment';
import { summarize } from '../stats';
import type { Summary } from '../types';
import type { PathName, PathRound } from './measure-delivery';
import type { LoadRun, LoadTarget } from './measure-load';
import type { WidgetSettings } from './settings';

export interface TargetCheck {
  target: string;
  value: string;
  pass: boolean | null;
}

export interface LoadSummary {
  loads: number;
  launcher: Summary;
  navToLauncher: Summary;
  script: Summary;
  configDone: Summary;
  config: Summary;
  composer: Summary;
  frameStart: Summary;
  firstSession: Summary;
  firstSend: Summary;
  enabled: Summary;
  focused: Summary;
  maxOffsetMs: number;
}

export interface PathSummary {
  sent: number;
  seen: number;
  latency: Summary;
  maxOffsetMs: number;
  lateMaxMs: number;
}

export interface WidgetReport {
  date: string;
  command: string;
  commit: { head: string; widget: string };
  env: Record<string, string>;
  machine: Machine & { chromium: string };
  settings: Omit<WidgetSettings, 'stackDir' | 'reportDir' | 'agents' | 'admin' | 'selected'>;
  /** What the loads ran on, and how the pre-chat form was kept out of the composer's time. */
  hostPage: string;
  prechat: string;
  load: Record<LoadTarget, LoadSummary>;
  delivery: Record<PathName, PathSummary>;
  targets: TargetCheck[];
  loads: LoadRun[];
  rounds: PathRound[];
  /** Per phase (load, delivery). */
  cpu: Record<string, CpuUsage>;
  /** What could not be measured, and why. */
  notRun: string[];
}

const of = (runs: LoadRun[], pick: (r: LoadRun) => number | null) =>
  summarize(runs.map(pick).filter((v): v is number => v !== null && Number.isFinite(v)));

function load(runs: LoadRun[], target: LoadTarget): LoadSummary {
  const mine = runs.filter((r) => r.target === target);
  return {
    loads: mine.length,
    launcher: of(mine, (r) => r.launcherMs),
    navToLauncher: of(mine, (r) => r.navToLauncherMs),
    script: of(mine, (r) => r.scriptMs),
    configDone: of(mine, (r) => r.configDoneMs),
    config: of(mine, (r) => r.configMs),
    composer: of(mine, (r) => r.composerMs),
    frameStart: of(mine, (r) => r.frameStartMs),
    firstSession: of(mine, (r) => r.firstSessionMs),
    firstSend: of(mine, (r) => r.firstSendMs),
    enabled: of(mine, (r) => r.enabledMs),
    focused: of(mine, (r) => r.focusedMs),
    maxOffsetMs: Math.max(0, ...mine.map((r) => r.offsetMs)),
  };
}

function path(rounds: PathRound[], name: PathName): PathSummary {
  const mine = rounds.filter((r) => r.path === name);
  return {
    sent: mine.reduce((n, r) => n + r.sent, 0),
    seen: mine.reduce((n, r) => n + r.seen, 0),
    latency: summarize(mine.flatMap((r) => r.latencies)),
    maxOffsetMs: Math.max(0, ...mine.map((r) => r.offsetMs)),
    lateMaxMs: Math.max(0, ...mine.map((r) => r.lateMaxMs)),
  };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

function targets(s: WidgetSettings, l: LoadSummary, d: Record<PathName, PathSummary>): TargetCheck[] {
  const t = s.targets;
  const loadCheck = (what: string, sum: Summary, max: number): TargetCheck => ({
    target: `${what} ≤ ${max} ms (p99 of ${l.loads} cold loads; p50 beside it)`,
    value: sum.n ? `p99 ${ms(sum.p99)}, p50 ${ms(sum.p50)} (${sum.n}/${l.loads} loads)` : 'never measured',
    pass: sum.n === 0 ? null : sum.p99 <= max && sum.n === l.loads,
  });
  const deliveryCheck = (what: string, p: PathSummary): TargetCheck => ({
    target: `${what} p99 ≤ ${t.deliveryP99Ms} ms, every message shown`,
    value: p.latency.n ? `${ms(p.latency.p99)}, ${p.seen}/${p.sent} shown` : 'never measured',
    pass: p.latency.n === 0 ? null : p.latency.p99 <= t.deliveryP99Ms && p.seen === p.sent,
  });
  return [
    loadCheck('Script tag → launcher visible', l.launcher, t.launcherMs),
    loadCheck('Launcher click → usable composer', l.composer, t.composerMs),
    deliveryCheck('Customer send → agent’s screen', d.customerToAgent),
    deliveryCheck('Agent send → widget’s screen', d.agentToWidget),
  ];
}

export function buildReport(input: {
  settings: WidgetSettings;
  hostPage: string;
  prechat: string;
  loads: LoadRun[];
  rounds: PathRound[];
  cpu: Record<string, CpuUsage>;
  commit: { head: string; widget: string };
  chromium: string;
  notRun: string[];
}): WidgetReport {
  const { stackDir: _s, reportDir: _r, agents: _a, admin: _ad, selected: _sel, ...settings } = input.settings;
  const l = { fio: load(input.loads, 'fio'), floor: load(input.loads, 'floor') };
  const d = {
    customerToAgent: path(input.rounds, 'customerToAgent'),
    agentToWidget: path(input.rounds, 'agentToWidget'),
    agentToAgent: path(input.rounds, 'agentToAgent'),
  };
  return {
    date: new Date().toISOString(),
    command: 'npm run bench:widget',
    commit: input.commit,
    env: benchEnv(),
    machine: { ...machine(), chromium: input.chromium },
    settings,
    hostPage: input.hostPage,
    prechat: input.prechat,
    load: l,
    delivery: d,
    targets: targets(input.settings, l.fio, d),
    loads: input.loads,
    rounds: input.rounds,
    cpu: input.cpu,
    notRun: input.notRun,
  };
}
