// Sessions in the agent app, in a real browser against a stack whose access tokens live 6 seconds: a
// simulated shift in two tabs of one browser (many silent refreshes, a network cut longer than a token's
// life, replies sent and a draft typed across refreshes) never shows the sign-in screen, loses no draft,
// delivers every message once and never trips the server's refresh-reuse detection; a new tab opens signed
// in from the cookie. Ending a session from another device ("Minhas sessões") shows the sign-in screen with
// the reason, and "Sair de todos os dispositivos" signs every device out.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import {
  agentPage,
  conversationRow,
  goOffline,
  goOnline,
  openAccountMenu,
  signIn,
  widgetCustomer,
} from './agent-pages';
import { agentToken, api, eventually, startE2eStack } from './stack';

const TTL_SECONDS = 6;
const CYCLES = 8;

let stack: Stack;
let browser: Browser;
const [, BRUNO, CARLA] = DEMO_TENANT.users as [
  (typeof DEMO_TENANT.users)[number],
  (typeof DEMO_TENANT.users)[number],
  (typeof DEMO_TENANT.users)[number],
];

/** Counts, in every page of the context, how often the sign-in form was on screen. */
const WATCH_LOGIN = `(() => {
  window.__fioSawLogin = 0;
  new MutationObserver(() => {
    if (document.querySelector('main.login form')) window.__fioSawLogin++;
  }).observe(document, { childList: true, subtree: true });
})();`;

const sawLogin = (page: Page) =>
  page.evaluate(() => (window as unknown as { __fioSawLogin: number }).__fioSawLogin);

/** Every answer to POST /api/auth/refresh in the context, and refreshes that never got one (offline). */
function watchRefreshes(context: BrowserContext) {
  const answers: number[] = [];
  let failed = 0;
  const isRefresh = (url: string) => url.endsWith('/api/auth/refresh');
  context.on('response', (r) => {
    if (isRefresh(r.url())) answers.push(r.status());
  });
  context.on('requestfailed', (r) => {
    if (isRefresh(r.url())) failed++;
  });
  return { answers, failed: () => failed };
}

async function ownerQuery<T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: stack.ownerUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const QUEUE = /^Na fila/;
async function openFromQueue(page: Page, name: string) {
  await page.getByRole('navigation').getByRole('button', { name: QUEUE }).click();
  await conversationRow(page, name).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
  await page.locator('.conversation-head').getByRole('status').getByText('Conectado').waitFor();
}

