// The two questions the after-hours notice asks of a team's hours — open now? when next? — over the shared
// business-time math (workers/contract/business-time.ts, the one the SLA clocks count with), in Dates.
import { type BusinessHours, isOpenAt, nextOpeningAfter } from '../../../workers/contract';

export interface OpeningHours {
  isOpenAt(at: Date): boolean;
  /** The first instant after `at` at which people are back (`at` itself when open); null: never open. */
  nextOpeningAfter(at: Date): Date | null;
}

export function openingHours(hours: BusinessHours, timeZone: string): OpeningHours {
  return {
    isOpenAt: (at) => isOpenAt(hours, timeZone, at.getTime()),
    nextOpeningAfter: (at) => {
      const next = nextOpeningAfter(hours, timeZone, at.getTime());
      return next === null ? null : new Date(next);
    },
  };
}
