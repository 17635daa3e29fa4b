// A tenant's numbers as a pool, end to end: number A banned in the WhatsApp simulator (Meta's account_update
// webhook, and sends from A failing with 131031); the open conversation on A shows the banner; the agent
// continues the customer on number B in the browser with an approved template; the simulator receives the
// template from B; both threads belong to the contact and carry the same ticket protocol; the conversation
// headers and the inbox rows link the two threads. The banner appears on a conversation already open when the
// ban arrives (no reload). Screenshots at desktop width and 390 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { launchBrowser } from '../support/browser';
import { ACME } from '../support/fixtures';
import { agentPage } from './agent-pages';
import { agentToken, api, eventually, startE2eStack } from './stack';
import {
  conversationOf,
  createCloudChannel,
  ownerQuery,
  simulatorNumber,
  type TestNumber,
} from './whatsapp-helpers';

const SHOTS = process.env.FIO_SHOTS_DIR ?? '.fio/screenshots';
const [acmeAdmin] = ACME.users as [(typeof ACME.users)[number]];
const CUSTOMER = '5531977770001';

let stack: Stack;
let browser: Browser;
let admin: string;
let numberA: TestNumber;
let numberB: TestNumber;

async function connect(name: string): Promise<TestNumber> {
  const number = simulatorNumber(stack);
  const res = await createCloudChannel(stack, admin, number, { name });
  if (res.status !== 201) throw new Error(`create channel: ${res.status} ${JSON.stringify(res.body)}`);
  return { channelId: res.body.channel.id, ...number };
}

