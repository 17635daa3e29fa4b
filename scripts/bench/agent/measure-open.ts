// Opening the long conversation: from the click (the click event's own timestamp) to its newest message in
// the DOM and visible, in a freshly loaded agent app (clicking its row in the inbox) and in the bare page
// (clicking "open": hello {since: lastSeq − tail}); then, in the app, scrolling to seq 1 through the REST
// history with the longest frame and the long tasks on the way.
import type { Page } from 'playwright-core';
import { clickConversation, leave, showInbox } from './agent-page';
import { closeBaseline, loadBaseline, OPEN } from './baseline-page';
import { socketUrl } from './customer';
import type { TargetName } from './measure-delivery';
import { probe, type ScrollResult } from './probe';
import type { LongConversation } from './seed';
import type { AgentSettings } from './settings';

export interface OpenRun {
  target: TargetName;
  rep: number;
  clickToDomMs: number | null;
  clickToVisibleMs: number | null;
  scroll: ScrollResult | null;
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
  return { clickToDomMs: since(clickAt, domAt), clickToVisibleMs: since(clickAt, visibleAt), scroll };
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
  return { clickToDomMs: since(clickAt, domAt), clickToVisibleMs: since(clickAt, visibleAt), scroll: null };
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
            : ''),
      );
    }
  }
  return runs;
}
