// Business time over opening hours (BusinessHours) in an IANA time zone: is it open now, when does it open
// next, how much open time lies between two instants, and when a given amount of open time has passed. SLA
// clocks count in it; the after-hours notice says when people are back with it. Pure: local wall times come
// from Intl.DateTimeFormat in the zone, so a DST change (a 23 h or 25 h day) is counted as it happens.
// `hours` null means always open: business time is plain wall time. Every loop is bounded in days scanned.
import { type BusinessHours, clockMinutes, WEEKDAYS } from './routing';

/** Days scanned for the next opening before deciding the hours never open. */
export const MAX_CLOSED_DAYS = 400;
/** Days scanned at most by one sum or addition (ten years of a ticket's life). */
const MAX_SPAN_DAYS = 3_700;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The zone's wall clock at `ms`, read as if it were UTC (a "civil" instant), to the second. */
function civilOf(tz: string, ms: number): number {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return Date.UTC(
    p.year ?? 1970,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    (p.hour ?? 0) % 24,
    p.minute ?? 0,
    p.second ?? 0,
  );
}

/** Local minus UTC at `ms`. */
function offsetAt(tz: string, ms: number): number {
  return civilOf(tz, ms) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which the zone's wall clock reads `civil`. A wall time skipped by a DST jump is read with
 * the offset from before the jump (02:30 on a spring-forward night is 03:30 after it); one repeated by the
 * jump is its first occurrence.
 */
function instantOf(tz: string, civil: number): number {
  const guess = offsetAt(tz, civil);
  const first = civil - guess;
  const offset = offsetAt(tz, first);
  if (offset === guess) return first;
  const second = civil - offset;
  return offsetAt(tz, second) === offset ? second : Math.max(first, second);
}

interface Span {
  start: number;
  end: number;
}

/** The open spans ending after `fromMs`, in order, day by day in the zone, for at most `maxDays` days. */
function* openSpans(hours: BusinessHours, tz: string, fromMs: number, maxDays: number): Generator<Span> {
  const startCivil = civilOf(tz, fromMs);
  let day = startCivil - (((startCivil % DAY_MS) + DAY_MS) % DAY_MS); // local midnight, as a civil instant
  const holidays = new Set(hours.holidays.map((h) => h.date));
  for (let n = 0; n < maxDays; n++, day += DAY_MS) {
    const date = new Date(day);
    if (holidays.has(date.toISOString().slice(0, 10))) continue;
    const weekday = WEEKDAYS[date.getUTCDay()];
    const intervals = weekday ? hours.week[weekday] : [];
    const ordered = [...intervals].sort((a, b) => clockMinutes(a.from) - clockMinutes(b.from));
    for (const i of ordered) {
      const start = instantOf(tz, day + clockMinutes(i.from) * 60_000);
      const end = instantOf(tz, day + clockMinutes(i.to) * 60_000);
      if (end > start && end > fromMs) yield { start, end };
    }
  }
}

/** Open at `atMs`? */
export function isOpenAt(hours: BusinessHours | null, tz: string, atMs: number): boolean {
  if (!hours) return true;
  for (const span of openSpans(hours, tz, atMs, 1)) if (span.start <= atMs && atMs < span.end) return true;
  return false;
}

/** The first instant at or after `atMs` that is open (`atMs` itself when open); null: never open. */
export function nextOpeningAfter(hours: BusinessHours | null, tz: string, atMs: number): number | null {
  if (!hours) return atMs;
  for (const span of openSpans(hours, tz, atMs, MAX_CLOSED_DAYS)) return Math.max(span.start, atMs);
  return null;
}

/** Open time between two instants, in ms (0 when `toMs` is not after `fromMs`). */
export function businessMsBetween(
  hours: BusinessHours | null,
  tz: string,
  fromMs: number,
  toMs: number,
): number {
  if (toMs <= fromMs) return 0;
  if (!hours) return toMs - fromMs;
  const days = Math.min(MAX_SPAN_DAYS, Math.ceil((toMs - fromMs) / DAY_MS) + 2);
  let total = 0;
  for (const span of openSpans(hours, tz, fromMs, days)) {
    if (span.start >= toMs) break;
    total += Math.min(span.end, toMs) - Math.max(span.start, fromMs);
  }
  return total;
}

/**
 * The instant at which `ms` of open time has passed since `fromMs` (a target ending exactly at closing time
 * is due at the closing time). null: never (the hours never open, or not within the days scanned).
 */
export function addBusinessMs(
  hours: BusinessHours | null,
  tz: string,
  fromMs: number,
  ms: number,
): number | null {
  if (ms <= 0) return fromMs;
  if (!hours) return fromMs + ms;
  let left = ms;
  let lastEnd = fromMs;
  for (const span of openSpans(hours, tz, fromMs, MAX_SPAN_DAYS)) {
    // A year without opening: the hours never open (nothing but holidays, or an empty week).
    if (span.start - lastEnd > MAX_CLOSED_DAYS * DAY_MS) return null;
    const start = Math.max(span.start, fromMs);
    const length = span.end - start;
    if (left <= length) return start + left;
    left -= length;
    lastEnd = span.end;
  }
  return null;
}
