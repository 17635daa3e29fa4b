// The scale run's knobs, read once from the environment. Defaults are the run (100 tenants, 20,000
// conversations, 5,000 sockets, 10 minutes of steady load); SCALE_MINUTES=1 SCALE_CONVERSATIONS=2000
// SCALE_SOCKETS=500 is a quick check. `npm run bench` runs it only with BENCH_SCALE=1 (it takes long).
import { join } from 'node:path';
import { ROOT } from '../../lib/stack';
import { intEnv } from '../config';

export const settings = {
  tenants: intEnv('SCALE_TENANTS', 100, 1, 1_000),
  /**
   * Agents per tenant (each with one dashboard socket on /ws/inbox): 20, so the 5,000 sockets are about 2,100
   * dashboards and 2,900 conversation sockets. Locally each client WebSocket costs about 4 descriptors in the
   * HTTP Worker's workerd (measured: README, "the full-size scale run, second attempt"), so 5,000 sockets reach
   * a 20,000 open-file limit whatever the mix.
   */
  agents: intEnv('SCALE_AGENTS', 20, 1, 100),
  conversations: intEnv('SCALE_CONVERSATIONS', 20_000, 10, 200_000),
  /**
   * Conversations per tenant created for real (each customer's first message through the signed webhook); the
   * rest of each tenant's share are copies of those in SQL (clones.ts). 0: as many as the run watches with a
   * socket or sends to, so every conversation under load was made by the product itself.
   */
  realPerTenant: intEnv('SCALE_REAL_PER_TENANT', 0, 0, 200_000),
  /**
   * HTTP Worker processes the sockets are spread over (the webhooks and replies go to the first). One
   * process's 20,000 open files hold fewer than 5,000 client sockets here (about four descriptors each).
   */
  httpProcesses: intEnv('SCALE_HTTP_PROCESSES', 2, 1, 8),
  /** 1: the local bridge reuses Postgres sessions like production's pooler (pg-session-pool.ts); 0: off. */
  pgSessionPool: intEnv('SCALE_PG_SESSION_POOL', 1, 0, 1) === 1,
  /** Sockets open during the steady phase: the dashboards, then agents' conversation sockets. */
  sockets: intEnv('SCALE_SOCKETS', 5_000, 1, 50_000),
  minutes: intEnv('SCALE_MINUTES', 10, 1, 120),
  /** The single-tenant baseline's length (same rates, one tenant), minutes; 0 skips it. */
  baselineMinutes: intEnv('SCALE_BASELINE_MINUTES', 2, 0, 60),
  /** Customer messages (signed webhooks) and agent replies per second during the steady phases. */
  webhooksPerSecond: intEnv('SCALE_WEBHOOKS_PER_SECOND', 10, 1, 1_000),
  repliesPerSecond: intEnv('SCALE_REPLIES_PER_SECOND', 4, 0, 1_000),
  /** Concurrency of the setup phases (first messages, socket opens). */
  setupConcurrency: intEnv('SCALE_SETUP_CONCURRENCY', 12, 1, 200),
  /** A message not seen on its socket (or at the Graph API) by then counts as lost (ms). */
  deliveryTimeoutMs: intEnv('SCALE_DELIVERY_TIMEOUT_MS', 60_000, 1_000, 600_000),
  stackDir: join(ROOT, '.fio', 'bench', 'scale-stack'),
  reportDir: join(ROOT, '.fio', 'bench'),
  usageFile: join(ROOT, 'scripts', 'cost', 'measured-usage.json'),
};

export type ScaleSettings = typeof settings;
