// Browser helpers for the agent app tests: a signed-in page per agent (each in its own browser context, so
// two agents never share storage), the widget customer, and the open conversation's timeline as seqs.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Stack } from '../../scripts/lib/stack';
import type { ServerFrame } from '../../workers/contract';
import { RecordingClient, socketUrl } from './stack';

export interface Login {
  email: string;
  password: string;
}

/**
 * Records every WebSocket the page opens, so a test can cut them as a network failure would (Chromium's
 * offline emulation leaves WebSockets alone: while "offline" new ones go to a closed port and fail), and every
 * desktop notification it shows (a stand-in with permission granted: headless Chromium shows none).
 */
const INSTRUMENT = `(() => {
  const Native = window.WebSocket;
  const sockets = [];
  window.__fioSockets = sockets;
  window.__fioOffline = false;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(window.__fioOffline ? 'ws://127.0.0.1:9/offline' : url, protocols);
      sockets.push(this);
    }
  };
  const shown = [];
  window.__fioNotifications = shown;
  window.Notification = class {
    static permission = 'granted';
    static requestPermission() { return Promise.resolve('granted'); }
    constructor(title, options) { shown.push({ title, body: options && options.body }); }
    close() {}
  };
})();`;

export async function agentPage(browser: Browser, stack: Stack, who: Login): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript(INSTRUMENT);
  return signIn(await context.newPage(), stack, who);
}

/** Signs in, unless the browser context still has a session (its refresh cookie opens the app directly). */
export async function signIn(page: Page, stack: Stack, who: Login): Promise<Page> {
  await page.goto(stack.workerUrl);
  const connected = page.getByRole('status').getByText('Caixa de entrada: Conectado');
  const email = page.getByLabel('E-mail');
  await connected.or(email).first().waitFor();
  if (await email.isVisible()) {
    await email.fill(who.email);
    await page.getByLabel('Senha').fill(who.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
  }
  await connected.waitFor();
  return page;
}

/** The page loses the network: HTTP fails, every socket closes and reconnecting fails until goOnline. */
export async function goOffline(page: Page): Promise<void> {
  // Sockets first (their closing handshake needs the network), then everything else.
  await page.evaluate(async () => {
    const w = window as unknown as { __fioSockets: WebSocket[]; __fioOffline: boolean };
    w.__fioOffline = true;
    const open = w.__fioSockets.filter((s) => s.readyState <= 1);
    const closed = open.map((s) => new Promise((resolve) => s.addEventListener('close', resolve)));
    for (const s of open) s.close(4000, 'test cuts the network');
    await Promise.all(closed);
  });
  await page.context().setOffline(true);
}

export async function goOnline(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __fioOffline: boolean }).__fioOffline = false;
  });
  await page.context().setOffline(false);
}

/** A website visitor with a name, chatting over the widget socket. */
export async function widgetCustomer(stack: Stack, name: string) {
  const res = await fetch(`${stack.workerUrl}/api/widget/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', name }),
  });
  if (res.status !== 201) throw new Error(`widget session: ${res.status}`);
  const session = (await res.json()) as { token: string; conversationId: string; protocol: string };
  /** Typing and read frames the customer received. */
  const frames: ServerFrame[] = [];
  const socket = new RecordingClient(socketUrl(stack, session.conversationId, session.token), {
    onFrame: (f) => frames.push(f),
  });
  await socket.live();
  return { ...session, socket, frames };
}

/** The open conversation's timeline rows: their seqs (in screen order) and texts. */
export async function timelineSeqs(page: Page): Promise<number[]> {
  return page.locator('ol.timeline > li[data-seq]').evaluateAll((lis) =>
    lis
      .map((li) => ({ seq: Number(li.getAttribute('data-seq')), top: li.getBoundingClientRect().top }))
      .sort((a, b) => a.top - b.top)
      .map((r) => r.seq),
  );
}

export function notifications(page: Page): Promise<{ title: string; body: string }[]> {
  return page.evaluate(
    () => (window as unknown as { __fioNotifications: { title: string; body: string }[] }).__fioNotifications,
  );
}

export function conversationRow(page: Page, name: string) {
  return page.locator('.conversation-list').getByRole('button', { name });
}

/**
 * Opens the top bar's account menu on a desktop (security, password, sessions, language, sound, notifications,
 * shortcuts, sign-out live there); a no-op when it is already open.
 */
export async function openAccountMenu(page: Page): Promise<void> {
  const toggle = page.locator('.account-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator('#account-menu[data-open="true"]').waitFor();
}

/** Switches the app's language from the account menu, then closes the menu so it covers nothing. */
export async function chooseLanguage(page: Page, locale: 'pt-BR' | 'en'): Promise<void> {
  await openAccountMenu(page);
  await page.locator('#account-menu').getByRole('combobox').selectOption(locale);
  await page.locator('.account-toggle').click();
  await page.locator('#account-menu[data-open="false"]').waitFor({ state: 'attached' });
}
