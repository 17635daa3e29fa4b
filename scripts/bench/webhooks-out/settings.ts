// The outgoing webhook bench's knobs, read once from the environment (BENCH_WHOUT_PACED=100
// BENCH_WHOUT_BURST=300 for a quick run). BENCH_ONLY picks this suite when unset or when it names
// `webhooks-out`.
import { join } from 'node:path';
import { ROOT } from '../../lib/stack';
import { intEnv } from '../config';
import { suiteSelected } from '../selection';

export const settings = {
  selected: suiteSelected('webhooks-out'),
  /** Customers (one conversation each, with an agent's socket open on it) the messages are spread over. */
  conversations: intEnv('BENCH_WHOUT_CONVERSATIONS', 20, 1, 500),
  /** The latency phase: this many customer messages, paced at `rate` per second, round-robin. */
  paced: intEnv('BENCH_WHOUT_PACED', 600, 10, 100_000),
  rate: intEnv('BENCH_WHOUT_RATE', 20, 1, 1_000),
  /** The throughput phase: this many messages posted as fast as the Worker acks them, `window` in flight. */
  burst: intEnv('BENCH_WHOUT_BURST', 3_000, 10, 100_000),
  window: intEnv('BENCH_WHOUT_WINDOW', 16, 1, 256),
  /** Messages per conversation before measuring, not counted (objects, sockets and the endpoint warm). */
  warmup: intEnv('BENCH_WHOUT_WARMUP', 2, 1, 100),
  /** How long every event may take to reach the receiver after the phase's last post (ms). */
  drainTimeoutMs: intEnv('BENCH_WHOUT_DRAIN_TIMEOUT_MS', 300_000, 5_000, 3_600_000),
  admin: { email: 'admin@demo.fio.local', password: 'fio-demo-admin' },
  /** Its own stack directory (wiped at start), so the other benches' results next to it survive. */
  stackDir: join(ROOT, '.fio', 'bench', 'webhooks-out-stack'),
  reportDir: join(ROOT, '.fio', 'bench'),
};

export type WebhooksOutSettings = typeof settings;
