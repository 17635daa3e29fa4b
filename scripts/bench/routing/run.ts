// `npm run bench:routing` (also the last step of `npm run bench`; alone with BENCH_ONLY=routing): close →
// next assignment reaching the agent's dashboard, automatic beside a manual take (the floor), with 50 agents
// online and 2,000 queued in one tenant; workerd's CPU per assignment over bursts of 50 at once; the tenant
// inbox with 10,000 open conversations (SQLite size, workerd RSS). Starts its own stack (loopback only),
// writes .fio/bench/routing.{json,md}; every loop is bounded and everything it started is stopped.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ROOT, startStack } from '../../lib/stack';
import { benchLogLevel } from '../config';
import { benchLifecycle } from '../lifecycle';
import { pooled } from '../pool';
import { skippedLine } from '../selection';
import { type BurstRecord, burst } from './burst';
import { Dashboard, signIn } from './dashboards';
import { measureMemory } from './memory';
import { type ModeSwitch, switchMode } from './mode';
import { touchAll } from './objects';
import { renderText, reportBase, writeReport } from './report';
import { type Agent, type RoundContext, type RoundSample, record, round, type Side } from './rounds';
import { conversationIds, seedBenchTenant, seedConversations } from './seed';
import { settings } from './settings';

const log = (line: string) => process.stderr.write(`[bench:routing] ${line}\n`);
const lifecycle = benchLifecycle(log, 'the stack and the dashboards');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

/** Rounds before each side's first block, not counted: the Worker's and the objects' code paths warm. */
const WARMUP_ROUNDS = 3;

