// The agent-client bench's knobs, read once from the environment; BENCH_ONLY picks this suite when unset or
// when it names `agent`. Every wait below has a bound, so a broken UI fails the run instead of hanging it.
import { join } from 'node:path';
import { ROOT } from '../../lib/stack';
import { intEnv } from '../config';
import { suiteSelected } from '../selection';

export const settings = {
  selected: suiteSelected('agent'),
  /** Delivery: customer messages per round, one every `intervalMs`, and rounds per target (fio, baseline). */
  messages: intEnv('BENCH_AGENT_MESSAGES', 100, 1, 10_000),
  intervalMs: intEnv('BENCH_AGENT_INTERVAL_MS', 75, 1, 10_000),
  rounds: intEnv('BENCH_AGENT_ROUNDS', 3, 1, 20),
  /** Messages sent (and waited for on screen) before each delivery round, not counted. */
  warmup: intEnv('BENCH_AGENT_WARMUP', 5, 0, 100),
  /** The long conversation: customer messages seeded, with at most `seedInFlight` unacknowledged. */
  seedMessages: intEnv('BENCH_AGENT_SEED', 5_000, 200, 50_000),
  seedInFlight: intEnv('BENCH_AGENT_SEED_INFLIGHT', 100, 1, 1_000),
  /** Opens of the long conversation per target; each Fio open also scrolls to the top. */
  opens: intEnv('BENCH_AGENT_OPENS', 5, 1, 50),
  /** The bare page opens the long conversation with hello {since: lastSeq − tail}, as the agent app does. */
  tail: 100,
  timeouts: {
    /** One UI step: sign-in, a list or conversation appearing, one round's messages on screen. */
    stepMs: intEnv('BENCH_AGENT_STEP_TIMEOUT_MS', 30_000, 1_000, 600_000),
    /** Seeding the long conversation, and Postgres catching up with it. */
    seedMs: intEnv('BENCH_AGENT_SEED_TIMEOUT_MS', 180_000, 10_000, 1_800_000),
    /** Scrolling from the newest message to the first one. */
    scrollMs: intEnv('BENCH_AGENT_SCROLL_TIMEOUT_MS', 120_000, 1_000, 1_800_000),
  },
  viewport: { width: 1280, height: 800 },
  agent: { email: 'bruno@demo.fio.local', password: 'fio-demo-agent' },
  /** Its own stack directory (wiped at start), so the other benches' results next to it survive. */
  stackDir: join(ROOT, '.fio', 'bench', 'agent-stack'),
  reportDir: join(ROOT, '.fio', 'bench'),
  targets: { maxInitialJsGzipKb: 150, maxDeliveryP99Ms: 100, maxOpenMs: 300 },
};

export type AgentSettings = typeof settings;
