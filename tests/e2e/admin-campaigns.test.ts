// "Campanhas" and "Descadastros" in a real browser, in Portuguese, as an admin, against the real stack (the
// Graph API simulator's number and templates): bad input shown inline with nothing sent (a past schedule, a
// variable without a source); a campaign created with a CSV holding bad lines (the report names each line),
// started, its progress moving as the simulator accepts the sends, and its results exported as CSV; a
// campaign held by its quiet hours paused, resumed and cancelled (behind a confirmation); the opt-out list
// added to, searched and removed from; the number's messaging tier saved; an agent without the screens. No
// serious accessibility violations at 1280 and 390 px; screenshots in FIO_SHOTS_DIR (g1-campaigns-*.png).
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import type { CampaignView } from '../../workers/contract';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { ACME } from '../support/fixtures';
import { agentToken, api, startE2eStack } from './stack';
import { connectCloudNumber, type TestNumber } from './whatsapp-helpers';

const SHOTS = process.env.FIO_SHOTS_DIR ?? '/work/wt/shots';
const [admin, agent] = ACME.users as [(typeof ACME.users)[number], (typeof ACME.users)[number]];

let stack: Stack;
let browser: Browser;
let token: string;
let number: TestNumber;
let zone: string;

const auth = () => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  stack = await startE2eStack('admin-campaigns');
  browser = await launchBrowser();
  token = await agentToken(stack, admin.email, admin.password);
  mkdirSync(SHOTS, { recursive: true });
  number = await connectCloudNumber(stack, token);
  const synced = await api(stack, `/api/channels/${number.channelId}/templates/sync`, {
    method: 'POST',
    headers: auth(),
  });
  expect(synced.status).toBe(200);
  const settings = await api<{ timezone: string }>(stack, '/api/tenant/settings', { headers: auth() });
  zone = settings.body.timezone;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function newContext(width = 1280): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width, height: 900 },
    locale: 'pt-BR',
    acceptDownloads: true,
    ...(width < 600 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
}

async function signIn(page: Page, who: { email: string; password: string }, path: string) {
  await page.goto(`${stack.workerUrl}${path}`);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Senha').fill(who.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

async function campaigns(): Promise<CampaignView[]> {
  const res = await api<{ campaigns: CampaignView[] }>(stack, '/api/campaigns', { headers: auth() });
  expect(res.status).toBe(200);
  return res.body.campaigns;
}

async function checkA11y(page: Page, what: string) {
  expect(await seriousA11yViolations(page), what).toEqual([]);
}

/** The campaign writes the page sends (an inline refusal must send none). */
function countWrites(page: Page): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/api\/campaigns(\/[^/]+\/recipients)?$/.test(new URL(r.url()).pathname))
      n++;
  });
  return () => n;
}

const CSV = [
  'telefone;nome;mes',
  '(11) 98765-4321;Ana Souza;novembro',
  '11 9123;Linha Ruim;novembro',
  '+55 11 98765-4321;Ana de Novo;novembro',
  '5521998887766;Bruno Lima;dezembro',
  'abc;Sem Número;dezembro',
  '11976543210;Carla Dias;dezembro',
].join('\n');

