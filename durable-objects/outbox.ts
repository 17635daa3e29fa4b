// The outbox: moves a conversation's stored-but-unflushed events to Postgres in batches. Postgres being down
// or slow means a growing backlog retried with backoff, never a lost event.
import type { Env } from '../workers/env';
import { openDatabases, withTimeout } from '../workers/services/db';
import { archiveEvents } from '../workers/services/event-archive';
import { errorFields, log } from '../workers/services/log';
import type { ConversationRef, ConversationStore } from './conversation-store';

/** Rows per INSERT; ~9 parameters each stays far below Postgres' 65,535-parameter limit. */
export const FLUSH_BATCH = 500;
const FLUSH_TIMEOUT_MS = 10_000;
const BACKOFF_BASE_MS = 250;
const BACKOFF_MAX_MS = 30_000;

/**
 * Flushes up to a few batches. Returns when to run again in ms (0: more is waiting; a backoff after a
 * failure), or null when the outbox is empty.
 */
export async function flushOutbox(
  env: Env,
  store: ConversationStore,
  ref: ConversationRef,
): Promise<number | null> {
  const dbs = openDatabases(env);
  try {
    for (let round = 0; round < 4; round++) {
      const batch = store.unflushed(ref, FLUSH_BATCH);
      const last = batch.at(-1);
      if (!last) break;
      await withTimeout(archiveEvents(dbs.primary, ref, batch), FLUSH_TIMEOUT_MS, 'outbox flush');
      store.markFlushed(last.seq);
    }
    store.setFlushAttempts(0);
    return store.flushedSeq < store.lastSeq ? 0 : null;
  } catch (err) {
    const attempts = store.getFlushState().attempts + 1;
    store.setFlushAttempts(attempts);
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempts - 1, 10));
    const jittered = Math.round(delay * (0.75 + Math.random() * 0.5));
    log('warn', 'outbox flush failed; will retry', {
      ...ref,
      attempts,
      retryInMs: jittered,
      backlog: store.lastSeq - store.flushedSeq,
      ...errorFields(err),
    });
    return jittered;
  } finally {
    await dbs.close();
  }
}
