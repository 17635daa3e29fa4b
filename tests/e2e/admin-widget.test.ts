// The "Widget do site" admin screen in a real browser, in Portuguese, as an admin: a widget created with its
// branding, allowed sites, pre-chat fields and "identified customers only", read back after a reload (and
// from the API); bad input (an http site that is not localhost, a site with a path, a bad colour) refused on
// its line or field with nothing sent and nothing stored, and a refusal by the server mapped to its line; the
// screen in English; the identity secret generated and shown once (the
// old one refused after a new one); the snippet naming the channel and copied by "Copiar"; the preview frame
// of the saved widget; a supervisor and an agent without the screen. No serious accessibility violations at
// 1280 and 390 px; screenshots in /work/wt/shots (d-widget-*.png) for a person to look at.
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import type { WidgetChannelView } from '../../workers/contract';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { ACME } from '../support/fixtures';
import { chooseLanguage } from './agent-pages';
import { agentToken, api, startE2eStack } from './stack';

const SHOTS = process.env.FIO_SHOTS_DIR ?? '/work/wt/shots';
const [admin, agent, supervisor] = ACME.users as [
  (typeof ACME.users)[number],
  (typeof ACME.users)[number],
  (typeof ACME.users)[number],
];

let stack: Stack;
let browser: Browser;
let token: string;

beforeAll(async () => {
  stack = await startE2eStack('admin-widget');
  browser = await launchBrowser();
  token = await agentToken(stack, admin.email, admin.password);
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function widgets(): Promise<WidgetChannelView[]> {
  const res = await api<{ channels: WidgetChannelView[] }>(stack, '/api/widget-channels', {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return res.body.channels;
}

async function newContext(width = 1280): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    locale: 'pt-BR',
    ...(width < 600 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.workerUrl });
  return context;
}

async function signIn(page: Page, who: { email: string; password: string }, path = '/admin/widget') {
  await page.goto(`${stack.workerUrl}${path}`);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Senha').fill(who.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

async function openWidgetScreen(page: Page): Promise<void> {
  await signIn(page, admin);
  await page.getByRole('heading', { name: 'Widget do site', level: 3 }).waitFor();
}

/** The PATCH/POST requests the page sends to the widget channels (an inline refusal must send none). */
function countWrites(page: Page): () => number {
  let n = 0;
  page.on('request', (r) => {
    if ((r.method() === 'PATCH' || r.method() === 'POST') && r.url().includes('/api/widget-channels')) n++;
  });
  return () => n;
}

/**
 * A screenshot of the whole screen: the app scrolls inside its own panes, so the viewport is made as tall as
 * the tallest of them for the picture, then put back.
 */
async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  const tall = await page.evaluate(() =>
    Math.max(...[...document.querySelectorAll('*')].map((el) => el.scrollHeight)),
  );
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(tall + 60, size.height), 6000) });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  await page.setViewportSize(size);
}

const sites = (page: Page) => page.getByLabel('Endereços dos sites (um por linha)');
const save = (page: Page) => page.getByRole('button', { name: 'Salvar', exact: true }).click();

/** An HS256 identity token as the ISP's server signs one (see the screen's example). */
function identityToken(secret: string, sub: string): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const claims = b64({ sub, name: 'Cliente Portal', exp: Math.floor(Date.now() / 1000) + 600 });
  const sig = createHmac('sha256', secret).update(`${head}.${claims}`).digest('base64url');
  return `${head}.${claims}.${sig}`;
}

const STORED_SETTINGS = {
  branding: {
    title: 'Atendimento Acme',
    color: '#1d4ed8',
    greeting: 'Oi! Fale com a Acme.',
    logoUrl: 'https://www.acme.com.br/logo.png',
    position: 'left',
  },
  allowedOrigins: ['https://www.acme.com.br', 'http://localhost:5173', 'https://portal.acme.com.br'],
  prechat: [
    { field: 'name', required: true },
    { field: 'phone', required: false },
    { field: 'cpf', required: true },
  ],
  verifiedOnly: true,
};

