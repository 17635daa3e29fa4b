// The routing bench's knobs, read once from the environment (BENCH_ROUTING_ROUNDS=20 BENCH_ROUTING_OPEN=2000
// for a quick run), and its target. BENCH_ONLY picks this suite when unset or when it names `routing`.
import { join } from 'node:path';
import { ROOT } from '../../lib/stack';
import { intEnv } from '../config';
import { suiteSelected } from '../selection';

export const settings = {
  selected: suiteSelected('routing'),
  /** Agents online (each with an open dashboard socket) in the one team, and each one's capacity. */
  agents: intEnv('BENCH_ROUTING_AGENTS', 50, 2, 200),
  capacity: intEnv('BENCH_ROUTING_CAPACITY', 2, 1, 20),
  /** Conversations waiting in the team's queue when the measurement starts. */
  queued: intEnv('BENCH_ROUTING_QUEUED', 2_000, 10, 20_000),
  /**
   * 1: before measuring, the objects of the conversations the run will touch (the agents' and the queue's
   * head) are woken once (GET their summary), so each holds its card in its own storage as an object
   * created by a customer's message would; 0: their first wake reads Postgres inside the measured path.
   */
  warm: intEnv('BENCH_ROUTING_WARM', 1, 0, 1) === 1,
  /** Measured rounds per side (floor and routing), taken in `blocks` alternating turns. */
  rounds: intEnv('BENCH_ROUTING_ROUNDS', 100, 4, 1_000),
  blocks: intEnv('BENCH_ROUTING_BLOCKS', 2, 1, 10),
  /** Pause between rounds (ms), so one round's tail never overlaps the next one's start. */
  gapMs: intEnv('BENCH_ROUTING_GAP_MS', 150, 0, 10_000),
  /** A round whose summary frame has not arrived by then is a miss (ms). */
  roundTimeoutMs: intEnv('BENCH_ROUTING_ROUND_TIMEOUT_MS', 10_000, 500, 120_000),
  /** The CPU burst: every agent closes one conversation at the same moment (both sides), this many times. */
  bursts: intEnv('BENCH_ROUTING_BURSTS', 2, 0, 20),
  burstTimeoutMs: intEnv('BENCH_ROUTING_BURST_TIMEOUT_MS', 60_000, 1_000, 600_000),
  /** The memory case: open conversations in a second tenant's inbox (0: skip it). */
  open: intEnv('BENCH_ROUTING_OPEN', 10_000, 0, 50_000),
  /** Concurrent HTTP requests while pushing the memory tenant's summaries (and signing agents in). */
  setupConcurrency: intEnv('BENCH_ROUTING_SETUP_CONCURRENCY', 8, 1, 64),
  setupTimeoutMs: intEnv('BENCH_ROUTING_SETUP_TIMEOUT_MS', 600_000, 10_000, 3_600_000),
  /** Its own stack directory (wiped at start), so the other benches' results next to it survive. */
  stackDir: join(ROOT, '.fio', 'bench', 'routing-stack'),
  reportDir: join(ROOT, '.fio', 'bench'),
  targets: { assignP99Ms: 250 },
};

export type RoutingSettings = typeof settings;
