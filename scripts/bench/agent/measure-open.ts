// Opening the long conversation: from the click (the click event's own timestamp) to its newest message in
// the DOM and visible, in a freshly loaded agent app (clicking its row in the inbox) and in the bare page
// (clicking "open": hello {since: lastSeq − tail}); then, in the app, scrolling to seq 1 through the REST
// history with the longest frame and the long tasks on the way. The baseline for the scroll is the same REST
// pages fetched one after another from Node with nothing rendered: the floor of paging through the history.
import type { Page } from 'playwright-core';
import { HISTORY_PAGE } from '../../../app/agent/endpoints';
import { socketUrl } from '../http';
import { clickConversation, leave, showInbox } from './agent-page';
import { closeBaseline, loadBaseline, OPEN } from './baseline-page';
import type { TargetName } from './measure-delivery';
import { probe, type ScrollResult } from './probe';
import type { LongConversation } from './seed';
import type { AgentSettings } from './settings';

export interface OpenRun {
  target: TargetName;
  rep: number;
  clickToDomMs: number | null;
  clickToVisibleMs: number | null;
  /** Fio: the scroll to seq 1 in the app. */
  scroll: ScrollResult | null;
  /** Baseline: every older page (the app's page size) fetched in sequence, ms, and how many. */
  history: { ms: number; pages: number } | null;
}

export interface OpenContext {
  base: string;
  agentToken: string;
  long: LongConversation;
  agentPage: Page;
  baselinePage: Page;
  /** Where the bare page is served. */
  baselineUrl: string;
  settings: AgentSettings;
  log: (line: string) => void;
}

/** The app's first paint work (me, directory, inbox replay) settles before the click, as it would for a person. */
const SETTLE_MS = 500;
const TOP = { selector: '[data-seq="1"]' };

const since = (from: number | null, to: number | null) => (from === null || to === null ? null : to - from);

async function fioOpen(c: OpenContext) {
  const { long, settings: s } = c;
  const page = c.agentPage;
  await page.bringToFront();
  await showInbox(page, c.base, long.conversationId, s.timeouts.stepMs);
  const p = probe(page);
  await p.install();
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  await p.armClick();
  await clickConversation(page, long.conversationId, s.timeouts.stepMs);
  const newest = { marker: long.newestKey };
  const visibleAt = await p.waitVisible(newest, s.timeouts.stepMs);
  const clickAt = await p.clickAt();
  const domAt = await p.seenAt(long.newestKey);
  const scroll = visibleAt === null ? null : await p.scrollToTop(newest, TOP, s.timeouts.scrollMs);
  await leave(page);
  return {
    clickToDomMs: since(clickAt, domAt),
    clickToVisibleMs: since(clickAt, visibleAt),
    scroll,
    history: null,
  };
}

/** Pages the history as the app does (before = oldest held, newest first) down to seq 1; bounded. */
async function historyFloor(c: OpenContext): Promise<{ ms: number; pages: number }> {
  const { long, settings: s } = c;
  let before: number | null = Math.max(1, long.lastSeq - s.tail + 1);
  let pages = 0;
  const start = performance.now();
  while (before !== null && before > 1 && pages < 10_000) {
    const url = `${c.base}/api/conversations/${long.conversationId}/events?before=${before}&limit=${HISTORY_PAGE}`;
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${c.agentToken}` },
      signal: AbortSignal.timeout(s.timeouts.stepMs),
    });
    if (!res.ok) throw new Error(`history page before ${before}: HTTP ${res.status}`);
    const page = (await res.json()) as { events: { seq: number }[]; nextBefore: number | null };
    pages++;
    before = page.events.length === 0 ? null : page.nextBefore;
  }
  return { ms: performance.now() - start, pages };
}

async function baselineOpen(c: OpenContext) {
  const { long, settings: s } = c;
  const page = c.baselinePage;
  await page.bringToFront();
  const url = socketUrl(c.base, long.conversationId, c.agentToken);
  await loadBaseline(page, c.baselineUrl, { url, since: Math.max(0, long.lastSeq - s.tail) });
  const p = probe(page);
  await p.install();
  await p.armClick();
  await page.click(OPEN, { timeout: s.timeouts.stepMs });
  const visibleAt = await p.waitVisible({ marker: long.newestKey }, s.timeouts.stepMs);
  const clickAt = await p.clickAt();
  const domAt = await p.seenAt(long.newestKey);
  await closeBaseline(page);
  const history = await historyFloor(c);
  return {
    clickToDomMs: since(clickAt, domAt),
    clickToVisibleMs: since(clickAt, visibleAt),
    scroll: null,
    history,
  };
}

const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(1)} ms`);

export async function measureOpens(c: OpenContext): Promise<OpenRun[]> {
  const runs: OpenRun[] = [];
  for (let rep = 1; rep <= c.settings.opens; rep++) {
    const order: TargetName[] = rep % 2 === 1 ? ['fio', 'baseline'] : ['baseline', 'fio'];
    for (const target of order) {
      const r = target === 'fio' ? await fioOpen(c) : await baselineOpen(c);
      runs.push({ target, rep, ...r });
      c.log(
        `  open ${target} ${rep}: click → newest in DOM ${ms(r.clickToDomMs)}, visible ${ms(r.clickToVisibleMs)}` +
          (r.scroll
            ? `; scroll to seq 1 ${ms(r.scroll.ms)}, longest frame ${ms(r.scroll.longestFrameMs)}, ` +
              `${r.scroll.longTasks.count} long tasks (${ms(r.scroll.longTasks.totalMs)})`
            : '') +
          (r.history ? `; ${r.history.pages} history pages in sequence ${ms(r.history.ms)}` : ''),
      );
    }
  }
  return runs;
}