describe('widget channels', () => {
  it('creates a widget with branding, sites, pre-chat and identified-only, kept after a reload', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await openWidgetScreen(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const before = await widgets();

    await page.getByRole('button', { name: 'Novo widget' }).click();
    await page.getByRole('heading', { name: 'Novo widget', level: 4 }).waitFor();
    // Until saved there is no code and no preview, and the screen says why.
    await page.getByText('Salve o widget para ver o código.').waitFor();
    await page.getByText('Salve o widget para ver a prévia.').waitFor();
    await page.getByLabel('Nome do widget').fill('Site institucional');
    await page.getByLabel('Título', { exact: true }).fill('Atendimento Acme');
    // A colour white text cannot be read on is pointed out (not refused).
    await page.getByLabel('Cor (hexadecimal)').fill('#facc15');
    await page.getByText('Texto branco fica difícil de ler nesta cor', { exact: false }).waitFor();
    await page.getByLabel('Cor (hexadecimal)').fill('#1D4ED8');
    expect(await page.getByText('Texto branco fica difícil de ler', { exact: false }).count()).toBe(0);
    // The picker follows the typed colour, and so does the drawing of the chat button, before any save.
    expect(await page.getByLabel('Escolher a cor').inputValue()).toBe('#1d4ed8');
    const button = page.locator('.wgt-sample-button');
    expect(await button.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(29, 78, 216)');
    await page.getByLabel('Saudação').fill('Oi! Fale com a Acme.');
    await page.getByLabel('Endereço do logotipo (opcional)').fill('https://www.acme.com.br/logo.png');
    await page.getByLabel('Posição do botão do chat').selectOption({ label: 'Canto inferior esquerdo' });
    await page
      .getByText('Como fica o botão: canto inferior esquerdo, na cor #1d4ed8.', { exact: false })
      .waitFor();
    await sites(page).fill('https://www.acme.com.br\nhttp://localhost:5173\n\nhttps://portal.acme.com.br/\n');
    await page.getByLabel('Nome', { exact: true }).selectOption({ label: 'Obrigatório' });
    await page.getByLabel('Telefone (WhatsApp)').selectOption({ label: 'Opcional' });
    await page.getByLabel('CPF', { exact: true }).selectOption({ label: 'Obrigatório' });
    await page.getByLabel('Somente clientes identificados').check();
    await page.getByText('Gere um segredo abaixo: sem ele nenhum cliente consegue se identificar.').waitFor();
    await page.getByText('Alterações não salvas').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await save(page);
    await page
      .getByRole('status')
      .getByText('Widget Site institucional criado. Copie o código abaixo para o site.')
      .waitFor();
    await page.getByRole('heading', { name: 'Editar widget Site institucional', level: 4 }).waitFor();
    expect(await page.getByText('Alterações não salvas').count()).toBe(0);

    const after = await widgets();
    expect(after.length).toBe(before.length + 1);
    const created = after.find((c) => c.name === 'Site institucional') as WidgetChannelView;
    expect(created.settings).toEqual(STORED_SETTINGS);
    expect(created.hasIdentitySecret).toBe(false);
    // The form shows what was stored: origins normalised (no trailing slash, no blank line).
    expect(await sites(page).inputValue()).toBe(STORED_SETTINGS.allowedOrigins.join('\n'));

    // The snippet names this channel, and "Copiar" puts it on the clipboard.
    const code = page.locator('.wgt-snippet code');
    expect(await code.textContent()).toBe(created.snippet);
    expect(created.snippet).toContain(`data-channel="${created.id}"`);
    expect(created.snippet).toContain(`${stack.workerUrl}/widget.js`);
    await page.getByRole('button', { name: 'Copiar: Código do widget' }).click();
    await page.getByRole('status').getByText('Código copiado.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(created.snippet);

    // The preview is the saved widget's frame, on this app's origin.
    const frame = page.locator('iframe[title="Prévia do widget"]');
    const src = new URL((await frame.getAttribute('src')) ?? '', stack.workerUrl);
    expect(src.pathname).toBe(`/widget/frame/${created.id}`);
    expect(src.searchParams.get('host')).toBe(new URL(stack.workerUrl).origin);
    expect(src.searchParams.get('preview')).toBe('1');
    const preview = page.frameLocator('iframe[title="Prévia do widget"]');
    await preview.getByRole('heading', { name: 'Atendimento Acme' }).waitFor();
    await preview.getByText('Oi! Fale com a Acme.').waitFor();
    await shoot(page, 'd-widget-1280');

    await page.reload();
    await page.getByRole('heading', { name: 'Widget do site', level: 3 }).waitFor();
    const row = page.getByRole('row', { name: /Site institucional/ });
    await row.getByText('3 sites').waitFor();
    await row.getByText('Somente identificados').waitFor();
    await row.getByRole('button', { name: 'Editar Site institucional' }).click();
    await page.getByRole('heading', { name: 'Editar widget Site institucional', level: 4 }).waitFor();
    expect(await page.getByLabel('Título', { exact: true }).inputValue()).toBe('Atendimento Acme');
    expect(await page.getByLabel('Cor (hexadecimal)').inputValue()).toBe('#1d4ed8');
    expect(await page.getByLabel('Saudação').inputValue()).toBe('Oi! Fale com a Acme.');
    expect(await page.getByLabel('Posição do botão do chat').inputValue()).toBe('left');
    expect(await sites(page).inputValue()).toBe(STORED_SETTINGS.allowedOrigins.join('\n'));
    expect(await page.getByLabel('Nome', { exact: true }).inputValue()).toBe('required');
    expect(await page.getByLabel('Telefone (WhatsApp)').inputValue()).toBe('optional');
    expect(await page.getByLabel('E-mail', { exact: true }).inputValue()).toBe('off');
    expect(await page.getByLabel('CPF', { exact: true }).inputValue()).toBe('required');
    expect(await page.getByLabel('Somente clientes identificados').isChecked()).toBe(true);

    // A change after the first save updates the same channel and reloads the preview.
    const firstFrame = await frame.elementHandle();
    await page.getByLabel('Saudação').fill('Olá! Como a Acme pode ajudar?');
    await save(page);
    await page.getByRole('status').getByText('Widget salvo.').waitFor();
    await page.waitForFunction((old) => !old?.isConnected, firstFrame);
    // The reloaded preview shows the saved greeting.
    await preview.getByText('Olá! Como a Acme pode ajudar?').waitFor();
    const saved = (await widgets()).find((c) => c.id === created.id);
    expect(saved?.settings.branding.greeting).toBe('Olá! Como a Acme pode ajudar?');
    expect((await widgets()).length).toBe(before.length + 1);
    // Typing again: "saved" gives way to "unsaved changes".
    await page.getByLabel('Título', { exact: true }).fill('Atendimento Acme Fibra');
    await page.getByText('Alterações não salvas').waitFor();
    expect(await page.getByText('Widget salvo.').count()).toBe(0);
    await context.close();
  });

  it('refuses an http site, a site with a path and a bad colour inline, sending and storing nothing', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const writes = countWrites(page);
    await openWidgetScreen(page);
    const stored = await widgets();
    await page.getByRole('button', { name: 'Editar Site institucional' }).click();
    await sites(page).fill(
      'https://www.acme.com.br\nhttp://www.acme.com.br\n\nhttps://www.acme.com.br/contato\nacme',
    );
    await page.getByLabel('Cor (hexadecimal)').fill('#12345');
    await save(page);
    await page
      .getByText('Linha 2 (http://www.acme.com.br): use https (http só para localhost e 127.0.0.1).')
      .waitFor();
    await page
      .getByText(
        'Linha 4 (https://www.acme.com.br/contato): só o endereço do site, sem caminho, parâmetros ou #.',
      )
      .waitFor();
    await page
      .getByText('Linha 5 (acme): não é um endereço de site; escreva como https://www.provedor.com.br.')
      .waitFor();
    await page.getByText('Use uma cor no formato #rrggbb, como #0f766e.').waitFor();
    await page.getByRole('alert').getByText('Corrija os campos marcados antes de salvar.').waitFor();
    // The refusals are what a screen reader hears with each field; focus went to the first one.
    const color = page.getByLabel('Cor (hexadecimal)');
    expect(await color.getAttribute('aria-invalid')).toBe('true');
    expect(await color.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await sites(page).getAttribute('aria-invalid')).toBe('true');
    const described = ((await sites(page).getAttribute('aria-describedby')) ?? '').split(' ');
    const heard = await Promise.all(described.map((id) => page.locator(`#${id}`).textContent()));
    expect(heard.join(' ')).toContain('Linha 2 (http://www.acme.com.br)');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shoot(page, 'd-widget-refused-1280');
    expect(writes()).toBe(0);
    expect(await widgets()).toEqual(stored);

    // A refusal only the server makes (a server stricter than this page's copy of the contract) lands on the
    // line typed too: the request is rewritten on its way so the real server refuses its second site, which
    // the admin typed on line 3 (blank lines are not sent).
    await page.route('**/api/widget-channels/*', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as {
        settings: { allowedOrigins: string[] };
      };
      body.settings.allowedOrigins[1] = 'http://b.acme.com.br';
      await route.continue({ postData: JSON.stringify(body) });
    });
    await page.getByLabel('Cor (hexadecimal)').fill('#1d4ed8');
    await sites(page).fill('https://www.acme.com.br\n\nhttps://b.acme.com.br');
    await save(page);
    await page
      .getByText(
        'Linha 3 (https://b.acme.com.br): não foi aceito; use https e só o endereço do site, sem caminho.',
      )
      .waitFor();
    expect(await page.getByText('Use uma cor no formato #rrggbb', { exact: false }).count()).toBe(0);
    expect(writes()).toBe(1);
    expect(await widgets()).toEqual(stored);
    await context.close();
  });

  it('speaks English when the user picks it', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const writes = countWrites(page);
    await openWidgetScreen(page);
    await chooseLanguage(page, 'en');
    await page.getByRole('heading', { name: 'Website widget', level: 3 }).waitFor();
    await page.getByRole('button', { name: 'Edit Site institucional' }).click();
    await page.getByRole('heading', { name: 'Edit widget Site institucional', level: 4 }).waitFor();
    expect(await page.getByLabel('Identified customers only').isChecked()).toBe(true);
    await page.getByLabel('Site addresses (one per line)').fill('http://www.acme.com.br');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .getByText('Line 1 (http://www.acme.com.br): use https (http only for localhost and 127.0.0.1).')
      .waitFor();
    expect(writes()).toBe(0);
    await context.close();
  });

  it('generates the identity secret once, asks before replacing it, and the old one stops working', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await openWidgetScreen(page);
    const channel = (await widgets()).find((c) => c.name === 'Site institucional') as WidgetChannelView;
    await page.getByRole('button', { name: 'Editar Site institucional' }).click();
    await page.getByText('Nenhum segredo gerado ainda.').waitFor();
    // The first secret replaces nothing: no question.
    await page.getByRole('button', { name: 'Gerar novo segredo' }).click();
    const shown = page.getByLabel('Novo segredo');
    await shown.waitFor();
    const first = await shown.inputValue();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await shown.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText('Copie agora: este segredo aparece só desta vez.').waitFor();
    await page.getByRole('button', { name: 'Copiar segredo' }).click();
    await page.getByRole('status').getByText('Segredo copiado.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
    await page.getByText('Como o site assina o token').click();
    await page.getByText("createHmac('sha256', process.env.FIO_WIDGET_SECRET)", { exact: false }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shoot(page, 'd-widget-secret-1280');
    await page.getByRole('button', { name: 'Pronto, já guardei' }).click();
    expect(await shown.count()).toBe(0);

    // A token signed with it is accepted (the channel is identified-only).
    const session = (t: string) =>
      api<{ verified: boolean }>(stack, '/api/widget/sessions', {
        method: 'POST',
        body: JSON.stringify({ channel: channel.id, identityToken: t }),
      });
    const ok = await session(identityToken(first, 'cliente-42'));
    expect(ok.status).toBe(201);
    expect(ok.body.verified).toBe(true);

    // Shown once: after a reload it is gone from the page.
    await page.reload();
    await page.getByRole('button', { name: 'Editar Site institucional' }).click();
    await page.getByText('Há um segredo configurado. Ele não é mostrado de novo.').waitFor();
    expect(await page.content()).not.toContain(first);

    // Replacing it asks first; Cancel keeps the old one.
    await page.getByRole('button', { name: 'Gerar novo segredo' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('O segredo atual para de funcionar na hora', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    expect(await page.getByLabel('Novo segredo').count()).toBe(0);
    expect((await session(identityToken(first, 'cliente-42'))).status).toBe(201);

    await page.getByRole('button', { name: 'Gerar novo segredo' }).click();
    await dialog.getByRole('button', { name: 'Gerar novo segredo' }).click();
    const second = await page.getByLabel('Novo segredo').inputValue();
    expect(second).toMatch(/^[0-9a-f]{64}$/);
    expect(second).not.toBe(first);
    await page.getByRole('status').getByText('Novo segredo gerado. O anterior não vale mais.').waitFor();
    expect((await session(identityToken(first, 'cliente-42'))).status).toBe(401);
    expect((await session(identityToken(second, 'cliente-42'))).status).toBe(201);
    await context.close();
  });

  it('on a phone: the preview under the form, no serious accessibility violations', async () => {
    const context = await newContext(390);
    const page = await context.newPage();
    await openWidgetScreen(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shoot(page, 'd-widget-list-390');
    await page.getByRole('button', { name: 'Editar Site institucional' }).click();
    await page.getByRole('heading', { name: 'Editar widget Site institucional', level: 4 }).waitFor();
    const form = await page.locator('.wgt-main').boundingBox();
    const preview = await page.getByRole('complementary', { name: 'Prévia' }).boundingBox();
    expect(form && preview && preview.y >= form.y + form.height).toBe(true);
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shoot(page, 'd-widget-390');
    await context.close();
  });

  it('is not there for a supervisor (no channels.manage) nor an agent', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, supervisor);
    await page.getByRole('heading', { name: 'Administração' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Seções da administração' });
    await nav.getByRole('link', { name: 'Canais', exact: true }).waitFor();
    expect(await nav.getByRole('link', { name: 'Widget do site' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Widget do site' }).count()).toBe(0);
    await context.close();

    const agentContext = await newContext();
    const agentPage = await agentContext.newPage();
    await signIn(agentPage, agent);
    await agentPage.getByText('Você não tem acesso à administração.', { exact: false }).waitFor();
    expect(await agentPage.getByRole('heading', { name: 'Widget do site' }).count()).toBe(0);
    await agentContext.close();

    // The API agrees: neither may list nor create widget channels.
    for (const who of [agent, supervisor]) {
      const t = await agentToken(stack, who.email, who.password);
      const list = await api(stack, '/api/widget-channels', { headers: { authorization: `Bearer ${t}` } });
      expect(list.status).toBe(403);
    }
  });
});
