// `npm run bench`: starts the Fio stack, the baseline server and the load driver, runs every scenario against
// both, prints the comparison and the target checks, and writes .fio/bench/results.{json,md}. Always stops all.
import { join } from 'node:path';
import { startStack } from '../lib/stack';
import { startBaseline, startDriver } from './children';
import { benchLogLevel, config } from './config';
import { benchLifecycle } from './lifecycle';
import { buildReport, renderText, writeReport } from './report';
import { runScenarios } from './scenarios';
import { skippedLine, suiteSelected } from './selection';
import { baselineTarget, fioTarget } from './targets';
import { workerRoles } from './worker-roles';

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

const lifecycle = benchLifecycle(log, 'the stack, the baseline and the driver');
const { owned } = lifecycle;

async function main(): Promise<void> {
  log(`starting the Fio stack in ${join(config.dataDir, 'sockets-stack')} (BENCH_SECONDS=${config.seconds})`);
  const [stack, baseline, driver] = await Promise.all([
    // Its own directory (wiped at start), so the webhook bench's results beside it survive.
    owned(
      startStack({ dataDir: join(config.dataDir, 'sockets-stack'), fresh: true, logLevel: benchLogLevel() }),
    ),
    owned(startBaseline()),
    owned(startDriver()),
  ]);
  const fixed: [number, string][] = [
    [process.pid, 'bench + pg bridge'],
    [driver.pid, 'driver'],
    [baseline.pid, 'baseline'],
  ];
  // wrangler dev puts a proxy Worker (its own workerd) on the public port, in front of the app's workerd;
  // with the split layout the objects' script is a second process tree (scripts/bench/worker-roles.ts).
  const roles = new Map<number, string>([...fixed, ...workerRoles(stack.worker)]);
  const restartWorker = async () => {
    log('  restarting workerd (BENCH_FRESH_WORKER=1)');
    await stack.worker.restart();
    roles.clear();
    for (const [pid, role] of [...fixed, ...workerRoles(stack.worker)]) roles.set(pid, role);
  };
  log(
    `fio (${stack.worker.topology}) at ${stack.workerUrl}, baseline at ws://127.0.0.1:${baseline.port}, driver pid ${driver.pid}`,
  );
  const records = await runScenarios({
    driver,
    // Baseline first, so Fio's Postgres check after its run happens with nothing else running.
    targets: [baselineTarget(baseline.port), await fioTarget(stack, config.setupConcurrency)],
    ownerUrl: stack.ownerUrl,
    roles,
    config,
    log,
    ...(config.freshWorker ? { beforeFio: restartWorker } : {}),
  });
  const report = buildReport(records);
  process.stdout.write(`\n${renderText(report)}\n`);
  const files = writeReport(config.dataDir, report);
  log(`wrote ${files.json} and ${files.md}`);
}

if (!suiteSelected('sockets')) process.stderr.write(`[bench:sockets] ${skippedLine('sockets')}\n`);
else await lifecycle.run(main);