describe('Campanhas', () => {
  it('refuses a past schedule and a variable without a source inline, sending nothing', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, admin, '/admin/campaigns');
    await page.getByRole('heading', { name: 'Campanhas', level: 3 }).waitFor();
    await page.getByRole('button', { name: 'Nova campanha' }).click();
    const writes = countWrites(page);
    await page.getByLabel('Nome da campanha').fill('Fatura de novembro');
    await page.getByLabel('Modelo aprovado').selectOption({ label: 'fatura_disponivel (pt_BR)' });
    await expect.poll(() => page.locator('.cmp-preview').textContent()).toContain('sua fatura de');
    await page.getByLabel('Origem de {{2}}').selectOption('text');
    await page.getByLabel('Em uma data e hora').check();
    await page.getByLabel(/^Data e hora/).fill('2020-01-01T10:00');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => page.getByText('Escolha uma data e hora no futuro.').count()).toBe(1);
    await expect.poll(() => page.getByText('Informe a origem desta variável.').count()).toBe(1);
    expect(await page.getByLabel('Texto de {{2}}').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: `${SHOTS}/g1-campaigns-wizard-errors.png`, fullPage: true });
    expect(writes()).toBe(0);
    expect((await campaigns()).length).toBe(0);
    await context.close();
  });

  it('creates a campaign from a CSV with bad lines, names them, starts it and exports the results', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, admin, '/admin/campaigns/new');
    await page.getByLabel('Nome da campanha').waitFor();
    await page.getByLabel('Nome da campanha').fill('Fatura de novembro');
    await page.getByLabel('Modelo aprovado').selectOption({ label: 'fatura_disponivel (pt_BR)' });
    await page.getByLabel('Incluir contatos pelos filtros').uncheck();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'clientes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    });
    await expect.poll(() => page.locator('.cmp-drop').textContent()).toContain('clientes.csv');
    await page.getByLabel('Origem de {{2}}').selectOption('csv');
    await page.getByLabel('Coluna de {{2}}').selectOption('mes');
    await page.getByLabel('Não enviar em horário de silêncio').uncheck();
    await checkA11y(page, 'wizard');
    await page.screenshot({ path: `${SHOTS}/g1-campaigns-wizard.png`, fullPage: true });
    await page.getByRole('button', { name: 'Salvar' }).click();

    const report = page.getByRole('region', { name: 'Importação do CSV' });
    await expect.poll(() => report.textContent(), { timeout: 20_000 }).toContain('3 de 6 linhas aceitas');
    const lines = await report.locator('tbody tr').allTextContents();
    expect(
      lines.some((l) => l.startsWith('3') && l.includes('11 9123') && l.includes('Telefone inválido')),
    ).toBe(true);
    expect(lines.some((l) => l.startsWith('4') && l.includes('Duplicado'))).toBe(true);
    expect(lines.some((l) => l.startsWith('6') && l.includes('abc'))).toBe(true);
    await page.screenshot({ path: `${SHOTS}/g1-campaigns-detail-draft.png`, fullPage: true });

    await page.getByRole('button', { name: 'Iniciar' }).click();
    const bar = page.getByRole('progressbar', { name: 'Progresso' });
    await expect
      .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 })
      .toBeGreaterThan(0);
    const [campaign] = await campaigns();
    expect(campaign?.counts.total).toBe(3);
    // The simulator accepted the sends: the counts moved past "sending".
    await expect
      .poll(
        async () => {
          const c = (await campaigns()).find((x) => x.name === 'Fatura de novembro')?.counts;
          return c ? c.sent + c.delivered + c.read + c.replied : 0;
        },
        { timeout: 60_000 },
      )
      .toBe(3);
    await checkA11y(page, 'detail');
    await page.screenshot({ path: `${SHOTS}/g1-campaigns-detail.png`, fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportar CSV' }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain('5511987654321');
    expect(csv).toContain('5521998887766');
    expect(csv.split(/\r?\n/).filter((l) => l.trim()).length).toBe(4);

    await page.getByRole('link', { name: /Voltar às campanhas/ }).click();
    await page.getByRole('link', { name: 'Fatura de novembro' }).waitFor();
    await checkA11y(page, 'list');
    await page.screenshot({ path: `${SHOTS}/g1-campaigns-list.png`, fullPage: true });
    await context.close();
  });

  it('pauses, resumes and cancels a campaign held by its quiet hours', async () => {
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(
        new Date(),
      ),
    );
    const hh = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
    const created = await api<{ campaign: CampaignView }>(stack, '/api/campaigns', {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({
        name: 'Manutenção programada',
        kind: 'utility',
        channelId: number.channelId,
        templates: [
          { name: 'boas_vindas', language: 'pt_BR', variables: [{ from: 'name', fallback: 'cliente' }] },
        ],
        quietHours: { start: hh(hour - 1), end: hh(hour + 2) },
      }),
    });
    expect(created.status).toBe(201);
    const id = created.body.campaign.id;
    const imported = await api(stack, `/api/campaigns/${id}/recipients`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'text/csv' },
      body: 'telefone,nome\n11955554444,Dora\n',
    });
    expect(imported.status).toBe(200);

    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, admin, `/admin/campaigns/${id}`);
    await page.getByRole('button', { name: 'Iniciar' }).click();
    await page.getByRole('button', { name: 'Pausar' }).click();
    const badge = async () =>
      `${await page.locator('.cmp-toolbar .cmp-status').textContent()} | ${await page.locator('.admin-status').first().textContent()}`;
    await expect.poll(badge, { timeout: 15_000 }).toMatch(/^Pausada/);
    await page.getByRole('button', { name: 'Retomar' }).click();
    await expect
      .poll(badge, { timeout: 15_000 })
      .toMatch(/^(Enviando|Agendada) \| Campanha Manutenção programada retomada/);
    await page.getByRole('button', { name: 'Cancelar campanha' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('Manutenção programada');
    await dialog.getByRole('button', { name: 'Cancelar campanha' }).click();
    await expect.poll(badge, { timeout: 15_000 }).toMatch(/^Cancelada/);
    const res = await api<{ campaign: CampaignView }>(stack, `/api/campaigns/${id}`, { headers: auth() });
    expect(res.body.campaign.status).toBe('cancelled');
    expect(res.body.campaign.counts.sent).toBe(0);
    await context.close();
  });

  it('shows every screen without serious violations on a phone', async () => {
    const context = await newContext(390);
    const page = await context.newPage();
    await signIn(page, admin, '/admin/campaigns');
    await page.getByRole('link', { name: 'Fatura de novembro' }).waitFor();
    await checkA11y(page, 'list 390');
    await page.screenshot({ path: `${SHOTS}/g1-campaigns-list-390.png`, fullPage: true });
    await page.getByRole('link', { name: 'Fatura de novembro' }).click();
    await page.getByRole('region', { name: 'Destinatários' }).waitFor();
    await checkA11y(page, 'detail 390');
    await page.screenshot({ path: `${SHOTS}/g1-campaigns-detail-390.png`, fullPage: true });
    await page.goto(`${stack.workerUrl}/admin/campaigns/new`);
    await page.getByLabel('Nome da campanha').waitFor();
    await checkA11y(page, 'wizard 390');
    await page.screenshot({ path: `${SHOTS}/g1-campaigns-wizard-390.png`, fullPage: true });
    await context.close();
  });
});

