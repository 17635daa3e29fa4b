// The website widget's loader on the demo host site (another site than Fio, hostile CSS, a strict CSP, its
// own scripts), in Chromium: the launcher in the branding colour and corner whatever the page's CSS, the
// panel and its iframe (380×600 on desktop, the whole screen at 390 px), window.Fio and its events, commands
// queued until the widget is ready, messages from anywhere but the widget's frame ignored, the page's own
// styles, globals and scripts untouched, no CSP violation, a site not on the channel's list refused, axe.
// The channel config and the frame's document are stand-ins served on Fio's origin (widget-stand-ins.ts)
// until the server and widget parts of issue 14 land; widget.js, the host site and the stack are real.
import { jwtVerify } from 'jose';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { eventually, startE2eStack } from './stack';
import { routeWidgetStandIns } from './widget-stand-ins';

let stack: Stack;
let browser: Browser;
const BRAND = '#7c3aed';
const BRAND_RGB = 'rgb(124, 58, 237)';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

beforeAll(async () => {
  stack = await startE2eStack('widget-loader');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

interface HostPage {
  context: BrowserContext;
  page: Page;
  warnings: string[];
  release(): void;
}

/** A browser context on the host site; CSP violations of the page are recorded in window.__violations. */
async function openHost(
  opts: {
    url?: string;
    path?: string;
    viewport?: { width: number; height: number };
    position?: 'left' | 'right';
    holdFrame?: boolean;
    blockLoader?: boolean;
  } = {},
): Promise<HostPage> {
  const context = await browser.newContext({ viewport: opts.viewport ?? DESKTOP });
  let release = () => {};
  const hold = opts.holdFrame ? new Promise<void>((r) => (release = r)) : undefined;
  await routeWidgetStandIns(context, {
    workerUrl: stack.workerUrl,
    allowedOrigins: [stack.widgetHost.url],
    branding: { color: BRAND, position: opts.position ?? 'right' },
    holdFrame: hold,
  });
  if (opts.blockLoader) await context.route(`${stack.workerUrl}/widget.js`, (r) => r.abort());
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const page = await context.newPage();
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && m.text().startsWith('Fio:')) warnings.push(m.text());
  });
  await page.goto(`${opts.url ?? stack.widgetHost.url}${opts.path ?? '/'}`);
  return { context, page, warnings, release };
}

const launcher = (page: Page, name = 'Abrir chat') => page.getByRole('button', { name, exact: true });
const frameEl = (page: Page) => page.locator('iframe[data-fio-widget]');

/** The widget's frame (the stand-in) once it has loaded. */
async function widgetFrame(page: Page) {
  await eventually('the widget frame', () => page.frames().some((f) => f.url().includes('/widget/frame/')));
  const frame = page.frames().find((f) => f.url().includes('/widget/frame/'));
  if (!frame) throw new Error('no widget frame');
  await frame.waitForFunction(() => 'stub' in window);
  return frame;
}

const received = (frame: Awaited<ReturnType<typeof widgetFrame>>) =>
  frame.evaluate(() => (window as unknown as { received: unknown[] }).received);

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

/** Events the page's listeners heard through Fio.on. */
async function listen(page: Page): Promise<void> {
  await page.waitForFunction(() => 'Fio' in window);
  await page.evaluate(() => {
    const w = window as unknown as {
      heard: unknown[];
      Fio: { on(e: string, f: (p: unknown) => void): void };
    };
    w.heard = [];
    for (const e of ['ready', 'open', 'close', 'message', 'unread']) {
      w.Fio.on(e, (p) => w.heard.push(p === undefined ? e : [e, p]));
    }
  });
}
const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: unknown[] }).heard);

