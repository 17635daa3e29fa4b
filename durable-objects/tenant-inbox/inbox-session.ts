// The inbox socket's session (who is connected, kept in the socket's attachment so it survives hibernation),
// the parsing of client frames, and the presence timeout's question: which dashboards have been silent.
import { z } from 'zod';
import { CLIENT_FRAME_MAX_BYTES, InboxClientFrame, Role, Uuid } from '../../workers/contract';
import { parseJsonText } from '../../workers/json-text';
import { exceedsUtf8Bytes } from '../../workers/utf8';

/** `sid`: the session of the token it connected with; ending that session closes the socket. */
export const InboxAgent = z.object({ id: Uuid, name: z.string(), role: Role, sid: Uuid });
/**
 * `conn` tells this socket from the agent's other tabs (socket objects are not stable across hibernation);
 * `heard`: when its last frame arrived (wall ms; pings answered by the runtime have their own timestamp).
 */
export const InboxSession = z.object({
  agent: InboxAgent,
  conn: z.string(),
  live: z.boolean(),
  heard: z.number().optional(),
});
export type InboxSession = z.infer<typeof InboxSession>;

export function sessionOf(ws: WebSocket): InboxSession | null {
  const parsed = InboxSession.safeParse(ws.deserializeAttachment());
  return parsed.success ? parsed.data : null;
}

type ParsedInboxFrame =
  | { ok: true; frame: InboxClientFrame }
  | {
      ok: false;
      code: 'bad_request' | 'frame_too_large' | 'invalid_json' | 'validation_failed';
      message: string;
    };

export function parseFrame(message: string | ArrayBuffer): ParsedInboxFrame {
  if (typeof message !== 'string')
    return { ok: false, code: 'bad_request', message: 'Send JSON text frames' };
  if (exceedsUtf8Bytes(message, CLIENT_FRAME_MAX_BYTES))
    return {
      ok: false,
      code: 'frame_too_large',
      message: `Frames are limited to ${CLIENT_FRAME_MAX_BYTES} bytes`,
    };
  const json = parseJsonText(message, 'Frame');
  if (!json.ok) return { ok: false, code: 'invalid_json', message: json.message };
  const parsed = InboxClientFrame.safeParse(json.value);
  if (!parsed.success)
    return { ok: false, code: 'validation_failed', message: 'Unknown or invalid inbox frame' };
  return { ok: true, frame: parsed.data };
}

/**
 * Dashboards that sent nothing (no frame, no ping the runtime answered) for `limitMs`, and when the next one
 * would be (null: no dashboard open). Wall time: this is about the network, not business timing.
 */
export function silentSockets(
  ctx: DurableObjectState,
  limitMs: number,
  now: number,
): { silent: WebSocket[]; next: number | null } {
  const silent: WebSocket[] = [];
  let next: number | null = null;
  for (const ws of ctx.getWebSockets()) {
    const session = sessionOf(ws);
    if (!session || ws.readyState !== WebSocket.OPEN) continue;
    const pinged = ctx.getWebSocketAutoResponseTimestamp(ws)?.getTime() ?? 0;
    const heard = Math.max(pinged, session.heard ?? now);
    if (now - heard >= limitMs) silent.push(ws);
    else next = Math.min(next ?? Number.POSITIVE_INFINITY, heard + limitMs);
  }
  return { silent, next };
}
