// The in-page instrumentation both pages (the agent app and the bare baseline) get: a MutationObserver that
// stamps when each marked message («key») first appears inside a timeline item ([data-seq]), visibility
// checks per animation frame, the click that starts an open, and the scroll-to-top run with its frame gaps
// and long tasks. Plain JS source, so nothing from the TypeScript loader leaks into the page.
import type { Frame, Page } from 'playwright-core';

/** The CSS selector of one rendered timeline item, in the agent app and in the baseline page alike. */
export const ITEM_SELECTOR = '[data-seq]';

/** A message text carrying its marker: the key is `<tag>-<index>`. */
export const marked = (label: string, key: string) => `${label} «${key}»`;

/** What an element is found by: the marker in its text, or a selector. */
export type Target = { marker: string } | { selector: string };

export interface ScrollResult {
  /** From the first scroll to the target visible; null on timeout. */
  ms: number | null;
  frames: number;
  longestFrameMs: number;
  longTasks: { count: number; totalMs: number; maxMs: number };
}

const SOURCE = String.raw`(() => {
  // Installed twice into one document, the newer probe replaces the older.
  if (window.__benchProbe) window.__benchProbe.dispose();
  const ITEM = ${JSON.stringify(ITEM_SELECTOR)};
  const MARK = /«([a-z0-9]+-\d+)»/g;
  const abs = (t) => performance.timeOrigin + t;
  const seen = new Map();
  let clickAt = null;

  const scanItem = (el, t) => {
    for (const m of (el.textContent || '').matchAll(MARK)) if (!seen.has(m[1])) seen.set(m[1], t);
  };
  const scanNode = (n, t) => {
    const el = n.nodeType === 1 ? n : n.parentElement;
    if (!el) return;
    const item = el.closest(ITEM);
    if (item) return scanItem(item, t);
    if (n.nodeType === 1) for (const i of n.querySelectorAll(ITEM)) scanItem(i, t);
  };
  const observer = new MutationObserver((records) => {
    const t = abs(performance.now());
    for (const r of records) {
      if (r.type === 'childList') for (const n of r.addedNodes) scanNode(n, t);
      else scanNode(r.target, t);
    }
  });
  // observe() returns nothing: keep the observer itself, so a second install can disconnect it.
  observer.observe(document, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-seq'],
  });

  const find = (target) => {
    if (target.selector) return document.querySelector(target.selector);
    const needle = '«' + target.marker + '»';
    for (const el of document.querySelectorAll(ITEM)) if ((el.textContent || '').includes(needle)) return el;
    return null;
  };
  // Visible: some of it inside the window and inside every ancestor that clips (scrollers).
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    let top = Math.max(r.top, 0);
    let bottom = Math.min(r.bottom, innerHeight);
    for (let a = el.parentElement; a && bottom > top; a = a.parentElement) {
      if (!/(auto|scroll|hidden|clip)/.test(getComputedStyle(a).overflowY)) continue;
      const ar = a.getBoundingClientRect();
      top = Math.max(top, ar.top);
      bottom = Math.min(bottom, ar.bottom);
    }
    return bottom > top;
  };
  const scrollParent = (el) => {
    for (let a = el && el.parentElement; a; a = a.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(a).overflowY) && a.scrollHeight > a.clientHeight) return a;
    }
    return document.scrollingElement;
  };
  // A hidden page gets no frames: the timer keeps every wait bounded anyway.
  const frame = () =>
    new Promise((resolve) => {
      const timer = setTimeout(() => resolve(performance.now()), 1000);
      requestAnimationFrame((ts) => { clearTimeout(timer); resolve(ts); });
    });

  window.__benchProbe = {
    dispose: () => observer.disconnect(),
    now: () => abs(performance.now()),
    reset() { seen.clear(); clickAt = null; },
    seen: (prefix) => [...seen].filter(([k]) => k.startsWith(prefix)),
    count: (prefix) => [...seen.keys()].filter((k) => k.startsWith(prefix)).length,
    armClick() {
      clickAt = null;
      document.addEventListener('click', (e) => { clickAt = abs(e.timeStamp); }, { capture: true, once: true });
    },
    clickAt: () => clickAt,
    seenAt: (key) => seen.get(key) ?? null,
    async waitCount(prefix, n, timeoutMs) {
      const end = performance.now() + timeoutMs;
      while (this.count(prefix) < n && performance.now() < end) await new Promise((r) => setTimeout(r, 20));
      return this.count(prefix);
    },
    // The first animation frame in which the target is visible (its paint follows): absolute ms, or null.
    async waitVisible(target, timeoutMs) {
      const end = performance.now() + timeoutMs;
      while (performance.now() < end) {
        await frame();
        const el = find(target);
        if (el && visible(el)) return abs(performance.now());
      }
      return null;
    },
    // Scrolls the list holding 'from' to its top every frame (a user dragging the scrollbar up and holding
    // it there while older pages load) until 'to' is visible.
    async scrollToTop(from, to, timeoutMs) {
      const scroller = scrollParent(find(from));
      const tasks = [];
      const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) tasks.push(e.duration); });
      obs.observe({ type: 'longtask' });
      const start = performance.now();
      let last = await frame();
      let longest = 0;
      let frames = 0;
      let ms = null;
      while (performance.now() - start < timeoutMs) {
        const el = find(to);
        if (el && visible(el)) { ms = performance.now() - start; break; }
        scroller.scrollTop = 0;
        const ts = await frame();
        longest = Math.max(longest, ts - last);
        last = ts;
        frames++;
      }
      for (const e of obs.takeRecords()) tasks.push(e.duration);
      obs.disconnect();
      return {
        ms, frames, longestFrameMs: longest,
        longTasks: { count: tasks.length, totalMs: tasks.reduce((a, b) => a + b, 0), maxMs: Math.max(0, ...tasks) },
      };
    },
  };
})()`;

