// Delivery to screen: a customer sends paced messages (each text carrying its marker) while a page shows the
// conversation; latency = Node send time → first appearance inside a timeline item of that page's DOM, page
// stamps corrected by the measured clock offset. Rounds alternate Fio's agent app and the bare page; only one
// of them is connected at a time.
import type { Page } from 'playwright-core';
import { socketUrl } from '../http';
import { leave, showConversation } from './agent-page';
import { closeBaseline, loadBaseline, OPEN, waitBaselineLive } from './baseline-page';
import type { Customer } from './customer';
import { clockOffset, marked, type Probe, probe } from './probe';
import type { AgentSettings } from './settings';

export type TargetName = 'fio' | 'baseline';

export interface DeliveryRound {
  target: TargetName;
  round: number;
  sent: number;
  acked: number;
  seen: number;
  /** send → in the DOM, ms, for each message seen. */
  latencies: number[];
  clock: { offsetMs: number; rttMs: number };
  /** How late the sender ran against its schedule, worst case (ms). */
  lateMaxMs: number;
}

export interface DeliveryContext {
  base: string;
  agentToken: string;
  customer: Customer;
  agentPage: Page;
  baselinePage: Page;
  /** Where the bare page is served. */
  baselineUrl: string;
  settings: AgentSettings;
  log: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const clock = () => performance.timeOrigin + performance.now();

/** The acks' outcomes, or none if they have not all settled within `ms` (the timer does not outlive it). */
async function settledWithin(acks: Promise<number>[], ms: number): Promise<PromiseSettledResult<number>[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<PromiseSettledResult<number>[]>((resolve) => {
    timer = setTimeout(() => resolve([]), ms);
  });
  try {
    return await Promise.race([Promise.allSettled(acks), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends `n` marked messages on a fixed schedule, never waiting for acks; returns each send time. */
async function sendPaced(customer: Customer, tag: string, n: number, intervalMs: number) {
  const sentAt = new Map<string, number>();
  const acks: Promise<number>[] = [];
  let lateMaxMs = 0;
  const start = clock();
  for (let i = 1; i <= n; i++) {
    const due = start + (i - 1) * intervalMs;
    const wait = due - clock();
    if (wait > 0) await sleep(wait);
    const key = `${tag}-${i}`;
    const at = clock();
    lateMaxMs = Math.max(lateMaxMs, at - due);
    sentAt.set(key, at);
    acks.push(customer.send(marked(`Mensagem ${i}`, key)));
  }
  return { sentAt, acks, lateMaxMs };
}

async function measureRound(p: Probe, c: DeliveryContext, tag: string) {
  const { settings: s, customer } = c;
  for (let i = 1; i <= s.warmup; i++) await customer.send(marked('Aquecimento', `${tag}w-${i}`));
  const warm = await p.waitCount(`${tag}w-`, s.warmup, s.timeouts.stepMs);
  if (warm < s.warmup) throw new Error(`${tag}: only ${warm}/${s.warmup} warm-up messages reached the page`);
  await p.reset();
  const offset = await clockOffset(p);
  const { sentAt, acks, lateMaxMs } = await sendPaced(customer, tag, s.messages, s.intervalMs);
  await p.waitCount(`${tag}-`, s.messages, s.timeouts.stepMs);
  const settled = await settledWithin(acks, s.timeouts.stepMs);
  const seen = new Map(await p.seen(`${tag}-`));
  const latencies: number[] = [];
  for (const [key, at] of sentAt) {
    const shown = seen.get(key);
    if (shown !== undefined) latencies.push(shown - offset.offsetMs - at);
  }
  return {
    sent: sentAt.size,
    acked: settled.filter((r) => r.status === 'fulfilled').length,
    seen: latencies.length,
    latencies,
    clock: offset,
    lateMaxMs,
  };
}

async function fioRound(c: DeliveryContext, tag: string) {
  await c.agentPage.bringToFront();
  await showConversation(c.agentPage, c.base, c.customer.conversationId, c.settings.timeouts.stepMs);
  const p = probe(c.agentPage);
  await p.install();
  try {
    return await measureRound(p, c, tag);
  } finally {
    await leave(c.agentPage);
  }
}

async function baselineRound(c: DeliveryContext, tag: string) {
  const page = c.baselinePage;
  await page.bringToFront();
  const url = socketUrl(c.base, c.customer.conversationId, c.agentToken);
  await loadBaseline(page, c.baselineUrl, { url, since: c.customer.lastSeq });
  const p = probe(page);
  await p.install();
  await page.click(OPEN);
  await waitBaselineLive(page, c.settings.timeouts.stepMs);
  try {
    return await measureRound(p, c, tag);
  } finally {
    await closeBaseline(page);
  }
}

export async function measureDelivery(c: DeliveryContext): Promise<DeliveryRound[]> {
  const rounds: DeliveryRound[] = [];
  for (let round = 1; round <= c.settings.rounds; round++) {
    // Alternate which goes first, so neither always runs on a warmer (or more tired) stack.
    const order: TargetName[] = round % 2 === 1 ? ['fio', 'baseline'] : ['baseline', 'fio'];
    for (const target of order) {
      const tag = `d${round}${target === 'fio' ? 'f' : 'b'}`;
      const r = target === 'fio' ? await fioRound(c, tag) : await baselineRound(c, tag);
      rounds.push({ target, round, ...r });
      const sorted = [...r.latencies].sort((a, b) => a - b);
      c.log(
        `  delivery ${target} round ${round}: ${r.seen}/${r.sent} on screen, ` +
          `p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms ` +
          `(clock offset ${r.clock.offsetMs.toFixed(2)} ± ${(r.clock.rttMs / 2).toFixed(2)} ms)`,
      );
    }
  }
  return rounds;
}
