// Worker entry: HTTP through Hono, the media queue, the daily crons (workers/scheduled/) and the DO classes.
import { ArchiverDO } from '../durable-objects/archiver';
import { ConversationDO } from '../durable-objects/conversation/conversation';
import { NumberLimiterDO } from '../durable-objects/number-limiter';
import { RateLimiterDO } from '../durable-objects/rate-limiter/rate-limiter';
import { TenantAccessDO } from '../durable-objects/tenant-access/tenant-access';
import { TenantInboxDO } from '../durable-objects/tenant-inbox/tenant-inbox';
import { app } from './app';
import type { Env, MediaDownloadJob } from './env';
import { consumeMediaBatch } from './queues/media-download';
import { scheduled } from './scheduled';
import { setLogLevel } from './services/log';

export default {
  fetch: app.fetch,
  async queue(batch: MessageBatch<MediaDownloadJob>, env: Env) {
    setLogLevel(env.LOG_LEVEL);
    await consumeMediaBatch(batch, env);
  },
  scheduled,
} satisfies ExportedHandler<Env, MediaDownloadJob>;

export { ArchiverDO, ConversationDO, NumberLimiterDO, RateLimiterDO, TenantAccessDO, TenantInboxDO };
