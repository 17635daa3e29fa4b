// The load generator: raw `ws` sockets speaking the conversation protocol (hello → ready, message.send →
// ack + event), paced or closed-loop senders, and send→ack / send→delivery latencies per message.
import { performance } from 'node:perf_hooks';
import WebSocket, { type RawData } from 'ws';
import { pooled } from './pool';
import { summarize } from './stats';
import type { LoadResult, LoadSpec, RoomSpec } from './types';

const CONNECT_TIMEOUT_MS = 20_000;
const CONNECT_CONCURRENCY = 16;
const WARMUP_TIMEOUT_MS = 30_000;
const WARMUP_SETTLE_MS = 200;
const DRAIN_TIMEOUT_MS = 20_000;
const CLOSE_TIMEOUT_MS = 3_000;
const POLL_MS = 10;
const MAX_ERRORS_KEPT = 10;

/** The few fields of a server frame the driver reads; parsed with plain JSON.parse, no validation. */
interface Frame {
  type?: string;
  seq?: number;
  clientId?: string;
  code?: string;
  message?: string;
  event?: { message?: { clientId?: string } };
}

type FrameHandler = (frame: Frame, at: number) => void;

interface Room {
  index: number;
  /** Set once its socket is ready (after the subscribers'). */
  sender: WebSocket | null;
  subscribers: WebSocket[];
  nextId: number;
  sent: number;
  acked: number;
  failed: number;
  inFlight: number;
  ackedTotal: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function parse(data: RawData): Frame | null {
  try {
    const text = Array.isArray(data) ? Buffer.concat(data).toString() : data.toString();
    const frame: unknown = JSON.parse(text);
    return typeof frame === 'object' && frame !== null ? (frame as Frame) : null;
  } catch {
    return null;
  }
}

/** Opens a socket, says hello and resolves once the server says ready; later frames go to `onFrame`. */
function open(url: string, onFrame: FrameHandler): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: CONNECT_TIMEOUT_MS });
    let ready = false;
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no ready within ${CONNECT_TIMEOUT_MS} ms`));
    }, CONNECT_TIMEOUT_MS);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', since: 0 })));
    ws.on('message', (data) => {
      const at = performance.now();
      const frame = parse(data);
      if (!frame) return;
      if (ready) return onFrame(frame, at);
      if (frame.type === 'ready') {
        ready = true;
        clearTimeout(timer);
        resolve(ws);
      } else if (frame.type === 'error') {
        clearTimeout(timer);
        ws.terminate();
        reject(new Error(`hello refused: ${frame.code ?? ''} ${frame.message ?? ''}`));
      }
    });
    ws.on('error', (err) => {
      if (ready) return;
      clearTimeout(timer);
      reject(err);
    });
    ws.on('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      ws.terminate();
      reject(new Error(`upgrade refused: HTTP ${res.statusCode}`));
    });
  });
}

async function closeAll(sockets: WebSocket[]): Promise<void> {
  const open = sockets.filter((ws) => ws.readyState !== WebSocket.CLOSED);
  const closed = Promise.all(
    open.map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve()))),
  );
  for (const ws of open) ws.close(1000, 'bench done');
  await Promise.race([closed, sleep(CLOSE_TIMEOUT_MS)]);
  for (const ws of open) if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
}

/** Polls until `done` holds or `ms` passes; returns whether it held. */
async function until(done: () => boolean, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const text = 'bench message '.padEnd(spec.textBytes, 'x').slice(0, spec.textBytes);
  const sentAt = new Map<string, number>();
  const ackSamples: number[] = [];
  const deliverySamples: number[] = [];
  const errors: string[] = [];
  const ackWaiters = new Map<string, () => void>();
  let errorCount = 0;
  let orderViolations = 0;
  let deliveries = 0;
  let phaseOpen = false;
  let ackedInPhase = 0;
  let lastAck = 0;
  const sockets: WebSocket[] = [];
  const rooms: Room[] = [];

  const noteError = (what: string) => {
    errorCount++;
    if (errors.length < MAX_ERRORS_KEPT) errors.push(what);
  };

  const send = (room: Room, measured: boolean): string => {
    const clientId = `bench-${measured ? 'm' : 'w'}-${room.index}-${room.nextId++}`;
    sentAt.set(clientId, performance.now());
    room.inFlight++;
    if (measured) room.sent++;
    room.sender?.send(JSON.stringify({ type: 'message.send', clientId, text }));
    return clientId;
  };

  // Closed loop: keep `window` sends unacked while the phase is open.
  const pump = (room: Room) => {
    if (spec.pacing.kind !== 'window') return;
    while (phaseOpen && room.inFlight < spec.pacing.window) send(room, true);
  };

  const senderHandler =
    (room: Room): FrameHandler =>
    (frame, at) => {
      if (frame.type === 'ack' && frame.clientId) {
        const t0 = sentAt.get(frame.clientId);
        room.inFlight--;
        room.ackedTotal++;
        lastAck = at;
        if (frame.clientId.startsWith('bench-m-')) {
          room.acked++;
          if (t0 !== undefined) ackSamples.push(at - t0);
          if (phaseOpen) ackedInPhase++;
        }
        ackWaiters.get(frame.clientId)?.();
        pump(room);
      } else if (frame.type === 'error') {
        noteError(`room ${room.index}: ${frame.code ?? ''} ${frame.message ?? ''}`);
        if (frame.clientId) {
          room.inFlight--;
          if (frame.clientId.startsWith('bench-m-')) room.failed++;
          ackWaiters.get(frame.clientId)?.();
          pump(room);
        }
      }
    };

  const subscriberHandler = (): FrameHandler => {
    let last = -1;
    return (frame, at) => {
      if (frame.type !== 'event' || typeof frame.seq !== 'number') {
        if (frame.type === 'error') noteError(`subscriber: ${frame.code ?? ''} ${frame.message ?? ''}`);
        return;
      }
      if (last >= 0 && frame.seq !== last + 1) orderViolations++;
      last = frame.seq;
      const clientId = frame.event?.message?.clientId;
      if (!clientId?.startsWith('bench-m-')) return;
      deliveries++;
      const t0 = sentAt.get(clientId);
      if (t0 !== undefined) deliverySamples.push(at - t0);
    };
  };

  try {
    // Connect: every subscriber first, then the sender, all past their hello before anything is sent.
    const connectStart = performance.now();
    const tasks: (() => Promise<void>)[] = [];
    for (const [index, roomSpec] of spec.rooms.entries()) {
      const room: Room = {
        index,
        sender: null,
        subscribers: [],
        nextId: 0,
        sent: 0,
        acked: 0,
        failed: 0,
        inFlight: 0,
        ackedTotal: 0,
      };
      rooms.push(room);
      for (const url of roomSpec.subscriberUrls) {
        tasks.push(async () => {
          const ws = await open(url, subscriberHandler());
          sockets.push(ws);
          room.subscribers.push(ws);
        });
      }
    }
    await pooled(tasks, CONNECT_CONCURRENCY);
    await pooled(
      rooms.map((room) => async () => {
        const ws = await open((spec.rooms[room.index] as RoomSpec).senderUrl, senderHandler(room));
        room.sender = ws;
        sockets.push(ws);
      }),
      CONNECT_CONCURRENCY,
    );
    const connectMs = performance.now() - connectStart;

    // Warmup: one message at a time per room, each acked; then a pause so its deliveries land too.
    await Promise.all(
      rooms.map(async (room) => {
        for (let i = 0; i < spec.warmup; i++) {
          let acked = false;
          const id = send(room, false);
          ackWaiters.set(id, () => {
            ackWaiters.delete(id);
            acked = true;
          });
          if (!(await until(() => acked, WARMUP_TIMEOUT_MS)))
            throw new Error(`warmup message not acked within ${WARMUP_TIMEOUT_MS} ms (room ${room.index})`);
        }
      }),
    );
    await sleep(WARMUP_SETTLE_MS);

    // Measured phase.
    const phaseStart = performance.now();
    let phaseEnd = phaseStart;
    if (spec.pacing.kind === 'rate') {
      const { perSecond, count } = spec.pacing;
      const interval = 1000 / perSecond;
      phaseOpen = true;
      // Rooms are staggered evenly across one interval, so many rooms do not all send in the same tick.
      const offset = (room: Room) => (room.index * interval) / rooms.length;
      const dueAt = (room: Room, now: number) =>
        Math.min(count, Math.max(0, Math.floor((now - phaseStart - offset(room)) / interval) + 1));
      await new Promise<void>((resolve) => {
        const tick = () => {
          const now = performance.now();
          let wake = Number.POSITIVE_INFINITY;
          for (const room of rooms) {
            const due = dueAt(room, now);
            while (room.sent < due) send(room, true);
            if (due < count) wake = Math.min(wake, phaseStart + offset(room) + due * interval);
          }
          if (wake === Number.POSITIVE_INFINITY) return resolve();
          setTimeout(tick, Math.max(0, wake - performance.now()));
        };
        tick();
      });
      // The rate is what the server kept up with: the acks of the whole schedule, over its span.
      await until(() => rooms.every((r) => r.acked + r.failed >= r.sent), DRAIN_TIMEOUT_MS);
      phaseOpen = false;
      phaseEnd = lastAck;
    } else {
      const { seconds } = spec.pacing;
      phaseOpen = true;
      for (const room of rooms) pump(room);
      await sleep(seconds * 1000);
      phaseOpen = false;
      phaseEnd = performance.now();
    }

    // Drain: every outstanding ack and every delivery of an acked message, bounded.
    const expected = () => rooms.reduce((n, r) => n + r.acked * r.subscribers.length, 0);
    const drained = await until(
      () => rooms.every((r) => r.inFlight <= 0) && deliveries >= expected(),
      DRAIN_TIMEOUT_MS,
    );
    if (!drained) noteError(`drain timed out after ${DRAIN_TIMEOUT_MS} ms`);

    const phaseSeconds = (phaseEnd - phaseStart) / 1000;
    const sent = rooms.reduce((n, r) => n + r.sent, 0);
    const acked = rooms.reduce((n, r) => n + r.acked, 0);
    if (spec.pacing.kind === 'rate') ackedInPhase = acked;
    if (errorCount > errors.length) errors.push(`… ${errorCount - errors.length} more errors`);
    return {
      label: spec.label,
      sockets: sockets.length,
      connectMs,
      sent,
      acked,
      ackedInPhase,
      phaseSeconds,
      ratePerSecond: phaseSeconds > 0 ? ackedInPhase / phaseSeconds : 0,
      ack: summarize(ackSamples),
      delivery: summarize(deliverySamples),
      expectedDeliveries: expected(),
      deliveries,
      orderViolations,
      ackedTotalPerRoom: rooms.map((r) => r.ackedTotal),
      lastAckEpochMs: performance.timeOrigin + lastAck,
      errors,
    };
  } finally {
    phaseOpen = false;
    await closeAll(sockets);
  }
}