const call = <T>(page: Page | Frame, method: string, ...args: unknown[]): Promise<T> =>
  page.evaluate(
    `window.__benchProbe.${method}(${args.map((a) => JSON.stringify(a)).join(', ')})`,
  ) as Promise<T>;

/** The probe as seen from the bench: installed into the page's (or frame's) current document, then called by name. */
export function probe(page: Page | Frame) {
  return {
    install: () => page.evaluate(SOURCE),
    now: () => call<number>(page, 'now'),
    reset: () => call<void>(page, 'reset'),
    seen: (prefix: string) => call<[string, number][]>(page, 'seen', prefix),
    count: (prefix: string) => call<number>(page, 'count', prefix),
    waitCount: (prefix: string, n: number, timeoutMs: number) =>
      call<number>(page, 'waitCount', prefix, n, timeoutMs),
    armClick: () => call<void>(page, 'armClick'),
    clickAt: () => call<number | null>(page, 'clickAt'),
    seenAt: (key: string) => call<number | null>(page, 'seenAt', key),
    waitVisible: (target: Target, timeoutMs: number) =>
      call<number | null>(page, 'waitVisible', target, timeoutMs),
    scrollToTop: (from: Target, to: Target, timeoutMs: number) =>
      call<ScrollResult>(page, 'scrollToTop', from, to, timeoutMs),
  };
}

export type Probe = ReturnType<typeof probe>;

/**
 * The page clock minus this process's clock (both `timeOrigin + now()` over the same machine clock), from
 * the round trip with the least delay: page stamps are corrected by it before they meet Node send times.
 */
export async function clockOffset(
  p: Pick<Probe, 'now'>,
  samples = 7,
): Promise<{ offsetMs: number; rttMs: number }> {
  let best = { offsetMs: 0, rttMs: Number.POSITIVE_INFINITY };
  for (let i = 0; i < samples; i++) {
    const t0 = performance.timeOrigin + performance.now();
    const pageNow = await p.now();
    const t1 = performance.timeOrigin + performance.now();
    if (t1 - t0 < best.rttMs) best = { offsetMs: pageNow - (t0 + t1) / 2, rttMs: t1 - t0 };
  }
  return best;
}