beforeAll(async () => {
  stack = await startE2eStack('number-pool');
  browser = await launchBrowser();
  admin = await agentToken(stack, acmeAdmin.email, acmeAdmin.password);
  numberA = await connect('Vendas A');
  numberB = await connect('Suporte B');
  const sync = await api(stack, `/api/channels/${numberB.channelId}/templates/sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}` },
  });
  expect(sync.status).toBe(200);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function shoot(page: Page, name: string, part = 'p5'): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${part}-${name}.png`, fullPage: false });
}

/** The inbox list's row of a conversation (its button and, under it, the link to a continued thread). */
const listRow = (page: Page, conversationId: string) =>
  page
    .locator('.conversation-list li')
    .filter({ has: page.locator(`[data-conversation="${conversationId}"]`) });

describe('numbers as a pool', () => {
  it('number A banned: the agent continues the customer on number B in one step', async () => {
    const inbound = await stack.whatsapp.inbound({
      phoneNumberId: numberA.phoneNumberId,
      from: CUSTOMER,
      name: 'Ana Pereira',
      text: 'Minha internet caiu de novo',
    });
    expect(inbound.status).toBe(200);
    const convA = await conversationOf(stack, numberA.channelId, CUSTOMER);

    // The agent has the conversation open, its number still healthy: no banner.
    const page = await agentPage(browser, stack, acmeAdmin);
    await page.goto(`${stack.workerUrl}/conversations/${convA}`);
    await page.locator('.conversation').getByText('Minha internet caiu de novo').first().waitFor();
    expect(await page.getByTestId('number-down').count()).toBe(0);
    await page.evaluate(() => {
      (window as unknown as { notReloaded?: boolean }).notReloaded = true;
    });

    // Meta bans A (the simulator's control API): the account_update reaches the worker, A turns unhealthy.
    const ban = await fetch(`${stack.whatsapp.url}/_sim/numbers/${numberA.phoneNumberId}/ban`, {
      method: 'POST',
    });
    expect(ban.status).toBe(200);
    expect(((await ban.json()) as { webhook: { status: number } }).webhook.status).toBe(200);
    const [health] = await ownerQuery<{ health_status: string; health_code: string }>(
      stack,
      'select health_status, health_code from channels where id = $1',
      [numberA.channelId],
    );
    expect(health).toEqual({ health_status: 'unhealthy', health_code: 'banned' });
    const [healthB] = await ownerQuery<{ health_status: string }>(
      stack,
      'select health_status from channels where id = $1',
      [numberB.channelId],
    );
    expect(healthB?.health_status).toBe('healthy');

    // The open conversation says so at once, in the agent's words, without a reload.
    const banner = page.getByTestId('number-down');
    await banner.getByText('Este número está indisponível (banido pela Meta)').waitFor();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    await shoot(page, 'banner-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'banner-390');
    await page.setViewportSize({ width: 1400, height: 900 });

    // Continue on B with an approved template of B and its parameter.
    await banner.getByRole('button', { name: 'Continuar em outro número' }).click();
    await expect(banner.getByLabel('Número').inputValue()).resolves.toBe(numberB.channelId);
    await banner.getByLabel('Modelo aprovado').selectOption('boas_vindas|pt_BR');
    await banner.getByLabel('Parâmetro {{1}}').fill('Ana');
    await banner.getByText('Olá Ana, aqui é a equipe de suporte. Como podemos ajudar?').waitFor();
    await shoot(page, 'continue-form');
    await banner.getByRole('button', { name: 'Enviar modelo e continuar' }).click();

    // The new thread opens, linked to the old one.
    await page.waitForURL(
      (url) => url.pathname.startsWith('/conversations/') && !url.pathname.endsWith(convA),
    );
    const convB = new URL(page.url()).pathname.split('/').pop() as string;
    await page.getByTestId('continuation-link').getByText('Continuação do número Vendas A').waitFor();
    // The inbox shows them linked: B's row marks where it came from, and the mark opens A, whose row marks
    // where it went on.
    const rowB = listRow(page, convB).getByTestId('row-continuation');
    await rowB.getByText('Continuação do número Vendas A').waitFor();
    await shoot(page, 'continued-desktop');
    await shoot(page, 'list-linked-desktop', 'f1');
    await rowB.click();
    await page.waitForURL((url) => url.pathname.endsWith(convA));
    const rowA = listRow(page, convA).getByTestId('row-continuation');
    await rowA.getByText('Continuado no número Suporte B').waitFor();
    await rowA.click();
    await page.waitForURL((url) => url.pathname.endsWith(convB));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.workerUrl}/?view=mine`);
    await listRow(page, convB).getByTestId('row-continuation').waitFor();
    await shoot(page, 'list-linked-390', 'f1');
    await page.setViewportSize({ width: 1400, height: 900 });

    // The simulator (Meta) received the template from B, rendered.
    const sent = await stack.whatsapp.whenSent(1, { address: numberB.phoneNumberId, to: CUSTOMER }, 15_000);
    expect(sent.map((s) => [s.type, s.text])).toEqual([
      ['template', 'Olá Ana, aqui é a equipe de suporte. Como podemos ajudar?'],
    ]);

    // Both threads belong to the contact; the ticket goes on with the same protocol.
    const threads = await ownerQuery<{
      id: string;
      channel_id: string;
      contact_id: string;
      continued_from_conversation_id: string | null;
    }>(
      stack,
      'select id, channel_id, contact_id, continued_from_conversation_id from conversations where id in ($1, $2) order by created_at',
      [convA, convB],
    );
    expect(threads.map((t) => [t.id, t.channel_id, t.continued_from_conversation_id])).toEqual([
      [convA, numberA.channelId, null],
      [convB, numberB.channelId, convA],
    ]);
    expect(threads[0]?.contact_id).toBe(threads[1]?.contact_id);
    type TicketRow = {
      id: string;
      conversation_id: string;
      protocol: string;
      status: string;
      continued_from_ticket_id: string | null;
      continued_in_conversation_id: string | null;
    };
    let tickets: TicketRow[] = [];
    await eventually('the old ticket closed as continued', async () => {
      const rows = await ownerQuery<{
        id: string;
        conversation_id: string;
        protocol: string;
        status: string;
        continued_from_ticket_id: string | null;
        continued_in_conversation_id: string | null;
      }>(
        stack,
        `select id, conversation_id, protocol, status, continued_from_ticket_id, continued_in_conversation_id
           from tickets where conversation_id in ($1, $2) order by opened_at`,
        [convA, convB],
      );
      tickets = rows;
      return rows.length === 2 && rows[0]?.status === 'closed';
    });
    const [oldT, newT] = tickets as [TicketRow, TicketRow];
    expect(oldT).toMatchObject({
      conversation_id: convA,
      status: 'closed',
      continued_in_conversation_id: convB,
    });
    expect(newT).toMatchObject({
      conversation_id: convB,
      protocol: oldT.protocol,
      continued_from_ticket_id: oldT.id,
    });

    // The old thread links to the new one, and the link opens it.
    await page.goto(`${stack.workerUrl}/conversations/${convA}`);
    const toB = page.getByTestId('continuation-link').getByText('Continuado no número Suporte B');
    await toB.waitFor();
    // A is still banned, but its ticket went on in B: the banner says so and offers nothing more to do here.
    await page.getByTestId('number-down').getByText('banido pela Meta').waitFor();
    expect(await page.getByRole('button', { name: 'Continuar em outro número' }).count()).toBe(0);
    await shoot(page, 'old-thread-desktop');
    await toB.click();
    await page.waitForURL((url) => url.pathname.endsWith(convB));
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'continued-390');

    // Sends from the banned number fail with Meta's lock error (the simulator plays it).
    const attempt = await fetch(`${stack.whatsapp.url}/v23.0/${numberA.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${numberA.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        to: CUSTOMER,
        type: 'text',
        text: { body: 'oi' },
      }),
    });
    expect(((await attempt.json()) as { error: { code: number } }).error.code).toBe(131031);
    // Unban reinstates A.
    expect(
      (await fetch(`${stack.whatsapp.url}/_sim/numbers/${numberA.phoneNumberId}/unban`, { method: 'POST' }))
        .status,
    ).toBe(200);
    const [healed] = await ownerQuery<{ health_status: string; health_code: string }>(
      stack,
      'select health_status, health_code from channels where id = $1',
      [numberA.channelId],
    );
    expect(healed).toEqual({ health_status: 'healthy', health_code: 'restored' });
    await page.close();
  });
});
