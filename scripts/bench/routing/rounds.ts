// One measured round per agent turn, on either side:
//   routing: the agent closes one of its conversations (POST ticket {action:'close'}); timed until its own
//            dashboard receives the summary frame assigning it a conversation it did not hold (the drain's
//            work: close → inbox → assignment through the conversation object → summary → dashboard).
//   floor:   the same close, then the agent's own manual take of the queue's head as the supervisor's
//            dashboard shows it (POST ticket {action:'take'}); timed until that summary frame arrives.
// Both start the clock at the close's request and stop it on the agent's socket, so the difference is what
// the automatic path adds or saves over a person clicking "take" as fast as a program can.
import { performance } from 'node:perf_hooks';
import { summarize } from '../stats';
import type { Summary } from '../types';
import type { Dashboard, Desk } from './dashboards';

export type Side = 'floor' | 'routing';

export interface Agent {
  desk: Desk;
  dashboard: Dashboard;
}

export interface RoundSample {
  side: Side;
  /** Close request start → the assignment's summary frame on the agent's dashboard (ms); NaN: none came. */
  totalMs: number;
  /** Close request start → its response. */
  closeAckMs: number;
  /** Close request start → the closed conversation's own summary frame on the dashboard. */
  closeFrameMs: number;
  /** Floor: the take's request (sent after the close's response) → its response. */
  takeAckMs: number | null;
  /** Routing: the conversation assigned was the queue's head when the round began. */
  inOrder: boolean | null;
  error: string | null;
}

export interface SideRecord {
  side: Side;
  samples: RoundSample[];
  total: Summary;
  closeAck: Summary;
  closeFrame: Summary;
  takeAck: Summary | null;
  missed: number;
  outOfOrder: number;
}

export interface RoundContext {
  supervisor: Dashboard;
  teamId: string;
  timeoutMs: number;
}

const fail = (side: Side, error: string, closeAckMs = Number.NaN): RoundSample => ({
  side,
  totalMs: Number.NaN,
  closeAckMs,
  closeFrameMs: Number.NaN,
  takeAckMs: null,
  inOrder: null,
  error,
});

/** `pick`: the floor's conversation to take (a burst hands each agent its own); default the queue's head. */
export async function round(
  ctx: RoundContext,
  agent: Agent,
  side: Side,
  pick?: string | null,
): Promise<RoundSample> {
  const { dashboard, desk } = agent;
  const me = desk.agent.id;
  const closing = [...dashboard.assigned][0];
  if (!closing) return fail(side, `${desk.agent.name} holds no conversation to close`);
  const held = new Set(dashboard.assigned);
  const head = pick !== undefined ? pick : (ctx.supervisor.queue(ctx.teamId)[0]?.conversationId ?? null);
  const closedFrame = dashboard.waitFor(
    (s) => s.conversationId === closing && s.status === 'closed',
    ctx.timeoutMs,
  );
  const assignedFrame = dashboard.waitFor(
    (s) =>
      s.assigneeId === me &&
      s.status === 'assigned' &&
      !held.has(s.conversationId) &&
      (side === 'routing' || s.conversationId === head),
    ctx.timeoutMs,
  );
  const t0 = performance.now();
  const closed = await desk.act(closing, { action: 'close' });
  const closeAckMs = closed.at - t0;
  if (closed.status !== 200) return fail(side, `close: HTTP ${closed.status} ${closed.body.slice(0, 160)}`);
  let takeAckMs: number | null = null;
  if (side === 'floor') {
    if (!head) return fail(side, 'the queue is empty', closeAckMs);
    const taken = await desk.act(head, { action: 'take' });
    takeAckMs = taken.at - closed.at;
    if (taken.status !== 200)
      return fail(side, `take: HTTP ${taken.status} ${taken.body.slice(0, 160)}`, closeAckMs);
  }
  const [got, closedGot] = await Promise.all([assignedFrame, closedFrame]);
  return {
    side,
    totalMs: got ? got.at - t0 : Number.NaN,
    closeAckMs,
    closeFrameMs: closedGot ? closedGot.at - t0 : Number.NaN,
    takeAckMs,
    inOrder: side === 'routing' && got ? got.summary.conversationId === head : null,
    error: got ? null : `no assignment frame within ${ctx.timeoutMs} ms`,
  };
}

const finite = (xs: number[]) => xs.filter(Number.isFinite);

export function record(side: Side, samples: RoundSample[]): SideRecord {
  return {
    side,
    samples,
    total: summarize(finite(samples.map((s) => s.totalMs))),
    closeAck: summarize(finite(samples.map((s) => s.closeAckMs))),
    closeFrame: summarize(finite(samples.map((s) => s.closeFrameMs))),
    takeAck: side === 'floor' ? summarize(finite(samples.map((s) => s.takeAckMs ?? Number.NaN))) : null,
    missed: samples.filter((s) => !Number.isFinite(s.totalMs)).length,
    outOfOrder: samples.filter((s) => s.inOrder === false).length,
  };
}
