// The webhook scenarios and their order: all of them against the ceiling, then all against Fio, so Fio's paced run
// follows its warm-up while its conversations' Postgres connections are still open (they close when idle).
import { type CpuUsage, snapshot, usage } from '../cpu';
import { summarize } from '../stats';
import type { Summary } from '../types';
import type { WebhookDriver } from './driver-client';
import { wamidPrefix } from './payload';
import { type PgArrival, timeToPostgres } from './postgres';
import type { WebhookSettings } from './settings';
import type { WebhookPacing, WebhookResult, WebhookSpec } from './types';

export type TargetName = 'ceiling' | 'floor' | 'fio';
export type ScenarioKey = 'warmup' | 'paced' | 'max';

export interface WebhookTarget {
  name: TargetName;
  url: string;
}

export interface Scenario {
  key: ScenarioKey;
  title: string;
  pacing: WebhookPacing;
}

/** One load run, without the per-request arrays (summarised here). */
export interface RunRecord {
  scenario: Scenario;
  target: TargetName;
  load: Omit<WebhookResult, 'startEpochMs' | 'ackMs'>;
  /** 200s per second over the run's send phase. */
  throughput: number;
  ack: Summary;
  /** Ack p99 (ms) of the requests started in each WINDOW_S-second window of the run, in order: where a tail came from. */
  ackP99ByWindow: number[];
  /** Fio only. */
  pg: PgArrival | null;
  cpu: CpuUsage;
}

export interface ScenarioContext {
  driver: WebhookDriver;
  targets: WebhookTarget[];
  base: Omit<WebhookSpec, 'label' | 'url' | 'pacing' | 'runTag' | 'expectStored'>;
  ownerUrl: string;
  tenantId: string;
  runId: string;
  roles: () => Map<number, string>;
  settings: WebhookSettings;
  log(line: string): void;
}

/** The ack timeline's window. */
const WINDOW_S = 5;

function p99ByWindow(startEpochMs: number[], ackMs: number[]): number[] {
  const first = startEpochMs[0];
  if (first === undefined) return [];
  const windows: number[][] = [];
  startEpochMs.forEach((start, i) => {
    const ack = ackMs[i];
    if (ack === undefined || !Number.isFinite(ack)) return;
    const w = Math.floor((start - first) / (WINDOW_S * 1000));
    const window = windows[w] ?? [];
    window.push(ack);
    windows[w] = window;
  });
  return Array.from(windows, (samples) => (samples ? summarize(samples).p99 : Number.NaN));
}

export function scenarios(s: WebhookSettings): Scenario[] {
  return [
    {
      key: 'warmup',
      title: `0 · warm-up: 1 webhook per new customer (${s.customers}), ${s.warmupConcurrency} at once`,
      pacing: { kind: 'once', concurrency: s.warmupConcurrency },
    },
    {
      key: 'paced',
      title: `1 · paced ${s.rate}/s for ${s.seconds} s`,
      pacing: { kind: 'rate', perSecond: s.rate, seconds: s.seconds },
    },
    {
      key: 'max',
      title: `2 · max: closed loop, ${s.inFlight} in flight, ${s.seconds} s`,
      pacing: { kind: 'closed', inFlight: s.inFlight, seconds: s.seconds },
    },
  ];
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');

async function runOne(ctx: ScenarioContext, scenario: Scenario, target: WebhookTarget): Promise<RunRecord> {
  const runTag = `${ctx.runId}-${scenario.key}-${target.name}`;
  const before = snapshot();
  const result = await ctx.driver.run({
    ...ctx.base,
    label: runTag,
    url: target.url,
    pacing: scenario.pacing,
    runTag,
    expectStored: target.name === 'fio',
  });
  const cpu = usage(before, snapshot(), ctx.roles());
  const { startEpochMs, ackMs, ...load } = result;
  const ack = summarize(ackMs.filter(Number.isFinite));
  const ackP99ByWindow = p99ByWindow(startEpochMs, ackMs);
  const throughput = result.okInPhase / result.phaseSeconds;
  ctx.log(
    `  ${target.name.padEnd(7)} ${Math.round(throughput)}/s, ack p50/p99 ${fmt(ack.p50)}/${fmt(ack.p99)} ms, ` +
      `${result.ok}/${result.sent} answered 200, driver ${fmt(result.buildSignUs)} µs/build+sign, ack p99 per ` +
      `${WINDOW_S} s ${ackP99ByWindow.map((v) => Math.round(v)).join(' ')}` +
      (result.errorCount ? `, ERRORS ${JSON.stringify(result.errors)}` : ''),
  );
  let pg: PgArrival | null = null;
  if (target.name === 'fio') {
    const prefix = wamidPrefix(runTag);
    pg = await timeToPostgres(ctx.ownerUrl, ctx.tenantId, prefix, result, ctx.settings.pgTimeoutMs);
    ctx.log(
      `  postgres ${pg.found}/${pg.expected} rows, request→archived_at p50/p99 ${fmt(pg.toPg.p50)}/` +
        `${fmt(pg.toPg.p99)} ms (all seen ${pg.waitedMs} ms after the run)`,
    );
  }
  return { scenario, target: target.name, load, throughput, ack, ackP99ByWindow, pg, cpu };
}

/**
 * Target-major: interleaving (ceiling paced between Fio's warm-up and Fio's paced) leaves Fio idle for longer
 * than ARCHIVE_IDLE_MS, so its paced run would start by reopening every conversation's Postgres connection
 * at once; that is a cold start, not the steady state this bench measures. Fio's Postgres check follows each
 * Fio run, outside its CPU window.
 */
export async function runScenarios(ctx: ScenarioContext): Promise<RunRecord[]> {
  const records: RunRecord[] = [];
  for (const target of ctx.targets) {
    for (const scenario of scenarios(ctx.settings)) {
      ctx.log(`${target.name}: ${scenario.title}`);
      records.push(await runOne(ctx, scenario, target));
      await new Promise((r) => setTimeout(r, ctx.settings.settleMs));
    }
  }
  // Rows side by side per scenario in the report: ceiling, then Fio.
  const order = scenarios(ctx.settings).map((s) => s.key);
  return records.sort((a, b) => order.indexOf(a.scenario.key) - order.indexOf(b.scenario.key));
}
