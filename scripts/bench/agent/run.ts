// The agent web client bench (`npm run bench`, or alone with BENCH_ONLY=agent): builds the app and weighs its
// initial JS, starts a fresh stack and Chromium, seeds a long conversation, then measures delivery to screen
// and opening/scrolling that conversation in the agent app beside a bare-page baseline in the same run.
// Writes .fio/bench/agent.{json,md}; always stops the stack, the browser and the customers' sockets.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { launchBrowser } from '../../../tests/support/browser';
import { buildAgentApp } from '../../lib/app-build';
import { ROOT, startStack } from '../../lib/stack';
import { benchLogLevel } from '../config';
import { type CpuUsage, snapshot, usage } from '../cpu';
import { postJson } from '../http';
import { benchLifecycle } from '../lifecycle';
import { skippedLine } from '../selection';
import { signedInPage } from './agent-page';
import { startBaselineServer } from './baseline-page';
import { Customer } from './customer';
import { measureBundle } from './measure-bundle';
import { measureDelivery } from './measure-delivery';
import { measureOpens } from './measure-open';
import { renderText, writeReport } from './render';
import { buildReport } from './report';
import { seedLongConversation } from './seed';
import { settings } from './settings';

const log = (line: string) => process.stderr.write(`[bench:agent] ${line}\n`);

const lifecycle = benchLifecycle(log, 'the stack, the browser and the customers');
const { owned } = lifecycle;

const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

async function main(): Promise<void> {
  const s = settings;
  log('building the agent app');
  await buildAgentApp(ROOT, { force: true });
  const bundle = measureBundle(join(ROOT, 'dist', 'agent'));
  log(`initial-load JS: ${(bundle.gzipBytes / 1000).toFixed(1)} KB gzip in ${bundle.files.length} file(s)`);

  log(`starting the Fio stack in ${s.stackDir} and Chromium`);
  const [stack, browser, baselineServer] = await Promise.all([
    owned(startStack({ dataDir: s.stackDir, fresh: true, logLevel: benchLogLevel() })),
    // Playwright's own SIGINT handler would exit the process mid-stop, leaving workerd running.
    owned(
      launchBrowser({ handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }).then((b) => ({
        b,
        stop: () => b.close(),
      })),
    ),
    owned(startBaselineServer()),
  ]);
  const base = stack.workerUrl;
  const { accessToken: agentToken } = await postJson<{ accessToken: string }>(
    `${base}/api/auth/login`,
    s.agent,
    200,
  );

  log(`seeding a ${s.seedMessages}-message conversation (${s.seedInFlight} in flight)`);
  const long = await seedLongConversation({
    base,
    ownerUrl: stack.ownerUrl,
    count: s.seedMessages,
    inFlight: s.seedInFlight,
    timeoutMs: s.timeouts.seedMs,
  });
  log(`  ${long.lastSeq} events in ${long.sendMs} ms, in Postgres ${long.archiveMs} ms later`);

  const customer = await owned(Customer.open(base, 'Bench entrega', s.timeouts.stepMs));
  const context = await browser.b.newContext({ viewport: s.viewport, locale: 'pt-BR' });
  // A page's own errors explain a measurement that never completes.
  context.on('page', (page) =>
    page
      .on('pageerror', (err) => log(`page error (${page.url()}): ${err.message}`))
      .on('console', (m) => {
        if (m.type() === 'error') log(`console error (${page.url()}): ${m.text()}`);
      }),
  );
  const agentPage = await signedInPage(context, base, s.agent, s.timeouts.stepMs);
  const baselinePage = await context.newPage();
  const pages = {
    base,
    agentToken,
    agentPage,
    baselinePage,
    baselineUrl: baselineServer.url,
    settings: s,
    log,
  };

  // Where the CPU went in each phase, and how much of the machine others were using meanwhile.
  const roles = new Map([[process.pid, 'bench (node, playwright)']]);
  const cpu: Record<string, CpuUsage> = {};
  log(`delivery: ${s.rounds} rounds × ${s.messages} messages, one every ${s.intervalMs} ms, per target`);
  let before = snapshot();
  const rounds = await measureDelivery({ ...pages, customer });
  cpu.delivery = usage(before, snapshot(), roles);
  log(`open: ${s.opens} opens of the long conversation per target`);
  before = snapshot();
  const opens = await measureOpens({ ...pages, long });
  cpu.open = usage(before, snapshot(), roles);

  const report = buildReport({
    settings: s,
    bundle,
    long,
    rounds,
    opens,
    cpu,
    commit: { head: git('rev-parse', '--short', 'HEAD'), ui: git('log', '-1', '--format=%h', '--', 'app') },
    chromium: `Chromium ${browser.b.version()}`,
  });
  process.stdout.write(`\n${renderText(report)}\n`);
  const files = writeReport(s.reportDir, report);
  log(`wrote ${files.json} and ${files.md}`);
}

if (!settings.selected) {
  log(skippedLine('agent'));
} else {
  await lifecycle.run(main);
}
