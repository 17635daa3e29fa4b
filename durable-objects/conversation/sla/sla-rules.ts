// A ticket's SLA (TicketSla: first response, the current next-response turn, resolution) moved by what
// happens on the ticket: reaching people, an agent's reply, a customer's message, the close, a breach, a new
// policy. Pure: every function takes the object time and the hours and returns a new TicketSla; the keeper
// (sla-keeper.ts) decides when each applies. What the inbox shows of it: summarizeSla (contract/sla-summary.ts).
import type { SlaPolicy, SlaTarget, TicketSla } from '../../../workers/contract';
import {
  type BusinessWindow,
  breachClock,
  isDue,
  isRunning,
  meetClock,
  pauseClock,
  resumeClock,
  retargetClock,
  startClock,
} from './sla-clock';

const TARGETS = ['firstResponse', 'nextResponse', 'resolution'] as const;
type ClockKey = (typeof TARGETS)[number];
const TARGET_OF: Record<ClockKey, SlaTarget> = {
  firstResponse: 'first_response',
  nextResponse: 'next_response',
  resolution: 'resolution',
};
const KEY_OF: Record<SlaTarget, ClockKey> = {
  first_response: 'firstResponse',
  next_response: 'nextResponse',
  resolution: 'resolution',
};

/** The ticket reached people at `atMs` (queue entry): first response and resolution start counting. */
export function startSla(policy: SlaPolicy, atMs: number, win: BusinessWindow): TicketSla {
  return {
    policyId: policy.id,
    policyName: policy.name,
    firstResponse:
      policy.firstResponseMinutes !== null ? startClock(policy.firstResponseMinutes, atMs, win) : null,
    nextResponse: null,
    resolution: policy.resolutionMinutes !== null ? startClock(policy.resolutionMinutes, atMs, win) : null,
    nextResponseMet: 0,
    nextResponseMissed: 0,
  };
}

/**
 * An agent's message to the customer: meets the first response and the open next-response turn (met when
 * not already breached), and the ticket now waits on the customer, so resolution pauses.
 */
export function agentReplied(sla: TicketSla, atMs: number, win: BusinessWindow): TicketSla {
  const turn = sla.nextResponse;
  const turnOpen = turn !== null && turn.metAt === null;
  const firstOpen = sla.firstResponse !== null && sla.firstResponse.metAt === null;
  // Nothing open and already waiting on the customer: the same SLA (no storage write for it).
  if (!turnOpen && !firstOpen && !isRunning(sla.resolution)) return sla;
  return {
    ...sla,
    firstResponse: sla.firstResponse ? meetClock(sla.firstResponse, atMs, win) : null,
    nextResponse: turn && turnOpen ? meetClock(turn, atMs, win) : turn,
    nextResponseMet: sla.nextResponseMet + (turnOpen && turn.breachedAt === null ? 1 : 0),
    resolution: sla.resolution ? pauseClock(sla.resolution, atMs, win) : null,
  };
}

/**
 * The customer wrote: resolution counts again, and once a person has answered, a new next-response turn
 * starts unless one is already open (`nextMinutes` null: the policy sets no next-response target).
 */
export function customerWrote(
  sla: TicketSla,
  atMs: number,
  win: BusinessWindow,
  answered: boolean,
  nextMinutes: number | null,
): TicketSla {
  const turnOpen = sla.nextResponse !== null && sla.nextResponse.metAt === null;
  const startTurn = answered && !turnOpen && nextMinutes !== null;
  const res = sla.resolution;
  if (!startTurn && (res === null || res.metAt !== null || res.runningSince !== null)) return sla;
  return {
    ...sla,
    nextResponse: startTurn ? startClock(nextMinutes, atMs, win) : sla.nextResponse,
    resolution: sla.resolution ? resumeClock(sla.resolution, atMs, win) : null,
  };
}

/** The ticket closed: every clock stops; resolution is met unless it was breached. */
export function closeSla(sla: TicketSla, atMs: number, win: BusinessWindow): TicketSla {
  const res = sla.resolution;
  return {
    ...sla,
    firstResponse: sla.firstResponse ? pauseClock(sla.firstResponse, atMs, win) : null,
    nextResponse: sla.nextResponse ? pauseClock(sla.nextResponse, atMs, win) : null,
    resolution: res
      ? res.breachedAt === null
        ? meetClock(res, atMs, win)
        : pauseClock(res, atMs, win)
      : null,
  };
}

/** The targets due at `atMs` and not yet breached. */
export function dueTargets(sla: TicketSla, atMs: number): SlaTarget[] {
  return TARGETS.filter((k) => isDue(sla[k], atMs)).map((k) => TARGET_OF[k]);
}

/** Marks a target breached (a next-response turn counts as missed once). */
export function breachSla(sla: TicketSla, target: SlaTarget, atMs: number): TicketSla {
  const key = KEY_OF[target];
  const clock = sla[key];
  if (!clock || clock.breachedAt !== null) return sla;
  return {
    ...sla,
    [key]: breachClock(clock, atMs),
    nextResponseMissed: sla.nextResponseMissed + (target === 'next_response' ? 1 : 0),
  };
}

/** The earliest due time of a running, unbreached clock (ms), or null. */
export function nextDueMs(sla: TicketSla | null): number | null {
  if (!sla) return null;
  let best: number | null = null;
  for (const k of TARGETS) {
    const c = sla[k];
    if (!isRunning(c) || c.breachedAt !== null || c.dueAt === null) continue;
    const due = Date.parse(c.dueAt);
    if (best === null || due < best) best = due;
  }
  return best;
}

/**
 * Another policy applies (priority or team changed), or the same with other hours: the time counted so far
 * stays. A target the new policy drops goes; one it adds starts now (first response only while nobody has
 * answered; a next-response turn starts with the customer's next message).
 */
export function repickSla(
  sla: TicketSla,
  policy: SlaPolicy,
  atMs: number,
  before: BusinessWindow,
  after: BusinessWindow,
  answered: boolean,
): TicketSla {
  const move = (clock: TicketSla[ClockKey], minutes: number | null, startIfNone: boolean) => {
    if (minutes === null) return null;
    if (clock) return retargetClock(clock, minutes, atMs, before, after);
    return startIfNone ? startClock(minutes, atMs, after) : null;
  };
  return {
    ...sla,
    policyId: policy.id,
    policyName: policy.name,
    firstResponse: move(sla.firstResponse, policy.firstResponseMinutes, !answered),
    nextResponse: move(sla.nextResponse, policy.nextResponseMinutes, false),
    resolution: move(sla.resolution, policy.resolutionMinutes, true),
  };
}
