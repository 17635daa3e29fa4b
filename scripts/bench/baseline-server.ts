// Baseline for the benchmark: a plain Node `ws` broadcast server speaking Fio's conversation protocol, with seq
// kept in memory and no persistence. Run as a child process; it reports its port over IPC. The fan-out ceiling.
import { randomUUID } from 'node:crypto';
import { type RawData, WebSocket, WebSocketServer } from 'ws';

const PATH = /^\/ws\/conversations\/([A-Za-z0-9-]{1,64})(?:[?#]|$)/;
const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;
const MAX_FRAME_BYTES = 64 * 1024;
/** Stops by itself even if the bench process vanished without a word. */
const MAX_LIFETIME_MS = 60 * 60 * 1000;

interface Room {
  lastSeq: number;
  sockets: number;
  /** Sockets that said hello: they get every event. */
  live: Set<WebSocket>;
}

const rooms = new Map<string, Room>();

function reply(ws: WebSocket, frame: object): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
}

const error = (code: string, message: string) => ({ type: 'error', code, message });

/** One client frame: the sender's reply comes back; a message.send also broadcasts, after the ack. */
function onFrame(
  ws: WebSocket,
  room: Room,
  authorId: string,
  data: RawData,
  isBinary: boolean,
): object | null {
  if (isBinary) return error('bad_request', 'Binary frames are not supported');
  let frame: { type?: unknown; clientId?: unknown; text?: unknown };
  try {
    frame = JSON.parse(data.toString()) as typeof frame;
  } catch {
    return error('invalid_json', 'Frame is not valid JSON');
  }
  switch (frame.type) {
    case 'hello':
      room.live.add(ws);
      return { type: 'ready', lastSeq: room.lastSeq };
    case 'ping':
      return { type: 'pong' };
    case 'message.send': {
      const { clientId, text } = frame;
      if (
        typeof clientId !== 'string' ||
        !CLIENT_ID.test(clientId) ||
        typeof text !== 'string' ||
        text === ''
      )
        return error('validation_failed', 'Invalid message.send frame');
      const seq = ++room.lastSeq;
      reply(ws, { type: 'ack', clientId, seq });
      const event = JSON.stringify({
        type: 'event',
        seq,
        createdAt: new Date().toISOString(),
        event: {
          type: 'message.created',
          message: { text, author: { kind: 'visitor', id: authorId, name: null }, clientId },
        },
      });
      for (const peer of room.live) if (peer.readyState === WebSocket.OPEN) peer.send(event);
      return null;
    }
    default:
      return error('unknown_frame', `Unknown frame type: ${String(frame.type)}`);
  }
}

const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  perMessageDeflate: false,
  maxPayload: MAX_FRAME_BYTES,
});

wss.on('connection', (ws, req) => {
  const id = PATH.exec(req.url ?? '')?.[1];
  if (!id) return ws.close(1008, 'unknown path');
  let room = rooms.get(id);
  if (!room) {
    room = { lastSeq: 0, sockets: 0, live: new Set() };
    rooms.set(id, room);
  }
  const r = room;
  r.sockets++;
  const authorId = randomUUID();
  ws.on('message', (data, isBinary) => {
    const response = onFrame(ws, r, authorId, data, isBinary);
    if (response) reply(ws, response);
  });
  ws.on('error', () => ws.terminate());
  ws.on('close', () => {
    r.live.delete(ws);
    if (--r.sockets === 0) rooms.delete(id);
  });
});

wss.on('listening', () => {
  const address = wss.address();
  if (address && typeof address === 'object') process.send?.({ port: address.port });
});

function shutdown(): void {
  for (const ws of wss.clients) ws.terminate();
  wss.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1_000).unref();
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
process.on('disconnect', shutdown);
setTimeout(shutdown, MAX_LIFETIME_MS).unref();
