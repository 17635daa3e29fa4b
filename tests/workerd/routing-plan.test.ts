// The routing plan as a pure function: balanced and round-robin choices, capacity, presence (only the agents
// given), team membership, manual teams and team-less conversations left alone, priority-then-age order, and
// a conversation requeued as unanswered going to someone else when anyone else can take it.
import { describe, expect, it } from 'vitest';
import {
  type PlanAgent,
  type PlanTeam,
  planAssignments,
  type QueuedConversation,
} from '../../durable-objects/tenant-inbox/routing-plan';

const T = '00000000-0000-4000-8000-000000000001';
const agent = (id: string, extra: Partial<PlanAgent> = {}): PlanAgent => ({
  id,
  name: id,
  capacity: 2,
  load: 0,
  lastAssignedMs: 0,
  ...extra,
});
const team = (mode: PlanTeam['mode'], memberIds: string[], lastAgentId: string | null = null): PlanTeam => ({
  id: T,
  mode,
  memberIds,
  lastAgentId,
});
let n = 0;
const queued = (priority: number, queuedMs: number, extra: Partial<QueuedConversation> = {}) => ({
  conversationId: `c${String(++n).padStart(3, '0')}`,
  protocol: null,
  teamId: T,
  priority,
  queuedMs,
  avoidAgentId: null,
  ...extra,
});

describe('routing plan', () => {
  it('balanced: three agents of capacity 2 and ten queued → six assigned, two each, by priority then age', () => {
    const queue = [
      queued(3, 10),
      queued(5, 50),
      queued(1, 1),
      queued(5, 20),
      queued(3, 5),
      queued(2, 3),
      queued(4, 40),
      queued(3, 30),
      queued(5, 60),
      queued(2, 2),
    ];
    const plan = planAssignments({
      teams: [team('balanced', ['a', 'b', 'c'])],
      agents: [agent('a'), agent('b'), agent('c')],
      queue,
    });
    expect(plan).toHaveLength(6);
    const per = (id: string) => plan.filter((p) => p.agentId === id).length;
    expect([per('a'), per('b'), per('c')]).toEqual([2, 2, 2]);
    const byId = new Map(queue.map((q) => [q.conversationId, q]));
    expect(
      plan.map((p) => [byId.get(p.conversationId)?.priority, byId.get(p.conversationId)?.queuedMs]),
    ).toEqual([
      [5, 20],
      [5, 50],
      [5, 60],
      [4, 40],
      [3, 5],
      [3, 10],
    ]);
  });

  it('balanced: the least loaded first, ties to the one assigned least recently; never over capacity', () => {
    const plan = planAssignments({
      teams: [team('balanced', ['a', 'b', 'c'])],
      agents: [
        agent('a', { load: 1 }),
        agent('b', { lastAssignedMs: 200 }),
        agent('c', { lastAssignedMs: 100 }),
      ],
      queue: [queued(3, 1), queued(3, 2), queued(3, 3), queued(3, 4), queued(3, 5), queued(3, 6)],
    });
    expect(plan.map((p) => p.agentId)).toEqual(['c', 'b', 'a', 'c', 'b']);
  });

  it('round-robin: the next member after the last one, skipping full ones, wrapping around', () => {
    const plan = planAssignments({
      teams: [team('round_robin', ['a', 'b', 'c', 'd'], 'b')],
      agents: [agent('a'), agent('b'), agent('c', { load: 2 }), agent('d', { capacity: 1 })],
      queue: [queued(3, 1), queued(3, 2), queued(3, 3), queued(3, 4)],
    });
    expect(plan.map((p) => p.agentId)).toEqual(['d', 'a', 'b', 'a']);
  });

  it('only members of the team; manual teams and team-less conversations are left in the queue', () => {
    const other = '00000000-0000-4000-8000-000000000002';
    const manual = '00000000-0000-4000-8000-000000000003';
    const plan = planAssignments({
      teams: [
        team('balanced', ['a']),
        { id: manual, mode: 'manual', memberIds: ['a', 'b'], lastAgentId: null },
      ],
      agents: [agent('a', { capacity: 5 }), agent('b', { capacity: 5 })],
      queue: [
        queued(5, 1, { teamId: null }),
        queued(5, 2, { teamId: manual }),
        queued(5, 3, { teamId: other }),
        queued(1, 4),
      ],
    });
    expect(plan).toEqual([expect.objectContaining({ agentId: 'a', teamId: T })]);
  });

  it('an unanswered requeue goes to someone else when possible, back to the same agent when not', () => {
    const one = planAssignments({
      teams: [team('balanced', ['a', 'b'])],
      agents: [agent('a'), agent('b', { load: 1 })],
      queue: [queued(3, 1, { avoidAgentId: 'a' })],
    });
    expect(one.map((p) => p.agentId)).toEqual(['b']);
    const alone = planAssignments({
      teams: [team('balanced', ['a', 'b'])],
      agents: [agent('a')],
      queue: [queued(3, 1, { avoidAgentId: 'a' })],
    });
    expect(alone.map((p) => p.agentId)).toEqual(['a']);
  });

  it('nobody with free capacity: nothing is planned', () => {
    expect(
      planAssignments({
        teams: [team('balanced', ['a'])],
        agents: [agent('a', { capacity: 0 })],
        queue: [queued(5, 1)],
      }),
    ).toEqual([]);
  });
});
