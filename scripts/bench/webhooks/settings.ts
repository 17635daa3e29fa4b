// The webhook bench's knobs, read once from the environment; BENCH_SECONDS is shared with the socket bench,
// BENCH_ONLY picks this suite when unset or when it names `webhooks`.
import { join } from 'node:path';
import { ROOT } from '../../lib/stack';
import { intEnv, config as socketConfig } from '../config';
import { suiteSelected } from '../selection';

export const settings = {
  selected: suiteSelected('webhooks'),
  /** Length of the paced and the closed-loop phases. */
  seconds: socketConfig.seconds,
  /** Scenario 1: webhooks per second, open loop. */
  rate: intEnv('BENCH_WEBHOOK_RATE', 200, 1, 5_000),
  /** Scenario 2: requests outstanding in the closed loop. */
  inFlight: intEnv('BENCH_WEBHOOK_INFLIGHT', 32, 1, 1_024),
  /** Customers (so conversations) the load is spread over, round robin. */
  customers: intEnv('BENCH_WEBHOOK_CUSTOMERS', 200, 1, 10_000),
  /** Concurrent first messages during the warm-up pass (each creates a contact and a conversation). */
  warmupConcurrency: intEnv('BENCH_WEBHOOK_WARMUP_CONCURRENCY', 8, 1, 256),
  /**
   * 0: the demo number's bot is switched off before the warm-up, so its customers' tickets start queued for
   * people and no bot step runs beside the webhooks (a diagnostic: what the bot's replies cost the acks).
   */
  bot: intEnv('BENCH_WEBHOOK_BOT', 1, 0, 1) === 1,
  /** 1: requests go to each Worker's own workerd socket, bypassing wrangler's dev proxy (direct.ts). */
  direct: intEnv('BENCH_WEBHOOK_DIRECT', 0, 0, 1) === 1,
  /** The pause between two runs (ms): moving it shows whether a burst follows the previous run's end. */
  settleMs: intEnv('BENCH_WEBHOOK_SETTLE_MS', 1_000, 0, 600_000),
  /** How long Postgres may take to hold every acknowledged message of a run. */
  pgTimeoutMs: intEnv('BENCH_WEBHOOK_PG_TIMEOUT_MS', 30_000, 1_000, 600_000),
  /** Its own stack directory (wiped at start), so the socket bench's results next to it survive. */
  stackDir: join(ROOT, '.fio', 'bench', 'webhooks-stack'),
  reportDir: join(ROOT, '.fio', 'bench'),
  targets: { minThroughputRatio: 0.5, maxPacedAckP99Ms: 50 },
};

export type WebhookSettings = typeof settings;
