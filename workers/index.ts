// Entry of the `fio` script (wrangler.toml): HTTP through Hono, the queues (workers/queues/) and the crons
// (workers/scheduled/). The Durable Object classes are the `fio-objects` script's (workers/objects.ts).
import { app } from './app';
import type { Env } from './env';
import { consumeQueue, type QueueJob } from './queues';
import { scheduled } from './scheduled';
import { setLogLevel } from './services/log';

export default {
  fetch: app.fetch,
  async queue(batch: MessageBatch<QueueJob>, env: Env) {
    setLogLevel(env.LOG_LEVEL);
    await consumeQueue(batch, env);
  },
  scheduled,
} satisfies ExportedHandler<Env, QueueJob>;
