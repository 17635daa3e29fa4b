// The opening hours as the editor holds them while they are typed (a Solid store of strings), turned into the
// contract's BusinessHours with the contract's own checks, and every refusal (the local check's or the
// server's envelope) placed on the row it is about: `week.mon.1` is Monday's second interval, `holidays.0`
// the first holiday, `timezone` the zone.
import { createStore, type SetStoreFunction } from 'solid-js/store';
import {
  BusinessHours,
  clockMinutes,
  type BusinessHours as Hours,
  WEEKDAYS,
  type Weekday,
} from '../../../../workers/contract/routing';
import { ht } from './hours-i18n';

export interface IntervalDraft {
  from: string;
  to: string;
}
export interface HolidayDraft {
  date: string;
  name: string;
}
export interface HoursDraft {
  timezone: string | null;
  week: Record<Weekday, IntervalDraft[]>;
  holidays: HolidayDraft[];
}
export type HoursStore = [HoursDraft, SetStoreFunction<HoursDraft>];

/** The days as a Brazilian week is read: Monday first. */
export const WEEK_ORDER: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const WORKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** A starting point when there are no hours yet (always open until now): Mon–Fri 08:00–18:00. */
const SUGGESTED: Hours = BusinessHours.parse({
  week: Object.fromEntries(WORKDAYS.map((d) => [d, [{ from: '08:00', to: '18:00' }]])),
});

function draftOf(hours: Hours | null): HoursDraft {
  const h = hours ?? SUGGESTED;
  return {
    timezone: h.timezone,
    week: Object.fromEntries(
      WEEKDAYS.map((d) => [d, h.week[d].map((i) => ({ ...i }))]),
    ) as HoursDraft['week'],
    holidays: h.holidays.map((x) => ({ ...x })),
  };
}

/** The editor's state for stored hours (null: the suggestion the admin starts from). */
export function createHoursDraft(hours: Hours | null): HoursStore {
  return createStore(draftOf(hours));
}

/** What the draft says, as the request carries it (times and names trimmed). */
export function draftValue(draft: HoursDraft): unknown {
  return {
    timezone: draft.timezone,
    week: Object.fromEntries(
      WEEKDAYS.map((d) => [d, draft.week[d].map((i) => ({ from: i.from.trim(), to: i.to.trim() }))]),
    ),
    holidays: draft.holidays.map((h) => ({ date: h.date.trim(), name: h.name.trim() })),
  };
}

/** An interval to add after the day's last one: an hour after it ends, four hours long (08:00–18:00 first). */
export function nextInterval(day: readonly IntervalDraft[]): IntervalDraft {
  const last = day[day.length - 1];
  if (!last || !/^\d\d:\d\d$/.test(last.to)) return { from: '08:00', to: '18:00' };
  const start = clockMinutes(last.to) + 60;
  if (start >= 24 * 60) return { from: '', to: '' };
  const end = Math.min(start + 4 * 60, 24 * 60);
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return { from: hhmm(start), to: hhmm(end) };
}

export interface HoursIssue {
  path: string;
  message: string;
}

/** The row an issue is about and what to say there, in the current language. */
function placed(issue: HoursIssue): [string, string] | null {
  const parts = issue.path.split('.');
  const e = ht().errors;
  if (parts[0] === 'timezone') return ['timezone', e.timezone];
  if (parts[0] === 'week' && parts.length >= 2) {
    if (parts.length === 2) return [`week.${parts[1]}.0`, e.tooMany];
    const key = parts.slice(0, 3).join('.');
    if (parts.length > 3 || /HH:MM/.test(issue.message)) return [key, e.format];
    if (/overlaps/.test(issue.message)) return [key, e.overlap];
    if (/ends before/.test(issue.message)) return [key, e.inverted];
    return [key, e.other];
  }
  if (parts[0] === 'holidays' && parts.length >= 2) {
    const key = parts.slice(0, 2).join('.');
    if (parts[2] === 'date') return [key, e.date];
    if (parts[2] === 'name') return [key, e.name];
    if (/twice/.test(issue.message)) return [key, e.duplicate];
    return [key, e.other];
  }
  return null;
}

/** Issues (paths relative to the hours) as one message per row; the first issue of a row wins. */
export function hoursErrors(issues: readonly HoursIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const at = placed(issue);
    if (at && !out[at[0]]) out[at[0]] = at[1];
  }
  return out;
}

/** The draft checked with the contract's own rules: the hours to send, or the errors per row. */
export function checkHours(
  draft: HoursDraft,
): { ok: true; hours: Hours } | { ok: false; errors: Record<string, string> } {
  const parsed = BusinessHours.safeParse(draftValue(draft));
  if (parsed.success) return { ok: true, hours: parsed.data };
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const errors = hoursErrors(issues);
  return { ok: false, errors: Object.keys(errors).length ? errors : { 'week.mon.0': ht().errors.other } };
}

/** A server envelope's details about the hours under `prefix` ("businessHours."), relative to the hours. */
export function serverHoursErrors(details: unknown, prefix: string): Record<string, string> {
  if (!Array.isArray(details)) return {};
  const issues = details.flatMap((d: unknown) => {
    const issue = d as Partial<HoursIssue> | null;
    return typeof issue?.path === 'string' &&
      typeof issue.message === 'string' &&
      issue.path.startsWith(prefix)
      ? [{ path: issue.path.slice(prefix.length), message: issue.message }]
      : [];
  });
  return hoursErrors(issues);
}
