// Script in every text the agent app shows never runs: contact names, message texts (widget socket and the
// WhatsApp simulator), canned responses, team, tenant and user names, each carrying canaries that set
// window.__pwned if they ever became markup. The app is driven in a context that BYPASSES the CSP, so what
// is proven is the rendering itself (text, never HTML); a second, normal context proves the CSP header is on
// the app's page, assets and client routes and that the app runs under it without a single violation.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NUMBER, type Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { APP_CSP, COMMON_SECURITY_HEADERS } from '../../workers/security-headers';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { conversationRow, signIn, widgetCustomer } from './agent-pages';
import { agentToken, api, startE2eStack } from './stack';

let stack: Stack;
let browser: Browser;
const [admin, agent] = DEMO_TENANT.users as [
  (typeof DEMO_TENANT.users)[number],
  (typeof DEMO_TENANT.users)[number],
];

/** ≤ 120 characters, so it fits every name field. */
const CANARY = `<img src=x onerror=window.__pwned=1> "><svg onload=window.__pwned=2> <script>window.__pwned=3</script>`;
const LINKS = `javascript:window.__pwned=4 <a href="javascript:window.__pwned=5">clique</a> <iframe src="javascript:window.__pwned=6">`;
const names = {
  tenant: `ISP ${CANARY}`.slice(0, 120),
  team: `Equipe ${CANARY}`.slice(0, 120),
  user: `Usuária ${CANARY}`.slice(0, 120),
  canned: `Resposta ${CANARY}`.slice(0, 120),
  visitor: `Visitante ${CANARY}`.slice(0, 120),
  whatsapp: `Zap ${CANARY}`.slice(0, 120),
};
const texts = {
  widget: `Oi ${CANARY} ${LINKS}`,
  whatsapp: `Olá ${CANARY} ${LINKS} {{constructor.constructor('window.__pwned=7')()}}`,
  cannedBody: `Corpo ${CANARY} ${LINKS}`,
};

/** Records dialogs and CSP violations; window.__pwned stays undefined unless a canary ran. */
const WATCH = `(() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
})();`;

async function watchedPage(bypassCSP: boolean): Promise<{ page: Page; dialogs: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP });
  await context.addInitScript(WATCH);
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, dialogs };
}

async function expectNothingRan(page: Page, dialogs: string[]): Promise<void> {
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    // Markup that could only come from the canaries, had any text been rendered as HTML.
    injected: document.querySelectorAll(
      'img[src="x"], svg[onload], [onerror], [onload], script:not([src]), iframe, a[href^="javascript:" i]',
    ).length,
  }));
  expect(state).toEqual({ pwned: undefined, injected: 0 });
  expect(dialogs).toEqual([]);
}

const visible = (page: Page, text: string) => page.getByText(text, { exact: false }).first().waitFor();

