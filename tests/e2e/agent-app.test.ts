// The agent web client in a real browser, served by the Worker as static assets: Portuguese by default, a
// wrong password announced, sign-in, the live inbox listing a customer's WhatsApp conversation in the queue,
// English on request, a WhatsApp reply with its delivery status, the session and an unsent draft kept across
// a reload (the URL reopens the conversation; the id in another spelling is not found), unknown paths served
// the app while API paths keep their JSON 404, and no serious accessibility violations.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NUMBER, type Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { chooseLanguage } from './agent-pages';
import { startE2eStack } from './stack';

let stack: Stack;
let browser: Browser;
const agent = DEMO_TENANT.users[1] as (typeof DEMO_TENANT.users)[number];

beforeAll(async () => {
  stack = await startE2eStack('agent-app');
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('agent app shell', () => {
  it('signs an agent in, in Portuguese, and lists the tenant’s conversations', async () => {
    const res = await stack.whatsapp.inbound({
      phoneNumberId: DEMO_NUMBER.phoneNumberId,
      from: '5531994440001',
      name: 'Paulo Lima',
      text: 'Sem sinal desde ontem',
    });
    expect(res.status).toBe(200);
    const page = await browser.newPage();
    await page.goto(stack.workerUrl);
    expect(await page.locator('html').getAttribute('lang')).toBe('pt-BR');
    await page.getByLabel('E-mail').fill(agent.email);
    await page.getByLabel('Senha').fill('senha-errada');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('E-mail ou senha incorretos.');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Senha').fill(agent.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { name: 'Caixa de entrada' }).waitFor();
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Na fila/ })
      .click();
    const row = page.locator('.conversation-list').getByRole('button', { name: /Paulo Lima/ });
    await row.getByText('Sem sinal desde ontem').waitFor({ timeout: 15_000 });
    await row.getByText('WhatsApp').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await chooseLanguage(page, 'en');
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.close();
  });

  it('opens a conversation, replies with Enter, shows delivery, and keeps an unsent draft across a reload', async () => {
    const phone = '5531994440002';
    await stack.whatsapp.inbound({
      phoneNumberId: DEMO_NUMBER.phoneNumberId,
      from: phone,
      name: 'Rita Souza',
      text: 'Qual o valor da fatura?',
    });
    const page = await browser.newPage();
    await page.goto(stack.workerUrl);
    await page.getByLabel('E-mail').fill(agent.email);
    await page.getByLabel('Senha').fill(agent.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Na fila/ })
      .click();
    await page.getByRole('button', { name: /Rita Souza/ }).click({ timeout: 15_000 });
    const connected = page.locator('.conversation-head').getByRole('status').getByText('Conectado');
    await connected.waitFor();
    await page.getByRole('list', { name: 'Mensagens' }).getByText('Qual o valor da fatura?').waitFor();
    const composer = page.getByLabel('Responder', { exact: true });
    await composer.fill('Sua fatura é de R$ 99,90.');
    await composer.press('Enter');
    const [sent] = await stack.whatsapp.whenSent(1, { to: phone }, 15_000);
    expect(sent?.text).toBe('Sua fatura é de R$ 99,90.');
    await page.locator('.bubble.mine .delivery').getByText('enviada').waitFor({ timeout: 15_000 });
    expect(await composer.inputValue()).toBe('');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A reload keeps the session (this tab), reopens the conversation from the URL and restores the draft.
    await composer.fill('Rascunho ainda não enviado');
    await page.reload();
    await connected.waitFor();
    await page.getByRole('heading', { name: 'Rita Souza', level: 2 }).waitFor();
    expect(await page.getByLabel('Responder', { exact: true }).inputValue()).toBe(
      'Rascunho ainda não enviado',
    );
    expect(stack.whatsapp.sent({ to: phone })).toHaveLength(1);

    // The same URL with the id in capitals is not found, and nothing is asked for it: no request, no socket.
    const upper = (new URL(page.url()).pathname.split('/')[2] ?? '').toUpperCase();
    const asked: string[] = [];
    page.on('request', (r) => asked.push(r.url()));
    page.on('websocket', (ws) => asked.push(ws.url()));
    await page.goto(`${stack.workerUrl}/conversations/${upper}`);
    await page.getByText('Conversa não encontrada.').waitFor();
    await page.getByRole('status').getByText('Caixa de entrada: Conectado').waitFor();
    expect(asked.filter((url) => /\/(api|ws)\//.test(url) && url.includes(upper))).toEqual([]);
    await page.close();
  });

  it('links admins (not agents) to the admin screens at /admin', async () => {
    const admin = DEMO_TENANT.users[0] as (typeof DEMO_TENANT.users)[number];
    const page = await browser.newPage();
    await page.goto(stack.workerUrl);
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Senha').fill(admin.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('link', { name: 'Administração' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/admin');
    await page.getByRole('heading', { name: 'Caixa de entrada' }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Atendimento', exact: true }).click();
    await page.getByRole('heading', { name: 'Caixa de entrada' }).waitFor();
    await page.close();

    const agentPage = await browser.newPage();
    await agentPage.goto(stack.workerUrl);
    await agentPage.getByLabel('E-mail').fill(agent.email);
    await agentPage.getByLabel('Senha').fill(agent.password);
    await agentPage.getByRole('button', { name: 'Entrar' }).click();
    await agentPage.getByRole('heading', { name: 'Caixa de entrada' }).waitFor();
    expect(await agentPage.getByRole('link', { name: 'Administração' }).count()).toBe(0);
    await agentPage.close();
  });

  it('serves the app for client routes but keeps API 404s as JSON', async () => {
    const route = await fetch(`${stack.workerUrl}/conversations/abc`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<div id="root">');
    const api = await fetch(`${stack.workerUrl}/api/nope`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
