// The bot's settings in a real browser, in Portuguese, as an admin: the ERP integration ("save and test"
// against an ERP that does not answer is refused with nothing stored; a plain save is kept without showing the
// credentials back; "test connection" shows its result and records it), the AI settings (keys shown only by
// their last four characters), a knowledge base article written (an oversize one refused at the field,
// nothing stored) and found by "test the bot's search", and a channel's "bot answers first" switch. No serious
// accessibility violations; screenshots in .fio/screenshots for a person to look at.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_CREDENTIALS } from '../../scripts/erp-simulator/seed';
import { type ErpSimulator, startErpSimulator } from '../../scripts/erp-simulator/server';
import { findFreePort } from '../../scripts/lib/free-port';
import type { Stack } from '../../scripts/lib/stack';
import type {
  AiSettingsResponse,
  ChannelView,
  ErpConnectionResponse,
  KnowledgeListResponse,
} from '../../workers/contract';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { ACME } from '../support/fixtures';
import { chooseLanguage } from './agent-pages';
import { agentToken, api, startE2eStack } from './stack';

const SHOTS = '.fio/screenshots';
const admin = ACME.users[0] as (typeof ACME.users)[number];
const SECRET_TOKEN = `token-secreto-${crypto.randomUUID().slice(0, 8)}`;
const AI_KEY = `sk-e2e-${crypto.randomUUID()}-Zz99`;

let stack: Stack;
let browser: Browser;
let token: string;
/** An allowed loopback origin where nothing listens: the ERP that does not answer. */
let silentErp: string;
/** The IXC/SGP simulator, this file's own (its origin allowed like the silent one). */
let erpSim: ErpSimulator;

beforeAll(async () => {
  silentErp = `http://127.0.0.1:${await findFreePort()}`;
  erpSim = await startErpSimulator();
  const before = process.env.PROVIDER_PRIVATE_ORIGINS;
  process.env.PROVIDER_PRIVATE_ORIGINS = [before, silentErp, erpSim.url].filter(Boolean).join(',');
  try {
    stack = await startE2eStack('agent-bot-settings');
  } finally {
    if (before === undefined) delete process.env.PROVIDER_PRIVATE_ORIGINS;
    else process.env.PROVIDER_PRIVATE_ORIGINS = before;
  }
  browser = await launchBrowser();
  token = await agentToken(stack, admin.email, admin.password);
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await erpSim?.close();
});