describe('the demo host site', () => {
  it('is on the demo widget channel’s allowed origins (that one settings field) and the stranger copy is not', async () => {
    const client = new pg.Client({ connectionString: stack.ownerUrl });
    await client.connect();
    try {
      const rows = await client.query<{ id: string; origins: string[] | null }>(
        `select id, settings->'allowedOrigins' as origins from channels where kind = 'widget'`,
      );
      expect(stack.widgetHost.channelId).toBe(stack.demo.widgetChannelId);
      const byId = new Map(rows.rows.map((r) => [r.id, r.origins]));
      expect(byId.get(stack.demo.widgetChannelId)).toEqual([stack.widgetHost.url]);
      // Every other widget channel (the other tenants' fixtures) as the seed left it.
      expect(rows.rows.filter((r) => r.id !== stack.demo.widgetChannelId).map((r) => r.origins)).toEqual(
        rows.rows.filter((r) => r.id !== stack.demo.widgetChannelId).map(() => null),
      );
    } finally {
      await client.end();
    }
    expect(stack.widgetHost.strangerUrl).not.toBe(stack.widgetHost.url);
    const res = await fetch(`${stack.widgetHost.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const fio = new URL(stack.workerUrl).origin;
    expect(csp).toContain(`script-src 'self' ${fio}`);
    expect(csp).toContain(`frame-src ${fio}`);
    expect(csp).toContain(`connect-src 'self' ${fio}`);
    expect(csp).toContain("style-src 'self'");
    expect(await res.text()).toContain(
      `<script src="${fio}/widget.js" data-channel="${stack.demo.widgetChannelId}" async></script>`,
    );
  });
});

describe('the loader on the demo host site', () => {
  it('draws the launcher in the branding colour at the branding corner, untouched by the page’s CSS', async () => {
    const { context, page } = await openHost();
    try {
      const button = launcher(page);
      await button.waitFor();
      await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
      const box = await button.boundingBox();
      expect(box).toEqual({ x: DESKTOP.width - 20 - 56, y: DESKTOP.height - 20 - 56, width: 56, height: 56 });
      const style = await button.evaluate((b) => {
        const s = getComputedStyle(b);
        const host = getComputedStyle(
          b.getRootNode() instanceof ShadowRoot ? (b.getRootNode() as ShadowRoot).host : b,
        );
        return {
          background: s.backgroundColor,
          padding: s.padding,
          border: s.borderStyle,
          radius: s.borderTopLeftRadius,
          boxSizing: s.boxSizing,
          hostTransform: host.transform,
          hostOpacity: host.opacity,
          hostFilter: host.filter,
          hostPosition: host.position,
        };
      });
      // The page says: every button pink with 30 px padding and a dashed border, every element serif and
      // content-box, the body's last child rotated, half transparent and grey.
      expect(style).toEqual({
        background: BRAND_RGB,
        padding: '0px',
        border: 'none',
        radius: '50%',
        boxSizing: 'border-box',
        hostTransform: 'none',
        hostOpacity: '1',
        hostFilter: 'none',
        hostPosition: 'static',
      });
    } finally {
      await context.close();
    }
    const left = await openHost({ position: 'left' });
    try {
      await launcher(left.page).waitFor();
      expect((await launcher(left.page).boundingBox())?.x).toBe(20);
    } finally {
      await left.context.close();
    }
  });

  it('opens the 380×600 panel and closes it again, keeping the frame (and its state) while closed', async () => {
    const { context, page } = await openHost();
    try {
      await listen(page);
      const frame = await widgetFrame(page);
      await eventually('ready heard', async () => (await heard(page)).includes('ready'));
      await expect(frameEl(page).isVisible()).resolves.toBe(false);
      await launcher(page).click();
      const closeButton = launcher(page, 'Fechar chat');
      await expect(closeButton.getAttribute('aria-expanded')).resolves.toBe('true');
      const iframe = frameEl(page);
      await expect(iframe.getAttribute('title')).resolves.toBe('Chat de atendimento');
      const src = new URL((await iframe.getAttribute('src')) ?? '');
      expect(src.origin).toBe(new URL(stack.workerUrl).origin);
      expect(src.pathname).toBe(`/widget/frame/${stack.demo.widgetChannelId}`);
      expect(src.searchParams.get('host')).toBe(stack.widgetHost.url);
      expect(src.searchParams.get('locale')).toBe('pt-BR');
      const box = await iframe.boundingBox();
      // The page's `iframe { width: 10px; border: 8px solid red }` does not reach it.
      expect(box).toEqual({
        x: DESKTOP.width - 20 - 380,
        y: DESKTOP.height - 88 - 600,
        width: 380,
        height: 600,
      });
      await eventually('the frame told to open', async () =>
        JSON.stringify(await received(frame)).includes('"type":"open"'),
      );
      await closeButton.click();
      await expect(iframe.isVisible()).resolves.toBe(false);
      // Same document (not reloaded): what it received so far is still there.
      await eventually('the frame told to close', async () =>
        JSON.stringify(await received(frame)).includes('"type":"close"'),
      );
      expect(await received(frame)).toEqual([
        { fio: 1, type: 'open' },
        { fio: 1, type: 'close' },
      ]);
      expect(await heard(page)).toEqual(['ready', 'open', 'close']);
      expect(await violations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('window.Fio: open, close, toggle, on(unread|message), the badge, and the widget’s own close (Escape) refocusing the launcher', async () => {
    const { context, page } = await openHost();
    try {
      await listen(page);
      const frame = await widgetFrame(page);
      await eventually('ready heard', async () => (await heard(page)).includes('ready'));
      await page.evaluate(() => window.Fio?.open());
      await frameEl(page).waitFor({ state: 'visible' });
      await page.evaluate(() => window.Fio?.toggle());
      await frameEl(page).waitFor({ state: 'hidden' });
      await page.evaluate(() => window.Fio?.toggle());
      await frameEl(page).waitFor({ state: 'visible' });
      await page.evaluate(() => window.Fio?.close());
      await frameEl(page).waitFor({ state: 'hidden' });

      await frame.evaluate(() => {
        const stub = (window as unknown as { stub: { post(m: unknown): void; unread(n: number): void } })
          .stub;
        stub.post({ type: 'message', seq: 7, author: 'agent', preview: 'Oi, aqui é a Ana' });
        stub.unread(3);
      });
      const badge = page.getByRole('img', { name: '3 mensagens não lidas' });
      await badge.waitFor();
      await expect(badge.textContent()).resolves.toBe('3');
      const badgeFont = await badge.evaluate((b) => getComputedStyle(b).fontFamily);
      expect(badgeFont.startsWith('system-ui')).toBe(true);

      // The page itself (or any other window) posting a well-formed message is ignored; so is the frame
      // posting something FrameToHost does not allow.
      await page.evaluate(() => window.postMessage({ fio: 1, type: 'unread', count: 99 }, '*'));
      await frame.evaluate(() => {
        const stub = (window as unknown as { stub: { raw(m: unknown): void } }).stub;
        stub.raw({ fio: 1, type: 'unread', count: 1000 });
        stub.raw({ fio: 2, type: 'open' });
        stub.raw({ fio: 1, type: 'unread', count: 1 });
      });
      await page.getByRole('img', { name: '1 mensagem não lida' }).waitFor();
      await expect(frameEl(page).isVisible()).resolves.toBe(false);

      // The widget asks to be shown (open), then closes itself with Escape: the launcher gets the focus.
      await frame.evaluate(() => {
        (window as unknown as { stub: { post(m: unknown): void } }).stub.post({ type: 'open' });
      });
      await frameEl(page).waitFor({ state: 'visible' });
      await frame.locator('textarea').focus();
      await page.keyboard.press('Escape');
      await frameEl(page).waitFor({ state: 'hidden' });
      await eventually('the launcher focused', () =>
        page.evaluate(
          () =>
            document.activeElement?.shadowRoot?.activeElement?.getAttribute('aria-label') === 'Abrir chat',
        ),
      );
      expect(await heard(page)).toEqual([
        'ready',
        'open',
        'close',
        'open',
        'close',
        ['message', { seq: 7, author: 'agent', preview: 'Oi, aqui é a Ana' }],
        ['unread', { count: 3 }],
        ['unread', { count: 1 }],
        'open',
        'close',
      ]);
      // What the frame heard from the loader: only what the page asked for (not the widget's own open/close).
      expect(await received(frame)).toEqual([
        { fio: 1, type: 'open' },
        { fio: 1, type: 'close' },
        { fio: 1, type: 'open' },
        { fio: 1, type: 'close' },
      ]);
      expect(await violations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('queues commands given before the widget is ready and delivers them in order; setLocale switches the launcher to English', async () => {
    const host = await openHost({ holdFrame: true });
    try {
      const { page } = host;
      await launcher(page).waitFor();
      await listen(page);
      await page.evaluate(() => {
        window.Fio?.identify('header.payload.signature');
        window.Fio?.setLocale('en');
        window.Fio?.open();
      });
      await launcher(page, 'Close chat').waitFor();
      await expect(frameEl(page).getAttribute('title')).resolves.toBe('Support chat');
      host.release();
      const frame = await widgetFrame(page);
      await eventually('the queued commands delivered', async () => (await received(frame)).length === 3);
      expect(await received(frame)).toEqual([
        { fio: 1, type: 'identify', token: 'header.payload.signature' },
        { fio: 1, type: 'setLocale', locale: 'en' },
        { fio: 1, type: 'open' },
      ]);
      expect(await heard(page)).toEqual(['open', 'ready']);
      // A listener added after `ready` still hears it; one that stopped listening hears nothing more.
      await page.evaluate(() => {
        const w = window as unknown as { late: string[]; Fio: NonNullable<Window['Fio']> };
        w.late = [];
        w.Fio.on('ready', () => w.late.push('ready'));
        const off = w.Fio.on('close', () => w.late.push('close'));
        off();
        w.Fio.close();
      });
      await eventually('the late ready', () =>
        page.evaluate(() => (window as unknown as { late: string[] }).late.length === 1),
      );
      expect(await page.evaluate(() => (window as unknown as { late: string[] }).late)).toEqual(['ready']);
      expect(await heard(page)).toEqual(['open', 'ready', 'close']);
    } finally {
      await host.context.close();
    }
  });

  it('follows an English page: labels, frame title, locale', async () => {
    const { context, page } = await openHost({ path: '/?lang=en' });
    try {
      const frame = await widgetFrame(page);
      await launcher(page, 'Open chat').click();
      await expect(frameEl(page).getAttribute('title')).resolves.toBe('Support chat');
      expect(new URL((await frameEl(page).getAttribute('src')) ?? '').searchParams.get('locale')).toBe('en');
      await frame.evaluate(() => (window as unknown as { stub: { unread(n: number): void } }).stub.unread(2));
      await page.getByRole('img', { name: '2 unread messages' }).waitFor();
      await launcher(page, 'Close chat').waitFor();
    } finally {
      await context.close();
    }
  });

  it('leaves the page’s own styles, globals and scripts as they are', async () => {
    const probe = (page: Page) =>
      page.evaluate(() => {
        const pick = (el: Element | null, props: string[]) => {
          if (!el) return null;
          const s = getComputedStyle(el);
          return Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)]));
        };
        return {
          button: pick(document.getElementById('assinar'), [
            'background-color',
            'padding-top',
            'font-family',
            'border-top-style',
            'box-sizing',
          ]),
          plan: pick(document.querySelector('.plano'), ['outline-style', 'margin-top', 'font-family']),
          footer: pick(document.querySelector('.rodape'), ['transform', 'opacity', 'position']),
          h1: pick(document.querySelector('h1'), ['font-family', 'font-size']),
          globals: Object.keys(window).sort(),
          ultimo: ([1, 2, 3] as unknown as { ultimo(): number }).ultimo(),
          arrayKeys: Object.keys(Array.prototype),
          state: JSON.stringify((window as unknown as { provedorDemo: unknown }).provedorDemo),
        };
      });
    // The page as it is without the widget (widget.js blocked)…
    const bare = await openHost({ blockLoader: true });
    await bare.page.locator('#assinar').waitFor();
    const before = await probe(bare.page);
    await bare.context.close();
    // …and with it, closed and open.
    const { context, page } = await openHost();
    try {
      await widgetFrame(page);
      await launcher(page).waitFor();
      const closed = await probe(page);
      await launcher(page).click();
      await frameEl(page).waitFor({ state: 'visible' });
      const open = await probe(page);
      expect(closed.globals.filter((g) => !before.globals.includes(g))).toEqual(['Fio']);
      for (const after of [closed, open]) {
        expect({ ...after, globals: null, state: null }).toEqual({ ...before, globals: null, state: null });
      }
      expect(before.button?.['background-color']).toBe('rgb(255, 0, 170)');
      expect(before.footer?.transform).toBe('none');
      // The page's counter still works with the widget open, and its global holds only what it put there
      // (the page records the origins of the postMessages it sees: the widget's go to the page's window).
      await page.locator('#assinar').click();
      await page.locator('#assinar').click();
      await expect(page.locator('#pedidos').textContent()).resolves.toBe('2 pedidos');
      const state = await page.evaluate(
        () => (window as unknown as { provedorDemo: { version: string; pedidos: number } }).provedorDemo,
      );
      expect({ version: state.version, pedidos: state.pedidos }).toEqual({ version: '2.3.1', pedidos: 2 });
      expect(await violations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the demo portal hands the widget its customer’s identity token (signed with the channel’s secret)', async () => {
    // No secret known to the site: the portal says so and identifies nobody.
    stack.widgetHost.setIdentitySecret(null);
    const anonymous = await openHost({ path: '/portal' });
    try {
      const frame = await widgetFrame(anonymous.page);
      await expect(anonymous.page.locator('#portal-status').textContent()).resolves.toContain('Sem segredo');
      await launcher(anonymous.page).click();
      await eventually('open delivered', async () => (await received(frame)).length === 1);
      expect(await received(frame)).toEqual([{ fio: 1, type: 'open' }]);
    } finally {
      await anonymous.context.close();
    }
    const secret = 'a'.repeat(64);
    stack.widgetHost.setIdentitySecret(secret);
    const known = await openHost({ path: '/portal' });
    try {
      const frame = await widgetFrame(known.page);
      await eventually('identify delivered', async () => (await received(frame)).length === 1);
      const [message] = (await received(frame)) as { fio: number; type: string; token: string }[];
      expect(message?.type).toBe('identify');
      const { payload } = await jwtVerify(message?.token ?? '', new TextEncoder().encode(secret), {
        algorithms: ['HS256'],
      });
      expect(payload).toMatchObject({ sub: 'portal-1001', name: 'Maria Portal' });
      expect((payload.exp ?? 0) - Date.now() / 1000).toBeLessThanOrEqual(600);
      expect(await violations(known.page)).toEqual([]);
    } finally {
      stack.widgetHost.setIdentitySecret(null);
      await known.context.close();
    }
  });

  it('refuses a site not on the channel’s list: no launcher, one console warning saying why', async () => {
    const { context, page, warnings } = await openHost({ url: stack.widgetHost.strangerUrl });
    try {
      await eventually('the refusal warning', () => warnings.length > 0);
      expect(await page.locator('fio-widget').count()).toBe(0);
      expect(await page.locator('iframe').count()).toBe(0);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(stack.widgetHost.strangerUrl);
      expect(warnings[0]).toContain('allowed sites');
      // window.Fio exists (a page's calls never throw) but does nothing.
      await page.evaluate(() => window.Fio?.open());
      expect(await page.locator('fio-widget').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('is full screen at 390 px wide, and the launcher comes back (focused) when the widget closes', async () => {
    const { context, page } = await openHost({ viewport: PHONE });
    try {
      const frame = await widgetFrame(page);
      await launcher(page).click();
      await frameEl(page).waitFor({ state: 'visible' });
      expect(await frameEl(page).boundingBox()).toEqual({
        x: 0,
        y: 0,
        width: PHONE.width,
        height: PHONE.height,
      });
      await expect(launcher(page, 'Fechar chat').isVisible()).resolves.toBe(false);
      await page.screenshot({ path: '/work/wt/shots/b-390-open.png' });
      await frame.getByRole('button', { name: 'Minimizar chat' }).click();
      await frameEl(page).waitFor({ state: 'hidden' });
      await expect(launcher(page).isVisible()).resolves.toBe(true);
      await eventually('the launcher focused', () =>
        page.evaluate(
          () =>
            document.activeElement?.shadowRoot?.activeElement?.getAttribute('aria-label') === 'Abrir chat',
        ),
      );
      await page.screenshot({ path: '/work/wt/shots/b-390-closed.png' });
      expect(await violations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('axe finds no serious or critical violations on the host page, closed and open, desktop and 390 px', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const { context, page } = await openHost({ viewport });
      try {
        const frame = await widgetFrame(page);
        await frame.evaluate(() =>
          (window as unknown as { stub: { unread(n: number): void } }).stub.unread(2),
        );
        await page.getByRole('img', { name: '2 mensagens não lidas' }).waitFor();
        expect(await a11y(page)).toEqual([]);
        await launcher(page).click();
        await frameEl(page).waitFor({ state: 'visible' });
        expect(await a11y(page)).toEqual([]);
        if (viewport === DESKTOP) await page.screenshot({ path: '/work/wt/shots/b-desktop-open.png' });
      } finally {
        await context.close();
      }
    }
  });
});

/** axe in the page and in its frames (axe asks each frame's own copy; without one it would wait for it). */
async function a11y(page: Page) {
  const { readFileSync } = await import('node:fs');
  const { createRequire } = await import('node:module');
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  for (const frame of page.frames().slice(1)) await frame.evaluate(source);
  return seriousA11yViolations(page);
}
