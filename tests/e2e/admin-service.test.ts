// The service admin screens in a real browser, in Portuguese, as an admin: opening hours Mon–Fri 08:00–12:00 +
// 13:00–18:00 with a holiday saved and read back after a reload; an overlapping interval refused on its row
// before anything is sent (nothing stored); an SLA policy created and listed; CSAT and auto-close settings
// changed and read back (a negative capacity refused at its field). No serious accessibility violations at
// 1280 and 390 px; screenshots in /work/wt/shots (d-*.png) for a person to look at. Also: the dev seed's
// service defaults on the demo provider, idempotent and never over an admin's choice.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { DEMO_SERVICE, seedService } from '../../scripts/seed-service';
import type { ServiceSettingsResponse, SlaPolicy } from '../../workers/contract';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { ACME } from '../support/fixtures';
import { chooseLanguage } from './agent-pages';
import { agentToken, api, startE2eStack } from './stack';

const SHOTS = process.env.FIO_SHOTS_DIR ?? '/work/wt/shots';
const admin = ACME.users[0] as (typeof ACME.users)[number];

let stack: Stack;
let browser: Browser;
let token: string;

beforeAll(async () => {
  stack = await startE2eStack('admin-service');
  browser = await launchBrowser();
  token = await agentToken(stack, admin.email, admin.password);
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function get<T>(path: string, as = token): Promise<T> {
  const res = await api<T>(stack, path, { headers: { authorization: `Bearer ${as}` } });
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

async function openScreen(page: Page, link: string, heading: string, nav = 'Seções da administração') {
  await page.getByRole('navigation', { name: nav }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { name: heading, level: 3 }).waitFor();
}

/** The PUTs the page sends to the service settings (an inline refusal must send none). */
function countPuts(page: Page): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (r.method() === 'PUT' && r.url().endsWith('/api/settings/service')) n++;
  });
  return () => n;
}

const field = (page: Page, day: string, n: number, end: 'início' | 'fim') =>
  page.getByLabel(`${day}, intervalo ${n}: ${end}`, { exact: true });

const WORKDAY = [
  { from: '08:00', to: '12:00' },
  { from: '13:00', to: '18:00' },
];

describe('opening hours', () => {
  it('saves Mon–Fri 08:00–12:00 + 13:00–18:00 and a holiday, and shows them after a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, '/admin/hours');
    await page.getByRole('heading', { name: 'Horário de atendimento', level: 3 }).waitFor();
    const always = page.getByLabel('Atendimento 24 horas (sem horário definido)');
    expect(await always.isChecked()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await always.uncheck();
    // The starting point: Mon–Fri 08:00–18:00, weekend closed.
    expect(await field(page, 'Segunda-feira', 1, 'fim').inputValue()).toBe('18:00');
    await page.getByText('Fuso horário: America/Sao_Paulo').waitFor();
    await field(page, 'Segunda-feira', 1, 'fim').fill('12:00');
    await page.getByRole('button', { name: 'Adicionar intervalo (Segunda-feira)' }).click();
    // The new interval has focus, keyboard users type straight into it.
    expect(
      await field(page, 'Segunda-feira', 2, 'início').evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await field(page, 'Segunda-feira', 2, 'início').fill('13:00');
    await field(page, 'Segunda-feira', 2, 'fim').fill('18:00');
    await page.getByRole('button', { name: 'Copiar para segunda a sexta (Segunda-feira)' }).click();
    await page.getByText('Horários de Segunda-feira copiados para segunda a sexta.').waitFor();
    expect(await field(page, 'Sexta-feira', 2, 'início').inputValue()).toBe('13:00');

    await page.getByRole('button', { name: 'Adicionar feriado' }).click();
    await page.getByLabel('Feriado 1: data').fill('2026-12-25');
    await page.getByLabel('Feriado 1: nome').fill('Natal');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByRole('status').getByText('Horário de atendimento salvo.').waitFor();
    await page.screenshot({ path: `${SHOTS}/d-hours-1280.png`, fullPage: true });

    const stored = await get<ServiceSettingsResponse>('/api/settings/service');
    expect(stored.businessHours).toEqual({
      timezone: null,
      week: { sun: [], mon: WORKDAY, tue: WORKDAY, wed: WORKDAY, thu: WORKDAY, fri: WORKDAY, sat: [] },
      holidays: [{ date: '2026-12-25', name: 'Natal' }],
    });

    await page.reload();
    await page.getByRole('heading', { name: 'Horário de atendimento', level: 3 }).waitFor();
    expect(await page.getByLabel('Atendimento 24 horas (sem horário definido)').isChecked()).toBe(false);
    expect(await field(page, 'Quarta-feira', 2, 'fim').inputValue()).toBe('18:00');
    expect(await field(page, 'Sexta-feira', 1, 'fim').inputValue()).toBe('12:00');
    expect(await page.getByLabel('Feriado 1: nome').inputValue()).toBe('Natal');
    expect(await page.getByLabel('Feriado 1: data').inputValue()).toBe('2026-12-25');
    await page.close();
  });

  it('refuses an overlapping interval on its row before sending, storing nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const puts = countPuts(page);
    await signIn(page, '/admin/hours');
    await field(page, 'Terça-feira', 2, 'início').waitFor();
    const before = await get<ServiceSettingsResponse>('/api/settings/service');
    await field(page, 'Terça-feira', 2, 'início').fill('11:00');
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByText('Este intervalo se sobrepõe a outro do mesmo dia.').waitFor();
    await page.getByRole('alert').getByText('Corrija os horários marcados antes de salvar.').waitFor();
    const bad = field(page, 'Terça-feira', 2, 'início');
    expect(await bad.getAttribute('aria-invalid')).toBe('true');
    // Its error is what a screen reader hears with the field, and focus went to it.
    const described = (await bad.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`#${described}`).textContent()).toBe(
      'Este intervalo se sobrepõe a outro do mesmo dia.',
    );
    expect(await bad.evaluate((el) => el === document.activeElement)).toBe(true);
    // An inverted one on another day and a holiday listed twice are caught the same way.
    await field(page, 'Quinta-feira', 1, 'fim').fill('07:00');
    await page.getByRole('button', { name: 'Adicionar feriado' }).click();
    await page.getByLabel('Feriado 2: data').fill('2026-12-25');
    await page.getByLabel('Feriado 2: nome').fill('Natal de novo');
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByText('O fim precisa ser depois do início.').waitFor();
    await page.getByText('Esta data já está na lista.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/d-hours-refused-1280.png`, fullPage: true });
    expect(puts()).toBe(0);
    expect(await get<ServiceSettingsResponse>('/api/settings/service')).toEqual(before);
    await page.close();
  });
});

