// Two-step verification in a real browser, in Portuguese: the admin requires it of everyone in the settings
// screen; an agent signing in is led through enrolment (QR, key, first code, recovery codes that must be
// acknowledged) and lands in the inbox; the next sign-in asks for the app's code (a wrong one is refused on
// screen) and the account's security dialog shows it on and required. Codes come from otpauth, as an
// authenticator app's would. Screenshots of each screen go to .fio/screenshots/two-factor-*.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { chooseLanguage, openAccountMenu } from './agent-pages';
import { agentToken, startE2eStack } from './stack';

let stack: Stack;
let browser: Browser;
const [admin, agent] = DEMO_TENANT.users as [
  (typeof DEMO_TENANT.users)[number],
  (typeof DEMO_TENANT.users)[number],
];
const SHOTS = join(ROOT, '.fio', 'screenshots');

beforeAll(async () => {
  stack = await startE2eStack('two-factor');
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `two-factor-${name}.png`) });

function code(secret: string, offsetSeconds = 0): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    timestamp: Date.now() + offsetSeconds * 1000,
  });
}

async function passwordStep(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto(stack.workerUrl);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Senha').fill(who.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

describe('two-step verification', () => {
  it('is required by the admin, enrolled by the agent at sign-in, then asked for at every sign-in', async () => {
    // 1. The admin requires it of everyone.
    const adminPage = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await passwordStep(adminPage, admin);
    await adminPage.getByRole('link', { name: 'Administração' }).click();
    await adminPage.getByRole('link', { name: 'Configurações' }).click();
    await adminPage.getByRole('heading', { name: 'Configurações do provedor' }).waitFor();
    await adminPage
      .getByLabel('Verificação em duas etapas obrigatória')
      .selectOption({ label: 'Obrigatória para todos' });
    await shot(adminPage, 'policy');
    await adminPage.getByRole('button', { name: 'Salvar' }).click();
    await adminPage.getByRole('status').getByText('Configurações salvas.').waitFor();
    const adminToken = await agentToken(stack, admin.email, admin.password).catch(() => null);
    // The admin is now required too, so a fresh password-only token is refused with an enrolment step.
    expect(adminToken).toBeNull();
    await adminPage.close();

    // 2. The agent signs in and is led through enrolment.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await passwordStep(page, agent);
    await page.getByRole('heading', { name: 'Ative a verificação em duas etapas' }).waitFor();
    await page.getByText('Seu provedor exige a verificação em duas etapas.', { exact: false }).waitFor();
    await page.getByRole('img', { name: 'QR code para o aplicativo autenticador' }).waitFor();
    const secret = (await page.locator('code.secret').getAttribute('data-secret')) as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'enrolment');

    await page.getByLabel('Código do aplicativo').fill('12345');
    await page.getByRole('button', { name: 'Ativar' }).click();
    await page.getByRole('alert').getByText('O código tem 6 dígitos.').waitFor();
    const enrolStep = TOTP.counter({ period: 30 });
    await page.getByLabel('Código do aplicativo').fill(code(secret));
    await page.getByRole('button', { name: 'Ativar' }).click();

    // 3. Recovery codes: shown once, "continue" only after saying they are saved.
    await page.getByRole('heading', { name: 'Guarde seus códigos de recuperação agora' }).waitFor();
    const codes = await page.locator('ol.codes code').allTextContents();
    expect(codes).toHaveLength(10);
    const download = page.getByRole('link', { name: 'Baixar (.txt)' });
    expect(decodeURIComponent((await download.getAttribute('href')) ?? '')).toContain(codes[0]);
    const cont = page.getByRole('button', { name: 'Continuar' });
    expect(await cont.isDisabled()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'recovery-codes');
    // Keyboard only from here: tick the box with Space, continue with Enter.
    await page.getByLabel('Guardei meus códigos').focus();
    await page.keyboard.press('Space');
    await cont.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Caixa de entrada: Conectado').waitFor();

    // 4. Signing in again asks for the code; a wrong one is refused on screen, the right one signs in.
    await openAccountMenu(page);
    await page.getByRole('button', { name: 'Sair' }).click();
    await passwordStep(page, agent);
    await page.getByRole('heading', { name: 'Verificação em duas etapas' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Código do aplicativo').fill(code(secret, -90));
    await page.getByRole('button', { name: 'Verificar' }).click();
    await page.getByRole('alert').getByText('Código incorreto ou já usado.', { exact: false }).waitFor();
    await shot(page, 'code-step');
    await page.getByRole('button', { name: 'Usar um código de recuperação' }).click();
    await page.getByLabel('Código de recuperação').waitFor();
    await page.getByRole('button', { name: 'Usar o código do aplicativo' }).click();
    // The enrolment's step is spent: the next step's code if the clock is still in it.
    const fresh = TOTP.counter({ period: 30 }) > enrolStep ? code(secret) : code(secret, 30);
    await page.getByLabel('Código do aplicativo').fill(fresh);
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Caixa de entrada: Conectado').waitFor();

    // 5. The account's security dialog: on, required by the provider, 10 recovery codes, no "turn off".
    await openAccountMenu(page);
    await page.getByRole('button', { name: 'Segurança' }).click();
    const dialog = page.getByRole('dialog', { name: 'Segurança da conta' });
    await dialog.getByText('Verificação em duas etapas ativa desde', { exact: false }).waitFor();
    await dialog.getByText('Seu provedor exige a verificação em duas etapas para você.').waitFor();
    await dialog.getByText('10 códigos de recuperação restantes.').waitFor();
    expect(await dialog.getByRole('button', { name: 'Desativar verificação em duas etapas' }).count()).toBe(
      0,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'security');

    // The same in English.
    await dialog.getByRole('button', { name: 'Fechar' }).click();
    await chooseLanguage(page, 'en');
    await openAccountMenu(page);
    await page.getByRole('button', { name: 'Security' }).click();
    const english = page.getByRole('dialog', { name: 'Account security' });
    await english.getByText('Your provider requires two-step verification of you.').waitFor();
    await english.getByText('10 recovery codes left.').waitFor();
    await shot(page, 'security-en');
  });
});
