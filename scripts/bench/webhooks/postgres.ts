// Time to Postgres: waits (bounded) until every webhook Fio answered 200 has its conversation_events row, then
// measures request start (driver clock) → archived_at (Postgres clock; same machine) per message.
import pg from 'pg';
import { summarize } from '../stats';
import type { Summary } from '../types';
import type { WebhookResult } from './types';

const POLL_MS = 50;

export interface PgArrival {
  /** Messages answered 200, which Postgres must all hold. */
  expected: number;
  /** Of those, how many rows were found, and rows for messages that were not answered 200. */
  found: number;
  foundForErrors: number;
  duplicates: number;
  /** From the end of the load run until the last expected row was seen (or the timeout). */
  waitedMs: number;
  /** Request start → archived_at, ms, over the rows found for acknowledged messages. */
  toPg: Summary;
}

interface Row {
  wamid: string;
  archived_ms: number;
}

const MATCH = `tenant_id = $1 and type = 'message.created' and payload->'message'->>'externalId' like $2`;

async function count(client: pg.Client, tenantId: string, prefix: string): Promise<number> {
  const res = await client.query<{ n: number }>(
    `select count(*)::int as n from conversation_events where ${MATCH}`,
    [tenantId, `${prefix}%`],
  );
  return res.rows[0]?.n ?? 0;
}

async function rows(client: pg.Client, tenantId: string, prefix: string): Promise<Row[]> {
  const res = await client.query<Row>(
    `select payload->'message'->>'externalId' as wamid,
            (extract(epoch from archived_at) * 1000)::float8 as archived_ms
       from conversation_events where ${MATCH}`,
    [tenantId, `${prefix}%`],
  );
  return res.rows;
}

/** `prefix` is `wamid.bench.<runTag>.`; request n's wamid is the prefix followed by n. */
export async function timeToPostgres(
  ownerUrl: string,
  tenantId: string,
  prefix: string,
  load: WebhookResult,
  timeoutMs: number,
): Promise<PgArrival> {
  const acked = (n: number) => Number.isFinite(load.ackMs[n]);
  const expected = load.ackMs.filter(Number.isFinite).length;
  const started = Date.now();
  const deadline = started + timeoutMs;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    while ((await count(client, tenantId, prefix)) < expected && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, POLL_MS));
    // The count may include rows of failed requests; settle on the acknowledged ones being present.
    for (;;) {
      const found = await rows(client, tenantId, prefix);
      const byIndex = new Map<number, number>();
      let duplicates = 0;
      for (const r of found) {
        const n = Number(r.wamid.slice(prefix.length));
        if (byIndex.has(n)) duplicates++;
        else byIndex.set(n, r.archived_ms);
      }
      const ackedFound = [...byIndex.keys()].filter(acked);
      if (ackedFound.length < expected && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, POLL_MS * 5));
        continue;
      }
      const toPg = ackedFound.map((n) => (byIndex.get(n) as number) - (load.startEpochMs[n] as number));
      return {
        expected,
        found: ackedFound.length,
        foundForErrors: byIndex.size - ackedFound.length,
        duplicates,
        waitedMs: Date.now() - started,
        toPg: summarize(toPg),
      };
    }
  } finally {
    await client.end();
  }
}

/** Switches the bot of the tenant's Cloud number `phoneNumberId` on or off (BENCH_WEBHOOK_BOT). */
export async function setNumberBot(
  ownerUrl: string,
  tenantId: string,
  phoneNumberId: string,
  enabled: boolean,
): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `update channels set bot_enabled = $3
        where tenant_id = $1 and kind = 'whatsapp_cloud' and address = $2 and removed_at is null`,
      [tenantId, phoneNumberId, enabled],
    );
    if (rowCount !== 1) throw new Error(`expected one Cloud number ${phoneNumberId}, updated ${rowCount}`);
  } finally {
    await client.end();
  }
}
