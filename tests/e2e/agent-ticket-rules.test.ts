// Issue 12's rough edges of the ticket, in a real browser with two agents (Bruno and Carla, each in their own
// browser context) and a website customer: the ticket bar follows the ticket (both see "Assumir"; one takes
// and the other's button goes, naming who has it; a transfer brings it back; a lost race says who won);
// another agent's ticket is read-only to an agent, and a stale screen that tries anyway gets the server's
// refusal in clear Portuguese with nothing changed; Alt+E asks first (Esc cancels, Enter closes); after a
// take the list moves to "Minhas", and an open conversation that left the view stays listed; the timeline
// keeps the newest message in sight when the bar above grows, does not yank an agent who scrolled up, and
// offers "Novas mensagens ↓".
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { agentPage, conversationRow, widgetCustomer } from './agent-pages';
import { eventually, startE2eStack } from './stack';

const SHOTS = process.env.FIO_SHOTS_DIR ?? '.fio/screenshots';
let stack: Stack;
let browser: Browser;
let bruno: Page;
let carla: Page;
const [, BRUNO, CARLA] = DEMO_TENANT.users as [
  (typeof DEMO_TENANT.users)[number],
  (typeof DEMO_TENANT.users)[number],
  (typeof DEMO_TENANT.users)[number],
];

beforeAll(async () => {
  stack = await startE2eStack('agent-ticket-rules');
  browser = await launchBrowser();
  bruno = await agentPage(browser, stack, BRUNO);
  carla = await agentPage(browser, stack, CARLA);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const QUEUE = /^Na fila/;
const MINE = /^Minhas \d/;
const viewButton = (page: Page, name: RegExp) => page.getByRole('navigation').getByRole('button', { name });
const bar = (page: Page) => page.locator('.ticket-bar');
const take = (page: Page) => bar(page).getByRole('button', { name: 'Assumir' });
const closeButton = (page: Page) => bar(page).getByRole('button', { name: 'Encerrar' });

async function openFromQueue(page: Page, name: string) {
  await viewButton(page, QUEUE).click();
  await conversationRow(page, name).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
  await page.locator('.conversation-head').getByRole('status').getByText('Conectado').waitFor();
}

/**
 * The page's sockets drop and cannot reconnect, while its REST calls still work: a screen that has not
 * heard of the latest change yet (a race lost by a few milliseconds, made to last).
 */
async function stale(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const w = window as unknown as { __fioSockets: WebSocket[]; __fioOffline: boolean };
    w.__fioOffline = true;
    const open = w.__fioSockets.filter((s) => s.readyState <= 1);
    const closed = open.map((s) => new Promise((resolve) => s.addEventListener('close', resolve)));
    for (const s of open) s.close(4000, 'test makes the screen stale');
    await Promise.all(closed);
  });
  await page.getByRole('status').getByText('Caixa de entrada: Reconectando…').waitFor();
}

async function fresh(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __fioOffline: boolean }).__fioOffline = false;
  });
  await page.getByRole('status').getByText('Caixa de entrada: Conectado').waitFor({ timeout: 30_000 });
  await page
    .locator('.conversation-head')
    .getByRole('status')
    .getByText('Conectado')
    .waitFor({ timeout: 30_000 });
}

/** Where the newest timeline row sits against the scroller's viewport (px; ≤ 1 means fully in sight). */
function newestBelowViewport(page: Page): Promise<number> {
  return page.locator('.scroller').evaluate((scroller) => {
    const rows = [...scroller.querySelectorAll('li[data-seq]')];
    const newest = rows.sort(
      (a, b) => Number(b.getAttribute('data-seq')) - Number(a.getAttribute('data-seq')),
    )[0];
    if (!newest) return Number.POSITIVE_INFINITY;
    return newest.getBoundingClientRect().bottom - scroller.getBoundingClientRect().bottom;
  });
}

