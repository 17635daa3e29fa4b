// Acceptance of the website widget (issue 14), in Chromium on the demo host page: a fake ISP site on another
// origin with a strict CSP and aggressive CSS (part B), the widget in its iframe (part C) against the real
// stack. The customer opens the widget, passes the pre-chat form, talks to the bot (the demo flow: CPF, menu
// buttons), asks for a person, chats with Bruno in the agent client (a second browser context), reloads in the
// middle and sees the whole thread once, gets the CSAT stars when Bruno closes and answers them; Bruno sees the
// rating. The host page's own styles and script are the same with and without the widget, the widget keeps its
// branding whatever the host's CSS, and axe finds nothing serious in the widget, open and closed, at 390 px
// and on a desktop. Screenshots go to FIO_SHOTS_DIR (e-widget-*.png).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { agentPage, conversationRow } from './agent-pages';
import { startE2eStack } from './stack';
import {
  adminToken,
  BRUNO,
  closeWidget,
  composer,
  conversationLog,
  expectOrderedOnce,
  launcher,
  openHoursWithCsat,
  openWidget,
  SHOTS,
  say,
  updateWidgetChannel,
  widgetContent,
  widgetFrame,
  widgetSeqs,
} from './widget-pages';

let stack: Stack;
let browser: Browser;
let customerContext: BrowserContext;
let customer: Page;

/** The channel's branding colour, as the computed styles spell it. */
const BRAND = { hex: '#7c3aed', rgb: 'rgb(124, 58, 237)' };
const TITLE = 'Atendimento Provedor Demo';

