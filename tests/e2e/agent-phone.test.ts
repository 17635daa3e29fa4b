// The agent client on a phone (390×844, touch, 2× pixels), in a real Chromium against the whole stack: an agent
// signs in, opens a conversation from the list, replies (the reply reaches the customer's WhatsApp at the
// simulator) and goes back to the list, one column at a time, with the contact's details a tap away and the
// browser's Back retracing the steps. At every step nothing is wider than the screen and the Send button is on
// screen; axe finds no serious or critical violations on the sign-in page, the list, the conversation and an
// admin screen. At 360 px the list and the conversation fit too; on a desktop the columns stay side by side.
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NUMBER, type Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { startE2eStack } from './stack';

let stack: Stack;
let browser: Browser;
const admin = DEMO_TENANT.users[0] as (typeof DEMO_TENANT.users)[number];
const agent = DEMO_TENANT.users[1] as (typeof DEMO_TENANT.users)[number];

const phone = (width: number, height: number): BrowserContextOptions => ({
  viewport: { width, height },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
});

beforeAll(async () => {
  stack = await startE2eStack('agent-phone');
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/**
 * Nothing scrolls sideways: the page is exactly as wide as the screen. (A phone browser widens its layout to
 * fit content that overflows, so the window's own width is checked too, not only the document's.)
 */
async function expectNoSidewaysScroll(page: Page, width: number): Promise<void> {
  const m = await page.evaluate(() => ({
    innerWidth: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    bodyScrollWidth: document.body.scrollWidth,
  }));
  expect(m).toEqual({ innerWidth: width, scrollWidth: width, bodyScrollWidth: width });
}

/** Saves a screenshot for review when FIO_SHOTS names a directory (the tests never depend on it). */
async function shot(page: Page, name: string): Promise<void> {
  if (process.env.FIO_SHOTS) await page.screenshot({ path: `${process.env.FIO_SHOTS}/f2-${name}.png` });
}

/** The element is entirely on screen (not merely in the page). */
async function expectOnScreen(page: Page, target: Locator): Promise<void> {
  const box = await target.boundingBox();
  const vp = page.viewportSize();
  expect(box).not.toBeNull();
  expect(vp).not.toBeNull();
  if (!box || !vp) return;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(vp.width);
  expect(box.y + box.height).toBeLessThanOrEqual(vp.height);
}

/** Signs in with a tap (a phone) or a click (a desktop, which has no touch screen). */
async function signIn(page: Page, who: { email: string; password: string }, touch = true): Promise<void> {
  await page.goto(stack.workerUrl);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Senha').fill(who.password);
  const button = page.getByRole('button', { name: 'Entrar' });
  await (touch ? button.tap() : button.click());
  await page.getByRole('status').getByText('Caixa de entrada: Conectado').waitFor();
}

async function openQueue(page: Page, touch = true): Promise<void> {
  const queue = page.getByRole('navigation').getByRole('button', { name: /^Na fila/ });
  await (touch ? queue.tap() : queue.click());
}

describe('the agent client on a phone', () => {
  it('at 390×844: signs in, opens a conversation, replies and goes back, one column at a time and never wider than the screen', async () => {
    const customer = '5531994450001';
    await stack.whatsapp.inbound({
      phoneNumberId: DEMO_NUMBER.phoneNumberId,
      from: customer,
      name: 'Joana Prado',
      text: 'Minha internet caiu de novo',
    });
    const context = await browser.newContext(phone(390, 844));
    const page = await context.newPage();

    // The sign-in page: the brand, a card, and a wrong password told in a styled alert.
    await page.goto(stack.workerUrl);
    await page.getByRole('heading', { name: 'Fio', level: 1 }).waitFor();
    await page.getByLabel('E-mail').fill(agent.email);
    await page.getByLabel('Senha').fill('senha-errada');
    await page.getByRole('button', { name: 'Entrar' }).tap();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('E-mail ou senha incorretos.');
    await expectNoSidewaysScroll(page, 390);
    await expectOnScreen(page, page.getByRole('button', { name: 'Entrar' }));
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The list, alone on the screen.
    await page.getByLabel('Senha').fill(agent.password);
    await page.getByRole('button', { name: 'Entrar' }).tap();
    await page.getByRole('status').getByText('Caixa de entrada: Conectado').waitFor();
    await openQueue(page);
    const row = page.locator('.conversation-list').getByRole('button', { name: /Joana Prado/ });
    await row.getByText('Minha internet caiu de novo').waitFor({ timeout: 15_000 });
    expect(await page.getByText('Escolha uma conversa na lista.').isVisible()).toBe(false);
    await expectNoSidewaysScroll(page, 390);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The conversation, alone on the screen, with Send in sight.
    await row.tap();
    const heading = page.getByRole('heading', { name: 'Joana Prado', level: 2 });
    await heading.waitFor();
    await page.getByRole('list', { name: 'Mensagens' }).getByText('Minha internet caiu de novo').waitFor();
    await page.locator('.conversation-head').getByRole('status').getByText('Conectado').waitFor();
    expect(await row.isVisible()).toBe(false);
    const send = page.getByRole('button', { name: 'Enviar', exact: true });
    await expectOnScreen(page, send);
    await expectNoSidewaysScroll(page, 390);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The reply reaches the customer.
    const composer = page.getByLabel('Responder', { exact: true });
    await composer.tap();
    await composer.fill('Vou verificar agora, Joana.');
    await send.tap();
    const [sent] = await stack.whatsapp.whenSent(1, { to: customer }, 15_000);
    expect(sent?.text).toBe('Vou verificar agora, Joana.');
    await page.locator('.bubble.mine .delivery').getByText('enviada').waitFor({ timeout: 15_000 });
    expect(await composer.inputValue()).toBe('');
    await expectNoSidewaysScroll(page, 390);

    // With the on-screen keyboard up (the layout shrinks to what is above it), Send is still in sight.
    await page.setViewportSize({ width: 390, height: 480 });
    await composer.tap();
    await expectOnScreen(page, send);
    await page.setViewportSize({ width: 390, height: 844 });

    // The contact's details, a tap away; the browser's Back returns to the conversation.
    await page.getByRole('button', { name: 'Dados do contato' }).tap();
    await page.getByRole('heading', { name: 'Contato', level: 2 }).waitFor();
    expect(await heading.isVisible()).toBe(false);
    expect(await page.getByLabel('Nome').inputValue()).toBe('Joana Prado');
    await expectNoSidewaysScroll(page, 390);
    await page.goBack();
    await heading.waitFor();
    expect(await page.getByRole('heading', { name: 'Contato', level: 2 }).isVisible()).toBe(false);
    // ...and its own back button does too; the focus follows (keyboard and screen-reader users keep their place).
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
    await page.getByRole('button', { name: 'Dados do contato' }).tap();
    await expect.poll(focused).toBe('Voltar à conversa');
    await page.keyboard.press('Enter');
    await heading.waitFor();
    await expect.poll(focused).toBe('Dados do contato');

    // Back to the list with the header's button; the browser's Back does not bring the conversation back
    // as a step to undo twice: from the list, Forward reopens it and Back leaves it again.
    await page.getByRole('button', { name: 'Voltar à lista de conversas' }).tap();
    await row.waitFor();
    expect(await heading.isVisible()).toBe(false);
    expect(new URL(page.url()).pathname).toBe('/');
    await expectNoSidewaysScroll(page, 390);
    await page.goForward();
    await heading.waitFor();
    await page.goBack();
    await row.waitFor();
    expect(await heading.isVisible()).toBe(false);
    await expectNoSidewaysScroll(page, 390);

    // The top bar's menu holds the rest (language, sign-out…), and Escape closes it.
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.tap();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('button', { name: 'Sair' }).waitFor();
    await expectNoSidewaysScroll(page, 390);
    await shot(page, 'phone-menu-390');
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('button', { name: 'Sair' }).isVisible()).toBe(false);
    await context.close();
  });

  it('at 360 px the list and the conversation fit the screen', async () => {
    await stack.whatsapp.inbound({
      phoneNumberId: DEMO_NUMBER.phoneNumberId,
      from: '5531994450002',
      name: 'Bartolomeu Figueiredo de Albuquerque Cavalcanti',
      text: 'Segunda via do boleto, porfavorpreciso-com-urgência-hoje-mesmo-antes-do-vencimento',
    });
    const context = await browser.newContext(phone(360, 740));
    const page = await context.newPage();
    await signIn(page, agent);
    await openQueue(page);
    const row = page.locator('.conversation-list').getByRole('button', { name: /Bartolomeu/ });
    await row.waitFor({ timeout: 15_000 });
    await expectNoSidewaysScroll(page, 360);
    await row.tap();
    await page
      .getByRole('list', { name: 'Mensagens' })
      .getByText(/porfavorpreciso/)
      .waitFor();
    await expectNoSidewaysScroll(page, 360);
    await expectOnScreen(page, page.getByRole('button', { name: 'Enviar', exact: true }));
    await context.close();
  });

  it('at 390 px an admin screen fits, its table as cards, with no serious accessibility violations', async () => {
    const context = await browser.newContext(phone(390, 844));
    const page = await context.newPage();
    await signIn(page, admin);
    await page.getByRole('button', { name: 'Menu' }).tap();
    await page.getByRole('link', { name: 'Administração' }).tap();
    await page.getByRole('heading', { name: 'Usuários e papéis' }).waitFor();
    // Going somewhere closes the menu.
    expect(await page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded')).toBe('false');
    const table = page.getByRole('table', { name: 'Usuários e papéis' });
    await table.getByRole('rowheader', { name: agent.name }).waitFor();
    await expectNoSidewaysScroll(page, 390);
    // One card per user: the e-mail sits under the name, not in a column beside it.
    const name = await table.getByRole('rowheader', { name: agent.name }).boundingBox();
    const email = await table.getByRole('cell', { name: new RegExp(agent.email) }).boundingBox();
    expect(email && name && email.y > name.y).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page
      .getByRole('navigation', { name: 'Seções da administração' })
      .getByRole('link', { name: 'Auditoria' })
      .tap();
    await page.getByRole('heading', { name: 'Auditoria', level: 3 }).waitFor();
    await expectNoSidewaysScroll(page, 390);
    await context.close();
  });

  it('on a desktop the columns stay side by side and the phone’s buttons are hidden', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, agent, false);
    await openQueue(page, false);
    const row = page.locator('.conversation-list').getByRole('button', { name: /Joana Prado/ });
    await row.click({ timeout: 15_000 });
    const heading = page.getByRole('heading', { name: 'Joana Prado', level: 2 });
    await heading.waitFor();
    await page.getByRole('heading', { name: 'Contato', level: 2 }).waitFor();
    expect(await row.isVisible()).toBe(true);
    for (const button of ['Voltar à lista de conversas', 'Dados do contato', 'Menu'])
      expect(await page.getByRole('button', { name: button }).isVisible()).toBe(false);
    const list = await row.boundingBox();
    const title = await heading.boundingBox();
    expect(list && title && title.x > list.x + list.width).toBe(true);
    await expectNoSidewaysScroll(page, 1280);

    // The top bar is one row; the ticket's actions (take, transfer, close, priority, tags) share one row too.
    const bar = await page.locator('header.top').boundingBox();
    expect(bar && bar.height <= 56).toBe(true);
    const tops = await Promise.all(
      [
        page.getByRole('button', { name: 'Assumir' }),
        page.getByRole('button', { name: 'Transferir' }),
        page.getByRole('button', { name: 'Encerrar' }),
        page.getByLabel('Prioridade'),
        page.getByPlaceholder('Nova etiqueta'),
      ].map(async (l) =>
        Math.round(((await l.boundingBox())?.y ?? -99) + ((await l.boundingBox())?.height ?? 0) / 2),
      ),
    );
    await shot(page, 'conversation-1280');
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(2);

    // The account menu: a button with the agent's name; the rest of the account sits behind it.
    const account = page.getByRole('button', { name: new RegExp(agent.name) });
    expect(await account.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('button', { name: 'Sair' }).isVisible()).toBe(false);
    await account.click();
    expect(await account.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('button', { name: 'Sair' }).waitFor();
    for (const label of ['Idioma', 'Som de aviso']) await page.getByLabel(label).waitFor();
    await page.getByRole('link', { name: 'Minhas sessões' }).waitFor();
    // The focus moves into the menu; arrow keys walk its controls; Escape closes it and gives the focus back.
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    expect(await focused()).toBe('Segurança');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('Alterar senha');
    await page.keyboard.press('End');
    expect(await focused()).toBe('Sair');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('Segurança');
    await page.keyboard.press('Escape');
    expect(await account.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('account-toggle'))).toBe(
      true,
    );
    // Open, it passes axe; a click outside closes it.
    await account.click();
    await page.getByRole('button', { name: 'Sair' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'account-menu-1280');
    await heading.click();
    expect(await account.getAttribute('aria-expanded')).toBe('false');

    // At 1440×900 too.
    await page.setViewportSize({ width: 1440, height: 900 });
    await shot(page, 'conversation-1440');
    await account.click();
    await page.getByRole('button', { name: 'Sair' }).waitFor();
    await shot(page, 'account-menu-1440');
    await page.close();
  });
});