describe('the ticket bar follows the ticket, and whose ticket an agent may change', () => {
  it('both see "Assumir"; one takes, the other sees who has it; a transfer brings it back; a lost race says who won', async () => {
    const customer = await widgetCustomer(stack, 'Teresa Corrida');
    customer.socket.client.send('Minha conexão caiu');
    await openFromQueue(bruno, 'Teresa Corrida');
    await openFromQueue(carla, 'Teresa Corrida');
    await take(bruno).waitFor();
    await take(carla).waitFor();

    await take(bruno).click();
    await bar(bruno).getByText('Responsável: Bruno Agente').waitFor();
    // The list follows the take: Bruno is moved to "Minhas", with the conversation there, selected.
    await expect.poll(() => viewButton(bruno, MINE).getAttribute('aria-current')).toBe('page');
    expect(await conversationRow(bruno, 'Teresa Corrida').getAttribute('aria-current')).toBe('true');

    // Carla's button goes and her bar names who has it; Bruno's ticket is read-only to her, saying why.
    await bar(carla).getByText('Responsável: Bruno Agente').waitFor();
    await take(carla).waitFor({ state: 'detached' });
    expect(await closeButton(carla).isDisabled()).toBe(true);
    expect(await closeButton(carla).getAttribute('title')).toBe(
      'Este atendimento é de Bruno Agente; só supervisores podem encerrar atendimentos de outros agentes.',
    );
    expect(await bar(carla).getByRole('button', { name: 'Transferir' }).isDisabled()).toBe(true);
    expect(await bar(carla).getByLabel('Prioridade').isDisabled()).toBe(true);
    expect(await bar(carla).getByLabel('Nova etiqueta').isDisabled()).toBe(true);
    await bar(carla)
      .getByText(
        'Este atendimento é de Bruno Agente; só supervisores podem alterar atendimentos de outros agentes.',
      )
      .waitFor();
    // Her queue does not say "Nenhuma conversa" beside the open conversation: it stays, marked and selected.
    const kept = conversationRow(carla, 'Teresa Corrida');
    await kept.getByText('Aberta agora — fora desta lista').waitFor();
    expect(await kept.getAttribute('aria-current')).toBe('true');
    await carla.screenshot({ path: `${SHOTS}/p7-others-ticket.png` });
    expect(await seriousA11yViolations(carla)).toEqual([]);

    // Bruno transfers it back to the queue: both bars offer "Assumir" again.
    await bar(bruno).getByRole('button', { name: 'Transferir' }).click();
    await bruno.getByLabel('Para a equipe').selectOption({ label: 'Suporte técnico' });
    await bruno.getByRole('button', { name: 'Confirmar' }).click();
    await take(bruno).waitFor();
    await take(carla).waitFor();
    expect(await closeButton(carla).isDisabled()).toBe(false);

    // A race: Carla's screen has not heard of Bruno's take yet; her "Assumir" loses and says who won.
    await stale(carla);
    await take(bruno).click();
    await bar(bruno).getByText('Responsável: Bruno Agente').waitFor();
    await take(carla).click();
    await bar(carla).getByRole('alert').getByText('Bruno Agente já assumiu esta conversa.').waitFor();
    await take(carla).waitFor({ state: 'detached' });
    await bar(carla).getByText('Responsável: Bruno Agente').waitFor();
    await fresh(carla);
    customer.socket.client.close();
  });

  it("refuses a stale screen's close of another agent's ticket in clear Portuguese, with nothing changed", async () => {
    const customer = await widgetCustomer(stack, 'Ulisses Atrasado');
    customer.socket.client.send('Boleto vencido');
    await openFromQueue(carla, 'Ulisses Atrasado');
    await openFromQueue(bruno, 'Ulisses Atrasado');
    expect(await closeButton(carla).isDisabled()).toBe(false);

    await stale(carla);
    await take(bruno).click();
    await bar(bruno).getByText('Responsável: Bruno Agente').waitFor();
    const before = customer.socket.events.length;
    await closeButton(carla).click();
    await bar(carla)
      .getByRole('alert')
      .getByText(
        'Este atendimento é de Bruno Agente; só supervisores podem encerrar atendimentos de outros agentes.',
      )
      .waitFor();
    // Her bar catches up at once (who has it, close disabled); the ticket is still Bruno's, open.
    await bar(carla).getByText('Responsável: Bruno Agente').waitFor();
    expect(await closeButton(carla).isDisabled()).toBe(true);
    await carla.screenshot({ path: `${SHOTS}/p7-refused-close.png` });
    await fresh(carla);
    await bruno.waitForTimeout(300);
    expect(await bar(bruno).locator('.status').textContent()).not.toBe('Encerrada');
    expect(await closeButton(bruno).isDisabled()).toBe(false);
    const changes = customer.socket.events
      .slice(before)
      .filter((e) => e.event.type === 'ticket.changed' && e.event.change === 'closed');
    expect(changes).toEqual([]);
    customer.socket.client.close();
  });
});

