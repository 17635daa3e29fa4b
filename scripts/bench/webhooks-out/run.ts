// `npm run bench:webhooks-out` (also part of `npm run bench`; alone with BENCH_ONLY=webhooks-out): customers'
// WhatsApp messages become `message.created` deliveries to a subscribed endpoint (a signing-checking receiver
// on loopback). Measures post → delivery at the receiver beside post → the agent's socket frame for the same
// message (the floor), paced and as a burst, deliveries per second beside messages stored per second, and
// checks each delivery arrives once, signed, in per-conversation order. Starts its own stack, writes
// .fio/bench/webhooks-out.{json,md}; every wait is bounded and everything it started is stopped.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { DEMO_NUMBER, ROOT, startStack } from '../../lib/stack';
import { conversationOf } from '../bot/channels';
import { benchPhone, webhookPoster } from '../bot/webhook';
import { benchLogLevel } from '../config';
import { snapshot, usage } from '../cpu';
import { postJson } from '../http';
import { benchLifecycle } from '../lifecycle';
import { pooled } from '../pool';
import { skippedLine } from '../selection';
import { Load, type Post } from './load';
import { drained, measure } from './measure';
import { BenchReceiver } from './receiver';
import { buildReport, renderText, type WebhooksOutResult, writeReport } from './report';
import { settings } from './settings';
import { SocketWatch } from './sockets';

const log = (line: string) => process.stderr.write(`[bench:webhooks-out] ${line}\n`);
const lifecycle = benchLifecycle(log, 'the stack and the receiver');
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

/** The bench's customers' phone block (see benchPhone): apart from the bot bench's. */
const PHONE_BLOCK = 40;

async function subscribe(base: string, token: string, url: string): Promise<string> {
  const res = await fetch(`${base}/api/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url, description: 'Bench: integração de CRM', events: ['message.created'] }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST /api/webhooks: HTTP ${res.status} ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { secret: string }).secret;
}

async function main(): Promise<void> {
  const s = settings;
  const receiver = await lifecycle.owned(
    (async () => {
      const rx = new BenchReceiver();
      const url = await rx.listen();
      return Object.assign(rx, { url });
    })(),
  );
  // The receiver is on loopback: the Worker may call it as it may call the local simulators, and nothing else.
  process.env.PROVIDER_PRIVATE_ORIGINS = [process.env.PROVIDER_PRIVATE_ORIGINS, receiver.url]
    .filter(Boolean)
    .join(',');
  log(`receiver on ${receiver.url}; starting the stack in ${s.stackDir}`);
  const stack = await lifecycle.owned(
    startStack({
      dataDir: s.stackDir,
      fresh: true,
      logLevel: benchLogLevel(),
      accessTokenTtlSeconds: 6 * 3600,
    }),
  );
  const base = stack.workerUrl;
  const result: WebhooksOutResult = {
    commit: git('rev-parse', '--short', 'HEAD'),
    subscribed: false,
    phases: [],
    duplicates: 0,
    badSignatures: 0,
    cpu: [],
    notes: [],
  };
  const { accessToken } = await postJson<{ accessToken: string }>(`${base}/api/auth/login`, s.admin, 200);
  let subscribed = false;
  try {
    receiver.secret = await subscribe(base, accessToken, `${receiver.url}/fio/webhooks`);
    subscribed = true;
    result.subscribed = true;
  } catch (err) {
    result.notes.push(
      `Not measured (webhook side): the endpoint could not be created (${String(err).slice(0, 300)}).`,
    );
  }

  const poster = webhookPoster(base, stack.secrets.whatsappAppSecret, randomBytes(4).toString('hex'));
  lifecycle.owned(Promise.resolve({ stop: async () => poster.close() }));
  const number = {
    phoneNumberId: DEMO_NUMBER.phoneNumberId,
    displayPhoneNumber: DEMO_NUMBER.displayPhoneNumber,
    wabaId: DEMO_NUMBER.wabaId,
  };
  const phones = Array.from({ length: s.conversations }, (_, i) => benchPhone(PHONE_BLOCK, i));
  const load = new Load(poster, { number, phones });
  // Each customer's first message opens the conversation; then an agent's socket is opened on each.
  await pooled(
    phones.map((_, i) => () => load.one(i)),
    4,
  );
  const ids = await pooled(
    phones.map((p) => () => conversationOf(stack.ownerUrl, stack.demo.whatsappChannelId, p, 30_000)),
    4,
  );
  const sockets = await lifecycle.owned(Promise.resolve(new SocketWatch()));
  await sockets.open(base, accessToken, ids, 60_000);
  log(`${ids.length} conversations open with a socket each${subscribed ? ', endpoint subscribed' : ''}`);
  const warm: Post[] = [];
  for (let w = 1; w < s.warmup; w++)
    warm.push(
      ...(await pooled(
        phones.map((_, i) => () => load.one(i)),
        4,
      )),
    );
  await drained(warm, receiver, sockets, subscribed ? 60_000 : 5_000);

  const phase = async (name: 'paced' | 'burst', run: () => Promise<Post[]>) => {
    const before = snapshot();
    const posts = await run();
    await drained(posts, receiver, sockets, subscribed ? s.drainTimeoutMs : 10_000);
    result.cpu.push({
      phase: name,
      usage: usage(before, snapshot(), new Map([[process.pid, 'bench + receiver']])),
    });
    const rec = measure(name, posts, receiver, sockets);
    result.phases.push(rec);
    log(
      `${name}: ${rec.delivered}/${rec.stored} delivered, p99 ${rec.webhook.p99.toFixed(1)} ms (socket ` +
        `${rec.socket.p99.toFixed(1)}), ${rec.deliveredPerSecond.toFixed(1)} deliveries/s vs ${rec.storedPerSecond.toFixed(1)} stored/s`,
    );
  };
  log(`paced: ${s.paced} messages at ${s.rate}/s`);
  await phase('paced', () => load.paced(s.paced, s.rate));
  log(`burst: ${s.burst} messages, ${s.window} in flight`);
  await phase('burst', () => load.closed(s.burst, s.window));
  result.duplicates = receiver.duplicates;
  result.badSignatures = receiver.badSignatures;
  result.notes.push(
    `Each message is a signed Cloud API webhook from one of ${s.conversations} customers on the demo number (no ` +
      `bot); times start at the webhook's request start. The receiver checks each delivery's signature (` +
      'HMAC-SHA256 over timestamp.body) and dedupes by delivery id, answering 200 at once; the floor is the ' +
      "demo owner's socket on the same conversation receiving the same message.",
  );

  const report = buildReport(result, s);
  process.stdout.write(`\n${renderText(report)}\n`);
  const files = writeReport(s.reportDir, report);
  log(`wrote ${files.json} and ${files.md}`);
}

if (!settings.selected) {
  log(skippedLine('webhooks-out'));
} else {
  await lifecycle.run(main);
}
