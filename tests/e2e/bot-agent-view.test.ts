// Agents see the bot, in a real browser: a WhatsApp customer talking to the bot appears live in the "Robô"
// view (never "Na fila"); when the bot hands off, the conversation moves to "Na fila" and opening it shows
// "Resumo do robô" first (summary, reason, the ERP protocol), then the timeline with the bot's messages and
// its system lines. Screenshots go to .fio/screenshots/bot-*.png; no serious accessibility violations.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { agentPage, chooseLanguage, conversationRow } from './agent-pages';
import { ASK_DOCUMENT, BotCustomer, MENU, SIM, startBotStack, ticketWhen } from './bot-helpers';

const SHOTS = join(ROOT, '.fio', 'screenshots');
let stack: Stack;
let browser: Browser;
const agent = DEMO_TENANT.users[1] as (typeof DEMO_TENANT.users)[number];

beforeAll(async () => {
  stack = await startBotStack('bot-agent-view');
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const view = (page: Awaited<ReturnType<typeof agentPage>>, name: RegExp) =>
  page.getByRole('navigation').getByRole('button', { name });

describe('agents see the bot', () => {
  it('the Robô view lists the live bot conversation; after the hand-off the agent reads the bot summary first', async () => {
    const page = await agentPage(browser, stack, agent);
    await view(page, /^Robô/).click();

    // Eduarda (offline, LOS) writes from a number the ERP does not know: CPF, then the checklist.
    const customer = new BotCustomer(stack, 'demo', '5531990000701', SIM.eduarda.name);
    await customer.say('boa tarde');
    const row = conversationRow(page, SIM.eduarda.name);
    await row.waitFor({ timeout: 20_000 });
    await customer.reply(ASK_DOCUMENT);
    await customer.say(SIM.eduarda.cpf);
    await customer.reply(MENU);
    await customer.say('minha internet caiu');
    await customer.reply(/voltou/);
    await row.click();
    await page.locator('.bubble.bot').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'bot-live.png') });

    // The checklist did not help: ticket in the ERP, hand-off to Suporte técnico.
    await customer.say('não resolveu');
    const conversationId = await customer.conversationId();
    const ticket = await ticketWhen(stack, conversationId, 'handed off', (t) => t.status === 'queued');
    // Gone from "Robô" (live; open, it stays listed there marked as out of the list), now "Na fila".
    await row.getByText('Aberta agora — fora desta lista').waitFor({ timeout: 15_000 });
    await view(page, /^Na fila/).click();
    await conversationRow(page, SIM.eduarda.name).click({ timeout: 15_000 });

    const brief = page.getByRole('region', { name: 'Resumo do robô' });
    await brief.waitFor({ timeout: 15_000 });
    expect(await brief.textContent()).toContain(ticket.ai_summary ?? '(no summary)');
    if (ticket.erp_protocol) {
      await brief.getByText(ticket.erp_protocol, { exact: true }).waitFor();
      await page.locator('.ticket-bar').getByText(ticket.erp_protocol, { exact: true }).waitFor();
    }
    // The brief comes before the timeline on the page.
    const [briefTop, timelineTop] = await Promise.all([
      brief.evaluate((el) => el.getBoundingClientRect().top),
      page.locator('.timeline-wrap').evaluate((el) => el.getBoundingClientRect().top),
    ]);
    expect(briefTop).toBeLessThan(timelineTop);
    await page.locator('.system-line.bot-line').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'bot-handoff.png') });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await chooseLanguage(page, 'en');
    await page.getByRole('region', { name: 'Bot summary' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'bot-handoff-en.png') });
    await page.close();
  });
});