describe('destructive shortcuts confirm', () => {
  it('Alt+E asks first: Esc keeps the ticket open, Enter closes it; on a colleague’s ticket it says why not', async () => {
    const customer = await widgetCustomer(stack, 'Vera Atalho');
    customer.socket.client.send('Pode encerrar');
    await openFromQueue(bruno, 'Vera Atalho');
    await take(bruno).click();
    await bar(bruno).getByText('Responsável: Bruno Agente').waitFor();

    await bruno.locator('body').press('Alt+E');
    const dialog = bruno.getByRole('dialog', { name: 'Encerrar o atendimento?' });
    await dialog.getByText(/O atendimento de Vera Atalho \(protocolo \d+\) será encerrado\./).waitFor();
    expect(await bruno.evaluate(() => document.activeElement?.textContent)).toBe('Encerrar');
    await bruno.screenshot({ path: `${SHOTS}/p7-confirm-close.png` });
    await bruno.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await bruno.waitForTimeout(300);
    expect(await closeButton(bruno).isVisible()).toBe(true); // still open: nothing was closed

    // Carla, on Bruno's ticket: the same shortcut only explains.
    await carla.goto(`${stack.workerUrl}/conversations/${customer.conversationId}`);
    await bar(carla).getByText('Responsável: Bruno Agente').waitFor();
    await carla.locator('body').press('Alt+E');
    const refusal = carla.getByRole('dialog', { name: 'Encerrar o atendimento?' });
    await refusal
      .getByText(
        'Este atendimento é de Bruno Agente; só supervisores podem encerrar atendimentos de outros agentes.',
      )
      .waitFor();
    expect(await refusal.getByRole('button', { name: 'Encerrar' }).count()).toBe(0);
    await carla.keyboard.press('Enter'); // dismisses
    await refusal.waitFor({ state: 'hidden' });

    await bruno.locator('body').press('Alt+E');
    await dialog.waitFor();
    await bruno.keyboard.press('Enter');
    await bruno
      .locator('.system-line')
      .getByText(/encerrou o atendimento/)
      .waitFor();
    await bar(bruno).getByRole('button', { name: 'Reabrir' }).waitFor();
    await eventually('the customer saw the close', () =>
      customer.socket.events.some((e) => e.event.type === 'ticket.changed' && e.event.change === 'closed'),
    );
    customer.socket.client.close();
  });
});

