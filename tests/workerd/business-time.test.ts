// Business time (workers/contract/business-time.ts) inside workerd, whose Intl knows the zones: opening hours
// with a lunch break, holidays, weekend-only and never-open hours, '24:00' ends, and counting across a DST
// change in America/New_York (a 25 h and a 23 h day) as well as in America/Sao_Paulo (no DST).
import { describe, expect, it } from 'vitest';
import {
  addBusinessMs,
  BusinessHours,
  businessMsBetween,
  isOpenAt,
  nextOpeningAfter,
} from '../../workers/contract';

const SP = 'America/Sao_Paulo';
const NY = 'America/New_York';
const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const office = (intervals: { from: string; to: string }[], holidays: { date: string; name: string }[] = []) =>
  BusinessHours.parse({
    week: { mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals },
    holidays,
  });
const weekdays = office([{ from: '08:00', to: '18:00' }]);

describe('business hours 08:00–18:00 Mon–Fri in São Paulo', () => {
  // 2026-12-04 is a Friday; São Paulo is UTC−3 all year.
  const friday1750 = at('2026-12-04T20:50:00Z');

  it('30 business minutes from Friday 17:50 end on Monday 08:20', () => {
    expect(iso(addBusinessMs(weekdays, SP, friday1750, 30 * MIN))).toBe('2026-12-07T11:20:00.000Z');
  });

  it('counts 29 minutes by Monday 08:19 and 30 by 08:20, nothing over the weekend', () => {
    expect(businessMsBetween(weekdays, SP, friday1750, at('2026-12-07T11:19:00Z'))).toBe(29 * MIN);
    expect(businessMsBetween(weekdays, SP, friday1750, at('2026-12-07T11:20:00Z'))).toBe(30 * MIN);
    expect(businessMsBetween(weekdays, SP, at('2026-12-05T12:00:00Z'), at('2026-12-06T20:00:00Z'))).toBe(0);
    expect(businessMsBetween(weekdays, SP, at('2026-12-07T11:20:00Z'), friday1750)).toBe(0);
  });

  it('is open inside the hours only, and says when it opens next', () => {
    expect(isOpenAt(weekdays, SP, friday1750)).toBe(true);
    expect(isOpenAt(weekdays, SP, at('2026-12-04T21:00:00Z'))).toBe(false); // 18:00: closed
    expect(isOpenAt(weekdays, SP, at('2026-12-05T13:00:00Z'))).toBe(false); // Saturday 10:00
    expect(isOpenAt(weekdays, SP, at('2026-12-07T11:00:00Z'))).toBe(true); // Monday 08:00
    expect(iso(nextOpeningAfter(weekdays, SP, at('2026-12-04T21:30:00Z')))).toBe('2026-12-07T11:00:00.000Z');
    expect(nextOpeningAfter(weekdays, SP, friday1750)).toBe(friday1750);
  });

  it('a target ending exactly at closing time is due at closing time', () => {
    expect(iso(addBusinessMs(weekdays, SP, at('2026-12-04T20:30:00Z'), 30 * MIN))).toBe(
      '2026-12-04T21:00:00.000Z',
    );
  });

  it('a lunch break 12:00–13:00 is not counted', () => {
    const lunch = office([
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '18:00' },
    ]);
    // Monday 11:50 + 30 min → 13:20.
    expect(iso(addBusinessMs(lunch, SP, at('2026-12-07T14:50:00Z'), 30 * MIN))).toBe(
      '2026-12-07T16:20:00.000Z',
    );
    expect(businessMsBetween(lunch, SP, at('2026-12-07T14:00:00Z'), at('2026-12-07T17:00:00Z'))).toBe(
      2 * HOUR,
    );
    expect(isOpenAt(lunch, SP, at('2026-12-07T15:30:00Z'))).toBe(false);
    expect(iso(nextOpeningAfter(lunch, SP, at('2026-12-07T15:30:00Z')))).toBe('2026-12-07T16:00:00.000Z');
  });

  it('a holiday Monday moves the due time to Tuesday', () => {
    const withHoliday = office([{ from: '08:00', to: '18:00' }], [{ date: '2026-12-07', name: 'Feriado' }]);
    expect(iso(addBusinessMs(withHoliday, SP, friday1750, 30 * MIN))).toBe('2026-12-08T11:20:00.000Z');
    expect(isOpenAt(withHoliday, SP, at('2026-12-07T14:00:00Z'))).toBe(false);
    expect(iso(nextOpeningAfter(withHoliday, SP, at('2026-12-05T13:00:00Z')))).toBe(
      '2026-12-08T11:00:00.000Z',
    );
  });

  it('weekend-only hours with 24:00 ends count whole weekend days', () => {
    const weekend = BusinessHours.parse({
      week: { sat: [{ from: '00:00', to: '24:00' }], sun: [{ from: '00:00', to: '24:00' }] },
    });
    // Friday 23:00 local + 1 h → Saturday 01:00 local.
    expect(iso(addBusinessMs(weekend, SP, at('2026-12-05T02:00:00Z'), HOUR))).toBe(
      '2026-12-05T04:00:00.000Z',
    );
    expect(businessMsBetween(weekend, SP, at('2026-12-04T15:00:00Z'), at('2026-12-07T15:00:00Z'))).toBe(
      48 * HOUR,
    );
    expect(isOpenAt(weekend, SP, at('2026-12-07T02:59:00Z'))).toBe(true); // Sunday 23:59
    expect(isOpenAt(weekend, SP, at('2026-12-07T03:00:00Z'))).toBe(false); // Monday 00:00
  });

  it('hours that never open: never due, never open, nothing counted', () => {
    const never = BusinessHours.parse({ week: {} });
    expect(isOpenAt(never, SP, friday1750)).toBe(false);
    expect(nextOpeningAfter(never, SP, friday1750)).toBeNull();
    expect(addBusinessMs(never, SP, friday1750, 30 * MIN)).toBeNull();
    expect(businessMsBetween(never, SP, friday1750, friday1750 + 30 * 24 * HOUR)).toBe(0);
  });

  it('no hours (null) is always open: plain wall time', () => {
    expect(isOpenAt(null, SP, friday1750)).toBe(true);
    expect(nextOpeningAfter(null, SP, friday1750)).toBe(friday1750);
    expect(addBusinessMs(null, SP, friday1750, 30 * MIN)).toBe(friday1750 + 30 * MIN);
    expect(businessMsBetween(null, SP, friday1750, friday1750 + 3 * HOUR)).toBe(3 * HOUR);
  });
});