describe('Descadastros and the messaging tier', () => {
  it('adds, searches and removes an opt-out', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, admin, '/admin/opt-outs');
    await page.getByRole('heading', { name: 'Descadastros', level: 3 }).waitFor();
    await page.getByRole('button', { name: 'Adicionar telefone' }).click();
    const phone = page.getByRole('textbox', { name: 'Telefone', exact: true });
    await phone.fill('12ab');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => page.getByText('Informe um telefone válido, com DDD.').count()).toBe(1);
    await phone.fill('(21) 99876-5432');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => page.locator('.admin-status').first().textContent()).toContain('descadastrado');
    await page.getByLabel('Buscar por telefone').fill('99876');
    await expect.poll(() => page.locator('.admin-table tbody tr').count()).toBe(1);
    await checkA11y(page, 'opt-outs');
    await page.screenshot({ path: `${SHOTS}/g1-optouts.png`, fullPage: true });
    await page.getByLabel('Buscar por telefone').fill('11111');
    await expect.poll(() => page.getByText('Nenhum descadastro com esse telefone.').count()).toBe(1);
    await page.getByLabel('Buscar por telefone').fill('');
    await page
      .getByRole('button', { name: /^Remover \+/ })
      .first()
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remover' }).click();
    await expect.poll(() => page.getByText('Ninguém descadastrado.').count()).toBe(1);
    const list = await api<{ optOuts: unknown[] }>(stack, '/api/opt-outs', { headers: auth() });
    expect(list.body.optOuts).toEqual([]);
    await context.close();
  });

  it("saves a number's messaging tier", async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, admin, '/admin/channels');
    await page
      .getByRole('button', { name: /Ver saúde/ })
      .first()
      .click();
    await page.getByRole('combobox', { name: 'Nível de mensagens (Meta)' }).selectOption('TIER_2K');
    await expect.poll(() => page.getByText(/Nível de mensagens de .* atualizado/).count()).toBe(1);
    const res = await api<{ channels: { id: string; messagingTier: string }[] }>(stack, '/api/channels', {
      headers: auth(),
    });
    expect(res.body.channels.find((c) => c.id === number.channelId)?.messagingTier).toBe('TIER_2K');
    await context.close();
  });

  it('is not offered to an agent', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, agent, '/admin/campaigns');
    await page.getByText('Você não tem acesso à administração').waitFor();
    expect(await page.getByRole('link', { name: 'Campanhas' }).count()).toBe(0);
    await context.close();
  });
});
