// The widget bench's knobs, read once from the environment (BENCH_WIDGET_LOADS=5 BENCH_WIDGET_MESSAGES=20 for
// a quick run), and its targets. BENCH_ONLY picks this suite when unset or when it names `widget`.
import { join } from 'node:path';
import { ROOT } from '../../lib/stack';
import { intEnv } from '../config';
import { suiteSelected } from '../selection';

export const settings = {
  selected: suiteSelected('widget'),
  /** Cold loads of the host page, each in a new browser context (a new visitor: nothing cached or stored). */
  loads: intEnv('BENCH_WIDGET_LOADS', 20, 1, 25),
  /** Messages per direction, one every `intervalMs` (typed and sent with Enter by Playwright). */
  messages: intEnv('BENCH_WIDGET_MESSAGES', 100, 1, 1_000),
  intervalMs: intEnv('BENCH_WIDGET_INTERVAL_MS', 250, 50, 10_000),
  /** The messages of each direction are split over this many rounds, alternating which direction goes first. */
  deliveryRounds: intEnv('BENCH_WIDGET_ROUNDS', 2, 1, 20),
  /** Messages per direction sent (and waited for on screen) before measuring, not counted. */
  warmup: intEnv('BENCH_WIDGET_WARMUP', 3, 0, 50),
  timeouts: {
    /** One UI step: a page loading, the launcher or the composer appearing, one direction's messages shown. */
    stepMs: intEnv('BENCH_WIDGET_STEP_TIMEOUT_MS', 30_000, 1_000, 600_000),
  },
  viewport: { width: 1280, height: 800 },
  /** Agent A sends and receives; agent B only watches (the agent-to-agent floor's screen). */
  agents: {
    a: { email: 'bruno@demo.fio.local', password: 'fio-demo-agent' },
    b: { email: 'carla@demo.fio.local', password: 'fio-demo-agent' },
  },
  admin: { email: 'admin@demo.fio.local', password: 'fio-demo-admin' },
  /** Its own stack directory (wiped at start), so the other benches' results next to it survive. */
  stackDir: join(ROOT, '.fio', 'bench', 'widget-stack'),
  reportDir: join(ROOT, '.fio', 'bench'),
  targets: { launcherMs: 300, composerMs: 500, deliveryP99Ms: 100 },
};

export type WidgetSettings = typeof settings;
