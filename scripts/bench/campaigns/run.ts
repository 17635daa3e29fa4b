// `npm run bench:campaigns` (also part of `npm run bench`; alone with BENCH_ONLY=campaigns): a campaign of
// 10,000 recipients on a number limited to 80/s against the WhatsApp simulator (which reports sent →
// delivered → read for every send, as phones do). Measures the send rate at the simulator against the limit,
// an agent's reply latency on the same number during the campaign against the same probe with no campaign
// (the baseline, in the same run), and the time from the last send to every status folded into
// campaign_recipients. Starts its own stack (loopback only), writes .fio/bench/campaigns.{json,md}; every wait
// is bounded and everything it started is stopped.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ROOT, startStack } from '../../lib/stack';
import { benchLogLevel } from '../config';
import { snapshot, usage } from '../cpu';
import { benchLifecycle } from '../lifecycle';
import { skippedLine } from '../selection';
import {
  cancelBenchCampaign,
  createBenchCampaign,
  type FoldRecord,
  RecipientStates,
  signIn,
  startBenchCampaign,
} from './campaign';
import { agentProbe, type ProbeSide } from './probe';
import { buildReport, type CampaignBenchResult, renderText, writeReport } from './report';
import { BENCH_NUMBER, seedBench } from './seed';
import { type RateRecord, SendLog } from './sends';
import { settings } from './settings';

const log = (line: string) => process.stderr.write(`[bench:campaigns] ${line}\n`);
const lifecycle = benchLifecycle(log, 'the stack');
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
const nowEpoch = () => performance.timeOrigin + performance.now();

/** The simulator's auto statuses: sent, delivered, read, each this long after the previous (its default). */
const STATUS_DELAY_MS = 300;

