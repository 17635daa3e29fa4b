// Quiet hours as business time: "nothing between 21:00 and 08:00" is the same as "open 08:00–21:00 every
// day", so the tested business-time helpers (time zone, DST) answer "may we send now" and "when next".

import type { QuietHours } from '../../workers/contract';
import { isOpenAt, nextOpeningAfter } from '../../workers/contract/business-time';
import { type BusinessHours, WEEKDAYS } from '../../workers/contract/routing';

export function sendingHours(quiet: QuietHours): BusinessHours {
  const open =
    quiet.start < quiet.end
      ? [
          { from: '00:00', to: quiet.start },
          { from: quiet.end, to: '24:00' },
        ]
      : [{ from: quiet.end, to: quiet.start }];
  const intervals = open.filter((i) => i.from !== i.to);
  const week = Object.fromEntries(WEEKDAYS.map((d) => [d, intervals])) as BusinessHours['week'];
  return { timezone: null, week, holidays: [] };
}

/** Null when sending is allowed at `atMs`; otherwise when the quiet hours end. */
export function quietUntil(quiet: QuietHours | null, tz: string, atMs: number): number | null {
  if (!quiet) return null;
  const hours = sendingHours(quiet);
  if (isOpenAt(hours, tz, atMs)) return null;
  return nextOpeningAfter(hours, tz, atMs);
}
