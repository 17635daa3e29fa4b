// `npm run bench:scale` (in `npm run bench` only with BENCH_SCALE=1: it takes long): many
// tenants on one machine. Seeds SCALE_TENANTS providers (each a WhatsApp number on the Graph API simulator,
// an owner and agents), creates SCALE_CONVERSATIONS conversations for real (each customer's first message
// through the signed webhook path), opens SCALE_SOCKETS sockets (agents' dashboards, then agents'
// conversation sockets), then runs webhooks and agent replies at a steady rate: first against one tenant
// (the baseline), then across every tenant, for SCALE_MINUTES. Measures memory per socket and per idle
// conversation object, delivery and archive lag p99, Postgres rows and connections, lost or duplicated
// messages, and the per-message resource use the cost model reads (scripts/cost/measured-usage.json).
// Loopback only; every loop is bounded; everything it started is stopped.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { ROOT, startStack } from '../../lib/stack';
import { benchLogLevel } from '../config';
import { snapshot, usage } from '../cpu';
import { benchLifecycle } from '../lifecycle';
import { pooled } from '../pool';
import { skippedLine, suiteSelected } from '../selection';
import { checkClone, cloneConversations } from './clones';
import { classStore } from './dostore';
import { awaitDeliveries, measurePhase } from './measure';
import {
  archived,
  connectionSampler,
  pgCounts,
  settled,
  totalRss,
  workerdOpenFiles,
  workerdProcesses,
} from './probes';
import { type ScaleReport, writeScaleReport } from './report';
import { settings as s } from './settings';
import { SocketFleet } from './sockets';
import { seedScaleTenants } from './tenants';
import { type Target, Traffic } from './traffic';

const log = (line: string) => process.stderr.write(`[bench:scale] ${line}\n`);
const lifecycle = benchLifecycle(log, 'the stack and the sockets');
const secs = (t0: number) => (performance.now() - t0) / 1000;
const MARKER = /#[a-z0-9]+#/;

function openFilesText(): string {
  const f = workerdOpenFiles();
  const k = f.kinds;
  return (
    `busiest workerd holds ${f.open} open files (limit ${f.limit ?? '?'}: ` +
    `${k.sockets} sockets, ${k.sqlite} SQLite, ${k.other} other)`
  );
}

