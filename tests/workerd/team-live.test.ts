// The live team view's layout from a routing frame (app/agent/team-live/team-groups.ts): a card per queue with
// its team's agents (online first), agents in no team under "no team", and the longest wait as a clock.
import { describe, expect, it } from 'vitest';
import { teamGroups, waitClock } from '../../app/agent/team-live/team-groups';
import type { RoutingLoad } from '../../workers/contract';

const T1 = '00000000-0000-4000-8000-0000000000a1';
const T2 = '00000000-0000-4000-8000-0000000000a2';
const agent = (userId: string, name: string, status: 'online' | 'away' | 'offline', teamIds: string[]) => ({
  userId,
  name,
  status,
  load: 1,
  capacity: 2,
  teamIds,
});

describe('live team view', () => {
  it('groups agents under their teams’ queues, online first, and the teamless last', () => {
    const routing: RoutingLoad = {
      queues: [
        { teamId: T1, teamName: 'Suporte', mode: 'balanced', queued: 2, oldestQueuedAt: null },
        { teamId: T2, teamName: 'Financeiro', mode: 'manual', queued: 0, oldestQueuedAt: null },
      ],
      agents: [
        agent('00000000-0000-4000-8000-000000000001', 'Zeca', 'online', [T1]),
        agent('00000000-0000-4000-8000-000000000002', 'Ana', 'offline', [T1, T2]),
        agent('00000000-0000-4000-8000-000000000003', 'Bia', 'away', [T1]),
        agent('00000000-0000-4000-8000-000000000004', 'Caio', 'online', []),
      ],
    };
    const groups = teamGroups(routing);
    expect(groups.map((g) => [g.queue?.teamName ?? null, g.agents.map((a) => a.name)])).toEqual([
      ['Suporte', ['Zeca', 'Bia', 'Ana']],
      ['Financeiro', ['Ana']],
      [null, ['Caio']],
    ]);
  });

  it('puts teamless agents under the no-team queue when there is one, and nothing when empty', () => {
    const withNone: RoutingLoad = {
      queues: [{ teamId: null, teamName: null, mode: 'manual', queued: 1, oldestQueuedAt: null }],
      agents: [agent('00000000-0000-4000-8000-000000000004', 'Caio', 'online', [])],
    };
    expect(teamGroups(withNone).map((g) => [g.key, g.agents.length])).toEqual([['none', 1]]);
    expect(teamGroups({ queues: [], agents: [] })).toEqual([]);
  });

  it('shows the longest wait as m:ss, then h:mm:ss, never negative', () => {
    const at = Date.parse('2026-12-03T12:00:00.000Z');
    expect(waitClock('2026-12-03T11:59:18.000Z', at)).toBe('0:42');
    expect(waitClock('2026-12-03T11:47:55.000Z', at)).toBe('12:05');
    expect(waitClock('2026-12-03T10:57:51.000Z', at)).toBe('1:02:09');
    expect(waitClock('2026-12-03T12:00:05.000Z', at)).toBe('0:00');
  });
});
