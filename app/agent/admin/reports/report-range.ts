// The report's date range as the supervisor picks it: presets (hoje, 7 dias, 30 dias, este mês, mês passado)
// computed from "today" in the tenant's time zone, or a custom from/to; the same limits the API enforces
// (from ≤ to, at most REPORT_MAX_DAYS days) checked first so a bad range is explained without a request.
import { REPORT_MAX_DAYS } from '../../../../workers/contract/reports';

export const RANGE_PRESETS = ['today', 'last7', 'last30', 'thisMonth', 'lastMonth', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export interface DayRange {
  from: string;
  to: string;
}

export type RangeProblem = 'missing' | 'reversed' | 'tooLong';

/** Today's calendar day (YYYY-MM-DD) in `timeZone` at `nowMs`. */
export function todayIn(timeZone: string, nowMs: number): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(nowMs);
}

const DAY_MS = 86_400_000;
const toUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `day` moved by `n` calendar days (pure date arithmetic, no zone involved). */
export function addDays(day: string, n: number): string {
  return fromUtc(toUtc(day) + n * DAY_MS);
}

/** Days from `from` to `to`, both included. */
export function daysIn(range: DayRange): number {
  return Math.round((toUtc(range.to) - toUtc(range.from)) / DAY_MS) + 1;
}

/** The range a preset stands for, from today in the tenant's zone; `custom` has none of its own. */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: string): DayRange {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'thisMonth':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'lastMonth': {
      const lastDay = addDays(`${today.slice(0, 8)}01`, -1);
      return { from: `${lastDay.slice(0, 8)}01`, to: lastDay };
    }
  }
}

/** The same number of days right before `range` (what the API compares with). */
export function previousRange(range: DayRange): DayRange {
  const n = daysIn(range);
  return { from: addDays(range.from, -n), to: addDays(range.from, -1) };
}

/** What is wrong with a custom range, or null when the API will take it. */
export function rangeProblem(range: { from: string; to: string }): RangeProblem | null {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(range.from) || !day.test(range.to)) return 'missing';
  if (range.from > range.to) return 'reversed';
  if (daysIn(range) > REPORT_MAX_DAYS) return 'tooLong';
  return null;
}
