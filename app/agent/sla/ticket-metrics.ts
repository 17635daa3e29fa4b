// The current ticket's service metrics, read from its newest snapshot, as pure functions: first response time
// (from when it reached people — its queue entry, else its opening — to the first human reply), resolution time
// once closed, reopens, each SLA target met / missed / running / paused, breaches, and the customer's rating.
import type { SlaClock, SlaTarget, TicketCsat, TicketSnapshot } from '../../../workers/contract';

export type TargetState = 'met' | 'missed' | 'running' | 'paused';

export interface TargetView {
  target: SlaTarget;
  state: TargetState;
  targetMinutes: number;
  /** While running: when it breaches if it keeps running. */
  dueAt: string | null;
}

export interface TicketMetrics {
  firstResponseMs: number | null;
  resolutionMs: number | null;
  reopens: number;
  breaches: number;
  policyName: string | null;
  targets: TargetView[];
  nextResponseTurns: { met: number; missed: number } | null;
  csat: TicketCsat | null;
  /** Closed and not rated yet. */
  awaitingRating: boolean;
}

function clockState(c: SlaClock): TargetState {
  if (c.breachedAt) return 'missed';
  if (c.metAt) return 'met';
  return c.runningSince ? 'running' : 'paused';
}

const span = (from: string, to: string) => Math.max(0, Date.parse(to) - Date.parse(from));

export function ticketMetrics(t: TicketSnapshot): TicketMetrics {
  // A requeue after the first reply moves queuedAt past it: the reply is then counted from the opening.
  const reached =
    t.queuedAt && t.firstResponseAt && t.queuedAt <= t.firstResponseAt ? t.queuedAt : t.openedAt;
  const sla = t.sla ?? null;
  const closed = t.status === 'closed';
  const targets: TargetView[] = [];
  if (sla) {
    const clocks: [SlaTarget, SlaClock | null][] = [
      ['first_response', sla.firstResponse],
      ['next_response', sla.nextResponse],
      ['resolution', sla.resolution],
    ];
    for (const [target, c] of clocks) {
      if (!c) continue;
      // A closed ticket's clocks no longer run, whatever its last snapshot said.
      const state = closed && clockState(c) === 'running' ? 'paused' : clockState(c);
      targets.push({
        target,
        state,
        targetMinutes: c.targetMinutes,
        dueAt: state === 'running' ? c.dueAt : null,
      });
    }
  }
  return {
    firstResponseMs: t.firstResponseAt ? span(reached, t.firstResponseAt) : null,
    resolutionMs: closed && t.closedAt ? span(t.openedAt, t.closedAt) : null,
    reopens: t.reopenCount ?? 0,
    breaches: t.slaBreaches ?? 0,
    policyName: sla?.policyName ?? null,
    targets,
    nextResponseTurns:
      sla && (sla.nextResponseMet > 0 || sla.nextResponseMissed > 0)
        ? { met: sla.nextResponseMet, missed: sla.nextResponseMissed }
        : null,
    csat: t.csat ?? null,
    // The bot's own closes are asked only when the tenant says so: no promise of a rating for them.
    awaitingRating: closed && !t.csat && t.resolvedBy !== 'bot',
  };
}
