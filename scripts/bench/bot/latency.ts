// Reply latency, one customer at a time: each sample is a new customer who walks the scenario's setup lines
// (each waiting for the bot's complete reply), then sends the measured line; latency = that webhook's start
// → the first send to the customer reaching the Graph API (the simulator). The floor is the same path with
// an agent answering on the conversation's socket instead of the bot. Scenarios take turns in rounds, so a
// busy machine weighs on all of them alike and the ratios to the floor hold.
import { type CpuUsage, snapshot, usage } from '../cpu';
import { pooled } from '../pool';
import { summarize } from '../stats';
import type { Summary } from '../types';
import type { AnsweringAgent } from './agent';
import { type BenchChannel, conversationOf } from './channels';
import type { ReplyWatch } from './replies';
import type { BotBenchSettings } from './settings';
import { benchPhone, type Customer, type WebhookPoster } from './webhook';

export type LatencyKey = 'floor' | 'menu' | 'erp' | 'llm';

/** A fault mode switched on just around the measured line (the ERP's or the model's slowness). */
export interface SlowMode {
  describe: string;
  on(): Promise<void>;
  off(): Promise<void>;
}

export interface LatencyScenario {
  key: LatencyKey;
  title: string;
  channel: BenchChannel;
  /** Sent before the measured line; on a bot channel each waits for the bot's complete reply. */
  setup: (customer: Customer) => string[];
  /** The measured line; sample `i` may word it its own way (a cached answer would not be the step's cost). */
  measured: (customer: Customer, i: number) => string;
  slow?: SlowMode;
  /** The floor: an agent answers the measured line (the channel has no bot). */
  agent?: boolean;
  /** What else happened during the measured step (e.g. ERP requests), counted per sample when known. */
  sideCount?: (since: number, customer: Customer) => Promise<number | null>;
}

export interface Sample {
  /** Webhook start → first send to the customer (ms); NaN when no reply came. */
  firstMs: number;
  /** Webhook start → the reply's last send (nothing more for the quiet spell). */
  completeMs: number;
  sends: number;
  ackMs: number;
  side: number | null;
  /** The floor: webhook start → the message on the agent's socket (the rest is the agent's send → Graph). */
  receiptMs: number | null;
  error: string | null;
}

export interface LatencyRecord {
  key: LatencyKey;
  title: string;
  samples: Sample[];
  answered: number;
  first: Summary;
  complete: Summary;
  ack: Summary;
  sendsPerReply: number;
  sidePerStep: number | null;
  /** The floor: webhook → agent's socket, and the agent's send → Graph (per sample, the rest). */
  split: { toAgent: Summary; agentToGraph: Summary } | null;
  errors: string[];
  cpu: CpuUsage[];
}

export interface LatencyContext {
  poster: WebhookPoster;
  watch: ReplyWatch;
  agent: () => Promise<AnsweringAgent>;
  ownerUrl: string;
  settings: BotBenchSettings;
  roles: () => Map<number, string>;
  log(line: string): void;
}

const failed = (error: string, ackMs = Number.NaN): Sample => ({
  firstMs: Number.NaN,
  completeMs: Number.NaN,
  sends: 0,
  ackMs,
  side: null,
  receiptMs: null,
  error,
});

