// A year of support history for one tenant, generated as the product writes it: every ticket's life as the
// conversation object's events (ticket.changed snapshots, customer / bot / agent messages, the CSAT question
// and answer), in the archive's shape (workers/contract events, eventAuthor / eventClientId), plus the
// `tickets` row the archive keeps. Deterministic (a seeded PRNG): bot-contained and handed-off tickets, queue
// waits that sometimes breach the first-response SLA, long resolutions, CSAT asked and answered, reopens;
// more tickets on weekdays and in business hours. Nothing here touches a database (seed.ts writes it).
import { addDays } from '../../../app/agent/admin/reports/report-range';
import type { Conversation, DayBatch } from './rows';
import { type Ticketing, type TicketWorld, ticketLife } from './ticket-life';

/** Share of the day's tickets per local hour (0–23): quiet nights, a morning and an evening peak. */
const HOUR_WEIGHTS = [
  1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 3, 6, 8, 8, 7, 6, 7, 8, 8, 7, 6, 6, 7, 6, 4, 3, 2,
] as const;
/** Weekday factor (0 = Sunday): weekends are quieter. */
const WEEKDAY = [0.55, 1.15, 1.1, 1.05, 1.05, 1, 0.7] as const;

/** mulberry32: small, fast, good enough to make a history repeatable. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The offset (ms) of `zone` at `instant`: local = UTC + offset. */
export function zoneOffsetMs(zone: string, instant: number): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(instant))
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 3_600_000 + Number(m[3]) * 60_000);
}

/** The UTC instant a local calendar day (YYYY-MM-DD) starts in `zone`. */
export function localDayStart(day: string, zone: string): number {
  const utcMidnight = Date.parse(`${day}T00:00:00.000Z`);
  // Twice: the offset at the guess may differ from the offset at the real start (a DST change that day).
  let start = utcMidnight - zoneOffsetMs(zone, utcMidnight);
  start = utcMidnight - zoneOffsetMs(zone, start);
  return start;
}

/**
 * Generates one tenant's history day by day (`days` local days ending with `lastDay`, events after `now`
 * dropped: tickets still open then stay open). Yields each day's rows, so a year never sits in memory.
 */
export function* generateHistory(opts: {
  world: TicketWorld;
  zone: string;
  lastDay: string;
  days: number;
  ticketsPerDay: number;
  conversations: Conversation[];
  now: number;
  seed: number;
}): Generator<{ batch: DayBatch; day: string }> {
  const rnd = prng(opts.seed);
  let protocol = 0;
  const ticketing: Ticketing = {
    rnd,
    now: opts.now,
    // Date + a counter of its own (16 digits), so it never meets a protocol the tenant's counter handed out.
    nextProtocol: (at) =>
      `${new Date(at).toISOString().slice(0, 10).replaceAll('-', '')}${90_000_000 + ++protocol}`,
  };
  const hourTotal = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
  for (let d = opts.days - 1; d >= 0; d--) {
    const day = addDays(opts.lastDay, -d);
    const start = localDayStart(day, opts.zone);
    const weekday = new Date(`${day}T12:00:00.000Z`).getUTCDay();
    const count = Math.round(opts.ticketsPerDay * (WEEKDAY[weekday] ?? 1) * (0.85 + rnd() * 0.3));
    const batch: DayBatch = { events: [], tickets: [] };
    for (let i = 0; i < count; i++) {
      // The hour by weight, then a minute and second inside it.
      let pick = rnd() * hourTotal;
      let hour = 0;
      while (hour < 23 && pick >= (HOUR_WEIGHTS[hour] ?? 0)) pick -= HOUR_WEIGHTS[hour++] ?? 0;
      const openAt = start + hour * 3_600_000 + Math.floor(rnd() * 3_600_000);
      if (openAt > opts.now) continue;
      const conv = freeConversation(opts.conversations, openAt, rnd);
      if (!conv) continue;
      ticketLife(conv, openAt, opts.world, ticketing, batch, 0);
    }
    yield { batch, day };
  }
}

/** A conversation with no ticket in progress at `at` (a customer comes back later; a few tries, then none). */
function freeConversation(list: Conversation[], at: number, rnd: () => number): Conversation | null {
  for (let tries = 0; tries < 20; tries++) {
    const c = list[Math.floor(rnd() * list.length)];
    if (c && c.busyUntil < at) return c;
  }
  return null;
}
