// From posts and arrivals to numbers: per message, post start → the receiver's delivery and → the agent's
// socket frame; a phase's delivery rate at the receiver against the rate messages were stored; and the
// integrity checks (each delivery once, signed, per conversation in the order stored).
import { summarize } from '../stats';
import type { Summary } from '../types';
import type { Post } from './load';
import type { BenchReceiver } from './receiver';
import type { SocketWatch } from './sockets';

export interface PhaseRecord {
  phase: 'paced' | 'burst';
  posted: number;
  stored: number;
  delivered: number;
  onSocket: number;
  /** Post start → the Worker's 200 (stored). */
  ack: Summary;
  /** Post start → the receiver has the delivery. */
  webhook: Summary;
  /** Post start → the agent's socket has the frame (the floor). */
  socket: Summary;
  /** Stored messages per second (first post's start → last ack) and deliveries per second at the receiver. */
  storedPerSecond: number;
  deliveredPerSecond: number;
  /** The last message stored → its phase's last delivery (ms). */
  drainMs: number;
  /** Pairs in one conversation where the earlier-stored message's delivery arrived later. */
  outOfOrder: number;
}

const perSecond = (times: number[]) => {
  if (times.length < 2) return Number.NaN;
  const sorted = [...times].sort((a, b) => a - b);
  return (sorted.length - 1) / (((sorted.at(-1) as number) - (sorted[0] as number)) / 1000);
};

/** Resolves once every stored post is at the receiver and on its socket, or after `timeoutMs`. */
export async function drained(posts: Post[], rx: BenchReceiver, sockets: SocketWatch, timeoutMs: number) {
  const stored = posts.filter((p) => Number.isFinite(p.ackMs));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stored.every((p) => rx.byKey.has(p.key) && sockets.byKey.has(p.key))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function measure(
  phase: PhaseRecord['phase'],
  posts: Post[],
  rx: BenchReceiver,
  sockets: SocketWatch,
): PhaseRecord {
  const stored = posts.filter((p) => Number.isFinite(p.ackMs));
  const webhook: number[] = [];
  const socket: number[] = [];
  const arrivals: number[] = [];
  for (const p of stored) {
    const a = rx.byKey.get(p.key);
    if (a) {
      webhook.push(a.at - p.start);
      arrivals.push(a.at);
    }
    const s = sockets.byKey.get(p.key);
    if (s !== undefined) socket.push(s - p.start);
  }
  let outOfOrder = 0;
  const byConversation = new Map<number, Post[]>();
  for (const p of stored)
    byConversation.set(p.conversation, [...(byConversation.get(p.conversation) ?? []), p]);
  for (const list of byConversation.values()) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1] as Post;
      const b = list[i] as Post;
      // Only pairs whose order is known: the first was stored before the second was posted.
      if (a.start + a.ackMs >= b.start) continue;
      const ta = rx.byKey.get(a.key)?.at;
      const tb = rx.byKey.get(b.key)?.at;
      if (ta !== undefined && tb !== undefined && ta > tb) outOfOrder++;
    }
  }
  const storedAt = stored.map((p) => p.start + p.ackMs);
  const firstStart = Math.min(...stored.map((p) => p.start));
  const lastStored = Math.max(...storedAt);
  return {
    phase,
    posted: posts.length,
    stored: stored.length,
    delivered: arrivals.length,
    onSocket: socket.length,
    ack: summarize(stored.map((p) => p.ackMs)),
    webhook: summarize(webhook),
    socket: summarize(socket),
    storedPerSecond:
      stored.length < 2 ? Number.NaN : (stored.length - 1) / ((lastStored - firstStart) / 1000),
    deliveredPerSecond: perSecond(arrivals),
    drainMs: arrivals.length ? Math.max(...arrivals) - lastStored : Number.NaN,
    outOfOrder,
  };
}
