// Scenario 4: many customers talking to the bot at once. Each of `conversations` customers (distinct
// phones) sends the script's lines one by one, waiting (bounded) for the bot's reply to each and a think
// time after it; every message must be answered. The same load then goes to the number without the bot,
// message for message at the same offsets, and the webhook acks of the two runs are compared.
import { performance } from 'node:perf_hooks';
import { type CpuUsage, snapshot, usage } from '../cpu';
import { summarize } from '../stats';
import type { Summary } from '../types';
import type { BenchChannel } from './channels';
import type { ReplyWatch } from './replies';
import type { BotBenchSettings } from './settings';
import { benchPhone, type Customer, type Posted, type WebhookPoster } from './webhook';

export interface CrowdRun {
  label: 'bot' | 'plain';
  conversations: number;
  /** Webhooks posted, and answered 200. */
  messages: number;
  acked: number;
  /** Bot run: messages that got a reply within the timeout, and those that did not. */
  answered: number;
  unanswered: number;
  /** The first few customers left without an answer (phone and the line). */
  stuck: string[];
  ack: Summary;
  /** The ack per line of the script: the first opens a contact, a conversation and a ticket. */
  ackByLine: Summary[];
  /** Bot run: webhook start → first send of the reply. */
  firstReply: Summary;
  seconds: number;
  errors: Record<string, number>;
  cpu: CpuUsage;
}

export interface CrowdContext {
  poster: WebhookPoster;
  watch: ReplyWatch;
  settings: BotBenchSettings;
  roles: () => Map<number, string>;
  log(line: string): void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
/** ± a quarter, deterministic per customer and line, so both runs would think alike. */
const jitter = (ms: number, i: number, k: number) =>
  ms * (0.75 + (((i * 7919 + k * 104729) % 1000) / 1000) * 0.5);

/** Posted webhooks with the script line each carried. */
type Line = { line: number; posted: Posted };

const byLine = (posted: Line[], lines: number): Summary[] =>
  Array.from({ length: lines }, (_, j) =>
    summarize(
      posted
        .filter((p) => p.line === j)
        .map((p) => p.posted.ackMs)
        .filter(Number.isFinite),
    ),
  );

function tally(posted: Posted[], errors: Record<string, number>): number {
  let ok = 0;
  for (const p of posted) {
    if (p.status === 200) ok++;
    else {
      const key = p.status === 0 ? 'transport' : `HTTP ${p.status}`;
      errors[key] = (errors[key] ?? 0) + 1;
    }
  }
  return ok;
}

/** The bot run; returns the record and each customer's send offsets (ms from the run's start). */
export async function crowdWithBot(
  ctx: CrowdContext,
  channel: BenchChannel,
  lines: string[],
  block: number,
): Promise<{ run: CrowdRun; offsets: number[][] }> {
  const k = ctx.settings;
  const n = k.conversations;
  const offsets: number[][] = Array.from({ length: n }, () => []);
  const posted: Line[] = [];
  const firstReply: number[] = [];
  const stuck: string[] = [];
  let answered = 0;
  let unanswered = 0;
  const before = snapshot();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const customer: Customer = {
        phone: benchPhone(block, i),
        name: `Bench multidão ${i}`,
        number: channel.number,
      };
      await sleep((i * k.rampMs) / n);
      for (const [j, line] of lines.entries()) {
        (offsets[i] as number[])[j] = performance.now() - t0;
        const p = await ctx.poster.post(customer, line);
        posted.push({ line: j, posted: p });
        const first =
          p.status === 200 ? await ctx.watch.first(customer.phone, p.startEpochMs, k.replyTimeoutMs) : null;
        if (first) {
          answered++;
          firstReply.push(first.at - p.startEpochMs);
          // The whole reply (a menu after a greeting) before the customer reads and answers.
          await ctx.watch.settled(customer.phone, p.startEpochMs, k.quietMs, k.replyTimeoutMs);
        } else {
          unanswered++;
          if (stuck.length < 5) stuck.push(`${customer.phone} "${line}"`);
        }
        await sleep(jitter(k.thinkMs, i, j));
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = usage(before, snapshot(), ctx.roles());
  const errors: Record<string, number> = {};
  const acked = tally(
    posted.map((p) => p.posted),
    errors,
  );
  const run: CrowdRun = {
    label: 'bot',
    conversations: n,
    messages: posted.length,
    acked,
    answered,
    unanswered,
    stuck,
    ack: summarize(posted.map((p) => p.posted.ackMs).filter(Number.isFinite)),
    ackByLine: byLine(posted, lines.length),
    firstReply: summarize(firstReply),
    seconds,
    errors,
    cpu,
  };
  return { run, offsets };
}

/** The same messages at the same offsets, to the number without the bot (nobody answers there). */
export async function crowdWithoutBot(
  ctx: CrowdContext,
  channel: BenchChannel,
  lines: string[],
  block: number,
  offsets: number[][],
): Promise<CrowdRun> {
  const posted: Line[] = [];
  const before = snapshot();
  const t0 = performance.now();
  await Promise.all(
    offsets.map(async (times, i) => {
      const customer: Customer = {
        phone: benchPhone(block, i),
        name: `Bench multidão ${i}`,
        number: channel.number,
      };
      for (const [j, at] of times.entries()) {
        await sleep(t0 + at - performance.now());
        posted.push({ line: j, posted: await ctx.poster.post(customer, lines[j] as string) });
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = usage(before, snapshot(), ctx.roles());
  const errors: Record<string, number> = {};
  const acked = tally(
    posted.map((p) => p.posted),
    errors,
  );
  return {
    label: 'plain',
    conversations: offsets.length,
    messages: posted.length,
    acked,
    answered: 0,
    unanswered: 0,
    stuck: [],
    ack: summarize(posted.map((p) => p.posted.ackMs).filter(Number.isFinite)),
    ackByLine: byLine(posted, lines.length),
    firstReply: summarize([]),
    seconds,
    errors,
    cpu,
  };
}
