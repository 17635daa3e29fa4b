// SLA policy matching and the clock rules (durable-objects/conversation/sla/): the most specific policy wins
// (ties: the first created), clocks count business time only, pause while waiting on the customer, stop at
// the close (resolution met unless breached), breach once, and keep the time counted when the policy changes.
import { describe, expect, it } from 'vitest';
import { type BusinessWindow, elapsedAt } from '../../durable-objects/conversation/sla/sla-clock';
import { matchSlaPolicy } from '../../durable-objects/conversation/sla/sla-policy';
import {
  agentReplied,
  breachSla,
  closeSla,
  customerWrote,
  dueTargets,
  nextDueMs,
  repickSla,
  startSla,
} from '../../durable-objects/conversation/sla/sla-rules';
import { BusinessHours, type SlaPolicy, summarizeSla, type TicketSla } from '../../workers/contract';

const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);
const TEAM = '00000000-0000-4000-8000-0000000000a1';
const CHANNEL = '00000000-0000-4000-8000-0000000000c1';

function policy(id: string, fields: Partial<SlaPolicy> = {}): SlaPolicy {
  return {
    id: `00000000-0000-4000-8000-00000000000${id}`,
    name: `Política ${id}`,
    priority: null,
    teamId: null,
    channelId: null,
    firstResponseMinutes: 30,
    nextResponseMinutes: 15,
    resolutionMinutes: 240,
    ...fields,
  };
}

describe('policy matching', () => {
  const any = policy('1');
  const urgent = policy('2', { priority: 5 });
  const urgentTeam = policy('3', { priority: 5, teamId: TEAM });
  const teamChannel = policy('4', { teamId: TEAM, channelId: CHANNEL });
  const all = [any, urgent, urgentTeam, teamChannel];

  it('the most specific matching policy wins; a null field matches anything', () => {
    expect(matchSlaPolicy(all, { priority: 3, teamId: null, channelId: null })).toBe(any);
    expect(matchSlaPolicy(all, { priority: 5, teamId: null, channelId: CHANNEL })).toBe(urgent);
    expect(matchSlaPolicy(all, { priority: 5, teamId: TEAM, channelId: null })).toBe(urgentTeam);
    expect(matchSlaPolicy(all, { priority: 3, teamId: TEAM, channelId: CHANNEL })).toBe(teamChannel);
  });

  it('between equally specific policies the first created wins; none matching gives null', () => {
    expect(matchSlaPolicy(all, { priority: 5, teamId: TEAM, channelId: CHANNEL })).toBe(urgentTeam);
    expect(matchSlaPolicy([urgent, urgentTeam], { priority: 1, teamId: null, channelId: null })).toBeNull();
    expect(matchSlaPolicy([], { priority: 3, teamId: null, channelId: null })).toBeNull();
  });
});

