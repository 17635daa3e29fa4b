// "Webhooks" in a real browser, in Portuguese, as the demo owner, against the webhook receiver simulator:
// a URL that is not http(s) is refused inline and nothing is sent; an endpoint to the receiver is created and
// its secret is shown once (not in the list afterwards) and signs the test delivery, which the screen reports
// with the receiver's status; an endpoint whose receiver always fails ends with its deliveries dead (short
// retry schedule given to this stack) and "Reenviar", once the receiver is back, delivers the same delivery id.
// Agents cannot open the screen. No serious accessibility violations at 1280 and 390 px; screenshots in
// $FIO_SHOTS_DIR (or .fio/screenshots) as g2-webhooks-*.png.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { launchBrowser, pressAcross, seriousA11yViolations } from '../support/browser';
import { agentToken, api, startE2eStack } from './stack';
import { ownerQuery } from './whatsapp-helpers';

let stack: Stack;
let browser: Browser;
const SHOTS = process.env.FIO_SHOTS_DIR ?? '.fio/screenshots';
const users = DEMO_TENANT.users as readonly { email: string; password: string; role: string }[];
const owner = users.find((u) => u.role === 'owner') ?? (users[0] as (typeof users)[number]);
const agent = users.find((u) => u.email.startsWith('bruno')) ?? (users[1] as (typeof users)[number]);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // Three quick retries, then dead: what takes a day in production takes a second here.
  stack = await startE2eStack('admin-webhooks', 100, { webhookRetryScheduleMs: '200,200,200' });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Scripts a hook of the receiver simulator through its control API (resets what it recorded). */
