// The three screens of the delivery measurement, each in its own browser context: the visitor on the host
// page with the widget open (its conversation id read from the session the widget creates), and agents A
// and B signed in to the agent app with that conversation open and live.
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { showConversation, signedInPage } from '../agent/agent-page';
import type { Screen } from './measure-delivery';
import type { WidgetSettings } from './settings';

/** The widget's iframe (the loader marks it) and its composer, by the names the widget and loader agree on. */
const FRAME = 'iframe[data-fio-widget]';
const COMPOSER = { name: 'Mensagem', exact: true } as const;

async function frameOf(page: Page, timeoutMs: number): Promise<Frame> {
  const handle = await page.locator(FRAME).elementHandle({ timeout: timeoutMs });
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('the widget iframe has no frame');
  return frame;
}

function logErrors(context: BrowserContext, who: string, log: (line: string) => void) {
  context.on('page', (page) =>
    page
      .on('pageerror', (err) => log(`page error (${who}): ${err.message}`))
      .on('console', (m) => {
        if (m.type() === 'error') log(`console error (${who}): ${m.text()}`);
      }),
  );
}

/** The visitor: the host page loaded, the widget opened, a first message sent; and its session's conversation. */
export async function openWidget(
  browser: Browser,
  hostUrl: string,
  s: WidgetSettings,
  log: (line: string) => void,
): Promise<{ screen: Screen; conversationId: string }> {
  const timeout = s.timeouts.stepMs;
  const context = await browser.newContext({ viewport: s.viewport, locale: 'pt-BR' });
  logErrors(context, 'widget', log);
  const page = await context.newPage();
  await page.goto(hostUrl, { timeout });
  const session = page.waitForResponse(
    (r) => r.url().includes('/api/widget/sessions') && r.request().method() === 'POST',
    { timeout },
  );
  await page.getByRole('button', { name: 'Abrir chat' }).click({ timeout });
  const composer = page.frameLocator(FRAME).getByRole('textbox', COMPOSER);
  // The widget creates the visitor's session on the first message, not on open.
  await composer.fill('Olá, preciso de ajuda', { timeout });
  await composer.press('Enter', { timeout });
  const res = await session;
  if (!res.ok()) throw new Error(`widget session: HTTP ${res.status()} ${await res.text()}`);
  const { conversationId } = (await res.json()) as { conversationId: string };
  return { screen: { name: 'widget', doc: await frameOf(page, timeout), composer }, conversationId };
}

/** An agent signed in (its own context) with the conversation open and live. */
export async function openAgent(
  browser: Browser,
  base: string,
  who: { email: string; password: string },
  name: string,
  conversationId: string,
  s: WidgetSettings,
  log: (line: string) => void,
): Promise<Screen> {
  const context = await browser.newContext({ viewport: s.viewport, locale: 'pt-BR' });
  logErrors(context, name, log);
  const page = await signedInPage(context, base, who, s.timeouts.stepMs);
  await showConversation(page, base, conversationId, s.timeouts.stepMs);
  return { name, doc: page, composer: page.locator('#composer') };
}
