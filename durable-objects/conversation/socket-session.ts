// What a conversation socket remembers across hibernation (kept in serializeAttachment): who it is and
// whether it has finished its hello replay and so receives live events.
import { z } from 'zod';
import { Participant } from '../../workers/contract';
import { sessionTag, visitorSession } from '../tenant-access/rpc';

export const SocketSession = z.object({
  participant: Participant,
  /** An agent's session (the token's `sid`): ending it closes this socket. Absent for visitors. */
  sid: z.string().optional(),
  /** A visitor's client address key (rate limits per address); absent when unknown or exempt (local stack). */
  address: z.string().max(64).optional(),
  /** True once hello's replay is done; live events go only to live sockets, so replay and stream never interleave. */
  live: z.boolean(),
  /** Bumped by each hello, so a newer hello abandons an older replay still awaiting Postgres. */
  helloGen: z.number().int(),
});
export type SocketSession = z.infer<typeof SocketSession>;

export function participantKey(p: Participant): string {
  return `${p.kind}:${p.id}`;
}

/**
 * How a socket is known to the tenant access object's registry (an agent's session, or the visitor's stand-in)
 * and the tag its siblings here carry: its registration ends when the last of them closes.
 */
export function registeredAs(s: SocketSession): { session: string; tag: string } {
  return s.sid
    ? { session: s.sid, tag: sessionTag(s.sid) }
    : { session: visitorSession(s.participant.id), tag: participantKey(s.participant) };
}

/** In-memory cache of attachments; rebuilt lazily after the object wakes from hibernation. */
export class SessionCache {
  private readonly sessions = new Map<WebSocket, SocketSession>();

  get(ws: WebSocket): SocketSession | null {
    let s = this.sessions.get(ws);
    if (!s) {
      const parsed = SocketSession.safeParse(ws.deserializeAttachment());
      if (!parsed.success) return null;
      s = parsed.data;
      this.sessions.set(ws, s);
    }
    return s;
  }

  set(ws: WebSocket, session: SocketSession): void {
    this.sessions.set(ws, session);
    ws.serializeAttachment(session);
  }

  delete(ws: WebSocket): void {
    this.sessions.delete(ws);
  }
}
