// Entry of the `fio` script (wrangler.toml): HTTP through Hono, the queues (workers/queues/) and the crons
// (workers/scheduled/). The Durable Object classes are the `fio-objects` script's (workers/objects.ts).
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
