// The WhatsApp webhook bench (`npm run bench`, or alone with BENCH_ONLY=webhooks): the Fio stack, a bare
// ceiling Worker and the durable floor (floor/) side by side, signed webhooks from a driver child; writes
// .fio/bench/webhooks.{json,md}.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { findFreePort } from '../../lib/free-port';
import { DEMO_NUMBER, startStack } from '../../lib/stack';
import { benchLogLevel } from '../config';
import { benchLifecycle } from '../lifecycle';
import { skippedLine } from '../selection';
import { startCeiling } from './ceiling-process';
import { directOrigin } from './direct';
import { startWebhookDriver } from './driver-client';
import { startFloor } from './floor-process';
import { setNumberBot } from './postgres';
import { renderText, writeReport } from './render';
import { buildReport } from './report';
import { processRoles } from './roles';
import { runScenarios } from './scenarios';
import { settings } from './settings';

const log = (line: string) => process.stderr.write(`[bench:webhooks] ${line}\n`);
const PATH = '/webhooks/whatsapp';

const lifecycle = benchLifecycle(log, 'the stack, the ceiling Worker and the driver');
const { owned } = lifecycle;

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
  // After the stack: it signs with the stack's app secret.
  const floorPort = await findFreePort();
  const floor = await owned(
    startFloor({
      port: floorPort,
      stateDir: join(settings.stackDir, 'floor'),
      appSecret: stack.secrets.whatsappAppSecret,
    }),
  );
  log(
    `fio (${stack.worker.topology}) at ${stack.workerUrl}, ceiling at ${ceiling.url}, floor at ${floor.url}, ` +
      `driver pid ${driver.pid}`,
  );
  const pids = {
    driver: driver.pid,
    worker: stack.worker,
    ceilingPid: ceiling.pid,
    ceilingPort,
    floor: floor.pids(),
    floorPort,
  };
  if (!settings.bot) {
    await setNumberBot(stack.ownerUrl, stack.demo.tenantId, DEMO_NUMBER.phoneNumberId, false);
    log("the demo number's bot is off (BENCH_WEBHOOK_BOT=0): new tickets start queued");
  }
  const origins = settings.direct
    ? await Promise.all([
        directOrigin(ceiling.url, ceiling.pid),
        directOrigin(floor.url, floor.pids().http ?? 0),
        directOrigin(stack.workerUrl, stack.worker.pids().http ?? 0),
      ])
    : [ceiling.url, floor.url, stack.workerUrl];
  if (settings.direct) log(`direct (no dev proxy): ${origins.join(', ')}`);
  const [ceilingOrigin, floorOrigin, fioOrigin] = origins;
  const records = await runScenarios({
    driver,
    // Ceiling and floor first, so Fio's Postgres check after its run happens with nothing else running.
    targets: [
      { name: 'ceiling', url: `${ceilingOrigin}${PATH}` },
      { name: 'floor', url: `${floorOrigin}${PATH}` },
      { name: 'fio', url: `${fioOrigin}${PATH}` },
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
  log(skippedLine('webhooks'));
} else {
  await lifecycle.run(main);
}
