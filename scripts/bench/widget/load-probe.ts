// The cold-load instrumentation, added to every document of a load's browser context before any of its own
// scripts run (Playwright init scripts reach cross-origin iframes too, and no page CSP applies to them). In the
// host page it stamps, per animation frame, when the launcher (a button labelled "Abrir chat"/"Open chat" in an
// open shadow root, or in the page) is first visible, and the launcher click's own event time; in the widget's
// frame, when the composer (a textarea labelled "Mensagem"/"Message") is first visible, enabled and focused.
// Stamps are absolute (performance.timeOrigin + …), so the host's and the frame's compare after each is
// corrected by its own clock offset against Node. Plain JS source, so nothing from the TypeScript loader leaks.
import type { Frame, Page } from 'playwright-core';

export const LOAD_PROBE = `(() => {
  if (window.__fioLoad) return;
  const abs = (t) => performance.timeOrigin + t;
  const s = { launcherAt: null, clickAt: null, composerAt: null, enabledAt: null, focusedAt: null };
  window.__fioLoad = { state: () => s, now: () => abs(performance.now()) };
  const LAUNCHER = /^(Abrir chat|Open chat)$/;
  const COMPOSER = /^(Mensagem|Message)$/;
  const frame = () => new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => { clearTimeout(timer); resolve(); });
  });
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.bottom <= 0 || r.right <= 0) return false;
    if (r.top >= innerHeight || r.left >= innerWidth) return false;
    const st = getComputedStyle(el);
    return st.visibility !== 'hidden' && Number(st.opacity) > 0;
  };
  const roots = () => {
    const out = [document];
    for (const el of document.querySelectorAll('body > *, html > *')) if (el.shadowRoot) out.push(el.shadowRoot);
    return out;
  };
  const launcher = () => {
    for (const root of roots())
      for (const b of root.querySelectorAll('button[aria-label]'))
        if (LAUNCHER.test(b.getAttribute('aria-label'))) return b;
    return null;
  };
  const labelled = (t) => COMPOSER.test((t.getAttribute('aria-label') || '').trim()) ||
    [...(t.labels || [])].some((l) => COMPOSER.test((l.textContent || '').trim()));
  const composer = () => [...document.querySelectorAll('textarea')].find(labelled) || null;
  const inFrame = window.top !== window;
  if (!inFrame) {
    addEventListener('click', (e) => { if (s.clickAt === null) s.clickAt = abs(e.timeStamp); }, { capture: true });
    (async () => {
      while (s.launcherAt === null) {
        await frame();
        const b = launcher();
        if (b && shown(b)) s.launcherAt = abs(performance.now());
      }
    })();
  } else {
    (async () => {
      while (s.composerAt === null) {
        await frame();
        const t = composer();
        if (!t || !shown(t)) continue;
        const now = abs(performance.now());
        const enabled = !t.disabled && !t.readOnly;
        if (enabled && s.enabledAt === null) s.enabledAt = now;
        if (document.activeElement === t && s.focusedAt === null) s.focusedAt = now;
        if (enabled && document.activeElement === t) s.composerAt = now;
      }
    })();
  }
})()`;

export interface LoadStamps {
  launcherAt: number | null;
  clickAt: number | null;
  composerAt: number | null;
  enabledAt: number | null;
  focusedAt: number | null;
}

type Doc = Page | Frame;

export const loadStamps = (doc: Doc) => doc.evaluate('window.__fioLoad.state()') as Promise<LoadStamps>;

/** Polls (bounded) until the stamp is set; null on timeout. */
export async function waitStamp(doc: Doc, key: keyof LoadStamps, timeoutMs: number): Promise<number | null> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = (await loadStamps(doc).catch(() => null))?.[key] ?? null;
    if (v !== null || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The document's clock, for clockOffset (scripts/bench/agent/probe.ts). */
export const docClock = (doc: Doc) => ({
  now: () => doc.evaluate('window.__fioLoad.now()') as Promise<number>,
});

/** One resource of the document by URL part: when its fetch started and its response ended (absolute ms). */
export async function resourceTimes(
  doc: Doc,
  part: string,
): Promise<{ startAt: number; endAt: number } | null> {
  return (await doc.evaluate(`(() => {
    const e = performance.getEntriesByType('resource').find((r) => r.name.includes(${JSON.stringify(part)}));
    return e ? { startAt: performance.timeOrigin + e.startTime, endAt: performance.timeOrigin + e.responseEnd } : null;
  })()`)) as { startAt: number; endAt: number } | null;
}
