// Times "Relatórios" in Chromium (playwright-core and the Debian chromium, as the e2e tests find it): from the
// navigation (or the click that changes the range) to the screen showing the cards, the table's total row,
// the backlog chart drawn with one data row per day of the range and the 168-cell heatmap, with nothing busy
// anywhere: a DOM condition checked every animation frame, never a sleep. Cold: a new browser context (no
// cached chunks), signed in, then the first navigation to the screen; warm: the same navigation again in
// that context. Then the 30-day preset and a custom 12-month range on the warm screen.
import { performance } from 'node:perf_hooks';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { daysIn } from '../../../app/agent/admin/reports/report-range';
import { summarize } from '../stats';
import type { Summary } from '../types';
import { type Preset, rangeOf } from './api';

export interface ScreenSide {
  tenant: 'year' | 'small';
  cold: Summary;
  warm: Summary;
  last30: Summary;
  months12: Summary;
  failures: string[];
  /** The first cold load's requests after the navigation (start → end, ms), to see what waits on what. */
  waterfall: Request[];
}

export interface Request {
  name: string;
  start: number;
  end: number;
}

interface Login {
  email: string;
  password: string;
}

const dayText = (day: string) => day.split('-').reverse().join('/');

/** Waits until the screen shows `range` whole; returns when it did (ms since `t0`). */
async function rendered(page: Page, range: { from: string; to: string }, t0: number, timeoutMs: number) {
  // No named helper inside: tsx would wrap it in a name helper the page does not have (and the app's CSP
  // refuses a predicate passed as source text).
  await page.waitForFunction(
    ({ from, days }) =>
      (document.querySelector('.rpt-period strong')?.textContent ?? '').trim().startsWith(from) &&
      document.querySelector('.rpt-card[data-metric="ticketsOpened"] .rpt-card-value') !== null &&
      document.querySelectorAll('tfoot .rpt-total td').length > 0 &&
      document.querySelector('.rpt-chart canvas') !== null &&
      document.querySelector('.rpt-chart-loading') === null &&
      document.querySelectorAll('.rpt-chart-data tbody tr').length === days &&
      document.querySelectorAll('td.rpt-heat-cell').length === 168 &&
      document.querySelector('main [aria-busy="true"], .rpt-body[aria-busy="true"]') === null,
    { from: dayText(range.from), days: daysIn(range) },
    { polling: 'raf', timeout: timeoutMs },
  );
  return performance.now() - t0;
}

async function signedIn(
  browser: Browser,
  base: string,
  who: Login,
): Promise<{ context: BrowserContext; page: Page }> {
  // A Brazilian browser (headless Linux reports en-US@posix, which Intl refuses inside the chart's ticks).
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pt-BR' });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Senha').fill(who.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('status').getByText('Caixa de entrada: Conectado').waitFor({ timeout: 60_000 });
  return { context, page };
}

async function navigate(page: Page, base: string, today: string, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  await page.goto(`${base}/admin/reports`);
  return rendered(page, rangeOf('7d', today), t0, timeoutMs);
}

async function choose(page: Page, preset: Preset, today: string, timeoutMs: number): Promise<number> {
  const range = rangeOf(preset, today);
  if (preset === '30d') {
    const t0 = performance.now();
    await page.getByRole('button', { name: '30 dias', exact: true }).click();
    return rendered(page, range, t0, timeoutMs);
  }
  await page.getByRole('button', { name: 'Personalizado', exact: true }).click();
  await page.getByLabel('De', { exact: true }).fill(range.from);
  await page.getByLabel('Até', { exact: true }).fill(range.to);
  const t0 = performance.now();
  await page.getByRole('button', { name: 'Aplicar', exact: true }).click();
  return rendered(page, range, t0, timeoutMs);
}

/**
 * Marks in the reports page when each part of the screen first showed (ms since its navigation), read into the
 * first cold load's waterfall to see what the rendered time waits on. A string, not a function: tsx would wrap a
 * function's inner names in a helper the page does not have; as an init script it is not subject to the CSP.
 */
