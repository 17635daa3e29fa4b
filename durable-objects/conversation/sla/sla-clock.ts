// One SLA target's clock (SlaClock), counted in business time: started, paused, resumed, met, breached and
// re-targeted at a given object time over the hours that apply. Outside the hours nothing counts because the
// sums are business time (workers/contract/business-time.ts). Pure: every function returns a new clock.
import {
  addBusinessMs,
  type BusinessHours,
  businessMsBetween,
  type SlaClock,
} from '../../../workers/contract';

/** The hours a ticket's clocks count in and their zone; null: always open. */
export type BusinessWindow = { hours: BusinessHours; timezone: string } | null;

const iso = (ms: number) => new Date(ms).toISOString();

/** Business time the clock has run until `atMs`. */
export function elapsedAt(clock: SlaClock, atMs: number, win: BusinessWindow): number {
  if (!clock.runningSince) return clock.elapsedMs;
  const since = Date.parse(clock.runningSince);
  const more = win ? businessMsBetween(win.hours, win.timezone, since, atMs) : Math.max(0, atMs - since);
  return clock.elapsedMs + more;
}

/** When a clock running from `atMs` with `elapsedMs` behind it reaches its target (null: never, hours closed). */
function dueFrom(targetMinutes: number, elapsedMs: number, atMs: number, win: BusinessWindow): string | null {
  const left = Math.max(0, targetMinutes * 60_000 - elapsedMs);
  const due = win ? addBusinessMs(win.hours, win.timezone, atMs, left) : atMs + left;
  return due === null ? null : iso(due);
}

export function startClock(targetMinutes: number, atMs: number, win: BusinessWindow): SlaClock {
  return {
    targetMinutes,
    elapsedMs: 0,
    runningSince: iso(atMs),
    dueAt: dueFrom(targetMinutes, 0, atMs, win),
    metAt: null,
    breachedAt: null,
  };
}

export function isRunning(clock: SlaClock | null): clock is SlaClock {
  return clock !== null && clock.runningSince !== null && clock.metAt === null;
}

/** Stops counting (waiting on the customer, closed); a met or paused clock is unchanged. */
export function pauseClock(clock: SlaClock, atMs: number, win: BusinessWindow): SlaClock {
  if (!isRunning(clock)) return clock;
  return { ...clock, elapsedMs: Math.round(elapsedAt(clock, atMs, win)), runningSince: null, dueAt: null };
}

/** Counts again from `atMs` (the customer wrote); a met or running clock is unchanged. */
export function resumeClock(clock: SlaClock, atMs: number, win: BusinessWindow): SlaClock {
  if (clock.metAt !== null || clock.runningSince !== null) return clock;
  return {
    ...clock,
    runningSince: iso(atMs),
    dueAt: dueFrom(clock.targetMinutes, clock.elapsedMs, atMs, win),
  };
}

/** The target was reached (an agent answered, the ticket was resolved): stopped for good. */
export function meetClock(clock: SlaClock, atMs: number, win: BusinessWindow): SlaClock {
  if (clock.metAt !== null) return clock;
  return { ...pauseClock(clock, atMs, win), metAt: iso(atMs) };
}

/** Due and not met: breached (it keeps running until met, so its time still counts). */
export function breachClock(clock: SlaClock, atMs: number): SlaClock {
  if (clock.breachedAt !== null || clock.metAt !== null) return clock;
  return { ...clock, breachedAt: iso(atMs) };
}

/** Due (and not yet breached or met) at `atMs`? */
export function isDue(clock: SlaClock | null, atMs: number): clock is SlaClock {
  return (
    isRunning(clock) && clock.breachedAt === null && clock.dueAt !== null && Date.parse(clock.dueAt) <= atMs
  );
}

/**
 * Another policy or other hours apply from `atMs` (priority or team changed): the time already counted stays,
 * the new target and hours decide the due time. A met clock keeps its outcome.
 */
export function retargetClock(
  clock: SlaClock,
  targetMinutes: number,
  atMs: number,
  before: BusinessWindow,
  after: BusinessWindow,
): SlaClock {
  if (clock.metAt !== null) return { ...clock, targetMinutes };
  const elapsedMs = Math.round(elapsedAt(clock, atMs, before));
  if (clock.runningSince === null) return { ...clock, targetMinutes, elapsedMs };
  return {
    ...clock,
    targetMinutes,
    elapsedMs,
    runningSince: iso(atMs),
    dueAt: dueFrom(targetMinutes, elapsedMs, atMs, after),
  };
}
