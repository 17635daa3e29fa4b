// Worker entry: HTTP through Hono, the queues (workers/queues/), the crons (workers/scheduled/) and the DO
// classes.
import { ArchiverDO } from '../durable-objects/archiver';
import { CampaignDO } from '../durable-objects/campaign/campaign';
import { ConversationDO } from '../durable-objects/conversation/conversation';
import { MetricsDO } from '../durable-objects/metrics/metrics';
import { NumberLimiterDO } from '../durable-objects/number-limiter';
import { RateLimiterDO } from '../durable-objects/rate-limiter/rate-limiter';
import { TenantAccessDO } from '../durable-objects/tenant-access/tenant-access';
import { TenantInboxDO } from '../durable-objects/tenant-inbox/tenant-inbox';
import { app } from './app';
import type { Env } from './env';
import { withLogContext } from './observability/log-context';
import { consumeQueue, type QueueJob } from './queues';
import { scheduled } from './scheduled';
import { setLogLevel } from './services/log';

export default {
  fetch: app.fetch,
  async queue(batch: MessageBatch<QueueJob>, env: Env, ctx: ExecutionContext) {
    setLogLevel(env.LOG_LEVEL);
    // The log context carries waitUntil, so a metric recorded by a consumer is flushed after it returns.
    await withLogContext({ waitUntil: (p) => ctx.waitUntil(p) }, () => consumeQueue(batch, env));
  },
  scheduled,
} satisfies ExportedHandler<Env, QueueJob>;

export {
  ArchiverDO,
  CampaignDO,
  ConversationDO,
  MetricsDO,
  NumberLimiterDO,
  RateLimiterDO,
  TenantAccessDO,
  TenantInboxDO,
};