describe('the timeline stays pinned to the newest message', () => {
  it('keeps the newest in sight when the bar grows, does not yank an agent who scrolled up, and jumps down', async () => {
    const customer = await widgetCustomer(stack, 'Wagner Rolagem');
    for (let i = 1; i <= 60; i++) customer.socket.client.send(`linha ${i} da conversa longa`);
    await eventually('60 stored', () => customer.socket.acks.size === 60);
    await openFromQueue(bruno, 'Wagner Rolagem');
    await take(bruno).click();
    await bar(bruno).getByText('Responsável: Bruno Agente').waitFor();
    await expect.poll(() => newestBelowViewport(bruno)).toBeLessThanOrEqual(1);

    // The bar grows (the transfer form opens inside it): the newest message is still in sight.
    const heightBefore = await bar(bruno).evaluate((el) => el.getBoundingClientRect().height);
    await bar(bruno).getByRole('button', { name: 'Transferir' }).click();
    await bruno.getByRole('heading', { name: 'Transferir ou atribuir' }).waitFor();
    expect(await bar(bruno).evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(
      heightBefore + 40,
    );
    await expect.poll(() => newestBelowViewport(bruno)).toBeLessThanOrEqual(1);
    // Tags make it wrap taller still.
    await bar(bruno).getByRole('button', { name: 'Cancelar' }).click();
    for (const tag of ['fibra-optica-residencial', 'cliente-antigo-vip', 'sem-sinal-desde-ontem']) {
      await bar(bruno).getByLabel('Nova etiqueta').fill(tag);
      await bar(bruno).getByLabel('Nova etiqueta').press('Enter');
      await bar(bruno)
        .getByRole('button', { name: `Remover etiqueta ${tag}` })
        .waitFor();
    }
    await expect.poll(() => newestBelowViewport(bruno)).toBeLessThanOrEqual(1);
    await bruno.screenshot({ path: `${SHOTS}/p7-timeline-pinned.png` });

    // Scrolled up to read: a new message does not move the view, and the jump button counts it.
    const scroller = bruno.locator('.scroller');
    await scroller.evaluate((el) => {
      el.scrollTop = Math.max(0, el.scrollTop - 600);
    });
    // What the agent reads is the row at the top of the view: it must stay put on screen. (scrollTop itself
    // may shift when the virtualizer measures rows above the view for the first time and compensates.)
    const readingRow = () =>
      scroller.evaluate((el) => {
        const top = el.getBoundingClientRect().top;
        const rows = [...el.querySelectorAll<HTMLElement>('li[data-seq]')];
        const row = rows.find((r) => r.getBoundingClientRect().top >= top);
        return row ? { seq: row.dataset.seq, top: row.getBoundingClientRect().top - top } : null;
      });
    const reading = await readingRow();
    expect(reading).not.toBeNull();
    customer.socket.client.send('mensagem nova enquanto lia');
    const jump = bruno.getByRole('button', { name: '1 nova mensagem ↓' });
    await jump.waitFor();
    const stillReading = await scroller.evaluate((el, seq) => {
      const row = el.querySelector<HTMLElement>(`li[data-seq="${seq}"]`);
      return row ? row.getBoundingClientRect().top - el.getBoundingClientRect().top : null;
    }, reading?.seq);
    expect(stillReading).not.toBeNull();
    expect(Math.abs((stillReading ?? 0) - (reading?.top ?? 0))).toBeLessThan(2);
    expect(await newestBelowViewport(bruno)).toBeGreaterThan(100);
    await bruno.screenshot({ path: `${SHOTS}/p7-new-messages-button.png` });
    await jump.click();
    await expect.poll(() => newestBelowViewport(bruno)).toBeLessThanOrEqual(1);
    await bruno.locator('li[data-seq]').getByText('mensagem nova enquanto lia').waitFor();
    await jump.waitFor({ state: 'detached' });

    // Pinned again: the next message is followed.
    customer.socket.client.send('e mais uma');
    await bruno.locator('li[data-seq]').getByText('e mais uma').waitFor();
    await expect.poll(() => newestBelowViewport(bruno)).toBeLessThanOrEqual(1);
    customer.socket.client.close();
  });

  it('asks on a phone too (390 px): the dialog fits the screen', async () => {
    await bruno.setViewportSize({ width: 390, height: 844 });
    await bruno.locator('body').press('Alt+E');
    const dialog = bruno.getByRole('dialog', { name: 'Encerrar o atendimento?' });
    await dialog.waitFor();
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await bruno.screenshot({ path: `${SHOTS}/p7-phone-confirm.png` });
    await bruno.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await bruno.setViewportSize({ width: 1400, height: 900 });
  });
});
