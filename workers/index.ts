// Worker entry: HTTP through Hono, the daily cron that prepares event partitions, and the DO classes.
import { sql } from 'drizzle-orm';
import { ArchiverDO } from '../durable-objects/archiver';
import { ConversationDO } from '../durable-objects/conversation';
import { NumberLimiterDO } from '../durable-objects/number-limiter';
import { TenantAccessDO } from '../durable-objects/tenant-access/tenant-access';
import { TenantInboxDO } from '../durable-objects/tenant-inbox';
import { app } from './app';
import type { Env, MediaDownloadJob } from './env';
import { consumeMediaBatch } from './queues/media-download';
import { openDatabases } from './services/db';
import { errorFields, log, setLogLevel } from './services/log';

export default {
  fetch: app.fetch,
  async queue(batch: MessageBatch<MediaDownloadJob>, env: Env) {
    setLogLevel(env.LOG_LEVEL);
    await consumeMediaBatch(batch, env);
  },
  async scheduled(_controller, env, ctx) {
    setLogLevel(env.LOG_LEVEL);
    const dbs = openDatabases(env);
    try {
      const created = await dbs.primary.execute(sql`select fio_ensure_event_partitions(3) as created`);
      log('info', 'event partitions ensured', { created: created.rows[0] });
    } catch (err) {
      log('error', 'partition maintenance failed', errorFields(err));
      throw err;
    } finally {
      ctx.waitUntil(dbs.close());
    }
  },
} satisfies ExportedHandler<Env, MediaDownloadJob>;

export { ArchiverDO, ConversationDO, NumberLimiterDO, TenantAccessDO, TenantInboxDO };
