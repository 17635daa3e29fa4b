// "Alertas" and the top bar's badge in a real browser, in Portuguese, on the demo tenant (issue 16 leftovers):
// Meta bans the demo's WhatsApp number (the simulator's control API delivers the account_update webhook), the
// minute job (wrangler dev's /__scheduled) raises a real "Número com problema" alert; the owner's top bar
// counts it, opens Alertas, reads it in pt-BR and marks it seen (the badge goes); the number reinstated, the
// next minute resolves it and "Todos" says so. Agents see no badge and cannot open the screen. axe-clean at
// 1280 and 390 px; screenshots in $FIO_SHOTS_DIR (or .fio/screenshots) as left-alerts-*.png.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NUMBER, type Stack } from '../../scripts/lib/stack';
import type { AlertListResponse, AlertView } from '../../workers/contract/alerts';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { agentPage } from './agent-pages';
import { agentToken, api, eventually, startE2eStack } from './stack';
import { ADMIN, BRUNO } from './widget-pages';

const SHOTS = process.env.FIO_SHOTS_DIR ?? '.fio/screenshots';
const TITLE = 'Número com problema';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startE2eStack('admin-alerts');
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Meta bans or reinstates the demo number (the simulator posts the account_update webhook to the worker). */
async function meta(action: 'ban' | 'unban'): Promise<void> {
  const res = await fetch(`${stack.whatsapp.url}/_sim/numbers/${DEMO_NUMBER.phoneNumberId}/${action}`, {
    method: 'POST',
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { webhook: { status: number } }).webhook.status).toBe(200);
}

/** The demo's channel alert in `state`, running the minute job (wrangler dev runs no cron by itself) until so. */
async function channelAlert(state: AlertView['state']): Promise<AlertView> {
  const token = await agentToken(stack, ADMIN.email, ADMIN.password);
  let found: AlertView | undefined;
  await eventually(
    `the channel alert ${state}`,
    async () => {
      await fetch(`${stack.workerUrl}/__scheduled?cron=${encodeURIComponent('* * * * *')}`);
      const res = await api<AlertListResponse>(stack, '/api/alerts?state=all', {
        headers: { authorization: `Bearer ${token}` },
      });
      found = res.body.alerts.find((a) => a.kind === 'channel_unhealthy' && a.state === state);
      if (!found) await new Promise((r) => setTimeout(r, 1_000)); // a second between runs, not a busy loop
      return found !== undefined;
    },
    60_000,
  );
  if (!found) throw new Error('unreachable: eventually returned without the alert');
  return found;
}

describe('Alertas', () => {
  let context: BrowserContext;
  let page: Page;

  afterAll(async () => {
    await context?.close();
  });

  it('a banned number raises an alert that the owner’s top bar counts', async () => {
    await meta('ban');
    const alert = await channelAlert('open');
    expect(alert.title['pt-BR']).toBe(TITLE);

    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pt-BR' });
    page = await context.newPage();
    await page.goto(stack.workerUrl);
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Senha').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    const badge = page.getByRole('link', { name: '1 alerta aberto não visto' });
    await badge.waitFor();
    expect(await badge.textContent()).toContain('1 alerta');
    await page.screenshot({ path: `${SHOTS}/left-alerts-badge-1280.png` });
    await badge.click();
    await page.getByRole('heading', { name: 'Alertas', level: 3 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/alerts');
  });

  it('shows the alert in pt-BR and marks it seen; the badge goes', async () => {
    const table = page.getByRole('table', { name: 'Alertas' });
    const row = table.getByRole('row').filter({ hasText: TITLE });
    await row.waitFor();
    // The reason in words, never the machine's code (`banned`).
    await row.getByText(/O número .+ está com problema \(bloqueado ou desativado pela Meta\)/).waitFor();
    expect(await row.getByText('Atenção').or(row.getByText('Crítico')).count()).toBe(1);
    expect(await row.getByText('Aberto', { exact: true }).count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/left-alerts-open-1280.png`, fullPage: true });

    await row.getByRole('button', { name: `Marcar como visto: ${TITLE}` }).click();
    await page.getByRole('status').getByText('Alerta marcado como visto.').waitFor();
    await expect.poll(() => row.getByRole('button', { name: /Marcar como visto/ }).count()).toBe(0);
    await expect.poll(() => page.locator('.alerts-badge').count()).toBe(0);
  });

  it('resolves once the number is reinstated, and "Todos" says so', async () => {
    await meta('unban');
    await channelAlert('resolved');
    await page.getByRole('button', { name: 'Todos' }).click();
    const row = page.getByRole('table', { name: 'Alertas' }).getByRole('row').filter({ hasText: TITLE });
    await row.getByText(/Resolvido/).waitFor();
    await page.getByRole('button', { name: 'Abertos' }).click();
    await page.getByText('Nenhum alerta aberto. Tudo funcionando.').waitFor();
    await page.getByRole('button', { name: 'Todos' }).click();
    await row.getByText(/Resolvido/).waitFor();
    await page.screenshot({ path: `${SHOTS}/left-alerts-all-1280.png`, fullPage: true });
  });

  it('reads well on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('table', { name: 'Alertas' }).getByText(TITLE).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/left-alerts-all-390.png`, fullPage: true });
  });
});

describe('agents', () => {
  it('see no badge and cannot open Alertas', async () => {
    const agent = await agentPage(browser, stack, BRUNO);
    expect(await agent.locator('.alerts-badge').count()).toBe(0);
    await agent.goto(`${stack.workerUrl}/admin/alerts`);
    await agent.getByText('Você não tem acesso à administração').waitFor();
    expect(await agent.getByRole('heading', { name: 'Alertas' }).count()).toBe(0);
    await agent.context().close();
  });
});
