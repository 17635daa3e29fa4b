// The composer in the browser (issue 12): when a customer's 24 h window has closed, free text is not offered
// (typing and Enter send nothing) and the template picker sends an approved template with its parameters,
// which the simulator receives rendered; a missing or refused parameter is said in the form and nothing is
// sent; the server refuses wrong templates before storing anything. Files: a PDF dropped on the composer
// and an image pasted into it reach the simulator as document and image; a refused type or an over-size
// file is said at once and nothing is uploaded; an upload in progress can be cancelled. The admin syncs a number's templates and sees them.
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { DEFAULT_TEMPLATES } from '../../scripts/whatsapp-simulator/templates';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { PDF, PNG } from '../support/file-samples';
import { ACME } from '../support/fixtures';
import { agentPage } from './agent-pages';
import { agentToken, api, startE2eStack } from './stack';
import { connectCloudNumber, conversationOf, events, messages, type TestNumber } from './whatsapp-helpers';

const SHOTS = process.env.FIO_SHOTS_DIR ?? '.fio/screenshots';
const [adminUser, agentUser] = ACME.users as [(typeof ACME.users)[0], (typeof ACME.users)[0]];

let stack: Stack;
let browser: Browser;
let page: Page;
let agent: string;
let admin: string;
let number: TestNumber;
/** Every upload the agent's page made (POST …/attachments). */
const uploads: string[] = [];

beforeAll(async () => {
  stack = await startE2eStack('agent-composer');
  admin = await agentToken(stack, adminUser.email, adminUser.password);
  agent = await agentToken(stack, agentUser.email, agentUser.password);
  number = await connectCloudNumber(stack, admin);
  stack.whatsapp.setTemplates(number.wabaId, [
    ...DEFAULT_TEMPLATES,
    {
      name: 'promocao_natal',
      language: 'pt_BR',
      status: 'PENDING',
      category: 'MARKETING',
      body: 'Oferta de Natal: {{1}}',
    },
  ]);
  await mkdir(SHOTS, { recursive: true });
  browser = await launchBrowser();
  page = await agentPage(browser, stack, agentUser);
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/attachments')) uploads.push(r.url());
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A customer writes (`secondsAgo` in the past: over 24 h closes the window); returns their conversation. */
async function customer(phone: string, name: string, secondsAgo = 0): Promise<string> {
  const res = await stack.whatsapp.inbound({
    phoneNumberId: number.phoneNumberId,
    from: phone,
    name,
    text: 'Olá, preciso de ajuda',
    timestamp: Math.floor(Date.now() / 1000) - secondsAgo,
  });
  expect(res.status).toBe(200);
  return conversationOf(stack, number.channelId, phone);
}

async function openConversation(id: string, name: string) {
  await page.goto(`${stack.workerUrl}/conversations/${id}`);
  await page.getByRole('heading', { name, level: 2 }).waitFor();
}

const post = (conversationId: string, body: Record<string, unknown>) =>
  api<{ error?: { code: string; message: string } }>(stack, `/api/conversations/${conversationId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${agent}` },
    body: JSON.stringify({ clientId: crypto.randomUUID(), ...body }),
  });

describe('admin: a number’s templates', () => {
  it('syncs the templates from WhatsApp and lists them with their status', async () => {
    const adminPage = await agentPage(browser, stack, adminUser);
    const listed = await api<{ channels: { id: string; name: string }[] }>(stack, '/api/channels', {
      headers: { authorization: `Bearer ${admin}` },
    });
    const name = listed.body.channels.find((c) => c.id === number.channelId)?.name ?? '';
    await adminPage.goto(`${stack.workerUrl}/admin`);
    await adminPage
      .getByRole('navigation', { name: 'Seções da administração' })
      .getByRole('link', { name: 'Canais' })
      .click();
    await adminPage.getByRole('button', { name: `Sincronizar modelos: ${name}` }).click();
    await adminPage.getByText(`${name}: 4 modelos sincronizados do WhatsApp.`).waitFor();
    const table = adminPage.getByRole('table', { name: `Modelos de ${name}` });
    await table.getByRole('cell', { name: 'promocao_natal' }).waitFor();
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toEqual([
      expect.stringMatching(/^avaliacao_atendimentopt_BRUTILITYAPPROVED$/),
      expect.stringMatching(/^boas_vindaspt_BRUTILITYAPPROVED$/),
      expect.stringMatching(/^fatura_disponivelpt_BRUTILITYAPPROVED$/),
      expect.stringMatching(/^promocao_natalpt_BRMARKETINGPENDING$/),
    ]);
    await adminPage.screenshot({ path: `${SHOTS}/p2-admin-templates.png`, fullPage: true });
    await adminPage.context().close();
  });
});

