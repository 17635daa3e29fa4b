// hello {since}: sends a socket every event after `since` in order, then marks it live. Old events come from
// Postgres (awaits, in pages), the rest from the object's storage in one synchronous step right before going
// live, so no live event can slip between replay and stream.
import {
  type Participant,
  type ServerFrame,
  type StoredEvent,
  visibleToCustomer,
} from '../../workers/contract';
import type { Env } from '../../workers/env';
import type { ConversationRef } from '../../workers/services/conversation-names';
import { openDatabases } from '../../workers/services/db';
import { readArchivedRange } from '../../workers/services/event-archive';
import { errorFields, log } from '../../workers/services/log';
import { send } from '../frames-io';
import type { ConversationStore } from './conversation-store';
import type { SessionCache, SocketSession } from './socket-session';

/** Events replayed from Postgres per round trip during a hello. */
const REPLAY_PAGE = 500;

export interface ReplayDeps {
  env: Env;
  ctx: DurableObjectState;
  store: ConversationStore;
  sessions: SessionCache;
}

export async function replayTo(
  { env, ctx, store, sessions }: ReplayDeps,
  ws: WebSocket,
  session: SocketSession,
  ref: ConversationRef,
  since: number,
): Promise<void> {
  const gen = session.helloGen + 1;
  sessions.set(ws, { ...session, live: false, helloGen: gen });
  let cursor = Math.min(since, store.lastSeq);
  try {
    while (cursor + 1 < store.oldestSeq()) {
      const to = Math.min(store.oldestSeq() - 1, cursor + REPLAY_PAGE);
      const dbs = openDatabases(env);
      let page: StoredEvent[];
      try {
        page = await readArchivedRange(dbs, ref, cursor + 1, to);
      } finally {
        ctx.waitUntil(dbs.close());
      }
      if (sessions.get(ws)?.helloGen !== gen) return; // a newer hello took over
      for (const e of page) send(ws, frameFor(e, session.participant));
      cursor = to;
    }
  } catch (err) {
    log('warn', 'replay from Postgres failed', { ...ref, since, ...errorFields(err) });
    send(ws, {
      type: 'error',
      code: 'unavailable',
      message: 'History is unavailable; send hello again later',
    });
    return;
  }
  const last = store.lastSeq;
  for (const e of store.rangeAfter(ref, cursor, last, Number.MAX_SAFE_INTEGER))
    send(ws, frameFor(e, session.participant));
  const current = sessions.get(ws);
  if (current) sessions.set(ws, { ...current, live: true });
  send(ws, { type: 'ready', lastSeq: last });
  // Read state is not in the log: the other side's marker as it stands, so a (re)connected client shows
  // "read" on its own messages (the widget's "Lida", the agent's read ticks) without waiting for a new read.
  const other = store.furthestRead(session.participant.kind === 'visitor' ? 'agent' : 'visitor');
  if (other) send(ws, { type: 'read', seq: other.seq, who: { kind: other.kind, id: other.id } });
}

export function eventFrame(e: StoredEvent): ServerFrame {
  return { type: 'event', seq: e.seq, createdAt: e.createdAt, event: e.event };
}

/** Fan-out rule: customers get a `hidden` frame in place of a private note (their seq still advances). */
export function frameFor(e: StoredEvent, who: Participant): ServerFrame {
  if (who.kind === 'visitor' && !visibleToCustomer(e.event)) return { type: 'hidden', seq: e.seq };
  return eventFrame(e);
}
