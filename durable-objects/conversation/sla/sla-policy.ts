// Which SLA policy a ticket runs under: the most specific policy matching its priority, team and channel. A
// policy's null field matches anything; more fields set win; between equally specific policies the one created
// first wins (the setup lists them by creation). Pure.
import type { SlaPolicy, SlaTarget } from '../../../workers/contract';

export interface SlaSubject {
  priority: number;
  teamId: string | null;
  channelId: string | null;
}

export function matchSlaPolicy(policies: readonly SlaPolicy[], subject: SlaSubject): SlaPolicy | null {
  let best: SlaPolicy | null = null;
  let bestScore = -1;
  for (const p of policies) {
    if (p.priority !== null && p.priority !== subject.priority) continue;
    if (p.teamId !== null && p.teamId !== subject.teamId) continue;
    if (p.channelId !== null && p.channelId !== subject.channelId) continue;
    const score = Number(p.priority !== null) + Number(p.teamId !== null) + Number(p.channelId !== null);
    // Strictly greater: on a tie the earlier (created first) stays.
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

/** A policy's target in minutes (null: the policy sets none). */
export function targetMinutes(policy: SlaPolicy, target: SlaTarget): number | null {
  switch (target) {
    case 'first_response':
      return policy.firstResponseMinutes;
    case 'next_response':
      return policy.nextResponseMinutes;
    case 'resolution':
      return policy.resolutionMinutes;
  }
}
