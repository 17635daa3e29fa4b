// Passwords in a real browser against the dev stack: "forgot my password" → the dev mailbox receives the
// e-mail → its link opens /reset → a common password is refused, a good one saved → sign in with it. And an
// invitation from the admin screen accepted through the mailbox, then "change my password" from the top bar.
// FIO_SCREENSHOTS=<dir> saves a screenshot of each screen on the way.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { openAccountMenu } from './agent-pages';
import { agentToken, startE2eStack } from './stack';

let stack: Stack;
let browser: Browser;
const [admin, agent] = DEMO_TENANT.users as [
  (typeof DEMO_TENANT.users)[number],
  (typeof DEMO_TENANT.users)[number],
];
const shots = process.env.FIO_SCREENSHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  stack = await startE2eStack('password-reset');
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Opens the dev mailbox, the newest e-mail to `to`, and follows its link. */
async function followMailLink(page: Page, to: string, subject: RegExp, name: string): Promise<void> {
  const until = Date.now() + 10_000;
  while (!stack.mail.store.to(to).some((m) => subject.test(m.subject))) {
    if (Date.now() > until) throw new Error(`no e-mail to ${to}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await page.goto(`${stack.mail.url}/`);
  await page.getByRole('heading', { name: /E-mails recebidos/ }).waitFor();
  await shot(page, `${name}-mailbox`);
  await page.getByRole('link', { name: subject }).first().click();
  await shot(page, `${name}-mail`);
  await page.locator('pre a').first().click();
}

async function signInAs(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Senha', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

describe('passwords in the browser', () => {
  it('resets a forgotten password through the dev mailbox and signs in with the new one', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(stack.workerUrl);
    await page.getByRole('link', { name: 'Esqueci minha senha' }).click();
    await page.getByRole('heading', { name: 'Redefinir senha' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('E-mail').fill(agent.email);
    await shot(page, 'reset-request');
    await page.getByRole('button', { name: 'Enviar link' }).click();
    await page
      .getByRole('status')
      .getByText(/Se este e-mail tiver uma conta/)
      .waitFor();
    await shot(page, 'reset-requested');

    await followMailLink(page, agent.email, /Redefinir sua senha/, 'reset');
    await page.getByRole('heading', { name: 'Escolha uma nova senha' }).waitFor();
    // The token is read, then taken out of the address bar.
    expect(new URL(page.url()).search).toBe('');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Nova senha', { exact: true }).fill('password123');
    await page.getByLabel('Repita a nova senha').fill('password123');
    await page.getByRole('button', { name: 'Salvar senha' }).click();
    await page
      .getByRole('alert')
      .getByText(/comum demais/)
      .waitFor();
    await shot(page, 'reset-refused');

    await page.getByLabel('Nova senha', { exact: true }).fill('uma-nova-senha-do-bruno');
    await page.getByLabel('Repita a nova senha').fill('uma-nova-senha-do-bruno');
    await page.getByRole('button', { name: 'Salvar senha' }).click();
    await page.getByRole('status').getByText(`Senha salva. Entre com ${agent.email}`).waitFor();
    await shot(page, 'reset-done');
    await page.getByRole('link', { name: 'Entrar agora' }).click();
    await signInAs(page, agent.email, 'uma-nova-senha-do-bruno');
    await page.getByRole('status').getByText('Caixa de entrada: Conectado').waitFor();
    await expect(agentToken(stack, agent.email, agent.password)).rejects.toThrow(/401/);
    await page.close();
  });

  it('accepts an invitation from the admin screen and changes the password from the top bar', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    await page.goto(`${stack.workerUrl}/admin`);
    await signInAs(page, admin.email, admin.password);
    await page.getByRole('heading', { name: 'Convites pendentes' }).waitFor();
    await page.getByRole('button', { name: 'Convidar por e-mail' }).click();
    const email = 'nova.atendente@demo.fio.local';
    await page.getByLabel('Nome').fill('Nova Atendente');
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByRole('status').getByText(`Convite enviado para ${email}.`).waitFor();
    await page
      .getByRole('row', { name: new RegExp(email) })
      .getByText('enviado')
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'invitations');

    const invited = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await followMailLink(invited, email, /Convite para o Fio/, 'invite');
    await invited.getByRole('heading', { name: 'Crie sua senha' }).waitFor();
    await invited.getByLabel('Nova senha', { exact: true }).fill('primeira-senha-da-nova');
    await invited.getByLabel('Repita a nova senha').fill('primeira-senha-da-nova');
    await shot(invited, 'invite-form');
    await invited.getByRole('button', { name: 'Salvar senha' }).click();
    await invited.getByRole('link', { name: 'Entrar agora' }).click();
    await signInAs(invited, email, 'primeira-senha-da-nova');
    await invited.getByRole('status').getByText('Caixa de entrada: Conectado').waitFor();

    await openAccountMenu(invited);
    await invited.getByRole('button', { name: 'Alterar senha' }).click();
    const dialog = invited.getByRole('dialog', { name: 'Alterar minha senha' });
    await dialog.getByLabel('Senha atual').fill('errada-de-proposito');
    await dialog.getByLabel('Nova senha', { exact: true }).fill('segunda-senha-da-nova');
    await dialog.getByLabel('Repita a nova senha').fill('segunda-senha-da-nova');
    await dialog.getByRole('button', { name: 'Salvar senha' }).click();
    await dialog.getByRole('alert').getByText('A senha atual não confere.').waitFor();
    await shot(invited, 'change-password-refused');
    await dialog.getByLabel('Senha atual').fill('primeira-senha-da-nova');
    await dialog.getByRole('button', { name: 'Salvar senha' }).click();
    await dialog.getByRole('status').getByText('Senha alterada.').waitFor();
    await shot(invited, 'change-password-done');
    expect(await agentToken(stack, email, 'segunda-senha-da-nova')).toBeTruthy();
    await page.reload();
    await page.getByRole('heading', { name: 'Convites pendentes' }).waitFor();
    await page.getByText('Nenhum convite pendente.').waitFor();
  });
});
