// A page of a conversation's event history: the newest from its object, older events from Postgres (the
// archive), oldest first. Shared by the agents' REST history and the public API's (which drops notes).
import type { EventHistoryResponse } from '../contract';
import type { Env } from '../env';
import { AppError } from '../errors';
import { conversationObjectName } from './conversation-names';
import type { Databases } from './db';
import { readArchivedRange } from './event-archive';
import { errorFields, log } from './log';

/** The page below `before` (or the newest), null when the conversation is not the tenant's. */
export async function readHistory(
  env: Env,
  dbs: Databases,
  ref: { tenantId: string; conversationId: string },
  before: number | null,
  limit: number,
  requestId: string,
): Promise<EventHistoryResponse | null> {
  const stub = env.CONVERSATIONS.getByName(conversationObjectName(ref.tenantId, ref.conversationId));
  const page = await stub.history(ref, before, limit).catch((err: unknown) => {
    log('error', 'history from DO failed', { requestId, ...errorFields(err) });
    throw new AppError('unavailable', 'Conversation is unavailable, try again');
  });
  if (!page) return null;

  let events = page.events;
  const top = Math.min(before ?? Number.MAX_SAFE_INTEGER, page.lastSeq + 1);
  const lowest = events[0]?.seq ?? top;
  const missing = limit - events.length;
  // The DO returned everything it holds below `top`; what is still missing is older and already flushed.
  if (missing > 0 && lowest > 1) {
    const older = await readArchivedRange(dbs, ref, Math.max(1, lowest - missing), lowest - 1).catch(
      (err: unknown) => {
        log('error', 'history from Postgres failed', { requestId, ...errorFields(err) });
        throw new AppError('unavailable', 'Older history is unavailable right now, try again');
      },
    );
    events = [...older, ...events];
  }
  const first = events[0];
  return { events, nextBefore: first && first.seq > 1 ? first.seq : null };
}
