// The time an object's timers read (SLA clocks, routing limits, CSAT delays, auto-close). In production it is
// the wall clock. Under tests (env FIO_TEST_CLOCK = '1') an object's clock can be set to any instant: the
// offset is kept in its storage, so "17:50 on a Friday" → "08:20 on Monday" runs in seconds through the same
// code. Deadlines in object time become alarm times in wall time through `wallTime`.
import type { MetaTable } from './meta-table';

const KEY = 'test_clock_offset_ms';

export class ObjectClock {
  private offsetMs: number;

  constructor(
    private readonly meta: MetaTable,
    private readonly settable: boolean,
  ) {
    this.offsetMs = settable ? Number(meta.get(KEY) ?? 0) : 0;
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** The wall-clock time (for setAlarm) at which this object's clock reads `objectMs`. */
  wallTime(objectMs: number): number {
    return objectMs - this.offsetMs;
  }

  /** Tests only: from now on this object's clock reads `at` (and moves on from there). */
  setForTests(at: Date): void {
    if (!this.settable) throw new Error('the object clock is only settable under tests');
    this.offsetMs = at.getTime() - Date.now();
    this.meta.set(KEY, String(this.offsetMs));
  }
}
