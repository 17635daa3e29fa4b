// The webhook bench's durable floor, objects side: one SQLite-backed object per sender that inserts the message
// once (the wamid as key, so a retried webhook stores nothing twice). Its own script, so locally its own
// `wrangler dev` and workerd process, as Fio's objects are (wrangler.objects.toml).
import { DurableObject } from 'cloudflare:workers';

export class SinkDO extends DurableObject<Record<string, never>> {
  constructor(ctx: DurableObjectState, env: Record<string, never>) {
    super(ctx, env);
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS messages (id TEXT PRIMARY KEY, body TEXT NOT NULL)');
  }

  /** True when the message was new. The caller's answer waits for the write's commit (the output gate). */
  store(id: string, body: string): boolean {
    return (
      this.ctx.storage.sql.exec('INSERT OR IGNORE INTO messages (id, body) VALUES (?, ?)', id, body)
        .rowsWritten > 0
    );
  }
}

export default {
  fetch(): Response {
    return new Response('ok');
  },
};