describe('clocks in business time (08:00–18:00 Mon–Fri, São Paulo)', () => {
  const win: BusinessWindow = {
    timezone: 'America/Sao_Paulo',
    hours: BusinessHours.parse({
      week: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '08:00', to: '18:00' }]]),
      ),
    }),
  };
  const friday1750 = at('2026-12-04T20:50:00Z');
  const monday0819 = at('2026-12-07T11:19:00Z');
  const monday0820 = at('2026-12-07T11:20:00Z');
  const p = policy('1');

  it('first response of 30 business minutes from Friday 17:50 is due Monday 08:20, not before', () => {
    const sla = startSla(p, friday1750, win);
    expect(sla.firstResponse?.dueAt).toBe('2026-12-07T11:20:00.000Z');
    expect(dueTargets(sla, monday0819)).toEqual([]);
    expect(dueTargets(sla, monday0820)).toEqual(['first_response']);
    expect(new Date(nextDueMs(sla) ?? 0).toISOString()).toBe('2026-12-07T11:20:00.000Z');
  });

  it('a breach is marked once and shows on the summary; the clock keeps counting until answered', () => {
    let sla = breachSla(startSla(p, friday1750, win), 'first_response', monday0820);
    expect(breachSla(sla, 'first_response', monday0820 + MIN)).toBe(sla);
    expect(dueTargets(sla, monday0820 + MIN)).toEqual([]);
    expect(summarizeSla(sla).breached).toEqual(['first_response']);
    sla = agentReplied(sla, monday0820 + 5 * MIN, win);
    expect(sla.firstResponse?.metAt).toBe('2026-12-07T11:25:00.000Z');
    expect(sla.firstResponse?.elapsedMs).toBe(35 * MIN);
    expect(summarizeSla(sla).breached).toEqual(['first_response']);
  });

  it('waiting on the customer pauses resolution; the customer writing resumes it with the time kept', () => {
    let sla = startSla(p, friday1750, win); // resolution 240 min
    sla = agentReplied(sla, friday1750 + 5 * MIN, win);
    expect(sla.resolution?.runningSince).toBeNull();
    expect(sla.resolution?.dueAt).toBeNull();
    expect(sla.resolution?.elapsedMs).toBe(5 * MIN);
    // Monday 10:00: two business hours passed, none counted.
    const monday10 = at('2026-12-07T13:00:00Z');
    expect(dueTargets(sla, monday10)).toEqual([]);
    sla = customerWrote(sla, monday10, win, true, p.nextResponseMinutes);
    expect(sla.resolution?.dueAt).toBe('2026-12-07T16:55:00.000Z'); // 235 minutes left
    expect(sla.nextResponse?.dueAt).toBe('2026-12-07T13:15:00.000Z');
    expect(summarizeSla(sla)).toMatchObject({ target: 'next_response', targetMinutes: 15, breached: [] });
  });

  it('next response: one turn per customer message after an answer, met or missed once each', () => {
    const t0 = at('2026-12-07T12:00:00Z'); // Monday 09:00
    let sla = agentReplied(startSla(p, t0, win), t0 + MIN, win);
    sla = customerWrote(sla, t0 + 2 * MIN, win, true, 15);
    const turn = sla.nextResponse;
    sla = customerWrote(sla, t0 + 3 * MIN, win, true, 15); // still the same turn
    expect(sla.nextResponse).toEqual(turn);
    sla = agentReplied(sla, t0 + 10 * MIN, win);
    expect(sla.nextResponseMet).toBe(1);
    sla = customerWrote(sla, t0 + 11 * MIN, win, true, 15);
    expect(dueTargets(sla, t0 + 26 * MIN)).toEqual(['next_response']);
    sla = breachSla(sla, 'next_response', t0 + 26 * MIN);
    sla = agentReplied(sla, t0 + 30 * MIN, win);
    expect(sla).toMatchObject({ nextResponseMet: 1, nextResponseMissed: 1 });
    expect(summarizeSla(sla).breached).toEqual(['next_response']);
  });

  it('the close stops every clock and meets resolution unless it was breached', () => {
    const t0 = at('2026-12-07T12:00:00Z');
    const closed = closeSla(startSla(p, t0, win), t0 + 20 * MIN, win);
    expect(closed.resolution).toMatchObject({
      metAt: '2026-12-07T12:20:00.000Z',
      breachedAt: null,
      dueAt: null,
    });
    expect(closed.firstResponse).toMatchObject({ metAt: null, runningSince: null });
    expect(nextDueMs(closed)).toBeNull();
    const late = closeSla(breachSla(startSla(p, t0, win), 'resolution', t0), t0 + MIN, win);
    expect(late.resolution).toMatchObject({ metAt: null, runningSince: null });
    expect(summarizeSla(late)).toMatchObject({ target: null, dueAt: null, breached: ['resolution'] });
  });

  it('a new policy keeps the time counted (priority raised after 20 business minutes)', () => {
    const t0 = at('2026-12-07T12:00:00Z');
    const sla: TicketSla = startSla(p, t0, win);
    const urgent = policy('2', { priority: 5, firstResponseMinutes: 25, nextResponseMinutes: null });
    const moved = repickSla(sla, urgent, t0 + 20 * MIN, win, win, false);
    expect(moved.policyId).toBe(urgent.id);
    expect(moved.firstResponse).toMatchObject({ targetMinutes: 25, elapsedMs: 20 * MIN });
    expect(moved.firstResponse?.dueAt).toBe('2026-12-07T12:25:00.000Z');
    const clock = moved.firstResponse;
    expect(clock && elapsedAt(clock, t0 + 22 * MIN, win)).toBe(22 * MIN);
  });
});
