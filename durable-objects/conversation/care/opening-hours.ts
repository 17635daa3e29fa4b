// When the team is open, for the after-hours notice: open at an instant, and the next opening after it, in
// the hours' IANA zone (DST-safe: local wall times are turned into instants through the zone's own offset at
// that moment). A small stand-in behind a tiny interface until the shared business-time module (SLA part,
// workers/contract/business-time.ts) lands; the notice only needs these two questions.
import { type BusinessHours, clockMinutes, WEEKDAYS } from '../../../workers/contract';

export interface OpeningHours {
  isOpenAt(at: Date): boolean;
  /** The first instant after `at` at which an interval starts; null when none in the next 400 days. */
  nextOpeningAfter(at: Date): Date | null;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(at: Date, timeZone: string): LocalParts {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday ?? '');
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    weekday,
    minute: Number(p.hour) * 60 + Number(p.minute),
  };
}

/** The zone's offset from UTC (ms) at an instant. */
function offsetAt(at: number, timeZone: string): number {
  const p = localParts(new Date(at), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, Math.floor(p.minute / 60), p.minute % 60);
  return asUtc - Math.floor(at / 60_000) * 60_000;
}

/** The instant a local wall time (y-m-d, minutes since midnight) happens in the zone. */
function instantOf(y: number, m: number, d: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(y, m - 1, d, 0, minute);
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return guess;
}

const isoDate = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export function openingHours(hours: BusinessHours, timeZone: string): OpeningHours {
  const holidays = new Set(hours.holidays.map((h) => h.date));
  const intervalsOn = (weekday: number, date: string) => {
    const day = WEEKDAYS[weekday];
    if (!day || holidays.has(date)) return [];
    return hours.week[day]
      .map((i) => ({ from: clockMinutes(i.from), to: clockMinutes(i.to) }))
      .sort((a, b) => a.from - b.from);
  };
  return {
    isOpenAt(at) {
      const p = localParts(at, timeZone);
      return intervalsOn(p.weekday, isoDate(p.year, p.month, p.day)).some(
        (i) => i.from <= p.minute && p.minute < i.to,
      );
    },
    nextOpeningAfter(at) {
      const p = localParts(at, timeZone);
      for (let k = 0; k < 400; k++) {
        const civil = new Date(Date.UTC(p.year, p.month - 1, p.day + k));
        const [y, m, d] = [civil.getUTCFullYear(), civil.getUTCMonth() + 1, civil.getUTCDate()];
        for (const i of intervalsOn(civil.getUTCDay(), isoDate(y, m, d))) {
          if (k === 0 && i.from <= p.minute) continue;
          const start = instantOf(y, m, d, i.from, timeZone);
          if (start > at.getTime()) return new Date(start);
        }
      }
      return null;
    },
  };
}
