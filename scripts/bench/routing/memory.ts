// The tenant inbox object with 10,000 open conversations, in a tenant of its own. Its rows are written in
// Postgres; the inbox's first hello rebuilds from them (it reads at most REBUILD_LIMIT), and further
// rebuilds add the ones left out (see below) until the inbox holds them all. Then: the object's SQLite size, and
// workerd's resident memory with the inbox loaded against the same Worker without it, both measured on a
// fresh workerd (stopped and started on the same storage) so the 10,000 conversation objects woken to push
// are not counted: idle → a small tenant's dashboard (warms the Worker and the inbox class) → the big
// tenant's dashboard replaying every summary.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Stack } from '../../lib/stack';
import { postJson } from '../http';
import { Dashboard, signIn } from './dashboards';
import { forgetBuilt, inboxFiles, settledRss, workerdRss } from './inbox-size';
import { bumpActivity, conversationIds, seedBenchTenant, seedConversations } from './seed';
import type { RoutingSettings } from './settings';

export interface MemoryRecord {
  open: number;
  /** Summaries the first rebuild gave the inbox, and those later rebuilds added. */
  rebuilt: number;
  pushed: number;
  held: number;
  seedSeconds: number;
  pushSeconds: number;
  /** Each rebuild's hello → ready (the rebuild's Postgres read, then the replay of what it holds). */
  rebuildMs: number[];
  sqliteBytes: number | null;
  sqliteMethod: string;
  rss: { idle: number; warm: number; loaded: number; afterReplayGc: number };
  /** A dashboard's hello since 0 on the fresh workerd: socket open → ready with every summary. */
  replayMs: number;
  replayFrames: number;
  notes: string[];
}

const DEMO_AGENT = { email: 'bruno@demo.fio.local', password: 'fio-demo-agent' };

export async function measureMemory(
  stack: Stack,
  s: RoutingSettings,
  log: (line: string) => void,
): Promise<MemoryRecord> {
  const notes: string[] = [];
  const base = stack.workerUrl;
  const t0 = performance.now();
  const tenant = await seedBenchTenant(stack.ownerUrl, {
    slug: 'bench-memoria',
    name: 'Provedor Bench Memória',
    agents: 1,
    mode: 'manual',
    capacity: s.capacity,
  });
  await seedConversations(stack.ownerUrl, tenant, s.open, { agentIds: [], perAgent: 0 });
  const seedSeconds = (performance.now() - t0) / 1000;
  log(`memory: ${s.open} open conversations written in ${seedSeconds.toFixed(1)} s`);

  const owner = await signIn(base, tenant.owner);
  const tr = performance.now();
  let first = await Dashboard.open(base, tenant.owner, owner.token, 0, true, s.setupTimeoutMs);
  const rebuildMs = [performance.now() - tr];
  const rebuilt = first.all.size;
  log(`memory: the inbox rebuilt ${rebuilt} of ${s.open} summaries from Postgres`);
  const t1 = performance.now();
  let pushed = 0;
  if (rebuilt < s.open) {
    notes.push(
      `one rebuild of the inbox from Postgres reads at most ${rebuilt.toLocaleString('en-US')} conversations ` +
        `(REBUILD_LIMIT in workers/services/inbox-rebuild.ts): a tenant with ${s.open.toLocaleString('en-US')} ` +
        'open ones gets an incomplete inbox after a rebuild',
    );
    // Pushing the rest through their conversation objects costs a cold object wake each (minutes per
    // thousand on two busy cores), so the inbox is filled by further rebuilds instead: the missing
    // conversations become the newest, the inbox's "built" flag is cleared with workerd stopped, and its
    // next hello adds them. The object ends up holding what pushes would have left in it.
    let rebuilds = 1;
    for (let generation = 2; first.all.size < s.open && generation <= 6; generation++) {
      rebuilds = generation;
      const missing = (await conversationIds(stack.ownerUrl, tenant.tenantId)).filter(
        (id) => !first.all.has(id),
      );
      first.close();
      await bumpActivity(stack.ownerUrl, tenant.tenantId, missing);
      await stack.worker.stop();
      const forgot = await forgetBuilt(join(s.stackDir, 'worker'), tenant.tenantId);
      await stack.worker.start();
      const again = await signIn(base, tenant.owner);
      const tg = performance.now();
      first = await Dashboard.open(base, tenant.owner, again.token, 0, true, s.setupTimeoutMs);
      rebuildMs.push(performance.now() - tg);
      log(`memory: rebuild ${generation}: the inbox holds ${first.all.size}`);
      if (!forgot) {
        notes.push(
          "the inbox's built flag could not be cleared (node:sqlite missing, or the file not found)",
        );
        break;
      }
    }
    pushed = first.all.size - rebuilt;
    notes.push(`the inbox was filled in ${rebuilds} rebuilds (scripts/bench/routing/memory.ts)`);
  }
  const pushSeconds = (performance.now() - t1) / 1000;
  const held = first.all.size;
  log(`memory: the inbox holds ${held} summaries (${pushed} by later rebuilds, ${pushSeconds.toFixed(1)} s)`);
  first.close();

  // A fresh workerd on the same storage: only what the next steps wake is in memory.
  await stack.worker.stop();
  const files = await inboxFiles(join(s.stackDir, 'worker'));
  const mine = files.find((f) => f.tenantId === tenant.tenantId);
  if (!mine) notes.push(`the inbox's SQLite file was not found among ${files.length} inbox file(s)`);
  await stack.worker.start();
  const idle = await settledRss();
  const demo = await postJson<{ accessToken: string }>(`${base}/api/auth/login`, DEMO_AGENT, 200);
  const demoAgent = { id: '', email: DEMO_AGENT.email, name: 'Bruno' };
  const warmDash = await Dashboard.open(base, demoAgent, demo.accessToken, 0, false, s.setupTimeoutMs);
  const warm = await settledRss();
  const again = await signIn(base, tenant.owner);
  const t2 = performance.now();
  const big = await Dashboard.open(base, tenant.owner, again.token, 0, false, s.setupTimeoutMs);
  const replayMs = performance.now() - t2;
  const loaded = workerdRss().bytes;
  const afterReplayGc = await settledRss(10_000);
  const replayFrames = big.frames;
  big.close();
  warmDash.close();
  return {
    open: s.open,
    rebuilt,
    pushed,
    held,
    seedSeconds,
    pushSeconds,
    rebuildMs,
    sqliteBytes: mine?.bytes ?? null,
    sqliteMethod: mine?.method ?? '—',
    rss: { idle, warm, loaded, afterReplayGc },
    replayMs,
    replayFrames,
    notes,
  };
}
