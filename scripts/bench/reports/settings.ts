// The reports bench's knobs, read once from the environment (BENCH_REPORTS_DAYS=30 BENCH_REPORTS_REPEATS=3
// for a quick run), and its target. BENCH_ONLY picks this suite when unset or when it names `reports`.
import { join } from 'node:path';
import { ROOT } from '../../lib/stack';
import { intEnv } from '../config';
import { suiteSelected } from '../selection';

export const settings = {
  selected: suiteSelected('reports'),
  /** The big tenant's history: this many tenant-local days ending today, about this many tickets a day. */
  days: intEnv('BENCH_REPORTS_DAYS', 365, 7, 730),
  ticketsPerDay: intEnv('BENCH_REPORTS_TICKETS_PER_DAY', 150, 1, 2_000),
  /** The small tenant's (the side-by-side baseline): a week at the same daily rate. */
  smallDays: intEnv('BENCH_REPORTS_SMALL_DAYS', 7, 1, 60),
  /** Agents added to each tenant's own (reports group by agent). */
  extraAgents: intEnv('BENCH_REPORTS_AGENTS', 10, 0, 200),
  /** Timed requests per API case and tenant (alternating rounds), after one warm-up round. */
  repeats: intEnv('BENCH_REPORTS_REPEATS', 8, 1, 200),
  /** Screen loads per tenant: cold (a new browser context) and warm (a reload in the same one). */
  screenCold: intEnv('BENCH_REPORTS_SCREEN_COLD', 3, 0, 50),
  screenWarm: intEnv('BENCH_REPORTS_SCREEN_WARM', 5, 0, 50),
  timeouts: {
    /** The rollup job building the facts of the whole seeded history. */
    rollupMs: intEnv('BENCH_REPORTS_ROLLUP_TIMEOUT_MS', 1_800_000, 10_000, 7_200_000),
    /** One request or one screen load; later is reported as a miss. */
    requestMs: intEnv('BENCH_REPORTS_REQUEST_TIMEOUT_MS', 60_000, 1_000, 600_000),
  },
  year: { email: 'admin@demo.fio.local', password: 'fio-demo-admin' },
  small: { email: 'admin@fibra.fio.local', password: 'fio-fibra-admin' },
  /** Its own stack directory (wiped at start), so the other benches' results next to it survive. */
  stackDir: join(ROOT, '.fio', 'bench', 'reports-stack'),
  reportDir: join(ROOT, '.fio', 'bench'),
  /** Every report API call and the screen: under a second (issue 16). */
  targetMs: 1_000,
};

export type ReportsSettings = typeof settings;
