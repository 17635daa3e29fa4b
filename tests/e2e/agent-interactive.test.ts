// Reply buttons, end to end (issue 12). An agent builds three reply buttons in the browser's builder (the
// counters and the disabled Send say what is wrong first) and sends them; the Graph API simulator receives
// Meta's interactive shape exactly; the simulated customer taps one and the webhook comes back as Meta sends
// it; the agent's timeline shows the tap as the customer's choice, linked to the message it answered. The
// bot on a Cloud number asks its menus with buttons too, and a tap picks the option. Screenshots at desktop
// width and at 390 px go to .fio/screenshots (or FIO_SHOTS_DIR).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NUMBER, type Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import type { SentRecord } from '../../scripts/whatsapp-simulator/types';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { agentPage, conversationRow } from './agent-pages';
import { agentToken, eventually, startE2eStack } from './stack';
import { connectCloudNumber, type TestNumber } from './whatsapp-helpers';

const SHOTS = process.env.FIO_SHOTS_DIR ?? '.fio/screenshots';
const [ADMIN, BRUNO] = DEMO_TENANT.users as unknown as [
  (typeof DEMO_TENANT.users)[number],
  (typeof DEMO_TENANT.users)[number],
];

let stack: Stack;
let browser: Browser;
let bruno: Page;
let number: TestNumber;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // The bot on for the seeded numbers (its scenario); the agents' number is a new one, without the bot.
  stack = await startE2eStack('agent-interactive', 100, { bot: true });
  const admin = await agentToken(stack, ADMIN.email, ADMIN.password);
  number = await connectCloudNumber(stack, admin, { pairIntervalMs: 0, pairBurst: 100 });
  browser = await launchBrowser();
  bruno = await agentPage(browser, stack, BRUNO);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `p3-${name}.png`) });

/** The newest message the simulator received for this customer on this number. */
async function sentTo(address: string, phone: string, count: number): Promise<SentRecord> {
  const all = await stack.whatsapp.whenSent(count, { address, to: phone }, 30_000);
  return all.at(-1) as SentRecord;
}

describe('reply buttons sent by an agent', () => {
  it('are built in the browser, reach WhatsApp in Meta’s shape, and the tap shows as the customer’s choice', async () => {
    const phone = '5531997770001';
    const inbound = await stack.whatsapp.inbound({
      phoneNumberId: number.phoneNumberId,
      from: phone,
      name: 'Joana Botões',
      text: 'Oi, quero pagar minha fatura',
    });
    expect(inbound.status).toBe(200);

    await bruno
      .getByRole('navigation')
      .getByRole('button', { name: /^Na fila/ })
      .click();
    await conversationRow(bruno, 'Joana Botões').click();
    await bruno.getByRole('heading', { name: 'Joana Botões', level: 2 }).waitFor();

    await bruno.getByRole('button', { name: 'Botões', exact: true }).click();
    const dialog = bruno.getByRole('dialog', { name: 'Mensagem com botões ou lista' });
    await dialog.waitFor();
    const send = dialog.getByRole('button', { name: 'Enviar', exact: true });
    // Nothing written yet: Send is disabled and says why.
    expect(await send.isDisabled()).toBe(true);
    await dialog.getByText('Escreva o texto da mensagem.').waitFor();

    await dialog.getByLabel('Texto da mensagem').fill('Como prefere pagar a fatura de julho?');
    await dialog.getByLabel('Botão 1', { exact: true }).fill('Pix');
    await dialog.getByLabel('Botão 2', { exact: true }).fill('Boleto');
    await dialog.getByRole('button', { name: 'Adicionar botão' }).click();
    // A fourth button cannot be added.
    expect(await dialog.getByRole('button', { name: 'Adicionar botão' }).isDisabled()).toBe(true);
    const third = dialog.getByLabel('Botão 3', { exact: true });
    await third.fill('Cartão de crédito em 3x');
    // Over WhatsApp's 20 characters: the counter turns red, Send stays disabled with the reason.
    await dialog.getByText('Botão 3: no máximo 20 caracteres.').waitFor();
    expect(await send.isDisabled()).toBe(true);
    expect(await third.getAttribute('aria-invalid')).toBe('true');
    const counterColor = await dialog
      .locator('.counter.over')
      .first()
      .evaluate((el) => getComputedStyle(el).color);
    expect(counterColor).toBe('rgb(164, 0, 15)');
    await shot(bruno, 'builder-too-long-desktop');
    await third.fill('Cartão');
    expect(await send.isEnabled()).toBe(true);
    // The live preview shows what the customer gets.
    const preview = dialog.locator('.ib-preview');
    expect(await preview.locator('.interactive-buttons li').allTextContents()).toEqual([
      'Pix',
      'Boleto',
      'Cartão',
    ]);
    await shot(bruno, 'builder-desktop');
    expect(await seriousA11yViolations(bruno)).toEqual([]);
    await send.click();
    await dialog.waitFor({ state: 'detached' });

    // The simulator received Meta's interactive object, exactly.
    const sent = await sentTo(number.phoneNumberId, phone, 1);
    expect(sent.type).toBe('interactive');
    expect(sent.interactive?.raw).toEqual({
      type: 'button',
      body: { text: 'Como prefere pagar a fatura de julho?' },
      action: {
        buttons: [
          { type: 'reply', reply: { id: 'botao-1', title: 'Pix' } },
          { type: 'reply', reply: { id: 'botao-2', title: 'Boleto' } },
          { type: 'reply', reply: { id: 'botao-3', title: 'Cartão' } },
        ],
      },
    });

    // The agent's timeline shows the buttons (not clickable: only the customer answers).
    const ours = bruno.locator('.bubble.mine').filter({ hasText: 'Como prefere pagar a fatura de julho?' });
    await ours.waitFor();
    expect(await ours.locator('.interactive-buttons li').allTextContents()).toEqual([
      'Pix',
      'Boleto',
      'Cartão',
    ]);
    expect(await ours.getByRole('button').count()).toBe(0);

    // The customer taps "Boleto": Cloud's interactive button_reply, in reply to our message.
    const tap = await stack.whatsapp.tap({
      externalId: sent.externalId,
      optionId: 'botao-2',
      name: 'Joana Botões',
    });
    expect(tap.status).toBe(200);
    const value = (tap.payload as { entry: { changes: { value: { messages: unknown[] } }[] }[] }).entry[0]
      ?.changes[0]?.value;
    expect(value?.messages[0]).toMatchObject({
      from: phone,
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'botao-2', title: 'Boleto' } },
      context: { id: sent.externalId },
    });

    const choice = bruno.locator('.bubble.theirs .choice').filter({ hasText: 'Boleto' });
    await choice.waitFor();
    expect((await choice.locator('.choice-chip').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      'Escolheu: Boleto',
    );
    await choice
      .getByRole('button', { name: /em resposta a: “Como prefere pagar a fatura de julho\?”/ })
      .waitFor();
    await shot(bruno, 'timeline-desktop');
    expect(await seriousA11yViolations(bruno)).toEqual([]);

    // At 390 px: the timeline, then the builder as a full-screen sheet.
    await bruno.setViewportSize({ width: 390, height: 844 });
    await choice.waitFor();
    await bruno.locator('.timeline').screenshot({ path: join(SHOTS, 'p3-timeline-390.png') });
    await bruno.getByRole('button', { name: 'Botões', exact: true }).click();
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: /Lista/ }).check();
    await dialog.getByLabel('Texto da mensagem').fill('Escolha o melhor horário para a visita técnica');
    await dialog.getByLabel('Opção 1', { exact: true }).fill('Manhã');
    await dialog.getByLabel('Descrição da opção 1 (opcional)').fill('Das 8h às 12h');
    await dialog.getByLabel('Opção 2', { exact: true }).fill('Tarde');
    await dialog.getByLabel('Opção 3', { exact: true }).fill('Sábado');
    // The builder fits the phone's width (the page behind it is the responsive part's concern).
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await shot(bruno, 'builder-list-390');
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await dialog.waitFor({ state: 'detached' });
    await bruno.setViewportSize({ width: 1400, height: 900 });
  });
});

