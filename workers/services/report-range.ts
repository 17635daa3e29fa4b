// A report's date range: tenant-local days, both ends included, checked (real days, from ≤ to, at most
// REPORT_MAX_DAYS) and paired with the previous period (the same number of days right before `from`).
// Day arithmetic is on calendar dates only; instants come from Postgres (`day::timestamp at time zone tz`),
// so a 23- or 25-hour DST day is exactly as long as it was.
import { REPORT_MAX_DAYS, type ReportQuery } from '../contract';
import { AppError } from '../errors';

export interface DayRange {
  from: string;
  to: string;
}

export interface ReportPeriods {
  current: DayRange;
  previous: DayRange;
  days: number;
}

const DAY_MS = 86_400_000;

function dayNumber(day: string): number | null {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  // 2026-02-30 parses as March 2nd: a day that does not round-trip does not exist.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

export function dayOf(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included. */
export function daysOf(range: DayRange): string[] {
  const a = dayNumber(range.from) as number;
  const b = dayNumber(range.to) as number;
  const out: string[] = [];
  for (let n = a; n <= b; n++) out.push(dayOf(n));
  return out;
}

/** The periods of a query, or 400 `validation_failed` naming what is wrong. */
export function reportPeriods(q: Pick<ReportQuery, 'from' | 'to'>): ReportPeriods {
  const from = dayNumber(q.from);
  const to = dayNumber(q.to);
  const bad: { path: string; message: string }[] = [];
  if (from === null) bad.push({ path: 'from', message: 'not a calendar day' });
  if (to === null) bad.push({ path: 'to', message: 'not a calendar day' });
  if (from === null || to === null) throw new AppError('validation_failed', 'Invalid query', bad);
  if (from > to)
    throw new AppError('validation_failed', '`from` is after `to`', [
      { path: 'from', message: 'must be on or before `to`' },
    ]);
  const days = to - from + 1;
  if (days > REPORT_MAX_DAYS)
    throw new AppError('validation_failed', `A report covers at most ${REPORT_MAX_DAYS} days`, [
      { path: 'to', message: `range is ${days} days; the maximum is ${REPORT_MAX_DAYS}` },
    ]);
  return {
    current: { from: q.from, to: q.to },
    previous: { from: dayOf(from - days), to: dayOf(from - 1) },
    days,
  };
}