async function main(): Promise<void> {
  const runTag = randomBytes(3).toString('hex');
  const stack = await lifecycle.owned(
    startStack({
      dataDir: s.stackDir,
      fresh: true,
      // Errors only unless BENCH_LOG_LEVEL says otherwise: locally every line the Worker logs is parsed by
      // wrangler's node process (at the objects' priority), and a storm of retry warnings across thousands of
      // objects took the CPU the objects needed (README: "the full-size scale run, completed"). Failures still
      // count: the harness reads outcomes (non-2xx, lost, duplicated), not logs.
      logLevel: process.env.BENCH_LOG_LEVEL ? benchLogLevel() : 'error',
      accessTokenTtlSeconds: 6 * 3600,
      // A phone reports sent → delivered → read for every reply, as in production (3 status webhooks each).
      simulatorAutoStatuses: true,
      httpProcesses: s.httpProcesses,
      // Production reaches Postgres through a pooler (Neon's -pooler endpoint, Hyperdrive): a new connection
      // there starts no Postgres backend. Here each one did (~20 ms of CPU), and the many-tenant phase spent
      // the machine on them (README, "the many-tenant collapse, found").
      pgSessionPool: s.pgSessionPool,
    }),
  );
  const base = stack.workerUrl;
  // Sockets go round-robin over every HTTP Worker process; webhooks and replies to the first.
  const socketBases = stack.worker.httpUrls();
  const stateRoot = join(s.stackDir, 'worker');
  const conns = connectionSampler(stack.ownerUrl);
  lifecycle.owned(Promise.resolve({ stop: async () => void (await conns.stop()) }));

  let t0 = performance.now();
  const tenants = await seedScaleTenants(stack, s.stackDir, s.tenants, s.agents);
  const seedSeconds = secs(t0);
  log(`seeded ${tenants.length} tenants in ${seedSeconds.toFixed(1)} s`);

  const traffic = new Traffic(base, stack.secrets.whatsappAppSecret, runTag);
  // Warm the Worker and one object of each kind before the idle reading.
  await traffic.openConversations(tenants.slice(0, 1), 1, 1);
  const rssIdle = await settled();
  const perTenant = Math.ceil(s.conversations / s.tenants);
  // Every conversation the sockets watch (and so the traffic reaches) is created for real; see clones.ts.
  const watchedPerTenant = Math.ceil(Math.max(0, s.sockets - s.tenants * s.agents) / s.tenants);
  const realPerTenant = Math.min(perTenant, Math.max(1, s.realPerTenant || watchedPerTenant));
  log(
    `creating ${realPerTenant * s.tenants} conversations for real (${s.setupConcurrency} at a time), ` +
      `then ${(perTenant - realPerTenant) * s.tenants} copies of them…`,
  );
  t0 = performance.now();
  const opened = await traffic.openConversations(
    tenants,
    realPerTenant,
    s.setupConcurrency,
    (done, failed, total) =>
      log(
        `  ${done}/${total} conversations (${(done / secs(t0)).toFixed(1)}/s, ${failed} failed); ${openFilesText()}`,
      ),
  );
  const openSeconds = secs(t0);
  const openErrors = opened.filter((o) => o.status !== 200).length;
  const rssObjectsNow = totalRss();
  const rssObjects = await settled();
  log(
    `created in ${openSeconds.toFixed(1)} s (${(opened.length / openSeconds).toFixed(1)}/s, ${openErrors} errors); ` +
      `workerd RSS ${(rssIdle / 1e6).toFixed(0)} → ${(rssObjects / 1e6).toFixed(0)} MB; ${openFilesText()}`,
  );
  t0 = performance.now();
  const cloned = await cloneConversations(stack.ownerUrl, tenants, realPerTenant, perTenant);
  const cloneSeconds = secs(t0);
  log(`copied ${cloned} conversations in SQL in ${cloneSeconds.toFixed(1)} s`);
  const first = tenants[0];
  if (cloned > 0 && first)
    await checkClone(stack.ownerUrl, first, perTenant - 1, () =>
      traffic.webhook(first, perTenant - 1, 'clone-check', `Alguém aí? (${runTag})`),
    );

  // Which conversation each (tenant, customer) became.
  const byTenant = new Map(tenants.map((t) => [t.tenantId, t]));
  const client = new pg.Client({ connectionString: stack.ownerUrl });
  await client.connect();
  const rows = (
    await client.query<{ id: string; tenant_id: string; phone: string }>(
      `select c.id, c.tenant_id, k.phone from conversations c join contacts k on k.id = c.contact_id
        where c.tenant_id = any($1::uuid[])`,
      [tenants.map((t) => t.tenantId)],
    )
  ).rows;
  await client.end();
  const targetsByTenant = new Map<number, Target[]>();
  for (const r of rows) {
    const tenant = byTenant.get(r.tenant_id);
    if (!tenant) continue;
    const customer = Number(r.phone.slice(-5));
    const list = targetsByTenant.get(tenant.index) ?? [];
    list.push({ tenant, customer, conversationId: r.id });
    targetsByTenant.set(tenant.index, list);
  }
  for (const list of targetsByTenant.values()) list.sort((a, b) => a.customer - b.customer);
  const conversationsFound = rows.length;

  // Sockets: every agent's dashboard, then conversation sockets round-robin over the tenants.
  const fleet = new SocketFleet(MARKER);
  lifecycle.owned(Promise.resolve({ stop: async () => fleet.close() }));
  let next = 0;
  const socketBase = () => socketBases[next++ % socketBases.length] as string;
  const dashboards = tenants.flatMap((t) =>
    t.agents.map((a) => () => fleet.openInbox(socketBase(), a.token)),
  );
  const convSockets = Math.max(0, s.sockets - dashboards.length);
  const watched: Target[] = [];
  for (let i = 0; watched.length < convSockets && i < realPerTenant; i++)
    for (const t of tenants) {
      const target = targetsByTenant.get(t.index)?.[i];
      if (target && watched.length < convSockets) watched.push(target);
    }
  const rssBeforeSockets = await settled();
  t0 = performance.now();
  let socketErrors = 0;
  let socketsReady = 0;
  // Progress every 250 sockets, with the busiest workerd's descriptors: the full-size run ran out of them here.
  const guard = (open: () => Promise<void>) => () =>
    open().then(
      () => {
        socketsReady++;
        if (socketsReady % 250 === 0) log(`  ${socketsReady} sockets ready; ${openFilesText()}`);
      },
      (err) => {
        socketErrors++;
        if (socketErrors <= 3) log(`socket failed: ${String(err)}`);
      },
    );
  await pooled(dashboards.map(guard), s.setupConcurrency);
  await pooled(
    watched.map((w, i) =>
      guard(() =>
        fleet.openConversation(
          socketBase(),
          w.conversationId,
          (w.tenant.agents[i % w.tenant.agents.length] ?? w.tenant.owner).token,
        ),
      ),
    ),
    s.setupConcurrency,
  );
  const socketsSeconds = secs(t0);
  const rssSockets = await settled();
  const dashboardsOpen = fleet.count('inbox');
  const openSockets = dashboardsOpen + fleet.count('conversation');
  log(
    `${openSockets} sockets open (${dashboardsOpen} dashboards) in ${socketsSeconds.toFixed(1)} s, ` +
      `${socketErrors} failed; RSS ${(rssBeforeSockets / 1e6).toFixed(0)} → ${(rssSockets / 1e6).toFixed(0)} MB; ` +
      openFilesText(),
  );
  const live = watched.filter((_, i) => i < fleet.count('conversation'));
  if (live.length === 0)
    throw new Error(
      `no conversation socket stayed open (${socketErrors} failed to open): the stack lost them; ` +
        `see ${join(s.stackDir, 'worker.log')} for workerd's own words (a crash, such as too many open files)`,
    );

  // Replies' arrival at the Graph API simulator.
  const graph = new Map<string, number[]>();
  const unlisten = stack.whatsapp.onSend((rec) => {
    const m = MARKER.exec(rec.text ?? '');
    if (!m) return;
    const at = performance.now();
    const list = graph.get(m[0]);
    if (list) list.push(at);
    else graph.set(m[0], [at]);
  });

  const rates = { webhooks: s.webhooksPerSecond, replies: s.repliesPerSecond };
  let baseline = null;
  if (s.baselineMinutes > 0) {
    const one = live.filter((w) => w.tenant.index === 0);
    log(`baseline: one tenant (${one.length} conversations), ${s.baselineMinutes} min`);
    const b = await traffic.steady(one, s.baselineMinutes * 60, rates, 'b');
    await awaitDeliveries(b.webhooks, b.replies, fleet.arrivals, graph, s.deliveryTimeoutMs);
    const a = await archived(stack.ownerUrl, `%${runTag} #b%`);
    baseline = measurePhase(
      s.baselineMinutes * 60,
      b.webhooks,
      b.replies,
      fleet.arrivals,
      graph,
      a.markers,
      a.lagMs,
    );
  }

  log(`steady: ${tenants.length} tenants (${live.length} conversations), ${s.minutes} min`);
  const doBefore = await classStore(stateRoot, 'ConversationDO');
  const inboxBefore = await classStore(stateRoot, 'TenantInboxDO');
  const pgBefore = await pgCounts(stack.ownerUrl);
  const cpu0 = snapshot();
  const m = await traffic.steady(live, s.minutes * 60, rates, 'm');
  await awaitDeliveries(m.webhooks, m.replies, fleet.arrivals, graph, s.deliveryTimeoutMs);
  const cpu1 = snapshot();
  const pgAfter = await pgCounts(stack.ownerUrl);
  const a = await archived(stack.ownerUrl, `%${runTag} #m%`);
  const steady = measurePhase(
    s.minutes * 60,
    m.webhooks,
    m.replies,
    fleet.arrivals,
    graph,
    a.markers,
    a.lagMs,
  );
  const doAfter = await classStore(stateRoot, 'ConversationDO');
  const inboxAfter = await classStore(stateRoot, 'TenantInboxDO');
  unlisten();
  const connections = await conns.stop();
  const closedEarly = fleet.closedEarly;
  fleet.close();

  const report: ScaleReport = {
    date: new Date().toISOString(),
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim(),
    settings: { ...s, stackDir: undefined, reportDir: undefined, usageFile: undefined },
    runTag,
    setup: {
      seedSeconds,
      conversations: {
        requested: perTenant * s.tenants,
        created: conversationsFound,
        real: opened.length,
        cloned,
        seconds: openSeconds,
        cloneSeconds,
        errors: openErrors,
      },
      httpProcesses: socketBases.length,
      sockets: {
        requested: s.sockets,
        open: openSockets,
        dashboards: dashboardsOpen,
        failed: socketErrors,
        seconds: socketsSeconds,
        closedEarly,
      },
    },
    memory: {
      processes: workerdProcesses(),
      rssIdle,
      rssObjectsNow,
      rssObjects,
      rssBeforeSockets,
      rssSockets,
      objectsCreated: opened.length - openErrors,
      socketsOpened: openSockets,
    },
    baseline,
    steady,
    skipped: traffic.skipped,
    cpu: usage(cpu0, cpu1, new Map([[process.pid, 'bench driver (node)']])),
    postgres: { before: pgBefore, after: pgAfter, connections },
    objects: { conversationsBefore: doBefore, conversationsAfter: doAfter, inboxBefore, inboxAfter },
  };
  traffic.close();
  writeScaleReport(report, s, log);
}

if (!suiteSelected('scale')) {
  log(skippedLine('scale'));
} else {
  await lifecycle.run(main);
}
