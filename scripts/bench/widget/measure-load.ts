// Cold loads: each in a new browser context (a first-time visitor: no cache, no storage, so no session yet),
// on Fio's demo host page and on the floor page, alternating. Launcher: the widget script's fetch start
// (Resource Timing, the moment the browser acted on the tag) → the first animation frame with the launcher
// visible. Composer: the launcher click's event time → the first frame with the composer visible, enabled
// and focused in the widget's frame (for Fio this includes creating the visitor's session and its socket
// going live, as no session exists before the visitor opens the widget). Every stamp is taken in the pages.
import type { Browser, Frame, Page } from 'playwright-core';
import { clockOffset, marked, probe } from '../agent/probe';
import { docClock, LOAD_PROBE, loadStamps, resourceTimes, waitStamp } from './load-probe';
import { sendProbe } from './send-probe';
import type { WidgetSettings } from './settings';

export type LoadTarget = 'fio' | 'floor';

export interface LoadRun {
  target: LoadTarget;
  rep: number;
  /** Script tag (its fetch start) → launcher visible. */
  launcherMs: number | null;
  /** Navigation start of the host page → launcher visible (the host page's own load included). */
  navToLauncherMs: number | null;
  /** Script fetch start → script response end, and → config response end. */
  scriptMs: number | null;
  configDoneMs: number | null;
  /** The config request alone: its fetch start → response end. */
  configMs: number | null;
  /** Launcher click → composer visible, enabled and focused. */
  composerMs: number | null;
  /** Click → the frame document's navigation start (null when the frame was loaded before the click). */
  frameStartMs: number | null;
  /**
   * Fio only: the first message, typed once the composer is usable. The widget creates the visitor's session
   * (and opens its socket) on the first send, not on open: Enter → the session POST answered, and Enter → the
   * message shown with its seq (stored; until then it is a pending row without one).
   */
  firstSessionMs: number | null;
  firstSendMs: number | null;
  /** Click → composer enabled; → composer focused (each first seen). */
  enabledMs: number | null;
  focusedMs: number | null;
  /** Page clocks against Node's, worst of the two documents (corrected). */
  offsetMs: number;
}

export interface LoadContext {
  browser: Browser;
  /** The demo host page. */
  fioUrl: string;
  floorUrl: string;
  settings: WidgetSettings;
  log: (line: string) => void;
}

const PATHS = {
  fio: { script: '/widget.js', config: '/api/widget/channels/', frame: '/widget/frame/' },
  floor: { script: '/floor-loader.js', config: '/config', frame: '/frame' },
};

const diff = (from: number | null | undefined, to: number | null | undefined) =>
  from === null || from === undefined || to === null || to === undefined ? null : to - from;

