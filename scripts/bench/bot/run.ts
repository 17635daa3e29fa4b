// `npm run bench:bot` (also part of `npm run bench`): the bot's reply latency from the customer's webhook
// to the reply leaving for the Graph API, for a menu step, an ERP step (ERP at 200 ms) and an LLM step
// (model at 800 ms), beside the floor (an agent answering the same webhook on the conversation's socket),
// in turns in one run; then 200 conversations with the bot at once against the same load on a number
// without it. Writes .fio/bench/bot.{json,md}; always stops the stack.
import { randomBytes } from 'node:crypto';
import { startStack } from '../../lib/stack';
import { benchLogLevel } from '../config';
import { benchLifecycle } from '../lifecycle';
import { skippedLine, suiteSelected } from '../selection';
import { answeringAgent } from './agent';
import { setUpChannels } from './channels';
import { type CrowdRun, crowdWithBot, crowdWithoutBot } from './crowd';
import { type LatencyRecord, type LatencyScenario, measureLatencies } from './latency';
import { ReplyWatch } from './replies';
import { buildReport, renderText, writeReport } from './report';
import { script } from './script';
import { settings } from './settings';
import { simulatorsOf } from './simulators';
import { benchPhone, webhookPoster } from './webhook';

const log = (line: string) => process.stderr.write(`[bench:bot] ${line}\n`);
const lifecycle = benchLifecycle(log, 'the stack');

/** Turns the latency scenarios take (each scenario's samples are split over them). */
const ROUNDS = 3;
/** Phone blocks: latency scenarios use 0..3 (their index), the crowd these, the probe its own. */
const CROWD_BOT = 20;
const CROWD_PLAIN = 21;
const PROBE = 30;

async function main(): Promise<void> {
  const s = settings;
  log(`starting the stack in ${s.stackDir}`);
  const stack = await lifecycle.owned(
    startStack({ dataDir: s.stackDir, fresh: true, logLevel: benchLogLevel() }),
  );
  const channels = await setUpChannels(stack);
  const watch = new ReplyWatch(stack.whatsapp);
  const poster = webhookPoster(
    stack.workerUrl,
    stack.secrets.whatsappAppSecret,
    randomBytes(4).toString('hex'),
  );
  const roles = () => new Map([[process.pid, 'bench + simulators + pg bridge']]);
  const sims = simulatorsOf(stack, s);
  const notRun: string[] = [...sims.missing];

  // Does the bot answer at all? One customer says hello; without an answer only the floor and the plain
  // crowd can run, and the report says so.
  const probe = { phone: benchPhone(PROBE, 0), name: 'Bench sonda', number: channels.bot.number };
  const hello = await poster.post(probe, 'Oi');
  const answer = await watch.settled(probe.phone, hello.startEpochMs, s.quietMs, s.replyTimeoutMs);
  const botAnswers = hello.status === 200 && answer.length > 0;
  if (botAnswers)
    log(
      `the bot answers: ${answer.length} message(s), first ${JSON.stringify(answer[0]?.text?.slice(0, 80))}`,
    );
  else
    notRun.push(
      `the bot did not answer a customer's "Oi" within ${s.replyTimeoutMs} ms (HTTP ${hello.status}): bot steps and the crowd not measured`,
    );

  const scenarios: LatencyScenario[] = [
    {
      key: 'floor',
      title: '0 · floor: an agent answers',
      channel: channels.plain,
      agent: true,
      ...script.floor,
    },
  ];
  if (botAnswers) {
    scenarios.push({ key: 'menu', title: '1 · menu step', channel: channels.bot, ...script.menu });
    if (sims.erpSlow)
      scenarios.push({
        key: 'erp',
        title: `2 · ERP step (ERP at ${s.erpLatencyMs} ms)`,
        channel: channels.bot,
        slow: sims.erpSlow,
        ...(sims.erpCalls ? { sideCount: sims.erpCalls } : {}),
        ...script.erp,
      });
    if (sims.llmSlow)
      scenarios.push({
        key: 'llm',
        title: `3 · LLM step (model at ${s.llmLatencyMs} ms)`,
        channel: channels.bot,
        slow: sims.llmSlow,
        ...(sims.llmCalls ? { sideCount: sims.llmCalls } : {}),
        ...script.llm,
      });
  }
  log(
    `latency: ${s.samples} customers per step (${scenarios.map((x) => x.key).join(', ')}), ${ROUNDS} turns`,
  );
  const latency: LatencyRecord[] = await measureLatencies(
    {
      poster,
      watch,
      agent: () => answeringAgent(stack.workerUrl),
      ownerUrl: stack.ownerUrl,
      settings: s,
      roles,
      log,
    },
    scenarios,
    ROUNDS,
  );

  const crowd: CrowdRun[] = [];
  if (botAnswers) {
    const ctx = { poster, watch, settings: s, roles, log };
    log(`crowd: ${s.conversations} conversations with the bot at once, ${script.crowd.length} messages each`);
    const withBot = await crowdWithBot(ctx, channels.bot, script.crowd, CROWD_BOT);
    crowd.push(withBot.run);
    log(
      `  with the bot: ${withBot.run.answered}/${withBot.run.messages} answered, ack p99 ${withBot.run.ack.p99.toFixed(1)} ms`,
    );
    log('crowd: the same webhooks at the same offsets, number without the bot');
    const plain = await crowdWithoutBot(ctx, channels.plain, script.crowd, CROWD_PLAIN, withBot.offsets);
    crowd.push(plain);
    log(`  without the bot: ack p99 ${plain.ack.p99.toFixed(1)} ms`);
  }
  watch.stop();
  poster.close();

  const report = buildReport(latency, crowd, s, notRun);
  process.stdout.write(`\n${renderText(report)}\n`);
  const files = writeReport(s.reportDir, report);
  log(`wrote ${files.json} and ${files.md}`);
}

if (!suiteSelected('bot')) process.stderr.write(`[bench:bot] ${skippedLine('bot')}\n`);
else await lifecycle.run(main);
