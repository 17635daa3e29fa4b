// `npm run bench:reports` (also part of `npm run bench`; alone with BENCH_ONLY=reports): "the screens load in
// under a second for a tenant with a year of history". Seeds a year of support history (~150 tickets a day)
// for the demo tenant straight into Postgres as the archive writes it, and a week at the same rate for Fibra
// Sul (the side-by-side baseline); lets the product's minute job build the report facts and rollups (timed);
// checks the API's counts against Postgres; then times every report endpoint and CSV for 7 days, 30 days and
// 12 months on both tenants in alternating rounds (and /api/me, the floor), and the "Relatórios" screen in
// Chromium, cold and warm. Starts its own stack (loopback only), writes .fio/bench/reports.{json,md}; every
// wait is bounded and everything it started is stopped.
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { todayIn } from '../../../app/agent/admin/reports/report-range';
import { launchBrowser } from '../../../tests/support/browser';
import { ROOT, startStack } from '../../lib/stack';
import { signIn } from '../campaigns/campaign';
import { benchLogLevel } from '../config';
import { snapshot, usage } from '../cpu';
import { benchLifecycle } from '../lifecycle';
import { skippedLine } from '../selection';
import { workerRoles } from '../worker-roles';
import { apiCases, measureApi, rangeOf } from './api';
import { checkData } from './check';
import { explainSlowest } from './explain';
import { buildReport, type ReportsBenchResult, renderText, writeReport } from './report';
import { buildFacts } from './rollup';
import { measureScreen } from './screen';
import { seedHistory } from './seed';
import { settings } from './settings';

const log = (line: string) => process.stderr.write(`[bench:reports] ${line}\n`);
const lifecycle = benchLifecycle(log, 'the stack and the browser');
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

async function main(): Promise<void> {
  const s = settings;
  log(`starting the stack in ${s.stackDir}`);
  const stack = await lifecycle.owned(
    startStack({
      dataDir: s.stackDir,
      fresh: true,
      logLevel: benchLogLevel(),
      accessTokenTtlSeconds: 6 * 3600,
    }),
  );
  const base = stack.workerUrl;
  const roles = new Map([[process.pid, 'bench + simulators'], ...workerRoles(stack.worker)]);
  const db = new pg.Client({ connectionString: stack.ownerUrl });
  await db.connect();
  lifecycle.owned(Promise.resolve({ stop: () => db.end() }));
  const zoneOf = async (id: string) =>
    (await db.query<{ timezone: string }>('select timezone from tenants where id = $1', [id])).rows[0]
      ?.timezone ?? 'America/Sao_Paulo';
  const year = { id: stack.demo.tenantId, zone: await zoneOf(stack.demo.tenantId) };
  const small = { id: stack.fibra.tenantId, zone: await zoneOf(stack.fibra.tenantId) };
  const today = todayIn(year.zone, Date.now());
  const result: ReportsBenchResult = {
    commit: git('rev-parse', '--short', 'HEAD'),
    today,
    seed: null,
    smallSeed: null,
    rollup: null,
    checks: [],
    api: null,
    screen: null,
    explain: [],
    cpu: [],
    notes: [],
  };

  let before = snapshot();
  log(
    `seeding ${s.days} days × ~${s.ticketsPerDay} tickets for the demo tenant (year), ${s.smallDays} for Fibra Sul`,
  );
  const common = {
    zone: year.zone,
    lastDay: today,
    ticketsPerDay: s.ticketsPerDay,
    extraAgents: s.extraAgents,
  };
  result.seed = await seedHistory(
    db,
    { ...common, tenantId: year.id, days: s.days, seed: 16, label: 'year' },
    log,
  );
  result.smallSeed = await seedHistory(
    db,
    { ...common, zone: small.zone, tenantId: small.id, days: s.smallDays, seed: 61, label: 'small' },
    log,
  );
  result.cpu.push({
    phase: 'seed (bulk inserts)',
    targets: 'Postgres',
    usage: usage(before, snapshot(), roles),
  });
  log(
    `seeded ${result.seed.tickets} tickets, ${result.seed.events} events (year) and ${result.smallSeed.tickets} tickets ` +
      `(small) in ${((result.seed.ms + result.smallSeed.ms) / 1000).toFixed(1)} s`,
  );

  before = snapshot();
  result.rollup = await buildFacts({
    base,
    db,
    tenants: [year.id, small.id],
    timeoutMs: s.timeouts.rollupMs,
    log,
  });
  result.cpu.push({
    phase: 'rollup job (whole history)',
    targets: 'minute cron',
    usage: usage(before, snapshot(), roles),
  });
  log(`facts built in ${(result.rollup.ms / 1000).toFixed(1)} s over ${result.rollup.ticks} cron tick(s)`);

  const yearToken = await signIn(base, s.year);
  const smallToken = await signIn(base, s.small);
  result.checks = [
    ...(await checkData({
      base,
      token: yearToken,
      db,
      tenantId: year.id,
      zone: year.zone,
      range: rangeOf('12m', today),
      label: 'year, 12 months',
    })),
    ...(await checkData({
      base,
      token: yearToken,
      db,
      tenantId: year.id,
      zone: year.zone,
      range: rangeOf('7d', today),
      label: 'year, 7 days',
    })),
    ...(await checkData({
      base,
      token: smallToken,
      db,
      tenantId: small.id,
      zone: small.zone,
      range: rangeOf('7d', today),
      label: 'small, 7 days',
    })),
  ];
  for (const c of result.checks)
    log(`  check ${c.ok ? 'ok' : 'MISMATCH'}: ${c.what}: API ${c.api}, Postgres ${c.postgres}`);

  before = snapshot();
  result.api = await measureApi({
    base,
    year: { token: yearToken, tenant: 'year' },
    small: { token: smallToken, tenant: 'small' },
    cases: apiCases(today),
    repeats: s.repeats,
    timeoutMs: s.timeouts.requestMs,
    log,
  });
  result.cpu.push({
    phase: 'report API (alternating)',
    targets: 'year + small',
    usage: usage(before, snapshot(), roles),
  });

  result.explain = await explainSlowest(db, year.id, rangeOf('12m', today), log);

  if (s.screenCold + s.screenWarm > 0) {
    const browser = await lifecycle.owned(
      launchBrowser({ handleSIGINT: false, handleSIGTERM: false }).then((b) =>
        Object.assign(b, { stop: () => b.close() }),
      ),
    );
    before = snapshot();
    result.screen = await measureScreen({
      browser,
      base,
      today,
      logins: { year: s.year, small: s.small },
      cold: s.screenCold,
      warm: s.screenWarm,
      timeoutMs: s.timeouts.requestMs,
      log,
    });
    result.cpu.push({
      phase: 'screen in Chromium',
      targets: 'year + small',
      usage: usage(before, snapshot(), roles),
    });
  }

  const report = buildReport(result, s);
  process.stdout.write(`\n${renderText(report)}\n`);
  const files = writeReport(s.reportDir, report);
  log(`wrote ${files.json} and ${files.md}`);
}

if (!settings.selected) {
  log(skippedLine('reports'));
} else {
  await lifecycle.run(main);
}
