// The inbox issue's acceptance in a real browser: two agents (Bruno and Carla, each in their own browser
// context) and a website customer. The customer's message reaches both queues; Bruno takes it and it leaves
// Carla's queue (her "Assumir" goes with it); replies reach the customer in order; notes
// never do; a dropped socket resumes with every message once and the unsent draft kept; canned responses
// via `/`; close then reopen gives a new protocol; long conversations load older pages on scrolling up; and
// axe finds no serious violations on the inbox, conversation and contact panel.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { launchBrowser, pressAcross, seriousA11yViolations } from '../support/browser';
import {
  agentPage,
  conversationRow,
  goOffline,
  goOnline,
  notifications,
  signIn,
  timelineSeqs,
  widgetCustomer,
} from './agent-pages';
import { eventually, startE2eStack } from './stack';

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
  stack = await startE2eStack('agent-inbox');
  browser = await launchBrowser();
  bruno = await agentPage(browser, stack, BRUNO);
  carla = await agentPage(browser, stack, CARLA);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const texts = (c: Awaited<ReturnType<typeof widgetCustomer>>) =>
  c.socket.events.flatMap((e) => (e.event.type === 'message.created' ? [e.event.message.text] : []));

const QUEUE = /^Na fila/;
const MINE = /^Minhas \d/;
const showView = (page: Page, name: RegExp) =>
  page.getByRole('navigation').getByRole('button', { name }).click();

async function openFromQueue(page: Page, name: string) {
  await showView(page, QUEUE);
  await conversationRow(page, name).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
  await page.locator('.conversation-head').getByRole('status').getByText('Conectado').waitFor();
}

