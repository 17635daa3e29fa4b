// Delivery to the other side's screen, on one widget conversation with three screens open at once: the
// visitor's widget (in its iframe on the demo host page), agent A's and agent B's agent app. Each round has
// two directions: the visitor types and sends (measured on A's screen: customer → agent), then A types and
// sends (measured on the widget: agent → widget, and on B's screen: agent → agent, the floor — the same
// sends, the same conversation object, a screen with no widget around it). Send = the Enter key event's time
// in the sender's document; shown = the first appearance of the message inside a timeline item ([data-seq])
// of the receiver's document (MutationObserver); each corrected by its document's clock offset against Node.
import type { Frame, Locator, Page } from 'playwright-core';
import { clockOffset, marked, probe } from '../agent/probe';
import { sendProbe } from './send-probe';
import type { WidgetSettings } from './settings';

export type PathName = 'customerToAgent' | 'agentToWidget' | 'agentToAgent';

export interface Screen {
  name: string;
  doc: Page | Frame;
  composer: Locator;
}

export interface PathRound {
  path: PathName;
  round: number;
  sent: number;
  seen: number;
  latencies: number[];
  /** Sender's and receiver's clock offsets against Node, worst (ms, corrected). */
  offsetMs: number;
  /** How late the sender ran against its schedule, worst case (ms). */
  lateMaxMs: number;
}

export interface DeliveryContext {
  widget: Screen;
  agentA: Screen;
  agentB: Screen;
  settings: WidgetSettings;
  log: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const clock = () => performance.timeOrigin + performance.now();

async function typeAndSend(composer: Locator, text: string, timeoutMs: number): Promise<void> {
  await composer.fill(text, { timeout: timeoutMs });
  await composer.press('Enter', { timeout: timeoutMs });
}

/** One direction: `n` marked messages typed and sent on a fixed schedule; latencies per receiver. */
async function direction(
  c: DeliveryContext,
  sender: Screen,
  receivers: { screen: Screen; path: PathName }[],
  tag: string,
  n: number,
  round: number,
): Promise<PathRound[]> {
  const { settings: s } = c;
  const timeout = s.timeouts.stepMs;
  const out = sendProbe(sender.doc);
  await out.install();
  const ins = receivers.map((r) => ({ ...r, p: probe(r.screen.doc) }));
  for (const r of ins) await r.p.install();
  for (let i = 1; i <= s.warmup; i++)
    await typeAndSend(sender.composer, marked('Aquecimento', `${tag}w-${i}`), timeout);
  for (const r of ins) {
    const warm = await r.p.waitCount(`${tag}w-`, s.warmup, timeout);
    if (warm < s.warmup)
      throw new Error(`${tag}: ${warm}/${s.warmup} warm-up messages reached ${r.screen.name}`);
    await r.p.reset();
  }
  const senderOffset = await clockOffset(out);
  const offsets = await Promise.all(ins.map((r) => clockOffset(r.p)));
  let lateMaxMs = 0;
  const start = clock();
  for (let i = 1; i <= n; i++) {
    const due = start + (i - 1) * s.intervalMs;
    const wait = due - clock();
    if (wait > 0) await sleep(wait);
    lateMaxMs = Math.max(lateMaxMs, clock() - due);
    await typeAndSend(sender.composer, marked(`Mensagem ${i}`, `${tag}-${i}`), timeout);
  }
  const sent = new Map(await out.sent(`${tag}-`));
  return Promise.all(
    ins.map(async (r, i) => {
      await r.p.waitCount(`${tag}-`, n, timeout);
      const seen = new Map(await r.p.seen(`${tag}-`));
      const recv = offsets[i]?.offsetMs ?? 0;
      const latencies: number[] = [];
      for (const [key, at] of sent) {
        const shown = seen.get(key);
        if (shown !== undefined) latencies.push(shown - recv - (at - senderOffset.offsetMs));
      }
      return {
        path: r.path,
        round,
        sent: sent.size,
        seen: latencies.length,
        latencies,
        offsetMs: Math.max(Math.abs(senderOffset.offsetMs), Math.abs(recv)),
        lateMaxMs,
      };
    }),
  );
}

const fmt = (r: PathRound) => {
  const v = [...r.latencies].sort((a, b) => a - b);
  return `${r.path} ${r.seen}/${r.sent} shown, p50 ${v[Math.floor(v.length / 2)]?.toFixed(1)} ms, max ${v.at(-1)?.toFixed(1)} ms`;
};

/** Appends each direction's results to `rounds` as it completes, so a later failure keeps the earlier ones. */
export async function measureDelivery(c: DeliveryContext, rounds: PathRound[]): Promise<void> {
  const { settings: s } = c;
  const perRound = Math.ceil(s.messages / s.deliveryRounds);
  for (let round = 1; round <= s.deliveryRounds; round++) {
    const n = Math.min(perRound, s.messages - (round - 1) * perRound);
    if (n <= 0) break;
    const customer = () =>
      direction(c, c.widget, [{ screen: c.agentA, path: 'customerToAgent' }], `r${round}c`, n, round);
    const agent = () =>
      direction(
        c,
        c.agentA,
        [
          { screen: c.widget, path: 'agentToWidget' },
          { screen: c.agentB, path: 'agentToAgent' },
        ],
        `r${round}a`,
        n,
        round,
      );
    // Alternate which direction goes first, so neither always runs on a warmer (or more tired) stack.
    for (const run of round % 2 === 1 ? [customer, agent] : [agent, customer]) {
      const results = await run();
      rounds.push(...results);
      for (const r of results) c.log(`  delivery round ${round}: ${fmt(r)}`);
    }
  }
}
