// Words and formats in a real browser: priorities by name with a colour chip (inbox row, ticket bar, timeline
// line), a WhatsApp customer's phone written for Brazil, an invalid CPF refused in the contact panel with
// the reason (nothing stored) and a valid one saved and shown masked, the time-zone picker finding Manaus by
// typing "manaus" and saving it, and a named website visitor shown by name. Screenshots (desktop and 390 px)
// go to FIO_SHOTS (default .fio/screenshots) as p8-*.png.
import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NUMBER, type Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import type { ContactPanelResponse, TenantSettings } from '../../workers/contract';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { agentPage, conversationRow, widgetCustomer } from './agent-pages';
import { agentToken, api, startE2eStack } from './stack';

const SHOTS = process.env.FIO_SHOTS_DIR ?? '.fio/screenshots';
const [ADMIN, BRUNO] = DEMO_TENANT.users as [
  (typeof DEMO_TENANT.users)[number],
  (typeof DEMO_TENANT.users)[number],
];

let stack: Stack;
let browser: Browser;
let bruno: Page;
let token: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startE2eStack('agent-words');
  browser = await launchBrowser();
  bruno = await agentPage(browser, stack, BRUNO);
  token = await agentToken(stack, BRUNO.email, BRUNO.password);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const showView = (page: Page, name: RegExp) =>
  page.getByRole('navigation').getByRole('button', { name }).click();

