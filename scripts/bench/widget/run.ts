// `npm run bench:widget` (also the last step of `npm run bench`): the website widget
// in Chromium on the demo host page (Stack.widgetHost, another origin with a strict CSP): script tag →
// launcher and launcher click → usable composer over cold loads beside a bare two-origin floor page, then
// customer → agent and agent → widget delivery to screen beside agent → agent (the floor) on the same
// conversation. Builds the clients, starts its own stack (loopback only), writes .fio/bench/widget.{json,md};
// every wait is bounded and everything it started is stopped.
import { execFileSync } from 'node:child_process';
import { launchBrowser } from '../../../tests/support/browser';
import { buildAgentApp } from '../../lib/app-build';
import { ROOT, startStack } from '../../lib/stack';
import { benchLogLevel } from '../config';
import { type CpuUsage, snapshot, usage } from '../cpu';
import { benchLifecycle } from '../lifecycle';
import { skippedLine } from '../selection';
import { withoutPrechat } from './channel';
import { startFloorServer } from './floor-page';
import { measureDelivery, type PathRound } from './measure-delivery';
import { type LoadRun, measureLoads } from './measure-load';
import { renderText, writeReport } from './render';
import { buildReport } from './report';
import { openAgent, openWidget } from './screens';
import { settings } from './settings';

const log = (line: string) => process.stderr.write(`[bench:widget] ${line}\n`);
const lifecycle = benchLifecycle(log, 'the stack, the browser and the floor page');
const { owned } = lifecycle;
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function main(): Promise<void> {
  const s = settings;
  log('building the agent app, the widget and its loader');
  await buildAgentApp(ROOT, { force: true });
  log(`starting the Fio stack in ${s.stackDir}, Chromium and the floor page`);
  const [stack, browser, floor] = await Promise.all([
    owned(startStack({ dataDir: s.stackDir, fresh: true, logLevel: benchLogLevel() })),
    // Playwright's own SIGINT handler would exit the process mid-stop, leaving workerd running.
    owned(
      launchBrowser({ handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }).then((b) => ({
        b,
        stop: () => b.close(),
      })),
    ),
    owned(startFloorServer()),
  ]);
  const base = stack.workerUrl;
  // The demo host page (another origin, strict CSP, hostile CSS) with the demo tenant's widget on it.
  const host = stack.widgetHost.url;
  const notRun: string[] = [];
  const prechat = await withoutPrechat({
    base,
    channelId: stack.demo.widgetChannelId,
    hostOrigin: new URL(host).origin,
    admin: s.admin,
  });

  const roles = new Map([[process.pid, 'bench (node, playwright)']]);
  const cpu: Record<string, CpuUsage> = {};
  log(`cold loads: ${s.loads} per target (+1 warm-up each), a new browser context each`);
  let before = snapshot();
  let loads: LoadRun[] = [];
  try {
    loads = await measureLoads({ browser: browser.b, fioUrl: host, floorUrl: floor.url, settings: s, log });
  } catch (err) {
    notRun.push(`cold loads failed: ${message(err)}`);
    log(`cold loads failed: ${message(err)}`);
  }
  cpu.load = usage(before, snapshot(), roles);

  const rounds: PathRound[] = [];
  log(
    `delivery: ${s.messages} messages per direction in ${s.deliveryRounds} rounds, one every ${s.intervalMs} ms`,
  );
  before = snapshot();
  try {
    const { screen: widget, conversationId } = await openWidget(browser.b, host, s, log);
    log(`  the visitor's conversation ${conversationId}`);
    const agentA = await openAgent(browser.b, base, s.agents.a, 'agent A', conversationId, s, log);
    const agentB = await openAgent(browser.b, base, s.agents.b, 'agent B', conversationId, s, log);
    await measureDelivery({ widget, agentA, agentB, settings: s, log }, rounds);
  } catch (err) {
    notRun.push(`delivery failed: ${message(err)}`);
    log(`delivery failed: ${message(err)}`);
  }
  cpu.delivery = usage(before, snapshot(), roles);

  const report = buildReport({
    settings: s,
    hostPage: `the demo host page ${host} (Fio at ${base})`,
    prechat,
    loads,
    rounds,
    cpu,
    commit: {
      head: git('rev-parse', '--short', 'HEAD'),
      widget: git('log', '-1', '--format=%h', '--', 'app/widget'),
    },
    chromium: `Chromium ${browser.b.version()}`,
    notRun,
  });
  process.stdout.write(`\n${renderText(report)}\n`);
  const files = writeReport(s.reportDir, report);
  log(`wrote ${files.json} and ${files.md}`);
  if (notRun.length > 0) process.exitCode = 1;
}

if (!settings.selected) {
  log(skippedLine('widget'));
} else {
  await lifecycle.run(main);
}
