// The keyset cursor of conversation lists (the inbox's and the public API's): newest activity first, the
// conversation id breaking ties. Opaque to clients; only the exact spelling we issue decodes.
import { isCanonicalUuid } from '../contract';
import { AppError } from '../errors';

/** 0000-01-01 and 10000-01-01 UTC: the years a cursor's time may name. */
const YEAR_0 = -62_167_219_200_000;
const YEAR_10000 = 253_402_300_800_000;

export const activityCursor = {
  encode: (at: Date, id: string) => btoa(`${at.toISOString()}|${id}`).replace(/=+$/, ''),
  decode: (raw: string): { at: string; id: string } => {
    try {
      const [at, id] = atob(raw).split('|');
      // Only the exact spelling we issue (toISOString): Date.parse accepts more than timestamptz does (a
      // trailing NUL, for one), and such a time would reach Postgres as a 500.
      const time = at ? Date.parse(at) : Number.NaN;
      if (
        time >= YEAR_0 &&
        time < YEAR_10000 &&
        new Date(time).toISOString() === at &&
        id &&
        isCanonicalUuid(id)
      )
        return { at, id };
    } catch {
      // fall through
    }
    throw new AppError('validation_failed', 'Invalid cursor', [
      { path: 'cursor', message: 'not a cursor we issued' },
    ]);
  },
};