async function get<T>(path: string): Promise<T> {
  const res = await api<T>(stack, path, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return res.body;
}

async function signIn(page: Page, path: string): Promise<void> {
  await page.goto(`${stack.workerUrl}${path}`);
  await page.getByLabel('E-mail').fill(admin.email);
  await page.getByLabel('Senha').fill(admin.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('heading', { name: 'Administração' }).waitFor();
}

async function openScreen(page: Page, link: string, heading: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Seções da administração' })
    .getByRole('link', { name: link })
    .click();
  await page.getByRole('heading', { name: heading, level: 3 }).waitFor();
}

describe('bot settings in the admin', () => {
  it('saves the ERP integration, refusing a "save and test" the ERP does not answer, and shows the test result', async () => {
    const page = await browser.newPage();
    await signIn(page, '/admin/erp');
    await page.getByRole('heading', { name: 'Integração ERP', level: 3 }).waitFor();
    await page.getByText('Nenhum ERP conectado ainda.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Sistema (ERP)').selectOption('sgp');
    await page.getByLabel('Endereço do ERP (URL)').fill(`${silentErp}/sgp/acme`);
    await page.getByLabel('Token', { exact: true }).fill(SECRET_TOKEN);
    await page.getByLabel('Nome do app (app)').fill('fio');
    expect(await page.getByLabel('Token', { exact: true }).getAttribute('type')).toBe('password');

    // Save and test: the ERP does not answer, so nothing is stored and the form says why.
    await page.getByRole('button', { name: 'Salvar e testar' }).click();
    await page
      .getByRole('alert')
      .getByText(/O ERP recusou o teste: .*Nada foi salvo/)
      .waitFor();
    expect((await get<ErpConnectionResponse>('/api/admin/erp')).connection).toBeNull();
    await page.screenshot({ path: `${SHOTS}/bot-erp-refused-pt.png`, fullPage: true });

    // A plain save keeps it; the credentials are not shown back.
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByRole('status').getByText('Integração salva.').waitFor();
    await page.getByText('nunca testado').waitFor();
    expect(await page.getByLabel('Token', { exact: true }).inputValue()).toBe('');
    await page.getByText('Guardado. Deixe em branco para manter; preencha para trocar.').first().waitFor();
    expect(await page.content()).not.toContain(SECRET_TOKEN);
    const stored = await get<ErpConnectionResponse>('/api/admin/erp');
    expect(stored.connection).toMatchObject({
      kind: 'sgp',
      credentialsSet: ['token', 'app'],
      lastTestOk: null,
    });
    expect(JSON.stringify(stored)).not.toContain(SECRET_TOKEN);

    // Test connection: the result is said and recorded.
    await page.getByRole('button', { name: 'Testar conexão' }).click();
    await page
      .getByRole('status')
      .getByText(/O ERP não aceitou a conexão: /)
      .waitFor();
    await page.getByText('falhou', { exact: true }).waitFor();
    expect((await get<ErpConnectionResponse>('/api/admin/erp')).connection?.lastTestOk).toBe(false);
    await page.screenshot({ path: `${SHOTS}/bot-erp-failed-pt.png`, fullPage: true });

    // The ISP's real address (the simulator) with a wrong token: refused, the stored one untouched.
    await page.getByLabel('Sistema (ERP)').selectOption('ixc');
    await page.getByLabel('Endereço do ERP (URL)').fill(`${erpSim.url}/ixc/acme`);
    await page.getByLabel('Usuário do webservice (ID)').fill(SIM_CREDENTIALS.ixc.user);
    await page.getByLabel('Token do webservice').fill('token-errado-123');
    await page.getByRole('button', { name: 'Salvar e testar' }).click();
    await page
      .getByRole('alert')
      .getByText(/O ERP recusou o teste: Credenciais recusadas pelo ERP/)
      .waitFor();
    expect((await get<ErpConnectionResponse>('/api/admin/erp')).connection?.kind).toBe('sgp');
    // The right one: saved and tested.
    await page.getByLabel('Token do webservice').fill(SIM_CREDENTIALS.ixc.token);
    await page.getByRole('button', { name: 'Salvar e testar' }).click();
    await page
      .getByRole('status')
      .getByText(/Integração salva e testada: IXC respondeu/)
      .waitFor();
    await page.getByText('funcionou', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Testar conexão' }).click();
    await page
      .getByRole('status')
      .getByText(/Conexão OK: IXC respondeu/)
      .waitFor();
    expect((await get<ErpConnectionResponse>('/api/admin/erp')).connection).toMatchObject({
      kind: 'ixc',
      lastTestOk: true,
    });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/bot-erp-tested-pt.png`, fullPage: true });
    await page.close();
  });

  it('saves the AI settings, showing a key only by its last four characters', async () => {
    const page = await browser.newPage();
    await signIn(page, '/admin/ai');
    await page.getByRole('heading', { name: 'Inteligência artificial', level: 3 }).waitFor();
    await page.getByLabel('IA ligada').check();
    await page.getByLabel('Endpoint (URL base da API)').fill('https://api.openai.com/v1');
    await page.getByLabel('Modelo de IA').fill('gpt 4o');
    await page.getByLabel('Novas chaves (uma por linha)').fill(AI_KEY);
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    // Refused at the field, in this form's own words; nothing stored.
    await page.getByText('Use letras, números e . _ : / @ + - (até 100 caracteres).').waitFor();
    expect((await get<AiSettingsResponse>('/api/admin/ai')).settings).toBeNull();
    await page.getByLabel('Modelo de IA').fill('gpt-4o-mini');
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByRole('status').getByText('Configuração de IA salva.').waitFor();
    await page.getByText('•••• Zz99').waitFor();
    expect(await page.getByLabel('Novas chaves (uma por linha)').inputValue()).toBe('');
    expect(await page.content()).not.toContain(AI_KEY.slice(0, -4));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/bot-ai-pt.png`, fullPage: true });
    const saved = await get<AiSettingsResponse>('/api/admin/ai');
    expect(saved.settings).toMatchObject({ enabled: true, model: 'gpt-4o-mini', keys: { count: 1 } });
    await page.close();
  });

  it('writes a knowledge base article (an oversize one refused) and finds it with the bot’s search', async () => {
    const page = await browser.newPage();
    await signIn(page, '/admin/knowledge');
    await page.getByRole('heading', { name: 'Base de conhecimento', level: 3 }).waitFor();
    await page.getByText('Nenhum artigo ainda.').waitFor();
    await page.getByRole('button', { name: 'Novo artigo' }).click();
    await page.getByLabel('Título').fill('Boletos vencidos');
    // Oversize: the counter says so and the save is refused at the field.
    await page.getByLabel('Texto', { exact: true }).fill('a'.repeat(20_001));
    await page.getByText('20.001 de 20.000 caracteres').waitFor();
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByText('Escreva o texto do artigo (até 20.000 caracteres).').waitFor();
    expect((await get<KnowledgeListResponse>('/api/admin/knowledge')).articles).toEqual([]);

    const body =
      'Como pagar a fatura em atraso.\n\nBoletos vencidos podem ser pagos em qualquer banco até 60 dias após o vencimento, com multa de 2%.';
    await page.getByLabel('Texto', { exact: true }).fill(body);
    await page.getByLabel('Etiquetas (separadas por vírgula)').fill('financeiro, boleto');
    await page.screenshot({ path: `${SHOTS}/bot-kb-editor-pt.png`, fullPage: true });
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByRole('status').getByText('Artigo “Boletos vencidos” criado.').waitFor();
    await page.getByRole('row', { name: /Boletos vencidos/ }).waitFor();

    // What the bot would retrieve for a customer's words.
    await page.getByLabel('Mensagem do cliente').fill('meu boleto venceu, posso pagar?');
    await page.getByRole('button', { name: 'Testar', exact: true }).click();
    await page.locator('.admin-passages').getByText('Boletos vencidos podem ser pagos').waitFor();
    await page.getByLabel('Mensagem do cliente').fill('quero cancelar meu plano');
    await page.getByRole('button', { name: 'Testar', exact: true }).click();
    await page.getByText('Nenhum artigo publicado responde a essa mensagem.').waitFor();

    // Search the list.
    await page.getByLabel('Buscar artigos').fill('roteador');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByText('Nenhum artigo encontrado para essa busca.').waitFor();
    await page.getByLabel('Buscar artigos').fill('boletos');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByRole('row', { name: /Boletos vencidos/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Mensagem do cliente').fill('boleto vencido');
    await page.getByRole('button', { name: 'Testar', exact: true }).click();
    await page.locator('.admin-passages').getByText('Boletos vencidos podem ser pagos').waitFor();
    await page.screenshot({ path: `${SHOTS}/bot-kb-pt.png`, fullPage: true });
    const list = await get<KnowledgeListResponse>('/api/admin/knowledge');
    expect(list.articles.map((a) => [a.title, a.tags, a.published])).toEqual([
      ['Boletos vencidos', ['financeiro', 'boleto'], true],
    ]);

    // In English too.
    await chooseLanguage(page, 'en');
    await page.getByRole('heading', { name: 'Knowledge base', level: 3 }).waitFor();
    await page.getByRole('button', { name: 'New article' }).waitFor();
    await page.getByRole('columnheader', { name: 'Tags' }).waitFor();
    await page.getByText("Test the bot's search").waitFor();
    await page.screenshot({ path: `${SHOTS}/bot-kb-en.png`, fullPage: true });
    await page.close();
  });

  it('turns "Robô atende primeiro" on for a channel', async () => {
    const page = await browser.newPage();
    await signIn(page, '/admin');
    await openScreen(page, 'Base de conhecimento', 'Base de conhecimento');
    await openScreen(page, 'Canais', 'Canais');
    const widget = (await get<{ channels: ChannelView[] }>('/api/channels')).channels.find(
      (c) => c.kind === 'widget',
    ) as ChannelView;
    expect(widget.botEnabled).toBe(false);
    const toggle = page.getByRole('switch', { name: `Ligar o robô em ${widget.name}` });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText(`Robô ligado em ${widget.name}`, { exact: false }).waitFor();
    await page.getByRole('switch', { name: `Desligar o robô em ${widget.name}` }).waitFor();
    const after = (await get<{ channels: ChannelView[] }>('/api/channels')).channels.find(
      (c) => c.id === widget.id,
    );
    expect(after?.botEnabled).toBe(true);
    await page.screenshot({ path: `${SHOTS}/bot-channels-pt.png`, fullPage: true });
    await page.close();
  });
});