describe('closed 24 h window and the template picker', () => {
  it('offers no free text, and sends an approved template with its parameters (a missing one is refused)', async () => {
    const phone = '5531993330001';
    const id = await customer(phone, 'Marta Janela', 25 * 60 * 60);
    await openConversation(id, 'Marta Janela');
    const composer = page.locator('.composer');
    await composer.getByText('A janela de 24 h fechou').waitFor();

    // No free text: no reply box and no Send; typing and Enter reach nobody.
    expect(await page.locator('#composer').count()).toBe(0);
    expect(await composer.getByRole('button', { name: 'Enviar', exact: true }).count()).toBe(0);
    expect(await composer.getByRole('button', { name: 'Anexar arquivo' }).count()).toBe(0);
    await page.keyboard.type('oi, tudo bem?');
    await page.keyboard.press('Enter');
    const templateButton = composer.getByRole('button', { name: 'Enviar modelo' });
    expect(await templateButton.getAttribute('class')).toContain('primary');
    await page.screenshot({ path: `${SHOTS}/p2-window-closed-desktop.png` });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Alt+T opens the picker with the search focused; only approved templates can be chosen; Esc closes.
    await page.keyboard.press('Alt+t');
    const dialog = page.getByRole('dialog', { name: 'Modelos do WhatsApp' });
    await dialog.getByRole('button', { name: /fatura_disponivel/ }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.keyboard.type('natal');
    const pending = dialog.getByRole('button', { name: /promocao_natal/ });
    expect(await pending.textContent()).toContain('Não aprovado (PENDING)');
    expect(await pending.getAttribute('aria-disabled')).toBe('true');
    await pending.click({ force: true }); // aria-disabled: chosen, it does nothing
    expect(await dialog.locator('form').count()).toBe(0);
    await dialog.getByRole('searchbox').fill('zzz');
    await dialog.getByText('Nenhum modelo encontrado.').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('composer-templates');

    // The form: one field per {{n}}, a live preview, and the server's rule before anything is sent.
    await templateButton.click();
    await dialog.getByRole('searchbox').fill('fatura pt_BR');
    await dialog.getByRole('button', { name: /fatura_disponivel/ }).click();
    await dialog.getByLabel('Parâmetro {{1}}').fill('Maria');
    const preview = dialog.locator('.template-preview');
    expect(await preview.textContent()).toBe('Olá Maria, sua fatura de {{2}} está disponível.');
    const send = dialog.getByRole('button', { name: 'Enviar modelo' });
    await send.click();
    await dialog.getByText('Preencha o parâmetro 2.').waitFor();
    await dialog.getByText('Corrija os parâmetros destacados; nada foi enviado.').waitFor();
    expect(await dialog.getByLabel('Parâmetro {{2}}').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('Parâmetro {{2}}').fill('cinco     espaços');
    await send.click();
    await dialog.getByText(/O parâmetro 2 tem quebra de linha, tabulação ou mais de 4 espaços/).waitFor();
    await dialog.getByLabel('Parâmetro {{2}}').fill('novembro');
    expect(await preview.textContent()).toBe('Olá Maria, sua fatura de novembro está disponível.');
    await page.screenshot({ path: `${SHOTS}/p2-template-picker-desktop.png` });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await send.click();
    await dialog.waitFor({ state: 'detached' });

    const [sent] = await stack.whatsapp.whenSent(1, { to: phone }, 15_000);
    expect(sent?.template).toEqual({
      name: 'fatura_disponivel',
      language: 'pt_BR',
      parameters: ['Maria', 'novembro'],
    });
    expect(sent?.text).toBe('Olá Maria, sua fatura de novembro está disponível.');
    await page
      .locator('.bubble')
      .filter({ hasText: 'Olá Maria, sua fatura de novembro está disponível.' })
      .waitFor();
    await composer.getByText('Modelo fatura_disponivel enviado.').waitFor();

    // Notes are still written while the window is closed; they never reach the customer.
    await composer.getByLabel('Nota interna').check();
    await page.locator('#composer').fill('Cliente avisado por modelo');
    await page.locator('#composer').press('Enter');
    await page.locator('.bubble').filter({ hasText: 'Cliente avisado por modelo' }).waitFor();

    // Exactly one send reached WhatsApp: the typed text, the incomplete form and the note did not.
    expect(stack.whatsapp.sent({ to: phone })).toHaveLength(1);
    const texts = messages(await events(stack, agent, id)).map((m) => m.text);
    expect(texts).not.toContain('oi, tudo bem?');

    await composer.getByLabel('Mensagem ao cliente').check();
    await page.setViewportSize({ width: 390, height: 844 });
    await composer.screenshot({ path: `${SHOTS}/p2-window-closed-390.png` });
    await templateButton.click();
    await dialog.getByRole('button', { name: /boas_vindas/ }).click();
    await dialog.getByLabel('Parâmetro {{1}}').fill('Marta');
    await page.screenshot({ path: `${SHOTS}/p2-template-picker-390.png` });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('refuses a template with missing or extra parameters, not approved or unknown, storing and sending nothing', async () => {
    const phone = '5531993330002';
    const id = await customer(phone, 'Rui Modelos', 25 * 60 * 60);
    const before = (await events(stack, agent, id)).length;
    const cases = [
      [{ name: 'fatura_disponivel', language: 'pt_BR', parameters: ['Maria'] }, /takes 2 parameters, got 1/],
      [
        { name: 'fatura_disponivel', language: 'pt_BR', parameters: ['Maria', 'novembro', 'extra'] },
        /takes 2 parameters, got 3/,
      ],
      [{ name: 'fatura_disponivel', language: 'pt_BR', parameters: ['Maria', ' '] }, /Invalid body/],
      [
        { name: 'promocao_natal', language: 'pt_BR', parameters: ['x'] },
        /No approved template promocao_natal/,
      ],
      [{ name: 'nao_existe', language: 'pt_BR', parameters: [] }, /No approved template nao_existe/],
    ] as const;
    for (const [template, reason] of cases) {
      const res = await post(id, { template });
      expect(res.status, template.name).toBe(400);
      expect(res.body.error?.code).toBe('validation_failed');
      expect(res.body.error?.message).toMatch(reason);
    }
    expect((await events(stack, agent, id)).length).toBe(before);
    expect(stack.whatsapp.sent({ to: phone })).toHaveLength(0);
  });
});

/** Builds a DataTransfer in the page holding one file. */
function dataTransfer(bytes: Uint8Array | number, name: string, type: string) {
  return page.evaluateHandle(
    ({ data, size, name, type }) => {
      const dt = new DataTransfer();
      const content = data ? new Uint8Array(data) : new Uint8Array(size);
      dt.items.add(new File([content], name, { type }));
      return dt;
    },
    {
      data: typeof bytes === 'number' ? null : [...bytes],
      size: typeof bytes === 'number' ? bytes : 0,
      name,
      type,
    },
  );
}

describe('attachments', () => {
  it('sends a dropped PDF and a pasted image; a refused type or size is said and nothing is uploaded', async () => {
    const phone = '5531993330003';
    const id = await customer(phone, 'Lia Anexos');
    await openConversation(id, 'Lia Anexos');
    const composer = page.locator('.composer');
    await page.locator('#composer').waitFor();

    // A PDF dragged over the composer shows the drop zone, and dropped becomes a chip with a caption.
    const pdf = await dataTransfer(PDF, 'fatura.pdf', 'application/pdf');
    await composer.dispatchEvent('dragenter', { dataTransfer: pdf });
    await composer.locator('.drop-zone').waitFor();
    await page.screenshot({ path: `${SHOTS}/p2-drop-zone-desktop.png` });
    await composer.dispatchEvent('drop', { dataTransfer: pdf });
    expect(await composer.locator('.drop-zone').count()).toBe(0);
    await composer.locator('.attachment-chip[data-state="ready"]', { hasText: 'fatura.pdf' }).waitFor();
    await page.locator('#composer').fill('Segue a sua fatura');
    await page.screenshot({ path: `${SHOTS}/p2-attachment-chip-desktop.png` });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator('#composer').press('Enter');
    const [doc] = await stack.whatsapp.whenSent(1, { to: phone }, 15_000);
    expect(doc?.type).toBe('document');
    expect(doc?.text).toBe('Segue a sua fatura');
    expect(doc?.media).toMatchObject({
      mimeType: 'application/pdf',
      filename: 'fatura.pdf',
      size: PDF.length,
    });
    await composer.locator('.attachment-chip').waitFor({ state: 'detached' });
    expect(await page.locator('#composer').inputValue()).toBe('');

    // An image pasted from the clipboard: a thumbnail chip, sent with the button.
    const image = await dataTransfer(PNG, 'image.png', 'image/png');
    await page.locator('#composer').evaluate((el, dt) => {
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, image);
    const chip = composer.locator('.attachment-chip[data-state="ready"]', { hasText: 'image.png' });
    await chip.waitFor();
    expect(await chip.locator('img.attachment-thumb').count()).toBe(1);
    await composer.getByRole('button', { name: 'Enviar anexo' }).click();
    const sends = await stack.whatsapp.whenSent(2, { to: phone }, 15_000);
    expect(sends[1]?.type).toBe('image');
    expect(sends[1]?.media).toMatchObject({ mimeType: 'image/png', size: PNG.length });
    expect(uploads).toHaveLength(2);
    // The sent image's chip leaves first (as the PDF's did above), so the next drop meets an empty composer.
    await composer.locator('.attachment-chip').waitFor({ state: 'detached' });

    // A program dropped, and a 6 MB picture chosen with the button: said at once, nothing uploaded.
    const exe = await dataTransfer(
      new TextEncoder().encode('MZ\u0090\u0000'),
      'setup.exe',
      'application/x-msdownload',
    );
    await composer.dispatchEvent('dragenter', { dataTransfer: exe });
    await composer.dispatchEvent('drop', { dataTransfer: exe });
    await composer
      .getByRole('alert')
      .getByText(/“setup\.exe” não pode ser enviado: aceitamos imagens JPEG\/PNG, PDF/)
      .waitFor();
    await page.screenshot({ path: `${SHOTS}/p2-refused-type-desktop.png` });
    await composer.locator('input[type="file"]').setInputFiles({
      name: 'foto-grande.png',
      mimeType: 'image/png',
      buffer: Buffer.alloc(6 * 1024 * 1024, 1),
    });
    await composer
      .getByRole('alert')
      .getByText('“foto-grande.png” tem 6 MB; o limite para este tipo é 5 MB.')
      .waitFor();
    expect(await composer.locator('.attachment-chip').count()).toBe(0);
    expect(uploads).toHaveLength(2);
    expect(stack.whatsapp.sent({ to: phone })).toHaveLength(2);
    await page.setViewportSize({ width: 390, height: 844 });
    await composer.screenshot({ path: `${SHOTS}/p2-refused-size-390.png` });
    await page.setViewportSize({ width: 1400, height: 900 });

    // An upload in progress shows its bar and can be cancelled: held here, it never reaches the server.
    let held = false;
    await page.route('**/attachments?*', () => {
      held = true; // neither answered nor passed on: the browser's request waits until it is cancelled
    });
    await composer.locator('input[type="file"]').setInputFiles({
      name: 'contrato.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(PDF),
    });
    const uploading = composer.locator('.attachment-chip[data-state="uploading"]', {
      hasText: 'contrato.pdf',
    });
    await uploading.locator('progress').waitFor();
    await expect.poll(() => held).toBe(true);
    await composer.screenshot({ path: `${SHOTS}/p2-upload-progress-desktop.png` });
    await composer.getByRole('button', { name: 'Cancelar envio: contrato.pdf' }).click();
    await uploading.waitFor({ state: 'detached' });
    expect(await composer.getByRole('alert').count()).toBe(0);
    await page.unroute('**/attachments?*');
    expect(stack.whatsapp.sent({ to: phone })).toHaveLength(2);
  });
});
