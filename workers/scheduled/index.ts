// The Worker's cron triggers (wrangler.toml [triggers]): each schedule names one job.
import type { Env } from '../env';
import { openDatabases } from '../services/db';
import { errorFields, log, setLogLevel } from '../services/log';
import { runAlerts } from './alerts';
import { runMessageRetention } from './message-retention';
import { ensureEventPartitions } from './partitions';
import { runReportRollups } from './report-rollups';
import { sweepWebhookDeliveries } from './webhook-sweep';

/** Cron expressions, exactly as in wrangler.toml. */
export const CRON_PARTITIONS = '17 3 * * *';
export const CRON_RETENTION = '43 4 * * *';
export const CRON_WEBHOOK_SWEEP = '* * * * *';

export async function scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
  setLogLevel(env.LOG_LEVEL);
  const dbs = openDatabases(env);
  try {
    if (controller.cron === CRON_RETENTION) await runMessageRetention(env, dbs.primary);
    else if (controller.cron === CRON_WEBHOOK_SWEEP) {
      // Independent minute jobs: one failing does not keep the others from running.
      const done = await Promise.allSettled([
        sweepWebhookDeliveries(env, dbs.primary),
        runReportRollups(dbs.primary),
        runAlerts(env, dbs.primary),
      ]);
      for (const d of done) if (d.status === 'rejected') throw d.reason;
    } else await ensureEventPartitions(dbs.primary);
  } catch (err) {
    log('error', 'scheduled job failed', { cron: controller.cron, ...errorFields(err) });
    throw err;
  } finally {
    ctx.waitUntil(dbs.close());
  }
}