async function configureHook(name: string, body: { secret?: string | null; status?: number }): Promise<void> {
  const res = await fetch(`${stack.webhookReceiver.url}/_recv/hooks/${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
}

const attempts = (name: string) => stack.webhookReceiver.store.hook(name).attempts;

async function signIn(page: Page, who: { email: string; password: string }, path: string): Promise<void> {
  await page.goto(`${stack.workerUrl}${path}`);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Senha').fill(who.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

describe('Webhooks', () => {
  let context: BrowserContext;
  let page: Page;
  const writes: string[] = [];

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    page = await context.newPage();
    page.on('pageerror', (err) => console.error('page error:', err));
    page.on('request', (r) => {
      if (r.url().includes('/api/webhooks') && r.method() !== 'GET') writes.push(`${r.method()} ${r.url()}`);
    });
    await signIn(page, owner, '/admin/webhooks');
    await page.getByRole('heading', { name: 'Webhooks', level: 3 }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
  });

  async function create(url: string): Promise<string> {
    await page.getByRole('button', { name: 'Novo webhook' }).click();
    const form = page.getByRole('form', { name: 'Novo webhook' });
    await form.getByLabel('URL').fill(url);
    await form.getByLabel(/^contact\.changed/).check();
    await form.getByRole('button', { name: 'Salvar' }).click();
    const dialog = page.getByRole('dialog', { name: 'Segredo de assinatura' });
    await dialog.waitFor();
    const secret = await dialog.getByLabel('Segredo').inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(16);
    await dialog.getByRole('button', { name: 'Copiar' }).click();
    await dialog.getByText('Copiado.').waitFor();
    await dialog.getByRole('button', { name: 'Pronto, guardei' }).click();
    await page.getByRole('status').getByText('Webhook criado.').waitFor();
    return secret;
  }

  it('refuses a URL that is not http(s) inline and sends nothing', async () => {
    await page.getByRole('button', { name: 'Novo webhook' }).click();
    const form = page.getByRole('form', { name: 'Novo webhook' });
    await form.getByLabel('URL').fill('ftp://erp.example.com/hooks');
    await form.getByRole('button', { name: 'Salvar' }).click();
    await form.getByText('Informe uma URL http(s) sem usuário e senha (até 2000 caracteres).').waitFor();
    expect(await form.getByLabel('URL').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('URL').fill('https://user:pw@erp.example.com/hooks');
    await form.getByRole('button', { name: 'Salvar' }).click();
    await form.getByText('Informe uma URL http(s) sem usuário e senha (até 2000 caracteres).').waitFor();
    expect(writes).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/g2-webhooks-errors-1280.png`, fullPage: true });
    await form.getByRole('button', { name: 'Cancelar' }).click();
  });

  it('creates an endpoint, shows its secret once, and a test send reports the receiver status', async () => {
    const url = `${stack.webhookReceiver.url}/hooks/erp`;
    const secret = await create(url);
    // The receiver checks every signature with the secret the screen showed (401 when it does not match).
    await configureHook('erp', { secret });
    const row = page.getByRole('row', { name: new RegExp(url) });
    await row.getByText('Sem entregas').waitFor();
    // The secret is nowhere on the page once its dialog closed.
    expect(await page.getByText(secret).count()).toBe(0);
    await row.getByRole('button', { name: `Enviar teste: ${url}` }).click();
    await page
      .getByRole('status')
      .getByText(/Teste entregue: HTTP 200 em \d+ ms\./)
      .waitFor();
    expect(attempts('erp').map((a) => [a.event, a.signature, a.status])).toEqual([['ping', 'valid', 200]]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/g2-webhooks-list-1280.png`, fullPage: true });
  });

  it("shows a failing receiver's deliveries as dead, and Reenviar delivers the same delivery id", async () => {
    const url = `${stack.webhookReceiver.url}/hooks/down`;
    await configureHook('down', { status: 500 });
    await create(url);
    const row = page.getByRole('row', { name: new RegExp(url) });
    // An event it subscribes to: a contact renamed through the contacts REST.
    const [contact] = await ownerQuery<{ id: string }>(
      stack,
      `insert into contacts (tenant_id, name, phone) values ((select id from tenants where slug = $1), 'Caio', $2)
       returning id`,
      [DEMO_TENANT.slug, '5511955507777'],
    );
    const token = await agentToken(stack, owner.email, owner.password);
    const renamed = await api(stack, `/api/contacts/${contact?.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: 'Caio Souza' }),
    });
    expect(renamed.status).toBe(200);
    await row.getByRole('button', { name: `Enviar teste: ${url}` }).click();
    await page
      .getByRole('status')
      .getByText(/Teste falhou: HTTP 500/)
      .waitFor();
    await row.getByRole('button', { name: `Entregas: ${url}` }).click();
    const panel = page.getByRole('region', { name: `Entregas de ${url}` });
    await panel.getByLabel('Situação').selectOption('dead');
    await expect
      .poll(async () => panel.getByRole('row', { name: /Falha definitiva/ }).count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await row.getByText('Com falhas definitivas').waitFor();
    await page.screenshot({ path: `${SHOTS}/g2-webhooks-dead-1280.png`, fullPage: true });
    const dead = attempts('down').filter((a) => a.event === 'contact.changed');
    expect(dead.length).toBeGreaterThan(1);
    // Every retry carried the same delivery id.
    expect(new Set(dead.map((a) => a.deliveryId)).size).toBe(1);
    await configureHook('down', {});
    // The panel refreshes every 5 s: a press that spans a refresh is still a click (the unchanged row stays).
    const refreshed = page.waitForResponse(
      (r) => r.request().method() === 'GET' && /\/deliveries\?status=dead$/.test(r.url()),
      { timeout: 15_000 },
    );
    await pressAcross(page, panel.getByRole('button', { name: /^Reenviar / }).first(), async () => {
      await refreshed;
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    });
    await panel.getByText('Entrega enviada de novo (mesmo id de entrega).').waitFor({ timeout: 10_000 });
    await expect
      .poll(() => stack.webhookReceiver.store.received('down').map((a) => a.deliveryId))
      .toEqual([dead[0]?.deliveryId]);
    await panel.getByLabel('Situação').selectOption('delivered');
    await panel.getByRole('row', { name: /Entregue/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('lays out at 390 px with no serious accessibility violations', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByText('Como verificar a assinatura').click();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/g2-webhooks-390.png`, fullPage: true });
  });
});

describe('agents', () => {
  it('cannot open Webhooks', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, agent, '/admin/webhooks');
    await page.getByText('Você não tem acesso à administração').waitFor();
    expect(await page.getByRole('heading', { name: 'Webhooks' }).count()).toBe(0);
    await context.close();
  });
});
