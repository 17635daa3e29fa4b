// The audit log and the retention setting in a real browser, as the demo admin, in Portuguese then English:
// a settings change shows up as a readable entry, filters narrow the list (and say so when nothing matches),
// a bad retention value is refused inline and a good one saved; no serious accessibility violations.
// Screenshots go to .fio/screenshots/ for a person to look at.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { agentToken, api, startE2eStack } from './stack';

let stack: Stack;
let browser: Browser;
const [admin] = DEMO_TENANT.users as [(typeof DEMO_TENANT.users)[number]];
const SHOTS = '.fio/screenshots';

beforeAll(async () => {
  stack = await startE2eStack('admin-audit');
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${stack.workerUrl}/admin`);
  await page.getByLabel('E-mail').fill(admin.email);
  await page.getByLabel('Senha').fill(admin.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('heading', { name: 'Administração' }).waitFor();
}

describe('audit log screen', () => {
  it('lists entries with readable actions, filters them, and saves the retention period', async () => {
    const token = await agentToken(stack, admin.email, admin.password);
    const changed = await api(stack, '/api/tenant/settings', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ messageRetentionDays: 365 }),
    });
    expect(changed.status).toBe(200);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page);
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
