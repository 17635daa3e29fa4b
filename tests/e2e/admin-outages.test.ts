// "Quedas e manutenções" and the inbox's outage banner in a real browser, in Portuguese, on the demo tenant:
// bad input (no area, an end before the start) is refused inline and nothing is sent; the owner registers an
// outage for the neighbourhood Centro and sees it under Ativas with its area; an affected customer writes
// "sem internet" on WhatsApp (simulator) and an agent's inbox shows the banner with that conversation, the
// filter narrows the list to it and its row carries "Queda"; the owner resolves it and it moves to Resolvidas.
// Agents cannot open the admin screens. No serious accessibility violations at 1280 and 390 px; screenshots in
// $FIO_SHOTS_DIR (or .fio/screenshots) as g2-outages-*.png.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NUMBER, type Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import type { OutageView } from '../../workers/contract/outages';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { agentPage } from './agent-pages';
import { agentToken, api, eventually, startE2eStack } from './stack';
import { ownerQuery } from './whatsapp-helpers';

let stack: Stack;
let browser: Browser;
const SHOTS = process.env.FIO_SHOTS_DIR ?? '.fio/screenshots';
const users = DEMO_TENANT.users as readonly { email: string; password: string; role: string }[];
const owner = users.find((u) => u.role === 'owner') ?? (users[0] as (typeof users)[number]);
const agent = users.find((u) => u.email.startsWith('bruno')) ?? (users[1] as (typeof users)[number]);
const TITLE = 'Rompimento de fibra no Centro';
const AFFECTED = '5511955501234';

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // The bot on: it is what tells an affected customer about the outage first.
  stack = await startE2eStack('admin-outages', 100, { bot: true });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signIn(page: Page, who: { email: string; password: string }, path: string): Promise<void> {
  await page.goto(`${stack.workerUrl}${path}`);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Senha').fill(who.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

async function activeOutages(): Promise<OutageView[]> {
  const token = await agentToken(stack, owner.email, owner.password);
  const res = await api<{ outages: OutageView[] }>(stack, '/api/outages?state=active', {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return res.body.outages;
}

describe('Quedas e manutenções', () => {
  let context: BrowserContext;
  let page: Page;
  /** Every write the page sent to /api/outages (bad input must send none). */
  const writes: string[] = [];

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('request', (r) => {
      if (r.url().includes('/api/outages') && r.method() !== 'GET') writes.push(`${r.method()} ${r.url()}`);
    });
    await signIn(page, owner, '/admin/outages');
    await page.getByRole('heading', { name: 'Quedas e manutenções', level: 3 }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('refuses an empty area and an expected end before the start inline, sending nothing', async () => {
    await page.getByRole('button', { name: 'Registrar queda ou manutenção' }).click();
    const form = page.getByRole('form', { name: 'Registrar queda ou manutenção' });
    await form.getByLabel('Título').fill(TITLE);
    await form.getByLabel('Início').fill('2030-01-10T10:00');
    await form.getByLabel('Previsão de normalização').fill('2030-01-10T08:00');
    await form.getByLabel('Mensagem que o robô envia').fill('Estamos com uma falha na região.');
    await form.getByRole('button', { name: 'Salvar' }).click();
    await form.getByText('Informe pelo menos uma cidade, bairro, POP ou contrato.').waitFor();
    await form.getByText('A previsão deve ser depois do início.').waitFor();
    expect(await form.getByLabel('Previsão de normalização').getAttribute('aria-invalid')).toBe('true');
    expect(writes).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/g2-outages-errors-1280.png`, fullPage: true });
    await form.getByRole('button', { name: 'Cancelar' }).click();
  });

  it('registers an outage for a neighbourhood and lists it under Ativas with its area', async () => {
    await page.getByRole('button', { name: 'Registrar queda ou manutenção' }).click();
    const form = page.getByRole('form', { name: 'Registrar queda ou manutenção' });
    await form.getByLabel('Título').fill(TITLE);
    const hoods = form.getByRole('textbox', { name: 'Bairros' });
    await hoods.fill('Centro');
    await hoods.press('Enter');
    await form.getByRole('list', { name: 'Bairros' }).getByText('Centro').waitFor();
    await form.getByLabel('Contratos do ERP').fill('1001\n1002, 1002');
    await form.getByText('2 contratos').waitFor();
    await form
      .getByLabel('Mensagem que o robô envia')
      .fill('Identificamos uma queda na sua região. Já estamos trabalhando.');
    await form.getByText('Como o cliente vê').waitFor();
    await page.screenshot({ path: `${SHOTS}/g2-outages-form-1280.png`, fullPage: true });
    await form.getByRole('button', { name: 'Salvar' }).click();
    await page.getByRole('status').getByText(`${TITLE} registrada.`).waitFor();
    const row = page.getByRole('row', { name: new RegExp(TITLE) });
    await row.getByText('Centro · 2 contratos').waitFor();
    const stored = await activeOutages();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.area).toMatchObject({ neighbourhoods: ['Centro'], contracts: ['1001', '1002'] });
    expect(writes).toHaveLength(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/g2-outages-list-1280.png`, fullPage: true });
  });

  it("shows the banner in an agent's inbox once an affected customer wrote, and filters to its conversations", async () => {
    // The customer's neighbourhood as the ERP (or an import) recorded it, before they write.
    await ownerQuery(
      stack,
      `insert into contacts (tenant_id, name, phone, attributes)
       values ((select id from tenants where slug = $1), 'Ana Afetada', $2, $3)`,
      [DEMO_TENANT.slug, AFFECTED, JSON.stringify({ neighbourhood: 'centro' })],
    );
    await stack.whatsapp.inbound({
      phoneNumberId: DEMO_NUMBER.phoneNumberId,
      from: AFFECTED,
      name: 'Ana Afetada',
      text: 'sem internet',
    });
    await eventually('the outage counts the conversation', async () => {
      const [o] = await activeOutages();
      return (o?.conversationCount ?? 0) >= 1;
    });

    const inbox = await agentPage(browser, stack, agent);
    const banner = inbox.getByRole('region', { name: 'Quedas ativas' });
    await banner.getByText('Queda ativa: Centro').waitFor();
    await banner.getByText(/1 conversa\b/).waitFor();
    await banner.getByRole('button', { name: `Conversas causadas por ${TITLE}` }).click();
    const rows = inbox.locator('.conversation-list').getByRole('button');
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByText('Ana Afetada').waitFor();
    await rows.first().getByText('Queda', { exact: true }).waitFor();
    expect(await seriousA11yViolations(inbox)).toEqual([]);
    await inbox.screenshot({ path: `${SHOTS}/g2-outages-inbox-1280.png` });
    await inbox.setViewportSize({ width: 390, height: 844 });
    await inbox.screenshot({ path: `${SHOTS}/g2-outages-inbox-390.png`, fullPage: true });
    expect(await seriousA11yViolations(inbox)).toEqual([]);
    await banner.getByRole('button', { name: 'Ver todas as conversas' }).click();
    await inbox.context().close();
  });

  it('resolves the outage with the resolution message; it moves to Resolvidas', async () => {
    await page
      .getByRole('row', { name: new RegExp(TITLE) })
      .getByRole('button', { name: `Resolver ${TITLE}` })
      .click();
    const dialog = page.getByRole('dialog', { name: `Resolver: ${TITLE}` });
    await dialog.getByLabel('Mensagem de normalização').fill('Tudo normalizado no Centro!');
    await dialog.getByLabel(/Avisar os clientes/).uncheck();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Resolver' }).click();
    await page.getByRole('status').getByText(`${TITLE} resolvida.`).waitFor();
    await page.getByText('Nenhuma queda ativa agora.').waitFor();
    await page.getByRole('button', { name: 'Resolvidas' }).click();
    await page.getByRole('row', { name: new RegExp(TITLE) }).waitFor();
    expect(await activeOutages()).toEqual([]);
  });

  it('lays out at 390 px with no serious accessibility violations', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Registrar queda ou manutenção' }).click();
    await page.getByRole('form', { name: 'Registrar queda ou manutenção' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/g2-outages-390.png`, fullPage: true });
  });
});

describe('agents', () => {
  it('cannot open Quedas e manutenções', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, agent, '/admin/outages');
    await page.getByText('Você não tem acesso à administração').waitFor();
    expect(await page.getByRole('heading', { name: 'Quedas e manutenções' }).count()).toBe(0);
    await context.close();
  });
});