async function sample(
  ctx: LatencyContext,
  s: LatencyScenario,
  customer: Customer,
  i: number,
  agent: AnsweringAgent | null,
): Promise<Sample> {
  const { poster, watch, settings: k } = ctx;
  for (const line of s.setup(customer)) {
    const p = await poster.post(customer, line);
    if (p.status !== 200) return failed(`setup "${line}": HTTP ${p.status} ${p.body.slice(0, 120)}`);
    if (!s.channel.bot) continue;
    const reply = await watch.settled(customer.phone, p.startEpochMs, k.quietMs, k.replyTimeoutMs);
    if (reply.length === 0) return failed(`setup "${line}": no reply within ${k.replyTimeoutMs} ms`);
  }
  const opened = agent
    ? await agent.open(await conversationOf(ctx.ownerUrl, s.channel.channelId, customer.phone), 10_000)
    : null;
  await s.slow?.on();
  try {
    const p = await poster.post(customer, s.measured(customer, i));
    if (p.status !== 200) return failed(`measured: HTTP ${p.status} ${p.body.slice(0, 120)}`, p.ackMs);
    const first = await watch.first(customer.phone, p.startEpochMs, k.replyTimeoutMs);
    if (!first) return failed(`no reply within ${k.replyTimeoutMs} ms`, p.ackMs);
    const all = await watch.settled(customer.phone, p.startEpochMs, k.quietMs, k.replyTimeoutMs);
    const last = all[all.length - 1] ?? first;
    return {
      firstMs: first.at - p.startEpochMs,
      completeMs: last.at - p.startEpochMs,
      sends: all.length,
      ackMs: p.ackMs,
      side: s.sideCount ? await s.sideCount(p.startEpochMs, customer) : null,
      receiptMs: opened ? (opened.answeredAt() ?? Number.NaN) - p.startEpochMs : null,
      error: null,
    };
  } finally {
    await s.slow?.off();
    opened?.close();
  }
}

function record(s: LatencyScenario, samples: Sample[], cpu: CpuUsage[]): LatencyRecord {
  const ok = samples.filter((x) => x.error === null);
  const sides = ok.map((x) => x.side).filter((v): v is number => v !== null);
  return {
    key: s.key,
    title: s.title,
    samples,
    answered: ok.length,
    first: summarize(ok.map((x) => x.firstMs)),
    complete: summarize(ok.map((x) => x.completeMs)),
    ack: summarize(samples.map((x) => x.ackMs).filter(Number.isFinite)),
    sendsPerReply: ok.length ? ok.reduce((a, x) => a + x.sends, 0) / ok.length : Number.NaN,
    sidePerStep: sides.length ? sides.reduce((a, b) => a + b, 0) / sides.length : null,
    split: s.agent
      ? {
          toAgent: summarize(ok.map((x) => x.receiptMs ?? Number.NaN).filter(Number.isFinite)),
          agentToGraph: summarize(
            ok.map((x) => x.firstMs - (x.receiptMs ?? Number.NaN)).filter(Number.isFinite),
          ),
        }
      : null,
    errors: [...new Set(samples.map((x) => x.error).filter((e): e is string => e !== null))].slice(0, 5),
    cpu,
  };
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');

/** Runs every scenario's samples in `rounds` turns (floor, menu, ERP, LLM, then again). */
export async function measureLatencies(
  ctx: LatencyContext,
  scenarios: LatencyScenario[],
  rounds: number,
): Promise<LatencyRecord[]> {
  const k = ctx.settings;
  const samples = new Map<LatencyKey, Sample[]>(scenarios.map((s) => [s.key, []]));
  const cpu = new Map<LatencyKey, CpuUsage[]>(scenarios.map((s) => [s.key, []]));
  const perRound = Math.ceil(k.samples / rounds);
  for (let round = 0; round < rounds; round++) {
    for (const [block, s] of scenarios.entries()) {
      const done = samples.get(s.key) as Sample[];
      const count = Math.min(perRound, k.samples - done.length);
      if (count <= 0) continue;
      // A fresh sign-in per turn: a whole bench outlasts an access token.
      const agent = s.agent ? await ctx.agent() : null;
      const before = snapshot();
      const results = await pooled(
        Array.from({ length: count }, (_, j) => {
          const i = done.length + j;
          const customer = {
            phone: benchPhone(block, i),
            name: `Bench ${s.key} ${i}`,
            number: s.channel.number,
          };
          return () => sample(ctx, s, customer, i, agent).catch((err) => failed(String(err)));
        }),
        k.latencyConcurrency,
      );
      cpu.get(s.key)?.push(usage(before, snapshot(), ctx.roles()));
      done.push(...results);
      const r = record(s, results, []);
      ctx.log(
        `  round ${round + 1} ${s.key}: ${r.answered}/${count} answered, first send p50/p99 ` +
          `${fmt(r.first.p50)}/${fmt(r.first.p99)} ms` +
          (r.errors.length ? `; errors: ${r.errors.join(' | ')}` : ''),
      );
    }
  }
  return scenarios.map((s) => record(s, samples.get(s.key) as Sample[], cpu.get(s.key) as CpuUsage[]));
}
