// The long conversation the open and scroll measurements read: one widget customer sends `count` messages
// with at most `inFlight` unacknowledged, then we wait until Postgres holds every event, so older pages are
// read from the archive as they would be for any old conversation.
import pg from 'pg';
import { pooled } from '../pool';
import { Customer } from './customer';
import { marked } from './probe';

export interface LongConversation {
  conversationId: string;
  contactName: string;
  lastSeq: number;
  /** Marker keys of the first and the newest message. */
  firstKey: string;
  newestKey: string;
  sendMs: number;
  archiveMs: number;
}

export const seedKey = (i: number) => `s-${i}`;

async function withDeadline<T>(work: Promise<T>, deadline: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits (bounded) until Postgres holds events 1..lastSeq of the conversation. */
async function archived(ownerUrl: string, conversationId: string, lastSeq: number, deadline: number) {
  const client = new pg.Client({ connectionString: ownerUrl });
  // Postgres going away (an interrupt stops it) fails the awaited query; unhandled, it would kill the process
  // before the lifecycle has stopped workerd.
  client.on('error', () => {});
  await client.connect();
  try {
    for (;;) {
      const res = await client.query<{ n: number }>(
        'select count(*)::int as n from conversation_events where conversation_id = $1 and seq <= $2',
        [conversationId, lastSeq],
      );
      if ((res.rows[0]?.n ?? 0) >= lastSeq) return;
      if (Date.now() > deadline) throw new Error(`Postgres holds ${res.rows[0]?.n}/${lastSeq} events`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await client.end();
  }
}

export async function seedLongConversation(opts: {
  base: string;
  ownerUrl: string;
  count: number;
  inFlight: number;
  timeoutMs: number;
}): Promise<LongConversation> {
  const deadline = Date.now() + opts.timeoutMs;
  const contactName = `Bench ${opts.count} mensagens`;
  const customer = await Customer.open(opts.base, contactName, opts.timeoutMs);
  try {
    const started = Date.now();
    const seqs = await withDeadline(
      pooled(
        Array.from(
          { length: opts.count },
          (_, i) => () => customer.send(marked(`Histórico ${i + 1}`, seedKey(i + 1))),
        ),
        opts.inFlight,
      ),
      deadline,
      `seeding ${opts.count} messages`,
    );
    const sendMs = Date.now() - started;
    const lastSeq = Math.max(...seqs);
    await archived(opts.ownerUrl, customer.conversationId, lastSeq, deadline);
    return {
      conversationId: customer.conversationId,
      contactName,
      lastSeq,
      firstKey: seedKey(1),
      newestKey: seedKey(opts.count),
      sendMs,
      archiveMs: Date.now() - started - sendMs,
    };
  } finally {
    customer.close();
  }
}
