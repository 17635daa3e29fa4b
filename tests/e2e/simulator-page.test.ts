// The WhatsApp simulator's dev page in a real browser: a customer writes from it, the message reaches the
// demo tenant's conversation in Fio, the agent's reply shows up on the page, and the page has no serious
// accessibility violations.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NUMBER, type Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { agentToken, api, startE2eStack } from './stack';
import { conversationOf, events, messages } from './whatsapp-helpers';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startE2eStack('simulator-page');
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('simulator dev page', () => {
  it('lets a customer chat with the demo tenant from a browser', async () => {
    const page = await browser.newPage();
    await page.goto(stack.whatsapp.url);
    await page.getByLabel(/Número da empresa/).selectOption(DEMO_NUMBER.phoneNumberId);
    await page.getByLabel(/Telefone do cliente/).fill('5531993330001');
    await page.getByLabel(/Nome do cliente/).fill('Joana Dias');
    await page.getByLabel(/Mensagem/).fill('Olá! Minha conexão está lenta 🐢');
    await page.getByRole('button', { name: /Enviar/ }).click();

    const conversationId = await conversationOf(stack, stack.demo.whatsappChannelId, '5531993330001');
    const agentUser = DEMO_TENANT.users[1] as (typeof DEMO_TENANT.users)[number];
    const agent = await agentToken(stack, agentUser.email, agentUser.password);
    const received = messages(await events(stack, agent, conversationId));
    expect(received.map((m) => [m.text, m.author.name])).toEqual([
      ['Olá! Minha conexão está lenta 🐢', 'Joana Dias'],
    ]);

    const reply = await api(stack, `/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent}` },
      body: JSON.stringify({ clientId: crypto.randomUUID(), text: 'Oi Joana, vou verificar sua conexão.' }),
    });
    expect(reply.status).toBe(201);
    await page
      .getByRole('log')
      .getByText('Oi Joana, vou verificar sua conexão.')
      .waitFor({ timeout: 15_000 });

    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });
});