describe('SLA policies', () => {
  it('creates a policy and lists it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, '/admin/sla');
    await page.getByRole('heading', { name: 'SLA', level: 3 }).waitFor();
    await page.getByText('Nenhuma política de SLA ainda.', { exact: false }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Nova política' }).click();
    // A policy with no target is refused at the form.
    await page.getByLabel('Nome', { exact: true }).fill('Urgente');
    await page.getByLabel('Primeira resposta', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByText('Defina pelo menos um prazo.').waitFor();
    expect((await get<{ policies: SlaPolicy[] }>('/api/sla-policies')).policies).toEqual([]);

    await page.getByLabel('Prioridade', { exact: true }).selectOption({ label: 'Urgente' });
    await page.getByLabel('Primeira resposta', { exact: true }).fill('15');
    await page.getByLabel('Resolução', { exact: true }).fill('4');
    await page.getByLabel('Resolução: unidade').selectOption('hours');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/d-sla-form-1280.png`, fullPage: true });
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByRole('status').getByText('Política Urgente criada.').waitFor();

    const row = page.getByRole('row', { name: /Urgente/ });
    await row.getByText('15 min').waitFor();
    await row.getByText('4 h').waitFor();
    expect((await get<{ policies: SlaPolicy[] }>('/api/sla-policies')).policies).toEqual([
      {
        id: expect.any(String),
        name: 'Urgente',
        priority: 5,
        teamId: null,
        channelId: null,
        firstResponseMinutes: 15,
        nextResponseMinutes: null,
        resolutionMinutes: 240,
      },
    ]);
    await page.screenshot({ path: `${SHOTS}/d-sla-1280.png`, fullPage: true });
    await page.close();
  });
});

describe('service settings', () => {
  it('changes CSAT and auto-close, reads them back, and refuses a negative capacity', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const puts = countPuts(page);
    await signIn(page, '/admin/service');
    await page.getByRole('heading', { name: 'Regras de atendimento', level: 3 }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Capacidade padrão por agente').fill('-1');
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByText('Use um número inteiro de 0 a 100.').waitFor();
    expect(puts()).toBe(0);
    await page.getByLabel('Capacidade padrão por agente').fill('4');

    await page.getByLabel('Perguntar a avaliação (1 a 5) ao encerrar o atendimento').check();
    await page.getByLabel('Esperar antes de perguntar (segundos)').fill('120');
    await page.getByLabel('Prazo para responder (horas)').fill('48');
    await page.getByLabel('Perguntar também quando o robô encerrou sem agente').check();
    await page.getByLabel('Encerrar atendimentos aguardando o cliente').check();
    await page.getByLabel('Encerrar depois de', { exact: true }).fill('12');
    await page.getByLabel('Encerrar depois de: unidade').selectOption('hours');
    await page
      .getByLabel('Mensagem ao encerrar')
      .fill('Encerramos por falta de resposta. Volte quando quiser!');
    await page.getByLabel('Mensagem fora do horário').fill('Estamos fora do horário. Voltamos {when}.');
    await page.getByLabel('Tolerância após o encerramento (minutos)').fill('5');
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByRole('status').getByText('Configurações de atendimento salvas.').waitFor();
    await page.screenshot({ path: `${SHOTS}/d-service-1280.png`, fullPage: true });

    const expected = {
      defaultCapacity: 4,
      csat: {
        enabled: true,
        delaySeconds: 120,
        expiryHours: 48,
        templateName: 'avaliacao_atendimento',
        templateLanguage: 'pt_BR',
        afterBot: true,
      },
      autoClose: {
        enabled: true,
        minutes: 720,
        message: 'Encerramos por falta de resposta. Volte quando quiser!',
      },
      afterHours: { enabled: true, message: 'Estamos fora do horário. Voltamos {when}.' },
      thanksGraceMinutes: 5,
    };
    expect((await get<ServiceSettingsResponse>('/api/settings/service')).settings).toEqual(expected);

    await page.reload();
    await page.getByRole('heading', { name: 'Regras de atendimento', level: 3 }).waitFor();
    expect(await page.getByLabel('Esperar antes de perguntar (segundos)').inputValue()).toBe('120');
    expect(await page.getByLabel('Encerrar atendimentos aguardando o cliente').isChecked()).toBe(true);
    expect(await page.getByLabel('Encerrar depois de', { exact: true }).inputValue()).toBe('12');
    expect(await page.getByLabel('Encerrar depois de: unidade').inputValue()).toBe('hours');
    expect(await page.getByLabel('Perguntar também quando o robô encerrou sem agente').isChecked()).toBe(
      true,
    );
    // The hours saved earlier are untouched by a settings save.
    expect((await get<ServiceSettingsResponse>('/api/settings/service')).businessHours?.week.mon).toEqual(
      WORKDAY,
    );
    await page.close();
  });
});

describe('on a phone (390 px)', () => {
  it('shows the three screens without serious accessibility findings', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, '/admin/hours');
    for (const [link, heading, shot] of [
      ['Horário de atendimento', 'Horário de atendimento', 'hours'],
      ['SLA', 'SLA', 'sla'],
      ['Regras de atendimento', 'Regras de atendimento', 'service'],
    ] as const) {
      await openScreen(page, link, heading);
      await page
        .getByRole('button', { name: 'Salvar', exact: true })
        .or(page.getByRole('table'))
        .first()
        .waitFor();
      expect(await seriousA11yViolations(page), shot).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${shot} scrolls sideways`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SHOTS}/d-${shot}-390.png`, fullPage: true });
    }
    await page.close();
  });
});

describe('in English', () => {
  it('shows the service screens in English when the agent chooses it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, '/admin/hours');
    await field(page, 'Segunda-feira', 1, 'início').waitFor();
    await chooseLanguage(page, 'en');
    await page.getByRole('heading', { name: 'Business hours', level: 3 }).waitFor();
    expect(await page.getByLabel('Monday, interval 2: end', { exact: true }).inputValue()).toBe('18:00');
    await page.getByRole('button', { name: 'Copy to Monday–Friday (Monday)' }).waitFor();
    await openScreen(page, 'Service rules', 'Service rules', 'Administration sections');
    await page.getByLabel('Wait before asking (seconds)').waitFor();
    await openScreen(page, 'SLA', 'SLA', 'Administration sections');
    await page.getByRole('columnheader', { name: 'First response' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await chooseLanguage(page, 'pt-BR');
    await page.close();
  });
});

describe('the dev seed', () => {
  it("gives the demo provider hours, CSAT, auto-close and SLA policies, and keeps an admin's choice", async () => {
    const demoAdmin = DEMO_TENANT.users[0] as (typeof DEMO_TENANT.users)[number];
    const demoToken = await agentToken(stack, demoAdmin.email, demoAdmin.password);
    await seedService(stack.ownerUrl, stack.demo.tenantId, DEMO_SERVICE);
    const seeded = await get<ServiceSettingsResponse>('/api/settings/service', demoToken);
    expect(seeded.businessHours?.week.mon).toEqual([{ from: '08:00', to: '18:00' }]);
    expect(seeded.businessHours?.week.sat).toEqual([{ from: '08:00', to: '12:00' }]);
    expect(seeded.businessHours?.week.sun).toEqual([]);
    expect(seeded.settings.csat.enabled).toBe(true);
    expect(seeded.settings.autoClose).toMatchObject({ enabled: true, minutes: 24 * 60 });
    const policies = (await get<{ policies: SlaPolicy[] }>('/api/sla-policies', demoToken)).policies;
    expect(policies.map((p) => [p.priority, p.firstResponseMinutes])).toEqual([
      [5, 15],
      [4, 30],
      [3, 60],
      [2, 240],
      [1, 480],
    ]);
    // An admin's change survives the next `npm run dev`.
    const changed = await api(stack, '/api/settings/service', {
      method: 'PUT',
      headers: { authorization: `Bearer ${demoToken}` },
      body: JSON.stringify({ businessHours: null }),
    });
    expect(changed.status).toBe(200);
    await seedService(stack.ownerUrl, stack.demo.tenantId, DEMO_SERVICE);
    const again = await get<ServiceSettingsResponse>('/api/settings/service', demoToken);
    expect(again.businessHours).toBeNull();
    expect(again.settings).toEqual(seeded.settings);
    expect((await get<{ policies: SlaPolicy[] }>('/api/sla-policies', demoToken)).policies).toHaveLength(5);
  });
});
