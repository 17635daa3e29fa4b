// The bot bench's knobs, read once from the environment (BENCH_BOT_SAMPLES=20 BENCH_BOT_CONVERSATIONS=40
// for a quick run), and its targets.
import { join } from 'node:path';
import { ROOT } from '../../lib/stack';
import { intEnv } from '../config';

export const settings = {
  /** Measured replies per latency scenario (floor, menu, ERP, LLM); each is a new customer. */
  samples: intEnv('BENCH_BOT_SAMPLES', 60, 5, 1_000),
  /** Customers walking their script at once during the latency scenarios (1: strictly one at a time). */
  latencyConcurrency: intEnv('BENCH_BOT_CONCURRENCY', 1, 1, 16),
  /** Scenario 4: conversations talking to the bot at once, and messages each sends (one per reply). */
  conversations: intEnv('BENCH_BOT_CONVERSATIONS', 200, 1, 2_000),
  /** Scenario 4: think time after a reply before the customer writes again (ms, ± a quarter at random). */
  thinkMs: intEnv('BENCH_BOT_THINK_MS', 2_000, 0, 60_000),
  /** Scenario 4: the customers' first messages are spread over this long (ms), not one burst. */
  rampMs: intEnv('BENCH_BOT_RAMP_MS', 4_000, 0, 120_000),
  /** The ERP simulator's added latency per request in the ERP step, and the LLM simulator's per completion. */
  erpLatencyMs: intEnv('BENCH_BOT_ERP_MS', 200, 0, 10_000),
  llmLatencyMs: intEnv('BENCH_BOT_LLM_MS', 800, 0, 30_000),
  /** A reply is complete once nothing more was sent to the customer for this long (ms). */
  quietMs: intEnv('BENCH_BOT_QUIET_MS', 600, 50, 10_000),
  /** A message with no reply within this long is unanswered (stuck) (ms). */
  replyTimeoutMs: intEnv('BENCH_BOT_REPLY_TIMEOUT_MS', 15_000, 1_000, 120_000),
  stackDir: join(ROOT, '.fio', 'bench', 'bot-stack'),
  reportDir: join(ROOT, '.fio', 'bench'),
  targets: {
    /** The seeds' targets: a menu step within 150 ms p99, an LLM step within 2 s p95. */
    menuP99Ms: 150,
    llmP95Ms: 2_000,
    /** Webhook ack p99 with the bot within this share of the same load without it. */
    ackRatio: 1.1,
  },
};

export type BotBenchSettings = typeof settings;
