// CPU per assignment: every agent closes one conversation at the same moment (50 triggers at once) and the
// bench waits until each has its next conversation on its dashboard: by the drain (routing) or by its own
// take of a distinct queued conversation (floor). workerd's CPU time over the burst (user + system, from
// /proc) divided by the assignments made is the cost of one close → assignment in the whole Worker and its
// objects; the tenant inbox's own share is part of it (workerd does not expose per-object CPU locally, and
// Date/performance.now() do not advance during synchronous work inside an object, so in-object timers
// cannot measure it). The floor's number is the same close plus a manual take, so the difference is what
// the automatic path costs over the manual one.
import { performance } from 'node:perf_hooks';
import { type CpuUsage, snapshot, usage } from '../cpu';
import { summarize } from '../stats';
import type { Summary } from '../types';
import { type Agent, type RoundContext, round, type Side } from './rounds';

export interface BurstRecord {
  side: Side;
  triggers: number;
  assigned: number;
  seconds: number;
  /** Close start → assignment frame, per agent, over the burst. */
  total: Summary;
  cpu: CpuUsage;
  /** workerd CPU ms (user + system) per assignment made; Postgres's likewise. */
  workerdCpuMsPerAssignment: number;
  postgresCpuMsPerAssignment: number;
  errors: string[];
}

/** Kept in the CPU window after the last frame (the archive's flush to Postgres comes after it). */
const TAIL_MS = 2_000;

const cpuMs = (cpu: CpuUsage, role: string) => (cpu.cores[role] ?? 0) * cpu.seconds * 1000;

export async function burst(ctx: RoundContext, agents: Agent[], side: Side): Promise<BurstRecord> {
  // The floor: each agent takes its own conversation from the queue's head, so no two race for one.
  const heads = ctx.supervisor.queue(ctx.teamId).map((s) => s.conversationId);
  const roles = new Map([[process.pid, 'bench (node)']]);
  const before = snapshot();
  const t0 = performance.now();
  const samples = await Promise.all(
    agents.map((a, i) => round(ctx, a, side, side === 'floor' ? (heads[i] ?? null) : undefined)),
  );
  const seconds = (performance.now() - t0) / 1000;
  // The archive's flush to Postgres follows the frames; the window takes it in, on both sides alike.
  await new Promise((r) => setTimeout(r, TAIL_MS));
  const cpu = usage(before, snapshot(), roles);
  const assigned = samples.filter((s) => Number.isFinite(s.totalMs)).length;
  const per = (role: string) => (assigned ? cpuMs(cpu, role) / assigned : Number.NaN);
  return {
    side,
    triggers: agents.length,
    assigned,
    seconds,
    total: summarize(samples.map((s) => s.totalMs).filter(Number.isFinite)),
    cpu,
    workerdCpuMsPerAssignment: per('workerd (app + DOs)'),
    postgresCpuMsPerAssignment: per('postgres'),
    errors: [...new Set(samples.map((s) => s.error).filter((e): e is string => e !== null))].slice(0, 5),
  };
}
