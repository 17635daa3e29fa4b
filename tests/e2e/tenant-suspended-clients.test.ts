// A suspended organisation in the real clients (issue 16 leftovers), Chromium against the real stack: an agent
// signed in to the demo tenant and a customer chatting in its website widget; the platform operator suspends
// the tenant through the operator API. The agent's page shows the full-page suspended state (pt-BR), is signed
// out locally and opens no further socket; a reload still says so; the sign-in form shows the refusal. The
// widget tells the customer politely and stops reconnecting. axe-clean; screenshots in $FIO_SHOTS_DIR (or
// .fio/screenshots) as left-suspended-*.png.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { agentPage } from './agent-pages';
import { api, startE2eStack } from './stack';
import { BRUNO, composer, openWidget, SHOTS, say, widgetContent, widgetFrame } from './widget-pages';

const SUSPENDED_PT = 'Esta organização está suspensa. Fale com o suporte do Fio.';
const WIDGET_PT = /Este atendimento está indisponível no momento/;
/** Long enough for several of the clients' reconnect attempts (their first comes after 250–500 ms). */
const QUIET_MS = 4_000;

let stack: Stack;
let browser: Browser;
let agent: Page;
let customer: Page;
let customerContext: BrowserContext;
/** Every WebSocket each page opened (Playwright sees the widget's iframe too), to prove none follow. */
const opened = { agent: [] as string[], customer: [] as string[] };

const operator = <T>(method: string, path: string, body?: unknown) =>
  api<T>(stack, `/api/operator/tenants${path}`, {
    method,
    headers: { authorization: `Bearer ${stack.secrets.operatorToken}` },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startE2eStack('tenant-suspended-clients');
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('a tenant suspended while its agent and a customer are connected', () => {
  let tenantId: string;

  it('has an agent signed in and a customer chatting in the widget', async () => {
    agent = await agentPage(browser, stack, BRUNO);
    agent.on('websocket', (ws) => opened.agent.push(ws.url()));
    customerContext = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'pt-BR' });
    customer = await customerContext.newPage();
    customer.on('websocket', (ws) => opened.customer.push(ws.url()));
    await customer.goto(`${stack.widgetHost.url}/`);
    await openWidget(customer);
    // The test stack's widget asks nothing first: the customer writes at once.
    await composer(customer).waitFor();
    await say(customer, 'Oi, estou sem internet');
    expect(opened.customer.length).toBeGreaterThan(0);

    const list = await operator<{ tenants: { id: string; slug: string }[] }>('GET', '');
    expect(list.status).toBe(200);
    tenantId = list.body.tenants.find((t) => t.slug === 'demo')?.id ?? '';
    expect(tenantId).not.toBe('');
  });

  it('the agent page shows the suspended state and stops reconnecting', async () => {
    const res = await operator<{ status: string }>('POST', `/${tenantId}/suspend`, {
      reason: 'inadimplência',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('suspended');

    await agent.getByRole('heading', { name: 'Conta suspensa' }).waitFor();
    await agent.getByRole('alert').getByText(SUSPENDED_PT).waitFor();
    // Signed out locally: no token kept in this tab.
    expect(await agent.evaluate(() => sessionStorage.length)).toBe(0);
    const afterSuspension = opened.agent.length;
    await agent.waitForTimeout(QUIET_MS);
    expect(opened.agent.length).toBe(afterSuspension);
    expect(
      await agent.evaluate(() =>
        (window as unknown as { __fioSockets: WebSocket[] }).__fioSockets.filter((s) => s.readyState <= 1),
      ),
    ).toEqual([]);
    expect(await seriousA11yViolations(agent)).toEqual([]);
    await agent.screenshot({ path: `${SHOTS}/left-suspended-agent-1400.png` });
  });

  it('a reload still says so (the refresh is refused as suspended), and signing in shows the refusal', async () => {
    await agent.reload();
    await agent.getByRole('heading', { name: 'Conta suspensa' }).waitFor();
    await agent.getByRole('button', { name: 'Voltar para o login' }).click();
    await agent.getByLabel('E-mail').fill(BRUNO.email);
    await agent.getByLabel('Senha').fill(BRUNO.password);
    await agent.getByRole('button', { name: 'Entrar' }).click();
    await agent.getByRole('alert').getByText(SUSPENDED_PT).waitFor();
    await agent.screenshot({ path: `${SHOTS}/left-suspended-login-1400.png` });
  });

  it('the widget tells the customer politely and does not reconnect', async () => {
    const w = widgetFrame(customer);
    await w.getByRole('alert').getByText(WIDGET_PT).waitFor();
    expect(await w.getByLabel('Mensagem', { exact: true }).count()).toBe(0);
    const afterSuspension = opened.customer.length;
    await customer.waitForTimeout(QUIET_MS);
    expect(opened.customer.length).toBe(afterSuspension);
    expect(await seriousA11yViolations(await widgetContent(customer))).toEqual([]);
    await customer.screenshot({ path: `${SHOTS}/left-suspended-widget-1280.png` });

    // A new visit: the stored visitor key is refused as suspended; the same words, no retry loop.
    await customer.reload();
    await openWidget(customer);
    await widgetFrame(customer).getByRole('alert').getByText(WIDGET_PT).waitFor();
    expect(await widgetFrame(customer).getByRole('button', { name: 'Tentar novamente' }).count()).toBe(0);
  });

  it('reactivation lets the agent sign in again', async () => {
    const res = await operator<{ status: string }>('POST', `/${tenantId}/reactivate`);
    expect(res.status).toBe(200);
    await agent.getByLabel('Senha').fill(BRUNO.password);
    await agent.getByRole('button', { name: 'Entrar' }).click();
    await agent.getByRole('status').getByText('Caixa de entrada: Conectado').waitFor();
    await customerContext.close();
  });
});
