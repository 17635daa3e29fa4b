// The admin screens in a real browser, in Portuguese, as the demo owner: a team, a user with a role and that
// team, a duplicate email refused inline with nothing added, a team deleted only after confirming, a canned
// response created and edited, the tenant's time zone changed (dates follow it), the channels list with the
// demo WhatsApp number, a user deactivated (their token refused at once), a Cloud number refused for a token
// WhatsApp does not confirm; no serious accessibility violations on any screen. A supervisor sees what they may
// manage and only looks at channels and settings; an agent gets no admin actions. The audit log (Auditoria)
// shows a settings change as a readable entry, filters it (saying so when nothing matches) in Portuguese and
// English, and the retention period is refused inline when not a whole number, then saved. A reloaded admin
// screen shows at once from the tab's last /api/me (held here), follows the answer, and a sign-out forgets it.
import { mkdirSync } from 'node:fs';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NUMBER, type Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import type { AdminUser, CannedResponse, TenantSettings } from '../../workers/contract';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { openAccountMenu } from './agent-pages';
import { agentToken, api, startE2eStack } from './stack';

let stack: Stack;
/** Screenshots of the audit screens, for a person to look at. */
const SHOTS = '.fio/screenshots';
let browser: Browser;
const [admin, agent] = DEMO_TENANT.users as [
  (typeof DEMO_TENANT.users)[number],
  (typeof DEMO_TENANT.users)[number],
];

