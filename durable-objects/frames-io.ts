// Reading client frames (size, JSON, zod) and writing server frames, for the conversation and inbox sockets.
import {
  CLIENT_FRAME_MAX_BYTES,
  ClientFrame,
  ClientId,
  type ErrorCode,
  type InboxServerFrame,
  type ServerFrame,
} from '../workers/contract';
import { zodDetails } from '../workers/errors';
import { parseJsonText } from '../workers/json-text';
import { exceedsUtf8Bytes } from '../workers/utf8';

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; error: ServerFrame };

const KNOWN_TYPES = new Set(ClientFrame.options.map((o) => o.shape.type.value as string));

function fail(code: ErrorCode, message: string, details?: unknown): ParsedFrame {
  return {
    ok: false,
    error: { type: 'error', code, message, ...(details === undefined ? {} : { details }) },
  };
}

export function parseClientFrame(message: string | ArrayBuffer): ParsedFrame {
  if (typeof message !== 'string')
    return fail('bad_request', 'Binary frames are not supported; send JSON text');
  if (exceedsUtf8Bytes(message, CLIENT_FRAME_MAX_BYTES)) {
    return fail('frame_too_large', `Frames are limited to ${CLIENT_FRAME_MAX_BYTES} bytes`);
  }
  const parsedJson = parseJsonText(message, 'Frame');
  if (!parsedJson.ok) return fail('invalid_json', parsedJson.message);
  const json = parsedJson.value;
  const type = typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !KNOWN_TYPES.has(type)) {
    return fail('unknown_frame', `Unknown frame type: ${typeof type === 'string' ? type : String(type)}`);
  }
  const parsed = ClientFrame.safeParse(json);
  if (!parsed.success) {
    const clientId = (json as { clientId?: unknown }).clientId;
    const err = fail('validation_failed', `Invalid ${type} frame`, zodDetails(parsed.error));
    if (!err.ok && err.error.type === 'error' && ClientId.safeParse(clientId).success) {
      err.error.clientId = clientId as string;
    }
    return err;
  }
  return { ok: true, frame: parsed.data };
}

/** Writes a frame of either socket (conversation or inbox); a socket closing under us is not an error. */
export function send(ws: WebSocket, frame: ServerFrame | InboxServerFrame | string): void {
  try {
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  } catch {
    // The socket closed under us; its close handler cleans up.
  }
}

/** The Worker passes who is connecting as JSON in a header; anything unreadable is simply nobody. */
export function headerJson(value: string | null): unknown {
  try {
    return value ? JSON.parse(value) : null;
  } catch {
    return null;
  }
}
