// The product builds the report facts itself: the bench fires the minute cron the way the dev stack does
// (wrangler's /__scheduled, scripts/lib/dev-cron.ts) and waits until every ticket of both tenants has its
// `report_tickets` row, firing again each minute while a run is still going (a run still holding a tenant's
// lock makes the next one skip it, as in production). Then the API is checked against Postgres: the year's
// tickets opened, per channel and in total, must be what the `tickets` table holds for the same days.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';

const EVERY_MINUTE = '* * * * *';

export interface RollupRecord {
  ms: number;
  ticks: number;
  reportTickets: number;
  /** One more cron run once caught up (nothing new): the steady per-minute cost, ms. */
  idleRunMs: number | null;
}

async function fire(base: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${base}/__scheduled?cron=${encodeURIComponent(EVERY_MINUTE)}`, {
    signal: AbortSignal.timeout(30 * 60_000),
  });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`/__scheduled answered ${res.status}`);
  return performance.now() - t0;
}

async function behind(db: pg.Client, tenants: string[]): Promise<{ facts: number; tickets: number }> {
  const { rows } = await db.query<{ facts: string; tickets: string }>(
    `select (select count(*) from report_tickets where tenant_id = any($1::uuid[])) as facts,
            (select count(*) from tickets where tenant_id = any($1::uuid[])) as tickets`,
    [tenants],
  );
  return { facts: Number(rows[0]?.facts ?? 0), tickets: Number(rows[0]?.tickets ?? 0) };
}

export async function buildFacts(opts: {
  base: string;
  db: pg.Client;
  tenants: string[];
  timeoutMs: number;
  log: (l: string) => void;
}): Promise<RollupRecord> {
  const t0 = performance.now();
  const deadline = Date.now() + opts.timeoutMs;
  let ticks = 0;
  let running: Promise<unknown> | null = null;
  let lastFire = 0;
  for (;;) {
    if (running === null && Date.now() - lastFire >= 60_000) {
      lastFire = Date.now();
      ticks += 1;
      running = fire(opts.base)
        .catch((err) => opts.log(`  cron tick failed: ${String(err)}`))
        .finally(() => {
          running = null;
        });
    }
    const s = await behind(opts.db, opts.tenants);
    if (s.facts >= s.tickets && s.tickets > 0) {
      await running;
      const ms = performance.now() - t0;
      const idleRunMs = await fire(opts.base).catch(() => null);
      return { ms, ticks, reportTickets: s.facts, idleRunMs };
    }
    if (Date.now() > deadline)
      throw new Error(`the rollup built ${s.facts} of ${s.tickets} ticket facts within ${opts.timeoutMs} ms`);
    opts.log(`  rollup: ${s.facts} of ${s.tickets} ticket facts`);
    await new Promise((r) => setTimeout(r, 10_000));
  }
}

/** Tickets opened in [from, to] (tenant-local days), per channel, as the `tickets` table has them. */
export async function ticketsOpened(
  db: pg.Client,
  tenantId: string,
  zone: string,
  range: { from: string; to: string },
): Promise<Map<string, number>> {
  const { rows } = await db.query<{ channel_id: string; n: string }>(
    `select c.channel_id, count(*) as n from tickets t join conversations c on c.id = t.conversation_id
     where t.tenant_id = $1 and (t.opened_at at time zone $2)::date between $3::date and $4::date
     group by c.channel_id`,
    [tenantId, zone, range.from, range.to],
  );
  return new Map(rows.map((r) => [r.channel_id, Number(r.n)]));
}