beforeAll(async () => {
  stack = await startE2eStack('agent-admin');
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signIn(page: Page, user: { email: string; password: string }, path = '/admin'): Promise<void> {
  await page.goto(`${stack.workerUrl}${path}`);
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Senha').fill(user.password);
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

async function get<T>(token: string, path: string): Promise<T> {
  const res = await api<T>(stack, path, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return res.body;
}

describe('admin screens', () => {
  it('lets the admin manage teams, users, canned responses and settings, and see the channels', async () => {
    const token = await agentToken(stack, admin.email, admin.password);
    const page = await browser.newPage();
    await signIn(page, admin);
    expect(await page.locator('html').getAttribute('lang')).toBe('pt-BR');
    await page.getByRole('heading', { name: 'Usuários e papéis' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A team, then one deleted only once the confirmation says so.
    await openScreen(page, 'Equipes', 'Equipes');
    await page.getByRole('button', { name: 'Nova equipe' }).click();
    await page.getByLabel('Nome da equipe').fill('Instalação');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByRole('status').getByText('Equipe Instalação criada.').waitFor();
    await page.getByRole('row', { name: /Instalação/ }).waitFor();
    await page.getByRole('button', { name: 'Nova equipe' }).click();
    await page.getByLabel('Nome da equipe').fill('financeiro');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByText('Já existe uma equipe com esse nome.').waitFor();
    await page.getByLabel('Nome da equipe').fill('Temporária');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByRole('row', { name: /Temporária/ }).waitFor();
    await page.getByRole('button', { name: 'Excluir Temporária' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirmar' });
    await dialog.getByText('Excluir a equipe “Temporária”?', { exact: false }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByRole('row', { name: /Temporária/ }).count()).toBe(1);
    await page.getByRole('button', { name: 'Excluir Temporária' }).click();
    await dialog.getByRole('button', { name: 'Excluir' }).click();
    await page.getByRole('status').getByText('Equipe Temporária excluída.').waitFor();
    await page.getByRole('row', { name: /Temporária/ }).waitFor({ state: 'detached' });
    const { teams } = await get<{ teams: { id: string; name: string }[] }>(token, '/api/teams');
    expect(teams.map((t) => t.name).sort()).toEqual([
      'Comercial',
      'Financeiro',
      'Instalação',
      'Suporte técnico',
    ]);
    const team = teams.find((t) => t.name === 'Instalação') as { id: string };

    // A supervisor in that team.
    await openScreen(page, 'Usuários', 'Usuários e papéis');
    await page.getByRole('button', { name: 'Novo usuário' }).click();
    await page.getByLabel('Nome', { exact: true }).fill('Diego Supervisor');
    await page.getByLabel('E-mail').fill('diego@demo.fio.local');
    await page.getByLabel('Senha').fill('curta');
    await page.getByLabel('Papel').selectOption({ label: 'Supervisor' });
    await page.getByRole('checkbox', { name: 'Instalação' }).check();
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByText('A senha precisa ter pelo menos 10 caracteres.').waitFor();
    expect(await page.getByLabel('Senha').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Senha').fill('senha-do-diego-123');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByRole('status').getByText('Usuário Diego Supervisor criado.').waitFor();
    const diegoRow = page.getByRole('row', { name: /Diego Supervisor/ });
    await diegoRow.getByRole('cell', { name: 'Supervisor', exact: true }).waitFor();
    await diegoRow.getByRole('cell', { name: 'Instalação' }).waitFor();
    const before = (await get<{ users: AdminUser[] }>(token, '/api/admin/users')).users;
    expect(before.find((u) => u.email === 'diego@demo.fio.local')).toMatchObject({
      role: 'supervisor',
      teamIds: [team.id],
    });

    // The same email again: refused on the field, nothing added.
    const rows = await page.locator('tbody tr').count();
    await page.getByRole('button', { name: 'Novo usuário' }).click();
    await page.getByLabel('Nome', { exact: true }).fill('Outra Ana');
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Senha').fill('outra-senha-123');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByText('Este e-mail já está em uso.').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('Confira os campos destacados.');
    expect(await page.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await page.locator('tbody tr').count()).toBe(rows);
    expect((await get<{ users: AdminUser[] }>(token, '/api/admin/users')).users).toHaveLength(before.length);
    await page.getByRole('button', { name: 'Cancelar' }).click();

    // The only owner cannot stop being one (the demo's admin@ login is the tenant's owner).
    await page.getByRole('button', { name: `Editar ${admin.name}` }).click();
    await page.getByLabel('Papel').selectOption({ label: 'Agente' });
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByText('O provedor precisa de pelo menos um proprietário.').waitFor();
    await page.getByRole('button', { name: 'Cancelar' }).click();
    const users = (await get<{ users: AdminUser[] }>(token, '/api/admin/users')).users;
    expect(users.find((u) => u.email === admin.email)?.role).toBe('owner');

    // Diego deactivated from the form: the list says so, and his sign-in stops working.
    const diegoToken = await agentToken(stack, 'diego@demo.fio.local', 'senha-do-diego-123');
    await page.getByRole('button', { name: 'Editar Diego Supervisor' }).click();
    await page.getByLabel('Situação').selectOption({ label: 'Desativado' });
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByRole('status').getByText('Usuário Diego Supervisor atualizado.').waitFor();
    await diegoRow.getByRole('cell', { name: 'Desativado', exact: true }).waitFor();
    const diego = (await get<{ users: AdminUser[] }>(token, '/api/admin/users')).users.find(
      (u) => u.email === 'diego@demo.fio.local',
    );
    expect(diego?.active).toBe(false);
    const refused = await api(stack, '/api/me', { headers: { authorization: `Bearer ${diegoToken}` } });
    expect(refused.status).toBe(401);

    // A canned response with a variable, then edited.
    await openScreen(page, 'Respostas prontas', 'Respostas prontas');
    await page.getByRole('button', { name: 'Nova resposta pronta' }).click();
    await page.getByText('nome do cliente').waitFor();
    await page.getByLabel('Atalho').fill('saudacao');
    await page.getByLabel('Título').fill('Saudação');
    await page.getByLabel('Texto', { exact: true }).fill('Olá, ');
    await page.getByRole('button', { name: 'Inserir {{contact.name}} no texto' }).click();
    expect(await page.getByLabel('Texto', { exact: true }).inputValue()).toBe('Olá, {{contact.name}}');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByRole('status').getByText('Resposta /saudacao criada.').waitFor();
    await page.getByRole('button', { name: 'Editar /saudacao' }).click();
    await page.getByLabel('Título').fill('Saudação inicial');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByRole('status').getByText('Resposta /saudacao atualizada.').waitFor();
    await page.getByRole('row', { name: /Saudação inicial/ }).waitFor();
    const { cannedResponses } = await get<{ cannedResponses: CannedResponse[] }>(
      token,
      '/api/canned-responses',
    );
    expect(cannedResponses.find((c) => c.shortcut === 'saudacao')).toMatchObject({
      title: 'Saudação inicial',
      body: 'Olá, {{contact.name}}',
    });

    // The tenant's time zone; dates on every screen follow it.
    await openScreen(page, 'Configurações', 'Configurações do provedor');
    const zone = page.getByRole('combobox', { name: 'Fuso horário' });
    await zone.fill('manaus');
    await page.getByRole('option', { name: /Manaus/ }).waitFor();
    await zone.press('Enter');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByRole('status').getByText('Configurações salvas.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect((await get<TenantSettings>(token, '/api/tenant/settings')).timezone).toBe('America/Manaus');
    await openScreen(page, 'Respostas prontas', 'Respostas prontas');
    const created = page.getByRole('row', { name: /saudacao/ }).locator('time');
    const iso = (await created.getAttribute('datetime')) as string;
    const inManaus = await page.evaluate(
      (at) =>
        new Intl.DateTimeFormat('pt-BR', {
          timeZone: 'America/Manaus',
          dateStyle: 'short',
          timeStyle: 'short',
        }).format(new Date(at)),
      iso,
    );
    expect(await created.textContent()).toBe(inManaus);

    // The channels: the website widget and the demo WhatsApp numbers (the first one checked here; a second,
    // "… 2", makes the pool: names are matched whole).
    await openScreen(page, 'Canais', 'Canais');
    const number = page.getByRole('row', { name: new RegExp(`${DEMO_NUMBER.name}(?! 2)`) });
    await number.getByRole('cell', { name: DEMO_NUMBER.displayPhoneNumber }).waitFor();
    await number.getByRole('cell', { name: 'WhatsApp Cloud API' }).waitFor();
    await number.getByRole('button', { name: `Remover ${DEMO_NUMBER.name}` }).waitFor();
    await page.getByRole('row', { name: /Widget do site/ }).waitFor();
    await number.getByRole('button', { name: `Testar ${DEMO_NUMBER.name}` }).click();
    await page.getByRole('status').getByText(`${DEMO_NUMBER.name}: conexão OK.`, { exact: false }).waitFor();

    // A Cloud number whose token WhatsApp does not confirm: refused at the token field, then connected with it.
    const cloud = {
      phoneNumberId: '500000000000001',
      wabaId: '600000000000001',
      token: 'token-do-numero-123',
    };
    stack.whatsapp.registerNumber({
      ...cloud,
      accessToken: cloud.token,
      displayPhoneNumber: '5511900000099',
    });
    await page.getByRole('button', { name: 'Conectar número de WhatsApp' }).click();
    await page.getByLabel('Nome', { exact: true }).fill('Loja Sul');
    await page.getByLabel('ID do número').fill(cloud.phoneNumberId);
    await page.getByLabel('ID da conta do WhatsApp Business').fill(cloud.wabaId);
    await page.getByLabel('Token de acesso').fill('token-de-outra-pessoa');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByText('O WhatsApp não confirmou este token para este número.', { exact: false }).waitFor();
    expect(await page.getByRole('row', { name: /Loja Sul/ }).count()).toBe(0);
    await page.getByLabel('Token de acesso').fill(cloud.token);
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByRole('status').getByText('Canal Loja Sul conectado.').waitFor();

    // An Evolution instance connected (its webhook address shown), then removed after confirming.
    await page.getByRole('button', { name: 'Conectar número de WhatsApp' }).click();
    await page.getByLabel('Tipo').selectOption({ label: 'Evolution API' });
    await page.getByLabel('Nome', { exact: true }).fill('Loja Centro');
    // An address on our own network (here Postgres' port) is refused on the field, nothing stored.
    await page.getByLabel('URL da API').fill('http://127.0.0.1:5432');
    await page.getByLabel('Instância').fill('loja-centro');
    await page.getByLabel('Chave da API').fill('chave-evolution-123');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByText('endereços internos não são aceitos', { exact: false }).waitFor();
    expect(await page.getByRole('row', { name: /Loja Centro/ }).count()).toBe(0);
    await page.getByLabel('URL da API').fill('https://evolution.loja-centro.example');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByRole('status').getByText('Canal Loja Centro conectado.').waitFor();
    const evolution = page.getByRole('row', { name: /Loja Centro/ });
    await evolution.getByRole('cell', { name: 'loja-centro' }).waitFor();
    expect(await page.getByText(/\/webhooks\/evolution\/[0-9a-f-]{36}$/).count()).toBe(1);
    await evolution.getByRole('button', { name: 'Remover Loja Centro' }).click();
    const dialog2 = page.getByRole('dialog', { name: 'Confirmar' });
    await dialog2.getByText('Remover o canal “Loja Centro”?', { exact: false }).waitFor();
    await dialog2.getByRole('button', { name: 'Remover' }).click();
    await page.getByRole('status').getByText('Canal Loja Centro removido.').waitFor();
    await evolution.waitFor({ state: 'detached' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows a supervisor teams, canned responses, channel health and settings, but no users or channel changes', async () => {
    const token = await agentToken(stack, admin.email, admin.password);
    const sara = { email: 'sara@demo.fio.local', password: 'senha-da-sara-123' };
    const created = await api(stack, '/api/admin/users', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...sara, name: 'Sara Supervisora', role: 'supervisor' }),
    });
    expect(created.status).toBe(201);
    const page = await browser.newPage();
    await signIn(page, sara);
    await page.getByRole('heading', { name: 'Equipes', level: 3 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Seções da administração' });
    expect(await nav.getByRole('link', { name: 'Usuários' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Nova equipe' }).waitFor();

    await openScreen(page, 'Canais', 'Canais');
    await page.getByRole('button', { name: `Ver saúde: ${DEMO_NUMBER.name}`, exact: true }).click();
    const health = page.getByRole('region', { name: `Saúde de ${DEMO_NUMBER.name}` });
    await health.getByText('Token válido').waitFor();
    expect(await page.getByRole('button', { name: 'Conectar número de WhatsApp' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remover/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Testar/ }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await openScreen(page, 'Configurações', 'Configurações do provedor');
    await page.getByText('Só administradores podem mudar estas configurações.').waitFor();
    expect(await page.getByRole('button', { name: 'Salvar' }).count()).toBe(0);
    await page.close();
  });

  it('tells an agent there is no access and shows no admin actions', async () => {
    const page = await browser.newPage();
    await signIn(page, agent, '/admin/users');
    await page.getByText('Você não tem acesso à administração.', { exact: false }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Seções da administração' }).count()).toBe(0);
    for (const action of ['Novo usuário', 'Nova equipe', 'Nova resposta pronta', 'Salvar']) {
      expect(await page.getByRole('button', { name: action }).count()).toBe(0);
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows a reloaded admin screen before /api/me answers, follows the answer, and forgets it on sign-out', async () => {
    const page = await browser.newPage();
    await signIn(page, admin, '/admin/settings');
    const tenantName = page.getByLabel('Nome do provedor');
    const stored = await tenantName.inputValue();
    expect(stored).not.toBe('');
    // /api/me held from here: the reloaded screen must not wait for it.
    const held: Route[] = [];
    let holding = true;
    await page.route('**/api/me', (route) => (holding ? void held.push(route) : route.continue()));
    await page.reload();
    await page.getByRole('heading', { name: 'Configurações do provedor', level: 3 }).waitFor();
    expect(await tenantName.inputValue()).toBe(stored);
    await expect.poll(() => held.length).toBeGreaterThan(0);
    // The answer differs (someone renamed the provider meanwhile): the screen follows it.
    holding = false;
    for (const route of held.splice(0)) {
      const res = await route.fetch();
      const me = (await res.json()) as { tenant: TenantSettings };
      await route.fulfill({
        response: res,
        json: { ...me, tenant: { ...me.tenant, name: 'Provedor Renomeado' } },
      });
    }
    await expect.poll(() => tenantName.inputValue()).toBe('Provedor Renomeado');
    // Signed out, nothing of this user stays in the tab.
    await openAccountMenu(page);
    await page.getByRole('button', { name: 'Sair' }).click();
    await page.getByLabel('E-mail').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('fio.me'))).toBeNull();
    await page.close();
  });
});

describe('audit log screen', () => {
  it('lists entries with readable actions, filters them, and saves the retention period', async () => {
    const token = await agentToken(stack, admin.email, admin.password);
    const changed = await api(stack, '/api/tenant/settings', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ messageRetentionDays: 365 }),
    });
    expect(changed.status).toBe(200);

    mkdirSync(SHOTS, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, admin);
    await page
      .getByRole('navigation', { name: 'Seções da administração' })
      .getByRole('link', { name: 'Auditoria' })
      .click();
    await page.getByRole('heading', { name: 'Auditoria', level: 3 }).waitFor();
    await page
      .getByRole('row', { name: /Configurações alteradas/ })
      .first()
      .waitFor();
    expect(
      await page
        .getByRole('row', { name: /Configurações alteradas/ })
        .first()
        .textContent(),
    ).toContain('365');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/audit-pt.png`, fullPage: true });

    // A filter nothing matches says so; clearing brings the entries back.
    await page
      .getByRole('combobox', { name: 'Ação' })
      .selectOption({ label: 'Dados do contato apagados (LGPD)' });
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await page.getByText('Nenhum registro com estes filtros.').waitFor();
    await page.screenshot({ path: `${SHOTS}/audit-empty-pt.png` });
    await page.getByRole('button', { name: 'Limpar filtros' }).click();
    await page
      .getByRole('row', { name: /Configurações alteradas/ })
      .first()
      .waitFor();

    // The retention period in the settings: refused inline when not a whole number, then saved.
    await page
      .getByRole('navigation', { name: 'Seções da administração' })
      .getByRole('link', { name: 'Configurações' })
      .click();
    const field = page.getByLabel('Guardar o conteúdo das mensagens por (dias)');
    expect(await field.inputValue()).toBe('365');
    await field.fill('dez');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByText('Informe um número inteiro de dias entre 1 e 3650').waitFor();
    await field.fill('90');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByRole('status').getByText('Configurações salvas.').waitFor();
    await page.screenshot({ path: `${SHOTS}/settings-retention-pt.png`, fullPage: true });
    const settings = await api<{ messageRetentionDays: number | null }>(stack, '/api/tenant/settings', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(settings.body.messageRetentionDays).toBe(90);

    // In English, the same entries read in English.
    await page.evaluate(() => localStorage.setItem('fio.locale', 'en'));
    await page.goto(`${stack.workerUrl}/admin/audit`);
    await page.getByRole('heading', { name: 'Audit log', level: 3 }).waitFor();
    await page
      .getByRole('row', { name: /Settings changed/ })
      .first()
      .waitFor();
    await page.screenshot({ path: `${SHOTS}/audit-en.png`, fullPage: true });
  });
});