async function main(): Promise<void> {
  const s = settings;
  log(`starting the stack in ${s.stackDir}`);
  const stack = await lifecycle.owned(
    startStack({
      dataDir: s.stackDir,
      fresh: true,
      logLevel: benchLogLevel(),
      simulatorAutoStatuses: true,
      accessTokenTtlSeconds: 6 * 3600,
    }),
  );
  const base = stack.workerUrl;
  const roles = new Map([[process.pid, 'bench + simulators']]);
  const t0 = performance.now();
  const seed = await seedBench(stack, {
    recipients: s.recipients,
    ratePerSecond: s.ratePerSecond,
    probes: s.probeConversations,
  });
  log(
    `seeded ${s.recipients} contacts and ${seed.probes.length} probe conversations in ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const sends = new SendLog(stack.whatsapp, BENCH_NUMBER.phoneNumberId, seed.audience);
  lifecycle.owned(Promise.resolve({ stop: async () => sends.stop() }));
  const probe = await agentProbe(
    base,
    s.admin,
    seed.probes.map((p) => p.conversationId),
    sends,
    { intervalMs: s.probeIntervalMs, replyTimeoutMs: s.timeouts.replyMs },
  );
  const result: CampaignBenchResult = {
    commit: git('rev-parse', '--short', 'HEAD'),
    rate: null,
    baseline: null,
    during: null,
    fold: null,
    startMs: null,
    finalStatus: null,
    cpu: [],
    notes: [],
  };
  const probeNote = `${s.probeConversations} customers, one reply every ${s.probeIntervalMs} ms`;

  log(`baseline: ${s.baselineReplies} agent replies, no campaign (${probeNote})`);
  let before = snapshot();
  result.baseline = await probe.run('baseline', s.baselineReplies, { warmup: s.warmupReplies });
  result.cpu.push({
    phase: 'baseline replies',
    targets: 'agent probe',
    usage: usage(before, snapshot(), roles),
  });
  logSide(result.baseline);

  const token = await signIn(base, s.admin);
  let states: RecipientStates | null = null;
  let campaignId = '';
  try {
    const created = await createBenchCampaign(base, token, seed.channelId);
    campaignId = created.id;
    states = await lifecycle.owned(RecipientStates.open(stack.ownerUrl, created.id));
    const startAt = nowEpoch();
    before = snapshot();
    const started = await startBenchCampaign(base, token, created.id);
    result.startMs = nowEpoch() - startAt;
    log(
      `campaign ${created.id} ${started.status} in ${result.startMs.toFixed(0)} ms (${started.counts.total} recipients)`,
    );
  } catch (err) {
    result.notes.push(
      `Not measured: the campaign could not be created or started (${String(err).slice(0, 300)}).`,
    );
  }

  if (states) {
    const expectedMs = (s.recipients / s.ratePerSecond) * 1000;
    const stopProbeAt = Math.floor(s.recipients * (1 - s.trimPercent / 100));
    // The probe starts with the campaign's first send, and stops before its tail, so every reply is "during".
    const first = await sends.campaignSends(1, 120_000);
    if (first === 0) {
      result.notes.push(
        'Not measured: no campaign send reached the simulator within 2 minutes of the start.',
      );
    } else {
      const sendingMs = expectedMs + s.timeouts.campaignSlackMs;
      const duringCount = Math.ceil(sendingMs / s.probeIntervalMs);
      let ticks = 0;
      let sending = true;
      const [during, total] = await Promise.all([
        probe.run('campaign', duringCount, {
          warmup: 0,
          keepGoing: () => sending && sends.campaign.length < stopProbeAt,
        }),
        sends
          .campaignSends(s.recipients, sendingMs, (n) => {
            if (++ticks % 15 === 0) log(`  ${n} campaign sends at the simulator`);
          })
          .finally(() => {
            sending = false;
          }),
      ]);
      result.cpu.push({
        phase: 'campaign + replies',
        targets: 'campaign + probe',
        usage: usage(before, snapshot(), roles),
      });
      result.during = during;
      logSide(during);
      const rate: RateRecord = sends.rate(s.trimPercent, 0);
      result.rate = rate;
      log(
        `sends: ${total}, steady ${rate.steadyPerSecond.toFixed(1)}/s, overall ${rate.overallPerSecond.toFixed(1)}/s`,
      );
      if (total < s.recipients) {
        // Out of time: cancel, so the last send is the last one and the fold has an end.
        await cancelBenchCampaign(base, token, campaignId).catch((err) => log(`cancel: ${String(err)}`));
        await new Promise((r) => setTimeout(r, 3_000));
        result.notes.push(
          `Only ${sends.campaign.length} of ${s.recipients} campaign sends reached the simulator within ` +
            `${Math.round(sendingMs / 1000)} s of the first; the campaign was then cancelled, and the rate ` +
            'and the fold are over the sends made.',
        );
      }
      const lastAt = sends.lastCampaignSendAt() ?? nowEpoch();
      before = snapshot();
      const fold: FoldRecord = await states.fold(
        lastAt,
        rate.recipients,
        3 * STATUS_DELAY_MS,
        s.timeouts.foldMs,
      );
      result.cpu.push({ phase: 'status fold', targets: 'campaign', usage: usage(before, snapshot(), roles) });
      result.fold = fold;
      log(
        `fold: delivered +${fold.deliveredMs.toFixed(0)} ms, read +${fold.readMs.toFixed(0)} ms after the last send`,
      );
    }
    // The campaign's own end (every recipient settled): bounded, reported as found.
    const deadline = Date.now() + 60_000;
    while (
      Date.now() < deadline &&
      ['running', 'scheduled', 'paused'].includes((await states.status()) ?? '')
    )
      await new Promise((r) => setTimeout(r, 500));
    result.finalStatus = await states.status();
  }
  result.notes.push(
    `Agent probe: ${probeNote}, as the demo owner over REST (POST /api/conversations/:id/messages) in ` +
      `conversations on the campaign's number whose customers wrote first; latency is the request's start → ` +
      'the simulator accepting the send (both in this process, one clock).',
    `Statuses: the simulator posts sent, delivered and read for every accepted send (${STATUS_DELAY_MS} ms apart, ` +
      'one signed webhook each), the agent replies included; the fold is polled every 100 ms in Postgres.',
  );

  const report = buildReport(result, s);
  process.stdout.write(`\n${renderText(report)}\n`);
  const files = writeReport(s.reportDir, report);
  log(`wrote ${files.json} and ${files.md}`);
}

function logSide(x: ProbeSide): void {
  log(
    `  ${x.side}: ${x.latency.n}/${x.replies} replies at the simulator, p50 ${x.latency.p50.toFixed(1)} ms, ` +
      `p99 ${x.latency.p99.toFixed(1)} ms (missed ${x.missed}, refused ${x.refused})`,
  );
}

if (!settings.selected) {
  log(skippedLine('campaigns'));
} else {
  await lifecycle.run(main);
}