beforeAll(async () => {
  stack = await startE2eStack('agent-sessions', 100, { accessTokenTtlSeconds: TTL_SECONDS });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('agent sessions in the browser', () => {
  it('works a shift of short-lived tokens in two tabs without the sign-in screen, losing nothing', async () => {
    const tabA = await agentPage(browser, stack, BRUNO);
    const context = tabA.context();
    await context.addInitScript(WATCH_LOGIN);
    const refreshes = watchRefreshes(context);

    const customer = await widgetCustomer(stack, 'Cliente do Turno');
    customer.socket.client.send('Bom dia, preciso de ajuda');
    const other = await widgetCustomer(stack, 'Cliente do Rascunho');
    other.socket.client.send('Oi');

    // Tab A works the first customer's conversation.
    await tabA.reload(); // with the login watcher installed; the tab's token survives a reload
    await tabA.getByRole('status').getByText('Caixa de entrada: Conectado').waitFor();
    await openFromQueue(tabA, 'Cliente do Turno');
    await tabA.getByRole('button', { name: 'Assumir' }).click();
    await tabA.locator('.ticket-bar').getByText('Responsável: Bruno Agente').waitFor();

    // A second tab has no token of its own: it opens signed in from the refresh cookie.
    const tabB = await context.newPage();
    await tabB.goto(stack.workerUrl);
    await tabB.getByRole('status').getByText('Caixa de entrada: Conectado').waitFor();
    await openFromQueue(tabB, 'Cliente do Rascunho');
    await tabB.getByRole('button', { name: 'Assumir' }).click();
    await tabB.locator('.ticket-bar').getByText('Responsável: Bruno Agente').waitFor();

    const composerA = tabA.getByLabel('Responder', { exact: true });
    const composerB = tabB.getByLabel('Responder', { exact: true });
    let draft = '';
    const replies: string[] = [];
    const asked: string[] = [];
    for (let i = 1; i <= CYCLES; i++) {
      const before = refreshes.answers.length;
      if (i === 4) {
        // The network goes for longer than a token lives: the due refresh fails and is retried, not a sign-out.
        const failedBefore = refreshes.failed();
        await goOffline(tabA);
        await eventually('a refresh failed while offline', () => refreshes.failed() > failedBefore, 30_000);
        await tabA.waitForTimeout(TTL_SECONDS * 1000); // every token held is expired now
        customer.socket.client.send('Mensagem durante a queda');
        asked.push('Mensagem durante a queda');
        await goOnline(tabA);
      }
      const question = `Pergunta ${i}`;
      customer.socket.client.send(question);
      asked.push(question);
      await tabA.locator('.bubble.theirs').getByText(question, { exact: true }).waitFor({ timeout: 30_000 });
      const reply = `Resposta ${i}`;
      await composerA.fill(reply);
      await composerA.press('Enter');
      replies.push(reply);
      await tabA.locator('li[data-seq] .bubble.mine').getByText(reply, { exact: true }).waitFor();
      const part = `parte ${i}; `;
      await composerB.pressSequentially(part);
      draft += part;
      // The cycle ends with a refresh done (by whichever tab got there first).
      await eventually(`refresh ${i}`, () => refreshes.answers.length > before, 30_000);
    }

    // Nothing lost, nothing doubled, and nobody was asked to sign in.
    await eventually('the customer has every reply', () =>
      replies.every((r) =>
        customer.socket.events.some((e) => e.event.type === 'message.created' && e.event.message.text === r),
      ),
    );
    const customerTexts = customer.socket.events.flatMap((e) =>
      e.event.type === 'message.created' ? [e.event.message.text] : [],
    );
    for (const r of replies) expect(customerTexts.filter((t) => t === r)).toHaveLength(1);
    for (const q of asked) {
      await tabA.locator('.bubble.theirs').getByText(q, { exact: true }).waitFor();
      expect(await tabA.locator('.bubble.theirs').getByText(q, { exact: true }).count()).toBe(1);
    }
    expect(await composerB.inputValue()).toBe(draft);
    expect(await sawLogin(tabA)).toBe(0);
    expect(await sawLogin(tabB)).toBe(0);
    expect(refreshes.answers.length).toBeGreaterThanOrEqual(CYCLES);
    expect(refreshes.answers.filter((s) => s !== 200)).toEqual([]);

    // The server saw one session, rotated once per refresh, never replayed, still valid.
    const sessions = await ownerQuery<{ id: string; revoked_at: Date | null; tokens: string }>(
      `select s.id, s.revoked_at, (select count(*) from refresh_tokens r where r.session_id = s.id) as tokens
       from user_sessions s join users u on u.id = s.user_id where u.email = $1`,
      [BRUNO.email],
    );
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.revoked_at).toBeNull();
    expect(Number(sessions[0]?.tokens)).toBe(1 + refreshes.answers.length);
    const reused = await ownerQuery(`select 1 from audit_log where action = 'auth.refresh_reused'`, []);
    expect(reused).toHaveLength(0);

    // Still signed in after all of it: a third tab opens straight into the inbox.
    const tabC = await context.newPage();
    await tabC.goto(stack.workerUrl);
    await tabC.getByRole('status').getByText('Caixa de entrada: Conectado').waitFor();
    expect(await sawLogin(tabC)).toBe(0);

    // A REST call refused as unauthorized (as with an expired token) is retried once after a refresh.
    let contactCalls = 0;
    await tabC.route('**/api/contacts/**', async (route) => {
      contactCalls++;
      if (contactCalls > 1) return route.continue();
      await route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'unauthorized', message: 'Token expired' } }),
      });
    });
    await tabC
      .getByRole('navigation')
      .getByRole('button', { name: /^Minhas \d/ })
      .click();
    await conversationRow(tabC, 'Cliente do Turno').click();
    const contactName = tabC.locator('.contact-panel').getByLabel('Nome');
    await expect.poll(() => contactName.inputValue(), { timeout: 15_000 }).toBe('Cliente do Turno');
    expect(contactCalls).toBe(2);
    expect(await sawLogin(tabC)).toBe(0);
    customer.socket.client.close();
    other.socket.client.close();
    await context.close();
  }, 300_000);

  it('ending a session from another device shows that device the sign-in screen with the reason', async () => {
    const laptop = await agentPage(browser, stack, CARLA);
    const phone = await agentPage(browser, stack, CARLA);

    // The phone lists both sessions and ends the laptop's.
    await openAccountMenu(phone);
    await phone.getByRole('link', { name: 'Minhas sessões' }).click();
    await phone.getByRole('heading', { name: 'Minhas sessões' }).waitFor();
    const table = phone.getByRole('table', { name: 'Minhas sessões' });
    await table.getByRole('row').nth(2).waitFor();
    expect(await table.getByRole('row').count()).toBe(3); // header + two sessions
    expect(await table.getByText('Esta sessão').count()).toBe(1);
    expect(await seriousA11yViolations(phone)).toEqual([]);
    const shots = join(ROOT, '.fio/screenshots');
    mkdirSync(shots, { recursive: true });
    await phone.screenshot({ path: join(shots, 'sessions-pt-BR.png'), fullPage: true });

    // By keyboard: focus on the other session's "Encerrar", Enter, then confirm in the dialog.
    const revoke = table.getByRole('button', { name: /^Encerrar a sessão/ });
    await revoke.focus();
    await phone.keyboard.press('Enter');
    const dialog = phone.getByRole('dialog');
    await dialog.waitFor();
    await phone.screenshot({ path: join(shots, 'sessions-confirm-pt-BR.png') });
    await dialog.getByRole('button', { name: 'Encerrar' }).click();
    await phone
      .getByRole('status')
      .getByText(/^Sessão em .* encerrada\.$/)
      .waitFor();
    await eventually('one session left', async () => (await table.getByRole('row').count()) === 2);

    // The laptop's sockets were closed with session_ended: the sign-in screen says why, within seconds.
    await laptop
      .getByRole('status')
      .getByText('Sua sessão foi encerrada', { exact: false })
      .waitFor({ timeout: 10_000 });
    await laptop.getByLabel('E-mail').waitFor();
    await laptop.screenshot({ path: join(shots, 'session-ended-pt-BR.png') });

    // "Sair de todos os dispositivos" signs the phone out too.
    await phone.getByRole('button', { name: 'Sair de todos os dispositivos' }).click();
    await phone.getByRole('dialog').getByRole('button', { name: 'Sair de todos os dispositivos' }).click();
    await phone.getByLabel('E-mail').waitFor({ timeout: 10_000 });
    const left = await ownerQuery(
      `select 1 from user_sessions s join users u on u.id = s.user_id where u.email = $1 and s.revoked_at is null`,
      [CARLA.email],
    );
    expect(left).toHaveLength(0);
    // And a reload stays signed out: the cookie was cleared.
    await phone.reload();
    await phone.getByLabel('E-mail').waitFor();
    await signIn(phone, stack, CARLA);

    // "Sair" ends the session on the server and shows the plain sign-in screen (no "ended" notice).
    const openSessions = () =>
      ownerQuery(
        `select 1 from user_sessions s join users u on u.id = s.user_id where u.email = $1 and s.revoked_at is null`,
        [CARLA.email],
      );
    expect(await openSessions()).toHaveLength(1);
    await openAccountMenu(phone);
    await phone.getByRole('button', { name: 'Sair', exact: true }).click();
    await phone.getByLabel('E-mail').waitFor();
    expect(await openSessions()).toHaveLength(0);
    expect(await phone.getByText('Sua sessão foi encerrada', { exact: false }).count()).toBe(0);
  }, 120_000);

  it('a role change closes the sockets with role_changed: the app refreshes, reconnects and shows the new role', async () => {
    const [ANA] = DEMO_TENANT.users as [(typeof DEMO_TENANT.users)[number]];
    const page = await agentPage(browser, stack, BRUNO);
    await page.context().addInitScript(WATCH_LOGIN);
    await page.reload();
    await page.getByRole('status').getByText('Caixa de entrada: Conectado').waitFor();
    expect(await page.getByRole('link', { name: 'Administração' }).count()).toBe(0);
    const composer = page.getByLabel('Responder', { exact: true });
    const customer = await widgetCustomer(stack, 'Cliente da Promoção');
    customer.socket.client.send('Olá');
    await openFromQueue(page, 'Cliente da Promoção');
    await composer.fill('Rascunho antes da promoção');

    const admin = await agentToken(stack, ANA.email, ANA.password);
    const users = await api<{ users: { id: string; email: string }[] }>(stack, '/api/admin/users', {
      headers: { authorization: `Bearer ${admin}` },
    });
    const bruno = users.body.users.find((u) => u.email === BRUNO.email);
    const changed = await api(stack, `/api/admin/users/${bruno?.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${admin}` },
      body: JSON.stringify({ role: 'supervisor' }),
    });
    expect(changed.status).toBe(200);

    // Within seconds the top bar offers the admin screens a supervisor has; nothing else changed.
    await page.getByRole('link', { name: 'Administração' }).waitFor({ timeout: 10_000 });
    await page.getByRole('status').getByText('Caixa de entrada: Conectado').waitFor();
    customer.socket.client.send('Ainda aí?');
    await page.locator('.bubble.theirs').getByText('Ainda aí?', { exact: true }).waitFor();
    expect(await composer.inputValue()).toBe('Rascunho antes da promoção');
    expect(await sawLogin(page)).toBe(0);
    await page.getByRole('link', { name: 'Administração' }).click();
    await page
      .getByRole('navigation', { name: 'Seções da administração' })
      .getByRole('link', { name: 'Equipes' })
      .waitFor();
    customer.socket.client.close();
    await page.context().close();
  }, 120_000);
});