beforeAll(async () => {
  stack = await startE2eStack('xss-canary');
  browser = await launchBrowser();
  const token = await agentToken(stack, admin.email, admin.password);
  const call = async (method: string, path: string, body: unknown, status: number) => {
    const res = await api(stack, path, {
      method,
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    expect([path, res.status]).toEqual([path, status]);
  };
  await call('PATCH', '/api/tenant/settings', { name: names.tenant }, 200);
  await call('POST', '/api/teams', { name: names.team }, 201);
  await call(
    'POST',
    '/api/admin/users',
    { email: 'canario@demo.fio.local', name: names.user, role: 'agent', password: 'senha-canario-longa' },
    201,
  );
  await call(
    'POST',
    '/api/canned-responses',
    { shortcut: 'canario', title: names.canned, body: texts.cannedBody },
    201,
  );
  const visitor = await widgetCustomer(stack, names.visitor);
  visitor.socket.client.send(texts.widget);
  const res = await stack.whatsapp.inbound({
    phoneNumberId: DEMO_NUMBER.phoneNumberId,
    from: '5531990007777',
    name: names.whatsapp,
    text: texts.whatsapp,
  });
  expect(res.status).toBe(200);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('script in stored text never runs in the agent app', () => {
  it('inbox, conversations, contact panel and the canned menu show the canaries as text', async () => {
    const { page, dialogs } = await watchedPage(true);
    await signIn(page, stack, admin);
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Na fila/ })
      .click();
    for (const [who, text] of [
      [names.visitor, texts.widget],
      [names.whatsapp, texts.whatsapp],
    ] as const) {
      const row = conversationRow(page, who);
      await row.waitFor({ timeout: 20_000 });
      await row.click();
      await page.getByRole('heading', { name: who, level: 2 }).waitFor();
      // The whole message, literally, in the timeline.
      await page.locator('ol.timeline').getByText(text, { exact: true }).waitFor({ timeout: 15_000 });
      const panel = page.getByRole('complementary', { name: 'Contato' });
      await expect
        .poll(() =>
          panel.evaluate(
            (el) => `${el.textContent} ${[...el.querySelectorAll('input')].map((i) => i.value).join(' ')}`,
          ),
        )
        .toContain(who);
      await expectNothingRan(page, dialogs);
    }
    // The canned menu, and the reply it inserts (the body, variables filled, as text).
    const composer = page.getByLabel('Responder', { exact: true });
    await composer.fill('/canario');
    const option = page.getByRole('option', { name: /\/canario/ });
    await option.waitFor();
    expect(await option.textContent()).toContain(names.canned);
    await option.click();
    await expect.poll(() => composer.inputValue()).toContain(CANARY);
    await expectNothingRan(page, dialogs);
    await page.context().close();
  });

  it('the admin screens show team, user, canned and tenant names as text', async () => {
    const { page, dialogs } = await watchedPage(true);
    await page.goto(`${stack.workerUrl}/admin`);
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Senha').fill(admin.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { name: 'Administração' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Seções da administração' });
    await visible(page, names.user);
    await nav.getByRole('link', { name: 'Equipes' }).click();
    await visible(page, names.team);
    await nav.getByRole('link', { name: 'Respostas prontas' }).click();
    await visible(page, names.canned);
    await nav.getByRole('link', { name: 'Configurações' }).click();
    await page.getByRole('heading', { name: 'Configurações do provedor', level: 3 }).waitFor();
    await expect
      .poll(() =>
        page.locator('input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
      )
      .toContain(names.tenant);
    await expectNothingRan(page, dialogs);
    await page.context().close();
  });
});

describe('the CSP and the other headers reach the app itself', () => {
  it('on the page, a client route and a JS asset; the app runs under them with no violation', async () => {
    const { page, dialogs } = await watchedPage(false);
    const assets: Response[] = [];
    const first = await page.goto(stack.workerUrl);
    const route = await fetch(`${stack.workerUrl}/admin`);
    const html = await route.text();
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    assets.push(await fetch(`${stack.workerUrl}${script}`));
    for (const [what, headers] of [
      ['/', (await first?.allHeaders()) ?? {}],
      ['/admin', Object.fromEntries(route.headers)],
      [script, Object.fromEntries((assets[0] as Response).headers)],
    ] as const) {
      expect([what, headers['content-security-policy']]).toEqual([what, APP_CSP]);
      for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) {
        expect([what, name, headers[name]]).toEqual([what, name, value]);
      }
    }
    expect((assets[0] as Response).headers.get('content-type')).toMatch(/javascript/);
    // The rules file itself is configuration, never served.
    expect(await (await fetch(`${stack.workerUrl}/_headers`)).text()).not.toContain(
      'content-security-policy:',
    );
    // The app signs in, shows the inbox and a conversation under the real CSP, which reports nothing.
    await signIn(page, stack, agent);
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Na fila/ })
      .click();
    await conversationRow(page, names.visitor).click();
    await page.locator('ol.timeline').getByText(texts.widget, { exact: true }).waitFor({ timeout: 15_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(
      await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
    ).toEqual([]);
    await expectNothingRan(page, dialogs);
    await page.context().close();
  });
});
