// Sends typed and queued in an earlier session (the tab closed while offline, or the session expired) go out
// once the inbox is live, without waiting for the agent to open those conversations again.
import type { ConversationCache } from './conversation-cache';
import { loadOutbox } from './outbox';

const PREFIX = 'fio.outbox.';
/** The cache keeps this many conversations connected; more waits for the agent to open them. */
const AT_ONCE = 3;

export function conversationsWithUnsent(): string[] {
  const ids: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(PREFIX)) {
      const id = key.slice(PREFIX.length);
      if (loadOutbox(id).length > 0) ids.push(id);
    }
  }
  return ids;
}

/** Opens (connects) the conversations holding unsent messages; their states resend on connect. */
export async function flushUnsent(
  cache: ConversationCache,
  lastSeqOf: (id: string) => Promise<number | null>,
): Promise<void> {
  for (const id of conversationsWithUnsent().slice(0, AT_ONCE)) {
    const lastSeq = await lastSeqOf(id).catch(() => null);
    if (lastSeq !== null) cache.open(id, lastSeq);
  }
}