async function main(): Promise<void> {
  const s = settings;
  log(`starting the stack in ${s.stackDir}`);
  const stack = await lifecycle.owned(
    startStack({
      dataDir: s.stackDir,
      fresh: true,
      logLevel: benchLogLevel(),
      // The agents' tokens outlive the run (the default 15 min would expire mid-run on a busy machine).
      accessTokenTtlSeconds: 6 * 3600,
    }),
  );
  const base = stack.workerUrl;
  const t0 = performance.now();
  const tenant = await seedBenchTenant(stack.ownerUrl, {
    slug: 'bench-roteamento',
    name: 'Provedor Bench Roteamento',
    agents: s.agents,
    mode: 'manual',
    capacity: s.capacity,
  });
  const total = s.agents * s.capacity + s.queued;
  await seedConversations(stack.ownerUrl, tenant, total, {
    agentIds: tenant.agents.map((a) => a.id),
    perAgent: s.capacity,
  });
  log(
    `seeded ${s.agents} agents and ${total} conversations in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const ownerDesk = await signIn(base, tenant.owner);
  if (s.warm) {
    const t1 = performance.now();
    // The agents' conversations and the part of the queue the rounds and bursts will reach.
    const reach = s.agents * s.capacity + 2 * (s.rounds + WARMUP_ROUNDS + s.bursts * s.agents) + s.agents;
    const ids = await conversationIds(stack.ownerUrl, tenant.tenantId, reach);
    const warmed = await touchAll(ids, (id) => ownerDesk.summary(id), s.setupConcurrency);
    log(
      `woke ${warmed.ok}/${ids.length} conversation objects in ${((performance.now() - t1) / 1000).toFixed(1)} s` +
        (warmed.retried ? ` (${warmed.retried} retries)` : ''),
    );
  }

  // The supervisor's dashboard first: its hello rebuilds the inbox from Postgres and replays every summary.
  const supervisor = await lifecycle.owned(
    Dashboard.open(base, tenant.owner, ownerDesk.token, 0, true, s.setupTimeoutMs).then((d) =>
      Object.assign(d, { stop: async () => d.close() }),
    ),
  );
  log(`the inbox holds ${supervisor.all.size} summaries (version ${supervisor.version})`);
  const desks = await pooled(
    tenant.agents.map((a) => () => signIn(base, a)),
    Math.min(4, s.setupConcurrency),
  );
  const dashboards = await pooled(
    desks.map(
      (d) => () =>
        lifecycle.owned(
          Dashboard.open(base, d.agent, d.token, supervisor.version, false, s.setupTimeoutMs).then((x) =>
            Object.assign(x, { stop: async () => x.close() }),
          ),
        ),
    ),
    s.setupConcurrency,
  );
  for (const d of dashboards) d.adopt(supervisor.all.values());
  const agents: Agent[] = desks.map((desk, i) => ({ desk, dashboard: dashboards[i] as Dashboard }));
  const full = agents.filter((a) => a.dashboard.assigned.size === s.capacity).length;
  log(`${agents.length} dashboards live; ${full} agents at capacity ${s.capacity}`);

  const ctx: RoundContext = { supervisor, teamId: tenant.teamId, timeoutMs: s.roundTimeoutMs };
  const switches = new Set<ModeSwitch>();
  const mode = async (side: Side) => {
    switches.add(
      await switchMode(
        base,
        ownerDesk.token,
        stack.ownerUrl,
        tenant.teamId,
        side === 'floor' ? 'manual' : 'balanced',
      ),
    );
    // Let the switch's own drain (nothing to assign: every agent is full) settle.
    await sleep(500);
  };
  const notRun: string[] = [];
  let next = 0;
  const nextAgent = () => agents[next++ % agents.length] as Agent;
  const samples: Record<Side, RoundSample[]> = { floor: [], routing: [] };
  let routingWorks = true;
  const warmed = new Set<Side>();
  const perBlock = Math.ceil(s.rounds / s.blocks);

  for (let b = 0; b < s.blocks; b++) {
    const order: Side[] = b % 2 === 0 ? ['floor', 'routing'] : ['routing', 'floor'];
    for (const side of order) {
      if (side === 'routing' && !routingWorks) continue;
      await mode(side);
      if (!warmed.has(side)) {
        warmed.add(side);
        const probe = await round(ctx, nextAgent(), side);
        if (side === 'routing' && !Number.isFinite(probe.totalMs)) {
          routingWorks = false;
          notRun.push(
            `routing: no automatic assignment reached the dashboard within ${s.roundTimeoutMs} ms of a close ` +
              `(${probe.error}); this build assigns nothing by itself yet`,
          );
          continue;
        }
        for (let i = 1; i < WARMUP_ROUNDS; i++) {
          await sleep(s.gapMs);
          await round(ctx, nextAgent(), side);
        }
      }
      const n = Math.min(perBlock, s.rounds - samples[side].length);
      log(`block ${b + 1}: ${n} ${side} rounds`);
      for (let i = 0; i < n; i++) {
        await sleep(s.gapMs);
        const sample = await round(ctx, nextAgent(), side);
        samples[side].push(sample);
        if (sample.error && samples[side].filter((x) => x.error).length <= 3)
          log(`  ${side} round ${samples[side].length}: ${sample.error}`);
      }
      const r = record(side, samples[side]);
      log(`  ${side} so far: p50 ${r.total.p50.toFixed(1)} ms, p99 ${r.total.p99.toFixed(1)} ms`);
    }
  }

  const bursts: BurstRecord[] = [];
  for (let i = 0; i < s.bursts; i++) {
    const order: Side[] = i % 2 === 0 ? ['floor', 'routing'] : ['routing', 'floor'];
    for (const side of order) {
      if (side === 'routing' && !routingWorks) continue;
      await mode(side);
      await sleep(1_000);
      log(`burst ${i + 1}: ${agents.length} ${side} closes at once`);
      const rec = await burst({ ...ctx, timeoutMs: s.burstTimeoutMs }, agents, side);
      bursts.push(rec);
      log(
        `  ${rec.assigned}/${rec.triggers} assigned in ${rec.seconds.toFixed(1)} s, ` +
          `workerd ${rec.workerdCpuMsPerAssignment.toFixed(2)} CPU ms per assignment`,
      );
    }
  }
  if (!routingWorks && s.bursts > 0) notRun.push('routing bursts: skipped (no automatic assignment)');

  for (const d of dashboards) d.close();
  supervisor.close();

  let memory = null;
  if (s.open > 0) {
    log(`memory: a tenant with ${s.open} open conversations`);
    memory = await measureMemory(stack, s, log);
  }

  const report = {
    date: new Date().toISOString(),
    ...reportBase(s),
    commit: git('rev-parse', '--short', 'HEAD'),
    modeSwitch:
      [...switches]
        .map((x) => (x === 'route' ? 'PATCH /api/teams/:id/routing' : 'the teams row in Postgres'))
        .join(' and ') || '—',
    sides: (['floor', 'routing'] as const).filter((x) => samples[x].length).map((x) => record(x, samples[x])),
    bursts,
    memory,
    notRun,
  };
  process.stdout.write(`\n${renderText(report)}\n`);
  const files = writeReport(s.reportDir, report);
  log(`wrote ${files.json} and ${files.md}`);
}

if (!settings.selected) {
  log(skippedLine('routing'));
} else {
  await lifecycle.run(main);
}
