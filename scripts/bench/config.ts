// Benchmark knobs, read once from the environment (BENCH_SECONDS=3 for a quick debugging run).
import { join } from 'node:path';
import { ROOT } from '../lib/stack';
import { benchOnly, isSocketScenario, SOCKET_SCENARIOS, type SocketScenario } from './selection';

export function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be an integer in [${min}, ${max}]`);
  return n;
}

function listEnv(name: string, fallback: number[], min: number, max: number): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const values = raw.split(',').map((s) => Number(s.trim()));
  if (values.length === 0 || values.some((n) => !Number.isInteger(n) || n < min || n > max))
    throw new Error(`${name} must be a comma-separated list of integers in [${min}, ${max}]`);
  return values;
}

export type ScenarioKind = SocketScenario;

/** The socket scenarios BENCH_ONLY picks: all of them when it names none (see selection.ts). */
function socketScenarios(): ScenarioKind[] {
  const picked = benchOnly().filter(isSocketScenario);
  return picked.length > 0 ? picked : [...SOCKET_SCENARIOS];
}

const seconds = intEnv('BENCH_SECONDS', 10, 1, 120);

export const config = {
  /** Length of each measured phase. */
  seconds,
  /** Which scenarios to run (BENCH_ONLY=rooms while tuning one). */
  only: socketScenarios(),
  dataDir: join(ROOT, '.fio', 'bench'),
  /** Scenario 1: paced rate into one conversation, and the subscriber counts to try. */
  pacedRate: intEnv('BENCH_RATE', 100, 1, 5_000),
  pacedSubscribers: listEnv('BENCH_SUBSCRIBERS', [10, 100], 1, 1_000),
  /** Scenario 2: in-flight windows of the closed loop into one conversation. */
  windows: listEnv('BENCH_WINDOWS', [64, 256], 1, 4_096),
  /** Scenario 3: conversations, and each sender's in-flight window. */
  rooms: intEnv('BENCH_ROOMS', 200, 1, 2_000),
  roomWindow: intEnv('BENCH_ROOM_WINDOW', 1, 1, 256),
  /** Scenario 3's paced variant: msgs/s per conversation (0: skip it; the closed loop always runs). */
  roomRate: intEnv('BENCH_ROOM_RATE', 2, 0, 1_000),
  /** Messages per conversation sent one at a time before measuring, so sockets and objects are warm. */
  warmup: intEnv('BENCH_WARMUP', 5, 0, 1_000),
  textBytes: intEnv('BENCH_TEXT_BYTES', 64, 1, 4_000),
  /** 1: restart workerd (same storage and port) before every Fio run, so results do not depend on order. */
  freshWorker: intEnv('BENCH_FRESH_WORKER', 0, 0, 1) === 1,
  /** How long Postgres may take to hold every acked row before a scenario reports a miss. */
  archiveTimeoutMs: intEnv('BENCH_ARCHIVE_TIMEOUT_MS', 120_000, 1_000, 600_000),
  /** Concurrent HTTP requests while creating widget sessions. */
  setupConcurrency: intEnv('BENCH_SETUP_CONCURRENCY', 8, 1, 64),
};

export type BenchConfig = typeof config;

/**
 * The Worker's log level during benchmarks: warn by default (as a production deployment would run), so
 * per-request info lines do not bill their relay through wrangler to the product. BENCH_LOG_LEVEL=info
 * measures with them.
 */
export function benchLogLevel(): 'debug' | 'info' | 'warn' | 'error' {
  const level = process.env.BENCH_LOG_LEVEL;
  return level === 'debug' || level === 'info' || level === 'error' ? level : 'warn';
}
