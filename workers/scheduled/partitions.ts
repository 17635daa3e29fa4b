// Daily: create the next months' conversation_events partitions ahead of time.
import { sql } from 'drizzle-orm';
import type { Database } from '../services/db';
import { log } from '../services/log';

export async function ensureEventPartitions(primary: Database): Promise<void> {
  const created = await primary.execute(sql`select fio_ensure_event_partitions(3) as created`);
  log('info', 'event partitions ensured', { created: created.rows[0] });
}