describe('agent inbox', () => {
  it('shows a customer message in both queues; one agent takes it, the other sees it leave', async () => {
    const customer = await widgetCustomer(stack, 'Paula Cliente');
    customer.socket.client.send('Olá, estou sem internet');
    for (const page of [bruno, carla]) {
      await showView(page, QUEUE);
      await conversationRow(page, 'Paula Cliente').getByText('Olá, estou sem internet').waitFor();
    }
    await openFromQueue(carla, 'Paula Cliente');
    await openFromQueue(bruno, 'Paula Cliente');
    await bruno.getByRole('button', { name: 'Assumir' }).click();
    await bruno.locator('.ticket-bar').getByText('Responsável: Bruno Agente').waitFor();
    // It left Carla's queue; being open beside it, it stays listed, marked as no longer in this list.
    await conversationRow(carla, 'Paula Cliente').getByText('Aberta agora — fora desta lista').waitFor();
    await showView(bruno, MINE);
    await conversationRow(bruno, 'Paula Cliente').waitFor();

    // Carla still has it open: it is Bruno's now, so her "Assumir" is gone (a lost race: agent-ticket-rules).
    await carla.locator('.ticket-bar').getByText('Responsável: Bruno Agente').waitFor();
    await carla.getByRole('button', { name: 'Assumir' }).waitFor({ state: 'detached' });

    // Typing is shown both ways.
    customer.socket.client.typing(true);
    await bruno.getByText('Cliente está digitando…').waitFor();
    const composer = bruno.getByLabel('Responder', { exact: true });
    await composer.pressSequentially('Vou');
    await eventually('the customer sees Bruno typing', () =>
      customer.frames.some((f) => f.type === 'typing' && f.on && f.who.name === 'Bruno Agente'),
    );
    await composer.fill('');

    // Replies leave in order; a note in between never reaches the customer.
    for (const text of ['Vou verificar.', 'Reinicie o roteador, por favor.']) {
      await composer.fill(text);
      await composer.press('Enter');
    }
    await bruno.getByLabel('Nota interna').check();
    await bruno.getByLabel('Escrever nota').fill('Cliente VIP, prioridade no técnico');
    await bruno.getByLabel('Escrever nota').press('Enter');
    await bruno.locator('.bubble.note').getByText('Cliente VIP, prioridade no técnico').waitFor();
    await carla.locator('.bubble.note').getByText('Cliente VIP, prioridade no técnico').waitFor();
    await bruno.getByLabel('Mensagem ao cliente').check();
    await composer.fill('Funcionou?');
    await composer.press('Enter');
    await eventually('the customer has every reply', () => texts(customer).includes('Funcionou?'));
    expect(texts(customer)).toEqual([
      'Olá, estou sem internet',
      'Vou verificar.',
      'Reinicie o roteador, por favor.',
      'Funcionou?',
    ]);
    expect(JSON.stringify(customer.socket.events)).not.toContain('Cliente VIP');

    // The customer's reply reaches Bruno's screen; his unread badge clears because he is looking at it.
    customer.socket.client.send('Funcionou sim, obrigada!');
    await bruno.locator('.bubble.theirs').getByText('Funcionou sim, obrigada!').waitFor();
    expect(await seriousA11yViolations(bruno)).toEqual([]);
    customer.socket.client.close();
  });

  it('resumes a dropped conversation socket with every message once and keeps the unsent draft', async () => {
    const customer = await widgetCustomer(stack, 'Rui Offline');
    customer.socket.client.send('Primeira mensagem');
    await openFromQueue(bruno, 'Rui Offline');
    await bruno.getByRole('button', { name: 'Assumir' }).click();
    await bruno.locator('.bubble.theirs').getByText('Primeira mensagem').waitFor();

    await goOffline(bruno);
    await bruno.locator('.conversation-head').getByRole('status').getByText('Reconectando…').waitFor();
    await bruno.getByRole('status').getByText('Caixa de entrada: Reconectando…').waitFor();
    const composer = bruno.getByLabel('Responder', { exact: true });
    await composer.fill('Enviada sem rede');
    await composer.press('Enter');
    await composer.fill('Rascunho que não pode se perder');
    for (const text of ['Segunda', 'Terceira', 'Quarta']) customer.socket.client.send(text);
    await eventually('the customer stored 4 messages', () => customer.socket.acks.size === 4);

    await goOnline(bruno);
    await bruno.locator('.conversation-head').getByRole('status').getByText('Conectado').waitFor();
    await bruno.locator('.bubble.theirs').getByText('Quarta').waitFor();
    await bruno.locator('li[data-seq] .bubble.mine').getByText('Enviada sem rede').waitFor();
    const seqs = await timelineSeqs(bruno);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.at(-1)).toBe(Math.max(...customer.socket.seqs()));
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe((seqs[i - 1] as number) + 1);
    expect(await composer.inputValue()).toBe('Rascunho que não pode se perder');
    await eventually('the customer got the message sent offline, once', () =>
      texts(customer).includes('Enviada sem rede'),
    );
    expect(texts(customer).filter((t) => t === 'Enviada sem rede')).toHaveLength(1);

    // The inbox socket resumed too: a new customer still shows up in the queue.
    const next = await widgetCustomer(stack, 'Depois da Queda');
    next.socket.client.send('Alguém aí?');
    await showView(bruno, QUEUE);
    await conversationRow(bruno, 'Depois da Queda').waitFor();

    // Sent while offline, then the tab closed: the next session delivers it, once.
    await showView(bruno, MINE);
    await conversationRow(bruno, 'Rui Offline').click();
    await bruno.locator('.conversation-head').getByRole('status').getByText('Conectado').waitFor();
    await goOffline(bruno);
    await composer.fill('Escrita antes de fechar a aba');
    await composer.press('Enter');
    await bruno.locator('li[data-pending]').getByText('Escrita antes de fechar a aba').waitFor();
    const context = bruno.context();
    await bruno.close();
    await context.setOffline(false);
    bruno = await signIn(await context.newPage(), stack, BRUNO);
    await eventually('the customer got what was sent before the tab closed', () =>
      texts(customer).includes('Escrita antes de fechar a aba'),
    );
    expect(texts(customer).filter((t) => t === 'Escrita antes de fechar a aba')).toHaveLength(1);
    customer.socket.client.close();
    next.socket.client.close();
  });

  it('fills a canned response picked with /, and a closed then reopened ticket gets a new protocol', async () => {
    const customer = await widgetCustomer(stack, 'Marta Canned');
    customer.socket.client.send('Bom dia');
    await openFromQueue(bruno, 'Marta Canned');
    await bruno.getByRole('button', { name: 'Assumir' }).click();
    const composer = bruno.getByLabel('Responder', { exact: true });
    await composer.fill('/ol');
    await bruno.getByRole('option', { name: /\/ola/ }).waitFor();
    await composer.press('Enter');
    await expect
      .poll(() => composer.inputValue())
      .toBe('Olá Marta Canned, aqui é Bruno Agente. Como posso ajudar?');
    await composer.press('Enter');
    await eventually('the customer got the canned reply', () =>
      texts(customer).includes('Olá Marta Canned, aqui é Bruno Agente. Como posso ajudar?'),
    );

    const protocol = () => bruno.locator('.conversation-head .protocol strong').textContent();
    await expect.poll(protocol).toBe(customer.protocol);
    const first = await protocol();
    await bruno.locator('body').press('Alt+E'); // the shortcut for Encerrar, confirmed with Enter
    await bruno.getByRole('dialog', { name: 'Encerrar o atendimento?' }).waitFor();
    await bruno.keyboard.press('Enter');
    await bruno.locator('.system-line').getByText(`encerrou o atendimento · protocolo ${first}`).waitFor();
    await bruno.getByRole('button', { name: 'Reabrir' }).click();
    await expect.poll(protocol).not.toBe(first);
    const second = await protocol();
    await bruno.locator('.system-line').getByText(`novo protocolo ${second}`).waitFor();
    const panel = bruno.getByRole('complementary', { name: 'Contato' });
    // Exact: the ticket metrics' heading ("Este atendimento · <protocol>") holds the newest protocol too.
    await panel.getByText(first as string, { exact: true }).waitFor();
    await panel.getByText(second as string, { exact: true }).waitFor();
    expect(await seriousA11yViolations(bruno)).toEqual([]);
    customer.socket.client.close();
  });

  it('notifies the assigned agent elsewhere, moves with Alt+↓, and hands the customer to a colleague', async () => {
    const customer = await widgetCustomer(stack, 'Nina Aviso');
    customer.socket.client.send('Oi');
    await openFromQueue(bruno, 'Nina Aviso');
    await bruno.getByRole('button', { name: 'Assumir' }).click();
    await bruno.locator('.ticket-bar').getByText('Responsável: Bruno Agente').waitFor();
    await showView(bruno, MINE);
    await conversationRow(bruno, 'Nina Aviso').waitFor();

    // Alt+↓ / Alt+↑ open the next / previous conversation of the list on screen.
    const names = await bruno.locator('.conversation-list .name').allTextContents();
    const at = names.indexOf('Nina Aviso');
    expect(names.length).toBeGreaterThan(1);
    const down = at < names.length - 1;
    await bruno.locator('body').press(down ? 'Alt+ArrowDown' : 'Alt+ArrowUp');
    await bruno.getByRole('heading', { name: names[down ? at + 1 : at - 1] as string, level: 2 }).waitFor();

    customer.socket.client.send('Tem alguém aí?');
    await eventually('a desktop notification', async () =>
      (await notifications(bruno)).some(
        (n) => n.title === 'Nova mensagem de Nina Aviso' && n.body === 'Tem alguém aí?',
      ),
    );
    await conversationRow(bruno, 'Nina Aviso').getByText('1 mensagem não lida').waitFor();

    // Carla steps away; Bruno sees it in the transfer menu and still hands her the customer.
    await carla.getByLabel('Meu status').selectOption('away');
    await conversationRow(bruno, 'Nina Aviso').click();
    await conversationRow(bruno, 'Nina Aviso')
      .getByText('1 mensagem não lida')
      .waitFor({ state: 'detached' });
    await bruno.getByRole('button', { name: 'Transferir' }).click();
    const toAgent = bruno.getByLabel('Para o agente');
    await expect.poll(() => toAgent.locator('option').allTextContents()).toContain('Carla Agente — Ausente');
    await toAgent.selectOption({ label: 'Carla Agente — Ausente' });
    await bruno.getByRole('button', { name: 'Confirmar' }).click();
    await bruno.locator('.system-line').getByText('Bruno Agente atribuiu a Carla Agente').waitFor();
    await showView(carla, MINE);
    await conversationRow(carla, 'Nina Aviso').click();
    await carla.getByRole('heading', { name: 'Nina Aviso', level: 2 }).waitFor();

    // Priority and tags.
    await carla.getByLabel('Prioridade').selectOption('5');
    await carla.locator('.system-line').getByText('Carla Agente mudou a prioridade para Urgente').waitFor();
    await carla.getByLabel('Nova etiqueta').fill('fibra');
    await carla.getByLabel('Nova etiqueta').press('Enter');
    await carla.locator('.system-line').getByText('Carla Agente definiu as etiquetas: fibra').waitFor();
    await conversationRow(carla, 'Nina Aviso').getByText('Urgente').waitFor();
    await carla.getByRole('button', { name: 'Remover etiqueta fibra' }).waitFor();

    // The contact panel: a bad CPF is refused with the reason, a good one is saved.
    const panel = carla.getByRole('complementary', { name: 'Contato' });
    await panel.getByLabel('CPF/CNPJ').fill('123');
    await panel.getByRole('button', { name: 'Salvar contato' }).click();
    await panel.getByRole('alert').waitFor();
    await panel.getByLabel('CPF/CNPJ').fill('123.456.789-09');
    await panel.getByRole('button', { name: 'Salvar contato' }).click();
    await panel.getByText('Contato salvo.').waitFor();
    expect(await panel.getByLabel('CPF/CNPJ').inputValue()).toBe('123.456.789-09');
    await carla.getByLabel('Meu status').selectOption('online');
    customer.socket.client.close();
  });

  it('opens a long conversation at its end and loads older pages when scrolling up', async () => {
    const customer = await widgetCustomer(stack, 'Longa Conversa');
    for (let i = 1; i <= 260; i++) customer.socket.client.send(`mensagem ${i}`);
    await eventually('260 stored', () => customer.socket.acks.size === 260);
    await openFromQueue(carla, 'Longa Conversa');
    await carla.locator('li[data-seq="260"]').waitFor();
    expect(await carla.locator('ol.timeline > li').count()).toBeLessThan(80); // virtualised
    const scroller = carla.locator('.scroller');
    for (let i = 0; i < 40 && (await carla.locator('li[data-seq="1"]').count()) === 0; i++) {
      await scroller.evaluate((el) => {
        el.scrollTop = 0;
      });
      await carla.waitForTimeout(100);
    }
    await carla.locator('li[data-seq="1"]').getByText('mensagem 1', { exact: true }).waitFor();
    await carla.getByText('Início da conversa').waitFor();
    const seqs = await timelineSeqs(carla);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe((seqs[i - 1] as number) + 1);
    customer.socket.client.close();
  });

  it('finds a conversation by the customer’s name and opens it from the results', async () => {
    await carla.getByLabel('Buscar conversas').fill('Marta');
    await carla.getByRole('heading', { name: /Resultados da busca/ }).waitFor();
    await carla
      .locator('.search')
      .getByRole('button', { name: /Marta Canned/ })
      .click();
    await carla.getByRole('heading', { name: 'Marta Canned', level: 2 }).waitFor();
    await carla.getByRole('button', { name: 'Limpar busca' }).click();
    await carla.keyboard.press('?');
    await carla.getByRole('dialog', { name: 'Atalhos de teclado' }).waitFor();
    expect(await seriousA11yViolations(carla)).toEqual([]);
    await carla.keyboard.press('Escape');
    await carla.keyboard.press('Alt+R');
    expect(await carla.evaluate(() => document.activeElement?.id)).toBe('composer');
  });

  it('a click that spans an update of its row (a new message arriving) still opens the conversation', async () => {
    const customer = await widgetCustomer(stack, 'Clique Durante');
    customer.socket.client.send('Primeira mensagem');
    await showView(carla, QUEUE);
    const row = conversationRow(carla, 'Clique Durante');
    await row.getByText('Primeira mensagem').waitFor();
    const before = await row.boundingBox();
    // The row updates under the pointer, in the same place.
    await pressAcross(carla, row, async () => {
      customer.socket.client.send('Segunda mensagem');
      await row.getByText('Segunda mensagem').waitFor();
      expect((await row.boundingBox())?.y).toBe(before?.y);
    });
    await carla.getByRole('heading', { name: 'Clique Durante', level: 2 }).waitFor({ timeout: 5_000 });
    customer.socket.client.close();
  });
});