beforeAll(async () => {
  stack = await startE2eStack('widget-acceptance');
  const token = await adminToken(stack);
  // The seeded demo flow answers on the widget channel once its bot is on; the form asks a name and a phone.
  await updateWidgetChannel(stack, token, {
    botEnabled: true,
    settings: {
      branding: {
        title: TITLE,
        color: BRAND.hex,
        greeting: 'Olá! Como podemos ajudar?',
        logoUrl: null,
        position: 'right',
      },
      prechat: [
        { field: 'name', required: true },
        { field: 'phone', required: true },
        { field: 'email', required: false },
      ],
    },
  });
  await openHoursWithCsat(stack, token);
  browser = await launchBrowser();
  customerContext = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  customer = await customerContext.newPage();
  // A script error in the host page or the widget's frame shows in the test's output (for whoever reads a failure).
  customer.on('pageerror', (e) => console.error(`customer page error: ${e.message}`));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const QUEUE = /^Na fila/;
const showView = (page: Page, name: RegExp) =>
  page.getByRole('navigation').getByRole('button', { name }).click();

describe('the widget on an ISP site', () => {
  it('form, bot, a person, a reload with the whole thread once, CSAT stars the agent sees', async () => {
    try {
      await journey();
    } catch (err) {
      // What the customer saw when it failed, for whoever reads the failure.
      await customer.screenshot({ path: `${SHOTS}/e-widget-failure.png` }).catch(() => {});
      const rows = await conversationLog(customer).locator('li').allTextContents();
      throw new Error(`${(err as Error).message}\n--- the widget's log:\n${rows.join('\n')}`);
    }
  }, 300_000);
});

/** The main journey: the customer on the host page, Bruno in the agent client. */
async function journey() {
  await customer.goto(`${stack.widgetHost.url}/`);
  await openWidget(customer);
  const w = widgetFrame(customer);
  await w.getByLabel('Nome').fill('Marina Site');
  await w.getByLabel('Telefone (WhatsApp)').fill('(31) 99000-0501');
  await customer.screenshot({ path: `${SHOTS}/e-widget-form-1280.png` });
  await w.getByRole('button', { name: 'Iniciar conversa' }).click();
  const log = conversationLog(customer);
  await composer(customer).waitFor();

  // The bot: no customer with this phone in the ERP, so it asks for the CPF, then shows its menu as buttons.
  await say(customer, 'Oi, boa tarde');
  await log.getByText(/CPF ou o CNPJ/).waitFor({ timeout: 60_000 });
  await say(customer, '529.982.247-25');
  await log.getByText(/Como posso ajudar/).waitFor({ timeout: 60_000 });
  await log.getByRole('button', { name: 'Falar com atendente' }).last().click();
  await log.getByText(/Com qual setor/).waitFor({ timeout: 60_000 });
  await log.getByRole('button', { name: 'Suporte técnico' }).last().click();
  await log.getByText(/transferir você para o suporte técnico/).waitFor({ timeout: 60_000 });
  await customer.screenshot({ path: `${SHOTS}/e-widget-bot-1280.png` });

  // Bruno (Suporte técnico) finds it in the queue, takes it and answers; the customer reads it in the widget.
  const bruno = await agentPage(browser, stack, BRUNO);
  await showView(bruno, QUEUE);
  await conversationRow(bruno, 'Marina Site').click();
  await bruno.getByRole('heading', { name: 'Marina Site', level: 2 }).waitFor();
  await bruno.locator('.ticket-bar').getByRole('button', { name: 'Assumir' }).click();
  await bruno.locator('.ticket-bar').getByText('Responsável: Bruno Agente').waitFor();
  const reply = bruno.getByLabel('Responder', { exact: true });
  const agentSays = async (text: string) => {
    await reply.fill(text);
    await reply.press('Enter');
  };
  await agentSays('Olá Marina, aqui é o Bruno do suporte. O que houve?');
  await log.getByText('Olá Marina, aqui é o Bruno do suporte. O que houve?').waitFor();
  await say(customer, 'A internet cai toda noite');
  await bruno.locator('.bubble.theirs').getByText('A internet cai toda noite').waitFor();
  // The bot's turn and the menu the customer picked from are on Bruno's screen too.
  await bruno
    .getByText(/transferir você para o suporte técnico/)
    .first()
    .waitFor();

  // A reload in the middle: Bruno writes while the page is loading again; the widget comes back with the
  // whole thread, every row once and in order, and what Bruno wrote meanwhile.
  const before = await widgetSeqs(customer);
  expectOrderedOnce(before);
  const reload = customer.reload();
  await agentSays('Vou verificar o seu sinal agora.');
  await reload;
  await openWidget(customer);
  await log.getByText('Vou verificar o seu sinal agora.').waitFor();
  await log.getByText('A internet cai toda noite').waitFor();
  const after = await widgetSeqs(customer);
  expectOrderedOnce(after);
  expect(after.slice(0, before.length)).toEqual(before);
  expect(after.length).toBe(before.length + 1);
  // No form again: the same visitor, the same conversation.
  expect(await w.getByRole('button', { name: 'Iniciar conversa' }).count()).toBe(0);
  await say(customer, 'Obrigada, voltou a funcionar');
  await bruno.locator('.bubble.theirs').getByText('Obrigada, voltou a funcionar').waitFor();
  expectOrderedOnce(await widgetSeqs(customer));
  await customer.screenshot({ path: `${SHOTS}/e-widget-agent-1280.png` });

  // Bruno closes; the widget shows the five stars; the customer gives five; Bruno sees the rating.
  await bruno.locator('.ticket-bar').getByRole('button', { name: 'Encerrar' }).click();
  const survey = w.getByRole('group', { name: 'Avalie o atendimento' });
  await survey.waitFor({ timeout: 30_000 });
  for (let n = 1; n <= 5; n++) {
    await survey.getByRole('button', { name: n === 1 ? '1 estrela' : `${n} estrelas` }).waitFor();
  }
  await customer.screenshot({ path: `${SHOTS}/e-widget-csat-1280.png` });
  await survey.getByRole('button', { name: '5 estrelas' }).click();
  await w.getByText('Você avaliou com 5 estrelas. Obrigado!').waitFor();
  await bruno
    .locator('.ticket-metrics')
    .getByRole('img', { name: '5 de 5 estrelas' })
    .waitFor({ timeout: 30_000 });
  await bruno.screenshot({ path: `${SHOTS}/e-widget-agent-rating-1280.png` });
  expectOrderedOnce(await widgetSeqs(customer));
  await bruno.context().close();
}

/** What of the host page a widget must leave alone: its globals and the computed styles of its elements. */
async function hostSnapshot(page: Page) {
  return page.evaluate(() => {
    const props = [
      'font-family',
      'color',
      'background-color',
      'font-size',
      'display',
      'margin',
      'padding',
      'border',
      'transform',
      'opacity',
    ];
    const elements = [...document.querySelectorAll('body, body *')].filter(
      (e) => e.tagName !== 'FIO-WIDGET' && e.tagName !== 'SCRIPT',
    );
    return {
      globals: Object.keys(window).sort(),
      styles: elements.slice(0, 80).map((e) => {
        const cs = getComputedStyle(e);
        return `${e.tagName}.${e.className}: ${props.map((p) => cs.getPropertyValue(p)).join(' | ')}`;
      }),
      title: document.title,
    };
  });
}

describe('host page and widget leave each other alone', () => {
  it("the host's styles and globals are the same with the widget; the widget keeps its branding", async () => {
    // The host page without the widget (its script refused by the browser) …
    const bare = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const plain = await bare.newPage();
    await plain.route('**/widget.js', (route) => route.abort());
    await plain.goto(`${stack.widgetHost.url}/`);
    await plain.waitForLoadState('load');
    const without = await hostSnapshot(plain);
    await bare.close();

    // … and with it, open: the host's own elements compute the same styles; only window.Fio is added.
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${stack.widgetHost.url}/`);
    await openWidget(page);
    await widgetFrame(page).getByRole('button', { name: 'Iniciar conversa' }).waitFor();
    const withWidget = await hostSnapshot(page);
    expect(withWidget.styles).toEqual(without.styles);
    expect(withWidget.title).toBe(without.title);
    expect(withWidget.globals.filter((g) => !without.globals.includes(g))).toEqual(['Fio']);
    // The strict CSP refused nothing the widget needs (a violation is logged as a console error).
    expect(errors.filter((e) => /Content Security Policy|Refused/i.test(e))).toEqual([]);
    // The host's own script still works and owns its state (its global, its counter, its Array addition).
    await page.getByRole('button', { name: 'Quero assinar' }).click();
    await page.getByRole('button', { name: 'Quero assinar' }).click();
    await page.locator('#pedidos').getByText('2 pedidos').waitFor();
    expect(
      await page.evaluate(() => {
        const w = window as unknown as {
          provedorDemo: { version: string; pedidos: number };
        };
        return {
          version: w.provedorDemo.version,
          pedidos: w.provedorDemo.pedidos,
          ultimo: ([1, 2, 3] as unknown as { ultimo(): number }).ultimo(),
        };
      }),
    ).toEqual({ version: '2.3.1', pedidos: 2, ultimo: 3 });

    // The launcher (on the host page, in its shadow root) and the widget (in its frame) keep their own look,
    // whatever `* { font-family: serif !important }`, `button {…}` and `iframe {…}` the host declares.
    const launcherStyle = await launcher(page).evaluate((b) => {
      const cs = getComputedStyle(b);
      return { background: cs.backgroundColor };
    });
    expect(launcherStyle.background).toBe(BRAND.rgb);
    const launcherBox = await launcher(page).boundingBox();
    expect(launcherBox && [Math.round(launcherBox.width), Math.round(launcherBox.height)]).toEqual([56, 56]);
    const frameStyle = await widgetFrame(page)
      .locator('body')
      .evaluate((body) => ({ font: getComputedStyle(body).fontFamily }));
    expect(frameStyle.font).not.toBe('serif');
    await widgetFrame(page).getByText(TITLE).first().waitFor();
    const start = widgetFrame(page).getByRole('button', { name: 'Iniciar conversa' });
    expect(await start.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe(BRAND.rgb);

    // The panel sits in the corner on a desktop (380×600) and fills a phone's screen.
    const box = await page.locator('iframe[data-fio-widget]').boundingBox();
    expect(box && Math.round(box.width)).toBe(380);
    expect(box && Math.round(box.height)).toBe(600);
    expect(box && Math.round(box.x + box.width)).toBeGreaterThan(1280 - 60);
    await page.screenshot({ path: `${SHOTS}/e-widget-host-1280.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(async () => {
        const b = await page.locator('iframe[data-fio-widget]').boundingBox();
        return b && [Math.round(b.x), Math.round(b.y), Math.round(b.width), Math.round(b.height)];
      })
      .toEqual([0, 0, 390, 844]);
    await page.screenshot({ path: `${SHOTS}/e-widget-host-390.png` });
    await context.close();
  }, 120_000);
});

describe('accessibility', () => {
  it('axe finds nothing serious in the widget, closed and open, at 390 px and on a desktop', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${stack.widgetHost.url}/`);
    for (const viewport of [
      { width: 1280, height: 860 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(viewport);
      await closeWidget(page);
      expect(await seriousA11yViolations(page, 'fio-widget')).toEqual([]);
      await openWidget(page);
      const form = widgetFrame(page).getByRole('button', { name: 'Iniciar conversa' });
      await form.waitFor();
      const frame = await widgetContent(page);
      expect(await seriousA11yViolations(frame)).toEqual([]);
      expect(await seriousA11yViolations(page, 'fio-widget')).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/e-widget-open-${viewport.width}.png` });
    }
    // The conversation itself (timeline, composer), as the customer of the first test sees it.
    const frame = await widgetContent(customer);
    await composer(customer).waitFor();
    expect(await seriousA11yViolations(frame)).toEqual([]);
    await customer.setViewportSize({ width: 390, height: 844 });
    expect(await seriousA11yViolations(frame)).toEqual([]);
    await customer.screenshot({ path: `${SHOTS}/e-widget-thread-390.png` });
    await context.close();
  }, 120_000);
});
