// What the inbox row shows of a ticket's SLA (SummarySla): the running target due soonest and every target
// breached. One function for the conversation object's live summary and the inbox's rebuild from Postgres.
import type { SlaClock, SlaTarget, TicketSla } from './events';
import type { SummarySla } from './inbox';

const ORDER = [
  ['firstResponse', 'first_response'],
  ['nextResponse', 'next_response'],
  ['resolution', 'resolution'],
] as const;

const counting = (c: SlaClock | null): c is SlaClock =>
  c !== null && c.runningSince !== null && c.metAt === null && c.breachedAt === null;

export function summarizeSla(sla: TicketSla): SummarySla {
  let target: SlaTarget | null = null;
  let dueAt: string | null = null;
  let targetMinutes: number | null = null;
  for (const [key, name] of ORDER) {
    const c = sla[key];
    if (!counting(c) || c.dueAt === null) continue;
    if (dueAt === null || Date.parse(c.dueAt) < Date.parse(dueAt)) {
      target = name;
      dueAt = c.dueAt;
      targetMinutes = c.targetMinutes;
    }
  }
  const breached: SlaTarget[] = [];
  if (sla.firstResponse?.breachedAt) breached.push('first_response');
  if (sla.nextResponse?.breachedAt || sla.nextResponseMissed > 0) breached.push('next_response');
  if (sla.resolution?.breachedAt) breached.push('resolution');
  return { target, dueAt, targetMinutes, breached };
}
