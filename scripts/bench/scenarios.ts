// The scenarios and their order: each variant runs against the baseline and then Fio, back to back, and Fio's
// run is followed by the Postgres check while nothing else is running.

import { type ArchiveResult, checkArchive, type PgCounters, pgCounters } from './archive';
import type { Driver } from './children';
import type { BenchConfig, ScenarioKind } from './config';
import { type CpuUsage, snapshot, usage } from './cpu';
import type { Target, TargetName } from './targets';
import type { LoadResult, Pacing } from './types';

export interface Variant {
  kind: ScenarioKind;
  /** Short, stable id used in the results JSON. */
  key: string;
  title: string;
  rooms: number;
  subscribers: number;
  pacing: Pacing;
}

export interface RunRecord {
  variant: Variant;
  target: TargetName;
  conversationIds: number;
  load: LoadResult;
  /** Fio only: the rows in Postgres. */
  archive: ArchiveResult | null;
  cpu: CpuUsage;
}

export interface RunContext {
  driver: Driver;
  targets: Target[];
  ownerUrl: string;
  roles: Map<number, string>;
  config: BenchConfig;
  log(line: string): void;
  /** Runs before each Fio run (BENCH_FRESH_WORKER: restart workerd so no run inherits another's state). */
  beforeFio?: () => Promise<void>;
}

const SETTLE_MS = 1_000;

function roomsVariant(config: BenchConfig, key: string, label: string, pacing: Variant['pacing']): Variant {
  return {
    kind: 'rooms',
    key,
    title: `3 · ${config.rooms} convs × 2 subs, ${label}`,
    rooms: config.rooms,
    // The sender also said hello, so each conversation has two subscribers: the sender and this one.
    subscribers: 1,
    pacing,
  };
}

export function variants(config: BenchConfig): Variant[] {
  const { seconds } = config;
  const all: Variant[] = [
    ...config.pacedSubscribers.map(
      (n): Variant => ({
        kind: 'paced',
        key: `paced-${n}`,
        title: `1 · ${config.pacedRate}/s into 1 conv, ${n} subs`,
        rooms: 1,
        subscribers: n,
        pacing: { kind: 'rate', perSecond: config.pacedRate, count: config.pacedRate * seconds },
      }),
    ),
    ...config.windows.map(
      (w): Variant => ({
        kind: 'ceiling',
        key: `ceiling-w${w}`,
        title: `2 · max into 1 conv, window ${w}`,
        rooms: 1,
        subscribers: 1,
        pacing: { kind: 'window', window: w, seconds },
      }),
    ),
    // Scenario 3 twice: paced at a sustainable rate (flush lag is judged here: a saturated queue grows
    // without bound by definition), then closed-loop for the highest aggregate rate.
    ...(config.roomRate > 0
      ? [
          roomsVariant(config, 'rooms-paced', `${config.roomRate}/s each`, {
            kind: 'rate',
            perSecond: config.roomRate,
            count: config.roomRate * seconds,
          }),
        ]
      : []),
    roomsVariant(config, 'rooms-max', `max, window ${config.roomWindow}`, {
      kind: 'window',
      window: config.roomWindow,
      seconds,
    }),
  ];
  return all.filter((v) => config.only.includes(v.kind));
}

/** Postgres publishes its counters about once a second. */
const PG_STATS_DELAY_MS = 1_200;

async function activitySince(ownerUrl: string, before: PgCounters): Promise<PgCounters> {
  await new Promise((r) => setTimeout(r, PG_STATS_DELAY_MS));
  const after = await pgCounters(ownerUrl);
  return { sessions: after.sessions - before.sessions, commits: after.commits - before.commits };
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');

async function runOne(ctx: RunContext, variant: Variant, target: Target): Promise<RunRecord> {
  if (target.name === 'fio') await ctx.beforeFio?.();
  const { conversationIds, rooms } = await target.rooms(variant.rooms, variant.subscribers);
  const pgBefore = target.name === 'fio' ? await pgCounters(ctx.ownerUrl) : null;
  const before = snapshot();
  const load = await ctx.driver.run({
    label: `${variant.key}/${target.name}`,
    rooms,
    pacing: variant.pacing,
    warmup: ctx.config.warmup,
    textBytes: ctx.config.textBytes,
  });
  const cpu = usage(before, snapshot(), ctx.roles);
  ctx.log(
    `  ${target.name.padEnd(8)} ${Math.round(load.ratePerSecond)} msg/s, ack p50/p99 ${fmt(load.ack.p50)}/${fmt(load.ack.p99)} ms, ` +
      `delivery p50/p99 ${fmt(load.delivery.p50)}/${fmt(load.delivery.p99)} ms` +
      (load.errors.length ? `, errors: ${load.errors.slice(0, 3).join(' | ')}` : ''),
  );
  let archive: ArchiveResult | null = null;
  if (target.name === 'fio') {
    const expected = new Map(conversationIds.map((id, i) => [id, load.ackedTotalPerRoom[i] ?? 0]));
    archive = await checkArchive(
      ctx.ownerUrl,
      expected,
      load.lastAckEpochMs,
      ctx.config.archiveTimeoutMs,
      ctx.config.warmup,
    );
    if (pgBefore) archive.activity = await activitySince(ctx.ownerUrl, pgBefore);
    ctx.log(
      `  postgres ${archive.rows}/${archive.expectedRows} rows (${archive.detail}), all in ` +
        `${archive.catchUpMs === null ? 'never' : `${Math.round(archive.catchUpMs)} ms`} after the last ack, ` +
        `flush lag p50/p99 ${fmt(archive.lag.p50)}/${fmt(archive.lag.p99)} ms, ` +
        `${archive.activity?.sessions} sessions / ${archive.activity?.commits} commits opened by the run`,
    );
  }
  return { variant, target: target.name, conversationIds: conversationIds.length, load, archive, cpu };
}

export async function runScenarios(ctx: RunContext): Promise<RunRecord[]> {
  const records: RunRecord[] = [];
  for (const variant of variants(ctx.config)) {
    ctx.log(`${variant.title}`);
    for (const target of ctx.targets) {
      records.push(await runOne(ctx, variant, target));
      await new Promise((r) => setTimeout(r, SETTLE_MS));
    }
  }
  return records;
}
