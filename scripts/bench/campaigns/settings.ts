// The campaign bench's knobs, read once from the environment (BENCH_CAMPAIGN_RECIPIENTS=1000
// BENCH_CAMPAIGN_BASELINE=20 for a quick run), and its targets. BENCH_ONLY picks this suite when unset or when
// it names `campaigns`.
import { join } from 'node:path';
import { ROOT } from '../../lib/stack';
import { intEnv } from '../config';
import { suiteSelected } from '../selection';

export const settings = {
  selected: suiteSelected('campaigns'),
  /** Contacts in the campaign's audience (every one gets the template once). */
  recipients: intEnv('BENCH_CAMPAIGN_RECIPIENTS', 10_000, 10, 100_000),
  /** The number's throughput (the channel's `ratePerSecond`): the limit the send rate is compared with. */
  ratePerSecond: intEnv('BENCH_CAMPAIGN_RATE', 80, 1, 1_000),
  /** The agent's replies: one every `probeIntervalMs`, round-robin over `probeConversations` customers. */
  probeIntervalMs: intEnv('BENCH_CAMPAIGN_PROBE_INTERVAL_MS', 500, 50, 10_000),
  probeConversations: intEnv('BENCH_CAMPAIGN_PROBE_CONVERSATIONS', 20, 1, 200),
  /** Replies timed with no campaign running (the baseline), before the campaign starts. */
  baselineReplies: intEnv('BENCH_CAMPAIGN_BASELINE', 120, 5, 10_000),
  /** Replies not counted before each side, so the Worker's and the objects' code paths are warm. */
  warmupReplies: intEnv('BENCH_CAMPAIGN_WARMUP', 10, 0, 1_000),
  /** Share of the campaign's sends, at each end, left out of the steady rate (ramp-up and the tail), %. */
  trimPercent: intEnv('BENCH_CAMPAIGN_TRIM_PCT', 5, 0, 40),
  timeouts: {
    /** One agent reply reaching the simulator; later is a miss. */
    replyMs: intEnv('BENCH_CAMPAIGN_REPLY_TIMEOUT_MS', 30_000, 1_000, 600_000),
    /** The whole campaign sent, beyond the time the limit itself needs. */
    campaignSlackMs: intEnv('BENCH_CAMPAIGN_SLACK_MS', 600_000, 10_000, 7_200_000),
    /** Every status folded after the last send. */
    foldMs: intEnv('BENCH_CAMPAIGN_FOLD_TIMEOUT_MS', 600_000, 5_000, 7_200_000),
  },
  admin: { email: 'admin@demo.fio.local', password: 'fio-demo-admin' },
  /** Its own stack directory (wiped at start), so the other benches' results next to it survive. */
  stackDir: join(ROOT, '.fio', 'bench', 'campaigns-stack'),
  reportDir: join(ROOT, '.fio', 'bench'),
  targets: { rateShare: 0.9, replyP99Ratio: 1.5 },
};

export type CampaignSettings = typeof settings;
