// The "Chaves de API" admin screen in a real browser, as the demo admin: a key created with a scope is shown
// once in a dialog (and works as a Bearer credential within its scope), is gone from the page once the dialog
// closes, is listed by its prefix, and stops working when revoked after a confirmation; no serious
// accessibility violations on the screen or the dialog; an agent does not see the screen.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { api, startE2eStack } from './stack';

let stack: Stack;
let browser: Browser;
const [admin, agent] = DEMO_TENANT.users as [
  (typeof DEMO_TENANT.users)[number],
  (typeof DEMO_TENANT.users)[number],
];

beforeAll(async () => {
  stack = await startE2eStack('agent-api-keys');
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${stack.workerUrl}/admin/api-keys`);
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Senha').fill(user.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('heading', { name: 'Administração' }).waitFor();
}

const withKey = (key: string, path: string) =>
  api(stack, path, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status);

describe('API keys screen', () => {
  it('creates a key shown once, lists it by prefix, and revokes it', async () => {
    const page = await browser.newPage();
    await signIn(page, admin);
    await page.getByRole('heading', { name: 'Chaves de API', level: 3 }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Nova chave' }).click();
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByText('Escolha pelo menos uma permissão.').waitFor();

    await page.getByLabel('Nome', { exact: true }).fill('Integração ERP');
    await page.getByLabel('Ler conversas e históricos').check();
    await page.getByRole('button', { name: 'Salvar' }).click();
    const dialog = page.getByRole('dialog', { name: 'Copie a chave agora' });
    await dialog.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const key = await dialog.getByLabel('Chave de API').inputValue();
    expect(key).toMatch(/^fio_[a-z2-7]{8}_[a-z2-7]{40}$/);
    expect(await withKey(key, '/api/conversations')).toBe(200);
    expect(await withKey(key, '/api/admin/users')).toBe(403);

    await dialog.getByRole('button', { name: 'Já guardei a chave' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.content()).not.toContain(key);
    const prefix = key.slice(0, 13);
    const row = page.getByRole('row', { name: /Integração ERP/ });
    await expect.poll(() => row.textContent()).toContain(prefix);
    await page.reload();
    await page.getByRole('heading', { name: 'Chaves de API', level: 3 }).waitFor();
    expect(await page.content()).not.toContain(key);

    await page.getByRole('button', { name: 'Revogar Integração ERP' }).click();
    await page.getByRole('dialog', { name: 'Confirmar' }).getByRole('button', { name: 'Revogar' }).click();
    await page.getByRole('status').getByText('Chave Integração ERP revogada.').waitFor();
    await expect
      .poll(() => page.getByRole('row', { name: /Integração ERP/ }).textContent())
      .toContain('Revogada');
    expect(await withKey(key, '/api/conversations')).toBe(401);
    await page.close();
  });

  it('is not offered to agents', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.workerUrl}/admin/api-keys`);
    await page.getByLabel('E-mail').fill(agent.email);
    await page.getByLabel('Senha').fill(agent.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { name: 'Administração' }).waitFor();
    expect(await page.getByRole('link', { name: 'Chaves de API' }).count()).toBe(0);
    await page.close();
  });
});
