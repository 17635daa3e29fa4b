// The WhatsApp webhook bench (`npm run bench`, or alone with BENCH_ONLY=webhooks): the Fio stack and a bare
// ceiling Worker side by side, signed webhooks from a driver child; writes .fio/bench/webhooks.{json,md}.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { findFreePort } from '../../lib/postgres-cluster';
import { DEMO_NUMBER, startStack } from '../../lib/stack';
import { benchLogLevel } from '../config';
import { startCeiling } from './ceiling-process';
import { startWebhookDriver } from './driver-client';
import { renderText, writeReport } from './render';
import { buildReport } from './report';
import { processRoles } from './roles';
import { runScenarios } from './scenarios';
import { settings } from './settings';

const log = (line: string) => process.stderr.write(`[bench:webhooks] ${line}\n`);
const PATH = '/webhooks/whatsapp';

const cleanups: (() => Promise<unknown>)[] = [];
let stopping: Promise<void> | null = null;

/** Runs every registered stop once, newest first; safe to call from a signal and from `finally`. */
function stopAll(): Promise<void> {
  stopping ??= (async () => {
    for (const fn of cleanups.splice(0).reverse())
      await fn().catch((err) => log(`stop failed: ${String(err)}`));
  })();
  return stopping;
}

/** Registers the stop of something still starting, so an interrupt mid-start still stops it. */
function owned<T extends { stop(): Promise<void> }>(starting: Promise<T>): Promise<T> {
  cleanups.push(async () => (await starting.catch(() => null))?.stop());
  return starting;
}

// `on`, not `once`: Ctrl-C reaches this process twice (from the terminal, and relayed by tsx's parent), and a
// second signal without a handler would kill it before the wrangler process groups are stopped.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    log(`${signal}: stopping the stack, the ceiling Worker and the driver…`);
    void stopAll().finally(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  log(
    `starting the Fio stack in ${settings.stackDir} and the ceiling Worker (BENCH_SECONDS=${settings.seconds})`,
  );
  const ceilingPort = await findFreePort();
  const [stack, ceiling, driver] = await Promise.all([
    owned(startStack({ dataDir: settings.stackDir, fresh: true, logLevel: benchLogLevel() })),
    owned(startCeiling({ port: ceilingPort, stateDir: join(settings.stackDir, 'ceiling') })),
    owned(startWebhookDriver()),
  ]);
  log(`fio at ${stack.workerUrl}, ceiling at ${ceiling.url}, driver pid ${driver.pid}`);
  const pids = {
    driver: driver.pid,
    fioPort: Number(new URL(stack.workerUrl).port),
    ceilingPid: ceiling.pid,
    ceilingPort,
  };
  const records = await runScenarios({
    driver,
    // Ceiling first, so Fio's Postgres check after its run happens with nothing else running.
    targets: [
      { name: 'ceiling', url: `${ceiling.url}${PATH}` },
      { name: 'fio', url: `${stack.workerUrl}${PATH}` },
    ],
    base: {
      appSecret: stack.secrets.whatsappAppSecret,
      number: {
        phoneNumberId: DEMO_NUMBER.phoneNumberId,
        displayPhoneNumber: DEMO_NUMBER.displayPhoneNumber,
        wabaId: DEMO_NUMBER.wabaId,
      },
      customers: settings.customers,
    },
    ownerUrl: stack.ownerUrl,
    tenantId: stack.demo.tenantId,
    runId: randomBytes(4).toString('hex'),
    roles: () => processRoles(pids),
    settings,
    log,
  });
  const report = buildReport(records, settings);
  process.stdout.write(`\n${renderText(report)}\n`);
  const files = writeReport(settings.reportDir, report);
  log(`wrote ${files.json} and ${files.md}`);
}

if (!settings.selected) {
  log(`skipped (BENCH_ONLY=${process.env.BENCH_ONLY} does not name webhooks)`);
} else {
  try {
    await main();
  } catch (err) {
    // After an interrupt, the failure is only the interrupt tearing things down under the run.
    if (!stopping) log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  } finally {
    await stopAll();
  }
}
