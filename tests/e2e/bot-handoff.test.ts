// Acceptance, people on request: "falar com atendente" at any point of a flow puts the customer in the queue
// of the team they chose, with the reason on the ticket; an agent taking over a conversation the bot is
// handling silences the bot for that ticket (the customer's next messages reach only the agent).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import {
  ASK_DOCUMENT,
  BotCustomer,
  providerAgent,
  startBotStack,
  ticketWhen,
  watchInbox,
} from './bot-helpers';
import { api, eventually } from './stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startBotStack('bot-handoff');
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('hand-off to people', () => {
  it('"falar com atendente" in the middle of a flow → queued to the chosen team, never answered again by the bot', async () => {
    const agent = await providerAgent(stack, 'demo');
    const inbox = await watchInbox(stack, agent);
    const customer = new BotCustomer(stack, 'demo', '5531990000401');
    await customer.say('quero a segunda via');
    await customer.reply(ASK_DOCUMENT);
    const conversationId = await customer.conversationId();
    // Instead of the CPF, the customer asks for a person.
    await customer.say('quero falar com atendente');
    await customer.reply(/Com qual setor/);
    await customer.say('financeiro');
    await customer.reply(/transferir você para o financeiro/);
    const ticket = await ticketWhen(stack, conversationId, 'queued', (t) => t.status === 'queued');
    expect(ticket.team).toBe('Financeiro');
    expect(ticket.handoff_reason).toBeTruthy();
    await expect.poll(() => inbox.latest(conversationId)?.teamName, { timeout: 15_000 }).toBe('Financeiro');
    inbox.close();
  });

  it('an agent taking over silences the bot in that ticket', async () => {
    const agent = await providerAgent(stack, 'demo');
    const customer = new BotCustomer(stack, 'demo', '5531990000402');
    await customer.say('oi, bom dia');
    await customer.reply(ASK_DOCUMENT);
    await customer.settled();
    const conversationId = await customer.conversationId();
    await ticketWhen(stack, conversationId, 'with the bot', (t) => t.status === 'bot');

    const take = await api<{ summary: { status: string } }>(
      stack,
      `/api/conversations/${conversationId}/ticket`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${agent}` },
        body: JSON.stringify({ action: 'take' }),
      },
    );
    expect(take.status).toBe(200);
    expect(take.body.summary.status).toBe('assigned');

    // The customer answers the bot's question (a bad CPF the bot would refuse); only the agent answers now.
    await customer.say('2');
    await customer.say('alguém aí?');
    const reply = await api(stack, `/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent}` },
      body: JSON.stringify({ clientId: crypto.randomUUID(), text: 'Olá, aqui é o Bruno. Vou te ajudar.' }),
    });
    expect(reply.status).toBe(201);
    await customer.reply(/aqui é o Bruno/);

    const all = await customer.events(agent);
    const takenAt = all.find((e) => e.event.type === 'ticket.changed' && e.event.change === 'taken')?.seq;
    expect(takenAt).toBeDefined();
    const botAfter = all.filter(
      (e) =>
        e.seq > (takenAt as number) &&
        e.event.type === 'message.created' &&
        e.event.message.author.kind === 'bot',
    );
    expect(botAfter).toEqual([]);
    await eventually('the customer messages stored', async () =>
      (await customer.events(agent)).some(
        (e) => e.event.type === 'message.created' && e.event.message.text === 'alguém aí?',
      ),
    );
  });
});