async function contact(contactId: string) {
  const res = await api<ContactPanelResponse>(stack, `/api/contacts/${contactId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return res.body.contact;
}

/** The same screen at 390 px wide (a phone), then back to the desktop size. */
async function shots(page: Page, name: string, focus?: Locator) {
  await page.screenshot({ path: `${SHOTS}/p8-${name}.png` });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    // On a phone one column shows at a time: the element may not be on this view (the contact panel).
    if (focus && (await focus.count()) > 0 && (await focus.isVisible())) {
      await focus.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    }
    await page.screenshot({ path: `${SHOTS}/p8-${name}-390.png` });
  } finally {
    if (size) await page.setViewportSize(size);
  }
}

describe('words and formats', () => {
  it('names priorities, formats phones, refuses an invalid CPF and masks a valid one', async () => {
    for (const [from, name, text] of [
      ['5531994440101', 'Paulo Formatado', 'Sem internet aqui'],
      ['551133334444', undefined, 'Ligação do escritório'],
    ] as const) {
      const res = await stack.whatsapp.inbound({
        phoneNumberId: DEMO_NUMBER.phoneNumberId,
        from,
        ...(name ? { name } : {}),
        text,
      });
      expect(res.status).toBe(200);
    }
    await showView(bruno, /^Na fila/);
    // A contact without a name is listed by their phone, written as people write it.
    const landline = conversationRow(bruno, '+55 (11) 3333-4444');
    await landline.getByText('Ligação do escritório').waitFor({ timeout: 15_000 });
    const row = conversationRow(bruno, 'Paulo Formatado');
    await row.getByText('Sem internet aqui').waitFor();
    // The default priority (3) by name, in a chip whose title says what it is.
    const chip = row.locator('.priority-chip');
    expect(await chip.textContent()).toBe('Normal');
    expect(await chip.getAttribute('title')).toBe('Prioridade: Normal');
    await row.click();
    await bruno.getByRole('heading', { name: 'Paulo Formatado', level: 2 }).waitFor();
    await bruno.locator('.conversation-head').getByText('+55 (31) 99444-0101').waitFor();
    const panel = bruno.getByRole('complementary', { name: 'Contato' });
    await panel.getByText('+55 (31) 99444-0101').waitFor();

    // The ticket bar's select names every level, most urgent first; a change says the name in the timeline.
    await bruno.getByRole('button', { name: 'Assumir' }).click();
    await bruno.locator('.ticket-bar').getByText('Responsável: Bruno Agente').waitFor();
    const select = bruno.getByLabel('Prioridade');
    expect(await select.locator('option').allTextContents()).toEqual([
      'Urgente',
      'Alta',
      'Normal',
      'Baixa',
      'Muito baixa',
    ]);
    await select.selectOption({ label: 'Urgente' });
    await bruno.locator('.system-line').getByText('Bruno Agente mudou a prioridade para Urgente').waitFor();
    await showView(bruno, /^Minhas \d/);
    await conversationRow(bruno, 'Paulo Formatado')
      .locator('.priority-chip', { hasText: 'Urgente' })
      .waitFor();
    const colours = await conversationRow(bruno, 'Paulo Formatado')
      .locator('.priority-chip')
      .evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]);
    expect(colours).toEqual(['rgb(164, 0, 15)', 'rgb(255, 255, 255)']);

    // An invalid CPF: masked while typed, refused with the reason, nothing stored.
    const summary = await api<{ contact: { id: string } }>(
      stack,
      `/api/conversations/${await bruno.evaluate(() => location.pathname.split('/').pop())}/summary`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const contactId = summary.body.contact.id;
    const cpf = panel.getByLabel('CPF/CNPJ');
    await cpf.pressSequentially('12345678900');
    expect(await cpf.inputValue()).toBe('123.456.789-00');
    await panel.getByLabel('Nome').fill('Paulo Formatado Silva');
    await panel.getByRole('button', { name: 'Salvar contato' }).click();
    await panel
      .getByRole('alert')
      .getByText('CPF inválido: os dígitos verificadores não conferem. Nada foi salvo.')
      .waitFor();
    expect(await cpf.getAttribute('aria-invalid')).toBe('true');
    expect(await contact(contactId)).toMatchObject({ name: 'Paulo Formatado', cpfCnpj: null });
    await shots(bruno, 'cpf-refused', panel);

    // The server refuses it too, whatever a client sends (the same validator, from the contract).
    const direct = await api<{ error: { code: string; details: { path: string; message: string }[] } }>(
      stack,
      `/api/contacts/${contactId}`,
      {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify({ cpfCnpj: '111.111.111-11' }),
      },
    );
    expect(direct.status).toBe(400);
    expect(direct.body.error.details).toEqual([
      { path: 'cpfCnpj', message: 'this CPF is invalid: its check digits do not match' },
    ]);
    expect((await contact(contactId)).cpfCnpj).toBeNull();

    // A valid one: saved as digits, shown punctuated in the field.
    await cpf.fill('');
    await cpf.pressSequentially('52998224725');
    expect(await cpf.inputValue()).toBe('529.982.247-25');
    await panel.getByRole('button', { name: 'Salvar contato' }).click();
    await panel.getByText('Contato salvo.').waitFor();
    expect(await contact(contactId)).toMatchObject({ name: 'Paulo Formatado Silva', cpfCnpj: '52998224725' });
    expect(await cpf.inputValue()).toBe('529.982.247-25');
    // The corrected name reaches the list and the header.
    await bruno.getByRole('heading', { name: 'Paulo Formatado Silva', level: 2 }).waitFor();
    await conversationRow(bruno, 'Paulo Formatado Silva').waitFor();
    expect(await seriousA11yViolations(bruno)).toEqual([]);
    await shots(bruno, 'inbox-priority');
  });

  it('shows a named website visitor by name in the list, the header and their messages', async () => {
    const visitor = await widgetCustomer(stack, 'Joana Visitante');
    visitor.socket.client.send('Oi, sou a Joana do site');
    await showView(bruno, /^Na fila/);
    const row = conversationRow(bruno, 'Joana Visitante');
    await row.getByText('Oi, sou a Joana do site').waitFor({ timeout: 15_000 });
    await row.click();
    await bruno.getByRole('heading', { name: 'Joana Visitante', level: 2 }).waitFor();
    const bubble = bruno.locator('.bubble.theirs', { hasText: 'Oi, sou a Joana do site' });
    expect(await bubble.locator('.who').textContent()).toBe('Joana Visitante');
    expect(await bruno.locator('.bubble.theirs .who', { hasText: /^Visitante$/ }).count()).toBe(0);
    const panel = bruno.getByRole('complementary', { name: 'Contato' });
    await expect.poll(() => panel.getByLabel('Nome').inputValue()).toBe('Joana Visitante');
    await shots(bruno, 'visitor-named', bruno.locator('.conversation-head'));
    visitor.socket.client.close();
  });

  it('finds Manaus in the time-zone picker by typing "manaus", with the keyboard, and saves it', async () => {
    const page = await agentPage(browser, stack, ADMIN);
    await page.goto(`${stack.workerUrl}/admin`);
    await page
      .getByRole('navigation', { name: 'Seções da administração' })
      .getByRole('link', { name: 'Configurações' })
      .click();
    await page.getByRole('heading', { name: 'Configurações do provedor', level: 3 }).waitFor();
    const zone = page.getByRole('combobox', { name: 'Fuso horário' });
    expect(await zone.inputValue()).toMatch(/^Brasília \(São Paulo, Rio, BH.*— UTC−3$/);

    // Opened with ↓: Brazil's zones come first, under their own heading.
    await zone.focus();
    await zone.press('ArrowDown');
    const list = page.getByRole('listbox', { name: 'Fuso horário' });
    const names = await list.getByRole('option').allTextContents();
    expect(names[0]).toMatch(/^Brasília/);
    expect(names.slice(0, 16).join('|')).toContain('Fernando de Noronha — UTC−2');
    await list.getByRole('group', { name: 'Brasil' }).waitFor();
    await shots(page, 'timezone-open', zone);
    await zone.press('Escape');
    await list.waitFor({ state: 'detached' });

    // Accents and case ignored; Enter picks the highlighted match (not the form's submit).
    await zone.fill('MANAUS');
    expect(await list.getByRole('option').allTextContents()).toEqual(['Manaus (AM) — UTC−4America/Manaus']);
    await zone.fill('manaus');
    await zone.press('Enter');
    await list.waitFor({ state: 'detached' });
    expect(await zone.inputValue()).toBe('Manaus (AM) — UTC−4');
    await zone.fill('brasilia');
    expect(await list.getByRole('option').first().textContent()).toMatch(/^Brasília/);
    await zone.press('Escape'); // Esc puts back the zone chosen before
    expect(await zone.inputValue()).toBe('Manaus (AM) — UTC−4');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByRole('status').getByText('Configurações salvas.').waitFor();
    const adminToken = await agentToken(stack, ADMIN.email, ADMIN.password);
    const settings = await api<TenantSettings>(stack, '/api/tenant/settings', {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(settings.body.timezone).toBe('America/Manaus');
    await shots(page, 'timezone-saved', zone);
    await page.context().close();
  });
});
