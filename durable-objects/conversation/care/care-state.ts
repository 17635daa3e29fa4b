// What the after-care remembers in the conversation's meta (so an eviction loses nothing): the survey of the
// last closed ticket, the close that a thanks may still join, the ticket waiting on the customer, and the
// closed period whose after-hours notice was already sent (named by its opening instant).
import type { MetaTable } from '../../meta-table';
import type { Waiting } from './auto-close';
import type { SurveyState } from './csat-survey';

/** The last close: a short thanks until `graceUntilMs` (object time) stays on that ticket. */
export interface ClosedState {
  ticketId: string;
  closedMs: number;
  /** Known once the tenant's settings were read after the close; until then the default grace applies. */
  graceUntilMs: number | null;
}

const KEYS = {
  survey: 'care_survey',
  closed: 'care_closed',
  waiting: 'care_waiting',
  afterHours: 'care_after_hours',
} as const;

function read<T>(meta: MetaTable, key: string): T | null {
  const raw = meta.get(key);
  return raw ? (JSON.parse(raw) as T) : null;
}

export class CareState {
  constructor(private readonly meta: MetaTable) {}

  survey(): SurveyState | null {
    return read<SurveyState>(this.meta, KEYS.survey);
  }
  setSurvey(s: SurveyState): void {
    this.meta.set(KEYS.survey, JSON.stringify(s));
  }

  closed(): ClosedState | null {
    return read<ClosedState>(this.meta, KEYS.closed);
  }
  setClosed(c: ClosedState): void {
    this.meta.set(KEYS.closed, JSON.stringify(c));
  }

  waiting(): Waiting | null {
    return read<Waiting>(this.meta, KEYS.waiting);
  }
  setWaiting(w: Waiting | null): void {
    if (w === null && this.meta.get(KEYS.waiting) === null) return;
    this.meta.set(KEYS.waiting, w ? JSON.stringify(w) : '');
  }

  /** The opening instant (ms) of the closed period already announced. */
  announcedOpening(): string | null {
    return this.meta.get(KEYS.afterHours);
  }
  setAnnouncedOpening(ms: string): void {
    this.meta.set(KEYS.afterHours, ms);
  }
}