const PARTS_SCRIPT = `(() => {
  if (location.pathname !== '/admin/reports') return;
  const q = (s) => document.querySelector(s);
  const parts = {
    period: () => q('.rpt-period strong') !== null,
    cards: () => q('.rpt-card[data-metric="ticketsOpened"] .rpt-card-value') !== null,
    total: () => document.querySelectorAll('tfoot .rpt-total td').length > 0,
    canvas: () => q('.rpt-chart canvas') !== null && q('.rpt-chart-loading') === null,
    heatmap: () => document.querySelectorAll('td.rpt-heat-cell').length === 168,
    idle: () => q('.rpt-period strong') !== null && q('main [aria-busy="true"], .rpt-body[aria-busy="true"]') === null,
  };
  const seen = {};
  window.__fioParts = seen;
  const tick = () => {
    for (const k of Object.keys(parts)) if (!(k in seen) && parts[k]()) seen[k] = Math.round(performance.now());
    if (Object.keys(seen).length < Object.keys(parts).length) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/** The page's scripts and API requests since its navigation, by start time (Resource Timing). */
async function waterfall(page: Page): Promise<Request[]> {
  const entries = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => ({ name: e.name, start: e.startTime, end: (e as PerformanceResourceTiming).responseEnd })),
  );
  const parts = await page.evaluate(
    () => (window as unknown as { __fioParts?: Record<string, number> }).__fioParts ?? {},
  );
  return [
    ...entries
      .filter((e) => /\/api\/|\.js($|\?)/.test(e.name))
      .map((e) => ({
        name: new URL(e.name).pathname.replace(/^\/assets\//, ''),
        start: Math.round(e.start),
        end: Math.round(e.end),
      })),
    ...Object.entries(parts).map(([part, at]) => ({ name: `shown:${part}`, start: at, end: at })),
  ].sort((a, b) => a.start - b.start);
}

/** Cold and warm loads, then 30 days and 12 months, alternating the two tenants load by load. */
export async function measureScreen(opts: {
  browser: Browser;
  base: string;
  today: string;
  logins: { year: Login; small: Login };
  cold: number;
  warm: number;
  timeoutMs: number;
  log: (l: string) => void;
}): Promise<{ year: ScreenSide; small: ScreenSide }> {
  const sides = ['year', 'small'] as const;
  const acc = () => ({
    cold: [] as number[],
    warm: [] as number[],
    last30: [] as number[],
    months12: [] as number[],
    failures: [] as string[],
    waterfall: [] as Request[],
  });
  const got = { year: acc(), small: acc() };
  const attempt = async (
    side: (typeof sides)[number],
    what: string,
    fn: () => Promise<number>,
    into: number[],
  ) => {
    try {
      into.push(await fn());
    } catch (err) {
      got[side].failures.push(`${what}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  };
  const rounds = Math.max(opts.cold, 1);
  for (let i = 0; i < rounds; i++) {
    for (const side of i % 2 === 0 ? sides : ([...sides].reverse() as (typeof sides)[number][])) {
      const { context, page } = await signedIn(opts.browser, opts.base, opts.logins[side]);
      if (i === 0) await page.addInitScript({ content: PARTS_SCRIPT });
      try {
        const g = got[side];
        const cold = await navigate(page, opts.base, opts.today, opts.timeoutMs).catch((err) => {
          g.failures.push(`cold: ${String(err).split('\n')[0]}`);
          return null;
        });
        if (cold !== null && i < opts.cold) g.cold.push(cold);
        if (cold !== null && i === 0) g.waterfall = await waterfall(page);
        // The warm loads, 30 days and 12 months only in the first context of each tenant (enough samples).
        const warmRuns = i === 0 ? opts.warm : 0;
        for (let w = 0; w < warmRuns; w++)
          await attempt(side, 'warm', () => navigate(page, opts.base, opts.today, opts.timeoutMs), g.warm);
        if (i === 0) {
          for (let w = 0; w < Math.max(1, Math.ceil(opts.warm / 2)); w++) {
            await attempt(side, '30 days', () => choose(page, '30d', opts.today, opts.timeoutMs), g.last30);
            await attempt(
              side,
              '12 months',
              () => choose(page, '12m', opts.today, opts.timeoutMs),
              g.months12,
            );
            // Back to 7 days, so the next 30-day click changes the range again.
            await page.getByRole('button', { name: '7 dias', exact: true }).click();
            await rendered(page, rangeOf('7d', opts.today), performance.now(), opts.timeoutMs).catch(() => 0);
          }
        }
      } finally {
        await context.close();
      }
      opts.log(`  screen round ${i + 1}/${rounds} ${side} done`);
    }
  }
  const out = (side: (typeof sides)[number]): ScreenSide => ({
    tenant: side,
    cold: summarize(got[side].cold),
    warm: summarize(got[side].warm),
    last30: summarize(got[side].last30),
    months12: summarize(got[side].months12),
    failures: got[side].failures,
    waterfall: got[side].waterfall,
  });
  return { year: out('year'), small: out('small') };
}
