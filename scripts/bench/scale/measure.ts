// Turns a steady phase's raw records into the report's numbers: delivery (webhook start → the event on the
// conversation's socket; reply start → the send reaching the Graph API simulator), lost and duplicated
// messages (each marker must arrive exactly once on its socket and be stored exactly once in Postgres).
import { summarize } from '../stats';
import type { Summary } from '../types';
import type { Arrivals } from './sockets';
import type { Sent } from './traffic';

export interface PhaseResult {
  seconds: number;
  webhooks: { sent: number; ok: number; errors: Record<string, number>; ack: Summary };
  replies: { sent: number; ok: number; errors: Record<string, number>; ack: Summary };
  /** Webhook → socket event; reply → Graph API send. */
  delivery: { webhooks: Summary; replies: Summary };
  lost: { socket: number; graph: number; postgres: number };
  duplicated: { socket: number; graph: number; postgres: number };
  archiveLag: Summary;
}

function errors(list: Sent[], okStatus: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of list) {
    if (s.status === okStatus) continue;
    const key = `${s.status} ${(s.error ?? '').slice(0, 80)}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

export function measurePhase(
  seconds: number,
  webhooks: Sent[],
  replies: Sent[],
  socket: Arrivals,
  graph: Arrivals,
  stored: Map<string, number>,
  lagMs: number[],
): PhaseResult {
  const okHooks = webhooks.filter((s) => s.status === 200);
  const okReplies = replies.filter((s) => s.status === 201);
  const deliver = (ok: Sent[], arrivals: Arrivals) => {
    const samples: number[] = [];
    let lost = 0;
    let dup = 0;
    for (const s of ok) {
      const at = arrivals.get(s.marker);
      if (!at?.length) lost++;
      else {
        samples.push((at[0] as number) - s.start);
        if (at.length > 1) dup++;
      }
    }
    return { samples, lost, dup };
  };
  const h = deliver(okHooks, socket);
  const r = deliver(okReplies, graph);
  let pgLost = 0;
  let pgDup = 0;
  for (const s of [...okHooks, ...okReplies]) {
    const n = stored.get(s.marker) ?? 0;
    if (n === 0) pgLost++;
    if (n > 1) pgDup++;
  }
  return {
    seconds,
    webhooks: {
      sent: webhooks.length,
      ok: okHooks.length,
      errors: errors(webhooks, 200),
      ack: summarize(okHooks.map((s) => s.ackMs)),
    },
    replies: {
      sent: replies.length,
      ok: okReplies.length,
      errors: errors(replies, 201),
      ack: summarize(okReplies.map((s) => s.ackMs)),
    },
    delivery: { webhooks: summarize(h.samples), replies: summarize(r.samples) },
    lost: { socket: h.lost, graph: r.lost, postgres: pgLost },
    duplicated: { socket: h.dup, graph: r.dup, postgres: pgDup },
    archiveLag: summarize(lagMs),
  };
}

/** Waits (bounded) until every acknowledged message has arrived where it should. */
export async function awaitDeliveries(
  webhooks: Sent[],
  replies: Sent[],
  socket: Arrivals,
  graph: Arrivals,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const missing = () =>
    webhooks.filter((s) => s.status === 200 && !socket.has(s.marker)).length +
    replies.filter((s) => s.status === 201 && !graph.has(s.marker)).length;
  while (missing() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  // A duplicate would come after the first arrival: give it a moment to show.
  await new Promise((r) => setTimeout(r, 2_000));
}