describe('the bot on a Cloud number', () => {
  it('asks its main menu as a list and the sector as reply buttons; taps pick the options', async () => {
    const phone = '5531997770002';
    const address = DEMO_NUMBER.phoneNumberId;
    const says = async (text: string) => {
      const res = await stack.whatsapp.inbound({
        phoneNumberId: address,
        from: phone,
        name: 'Bruno Cliente',
        text,
      });
      expect(res.status).toBe(200);
    };
    const find = (pattern: RegExp) =>
      stack.whatsapp.sent({ address, to: phone }).find((s) => pattern.test(s.text ?? ''));
    const waitFor = async (pattern: RegExp): Promise<SentRecord> => {
      await eventually(`a send matching ${pattern}`, () => find(pattern) !== undefined, 60_000).catch(
        (err) => {
          // Say what the customer did get (and what the simulator refused), so a failure reads like the chat.
          const got = stack.whatsapp
            .attempts({ address, to: phone })
            .map((a) => `${a.status} ${a.type} ${a.text}`);
          throw new Error(`${(err as Error).message} (got: ${JSON.stringify(got)})`);
        },
      );
      return find(pattern) as SentRecord;
    };
    await says('oi');
    await waitFor(/CPF ou o CNPJ/);
    await says('111.444.777-35'); // a customer of the simulated ERP
    const menu = await waitFor(/Como posso ajudar/);
    expect(menu.type).toBe('interactive');
    expect(menu.interactive?.raw).toEqual({
      type: 'list',
      body: { text: 'Como posso ajudar? Responda com o número ou escreva o que precisa:' },
      action: {
        button: 'Ver opções',
        sections: [
          {
            rows: [
              { id: 'menu_principal.1', title: '2ª via do boleto' },
              { id: 'menu_principal.2', title: 'Desbloqueio de confiança' },
              {
                id: 'menu_principal.3',
                title: 'Sem conexão / internet…',
                description: 'Sem conexão / internet lenta',
              },
              { id: 'menu_principal.4', title: 'Falar com atendente' },
              { id: 'menu_principal.5', title: 'Outras dúvidas' },
            ],
          },
        ],
      },
    });
    // The customer picks a row: list_reply with its id, which the bot takes as the option itself.
    const pick = await stack.whatsapp.tap({ externalId: menu.externalId, optionId: 'menu_principal.4' });
    expect(pick.status).toBe(200);
    const sectors = await waitFor(/Com qual setor/);
    expect(sectors.interactive?.raw).toEqual({
      type: 'button',
      body: { text: 'Com qual setor você quer falar?' },
      action: {
        buttons: [
          { type: 'reply', reply: { id: 'atendimento_setor.1', title: 'Financeiro' } },
          { type: 'reply', reply: { id: 'atendimento_setor.2', title: 'Suporte técnico' } },
          { type: 'reply', reply: { id: 'atendimento_setor.3', title: 'Comercial' } },
        ],
      },
    });
    await stack.whatsapp.tap({ externalId: sectors.externalId, optionId: 'atendimento_setor.2' });
    await waitFor(/transferir você para o suporte técnico/);
  });
});