describe('across a DST change in New York', () => {
  // Daylight time ended on Sunday 2026-11-01 (EDT −4 → EST −5) and began on Sunday 2026-03-08.
  it('Friday 17:30 EDT + 1 business hour is Monday 08:30 EST', () => {
    expect(iso(addBusinessMs(weekdays, NY, at('2026-10-30T21:30:00Z'), HOUR))).toBe(
      '2026-11-02T13:30:00.000Z',
    );
    expect(businessMsBetween(weekdays, NY, at('2026-10-30T21:00:00Z'), at('2026-11-02T14:00:00Z'))).toBe(
      2 * HOUR,
    );
    expect(isOpenAt(weekdays, NY, at('2026-11-02T12:30:00Z'))).toBe(false); // 07:30 EST
    expect(isOpenAt(weekdays, NY, at('2026-11-02T13:00:00Z'))).toBe(true); // 08:00 EST
  });

  it('a whole Sunday open counts 25 hours on the fall-back day and 23 on the spring-forward day', () => {
    const sundays = BusinessHours.parse({ week: { sun: [{ from: '00:00', to: '24:00' }] } });
    expect(businessMsBetween(sundays, NY, at('2026-10-31T12:00:00Z'), at('2026-11-02T12:00:00Z'))).toBe(
      25 * HOUR,
    );
    expect(businessMsBetween(sundays, NY, at('2026-03-07T12:00:00Z'), at('2026-03-09T12:00:00Z'))).toBe(
      23 * HOUR,
    );
    // An interval starting in the hour skipped on the spring-forward night counts from after the jump.
    const night = BusinessHours.parse({ week: { sun: [{ from: '02:30', to: '04:00' }] } });
    expect(businessMsBetween(night, NY, at('2026-03-07T12:00:00Z'), at('2026-03-09T12:00:00Z'))).toBe(
      30 * MIN,
    );
    expect(isOpenAt(night, NY, at('2026-03-08T07:45:00Z'))).toBe(true); // 03:45 EDT
    // 24 business hours from Sunday 00:00 EDT on the fall-back day end at 23:00 EST that Sunday.
    expect(iso(addBusinessMs(sundays, NY, at('2026-11-01T04:00:00Z'), 24 * HOUR))).toBe(
      '2026-11-02T04:00:00.000Z',
    );
  });
});