async function widgetFrame(page: Page, part: string, timeoutMs: number): Promise<Frame> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const f = page
      .frames()
      .find((x) => x !== page.mainFrame() && new URL(x.url(), 'http://x').pathname.startsWith(part));
    if (f) return f;
    if (Date.now() > end) throw new Error(`no frame under ${part} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function coldLoad(c: LoadContext, target: LoadTarget, rep: number): Promise<LoadRun> {
  const { settings: s } = c;
  const paths = PATHS[target];
  const timeout = s.timeouts.stepMs;
  const context = await c.browser.newContext({ viewport: s.viewport, locale: 'pt-BR' });
  try {
    context.on('page', (p) =>
      p.on('pageerror', (err) => c.log(`page error (${target} load ${rep}): ${err.message}`)),
    );
    await context.addInitScript(LOAD_PROBE);
    const page = await context.newPage();
    await page.goto(target === 'fio' ? c.fioUrl : c.floorUrl, { timeout });
    const launcherAt = await waitStamp(page, 'launcherAt', timeout);
    if (launcherAt === null) throw new Error(`${target} load ${rep}: no launcher within ${timeout} ms`);
    const navAt = (await page.evaluate('performance.timeOrigin')) as number;
    const script = await resourceTimes(page, paths.script);
    const config = await resourceTimes(page, paths.config);
    const host = await clockOffset(docClock(page));
    await page.getByRole('button', { name: 'Abrir chat' }).click({ timeout });
    const frame = await widgetFrame(page, paths.frame, timeout);
    const composerAt = await waitStamp(frame, 'composerAt', timeout);
    const inFrame = await loadStamps(frame);
    const clickAt = (await loadStamps(page)).clickAt;
    const framed = await clockOffset(docClock(frame));
    const frameNavAt = (await frame.evaluate('performance.timeOrigin')) as number;
    const first = target === 'fio' ? await firstMessage(frame, `l${rep}`, timeout) : null;
    // Host-page stamps and frame stamps meet on Node's clock.
    const click = clickAt === null ? null : clickAt - host.offsetMs;
    const inNode = (v: number | null | undefined) =>
      v === null || v === undefined ? null : v - framed.offsetMs;
    const frameStart = diff(click, inNode(frameNavAt));
    return {
      target,
      rep,
      launcherMs: diff(script?.startAt, launcherAt),
      navToLauncherMs: diff(navAt, launcherAt),
      scriptMs: diff(script?.startAt, script?.endAt),
      configDoneMs: diff(script?.startAt, config?.endAt),
      configMs: diff(config?.startAt, config?.endAt),
      composerMs: diff(click, inNode(composerAt)),
      frameStartMs: frameStart !== null && frameStart >= 0 ? frameStart : null,
      firstSessionMs: first?.sessionMs ?? null,
      firstSendMs: first?.shownMs ?? null,
      enabledMs: diff(click, inNode(inFrame.enabledAt)),
      focusedMs: diff(click, inNode(inFrame.focusedAt)),
      offsetMs: Math.max(Math.abs(host.offsetMs), Math.abs(framed.offsetMs)),
    };
  } finally {
    await context.close();
  }
}

/** The visitor's first message (marked `«<tag>-1»`): Enter → session answered, Enter → shown with its seq. */
async function firstMessage(frame: Frame, tag: string, timeoutMs: number) {
  const shown = probe(frame);
  const sent = sendProbe(frame);
  await shown.install();
  await sent.install();
  const composer = frame.getByRole('textbox', { name: 'Mensagem', exact: true });
  await composer.fill(marked('Olá', `${tag}-1`), { timeout: timeoutMs });
  await composer.press('Enter', { timeout: timeoutMs });
  await shown.waitCount(`${tag}-`, 1, timeoutMs);
  const sentAt = (await sent.sent(`${tag}-`))[0]?.[1];
  const session = await resourceTimes(frame, '/api/widget/sessions');
  return { sessionMs: diff(sentAt, session?.endAt), shownMs: diff(sentAt, await shown.seenAt(`${tag}-1`)) };
}

const ms = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} ms`);

export async function measureLoads(c: LoadContext): Promise<LoadRun[]> {
  const runs: LoadRun[] = [];
  // Load 0 of each is a warm-up, not counted: the server's code paths (and the Worker's isolate) are warm for
  // every counted load, which are cold only in the browser, as a visitor's first visit would be.
  for (let rep = 0; rep <= c.settings.loads; rep++) {
    // Alternate which goes first, so neither always runs on a warmer (or more tired) machine.
    const order: LoadTarget[] = rep % 2 === 1 ? ['fio', 'floor'] : ['floor', 'fio'];
    for (const target of order) {
      const r = await coldLoad(c, target, rep);
      if (rep > 0) runs.push(r);
      c.log(
        `  load ${target} ${rep === 0 ? 'warm-up' : rep}: script → launcher ${ms(r.launcherMs)} (navigation → launcher ` +
          `${ms(r.navToLauncherMs)}), click → composer ${ms(r.composerMs)}` +
          (r.firstSendMs !== null ? `; first message shown ${ms(r.firstSendMs)} after Enter` : ''),
      );
    }
  }
  return runs;
}
