// The bot as a participant of the conversation, end to end in workerd over real Postgres: a customer writes
// through the real webhook on a channel with the bot on; the ticket starts in `bot`; the bot's replies go
// through the conversation's one append path (author bot, seq order) and out to the channel; a hand-off
// moves the ticket to the flow's team with a reason and a summary (inbox and Postgres); an agent taking over
// silences the bot; a retried webhook never duplicates a bot message; a customer coming back after the bot
// closed a ticket gets a new ticket (new protocol) with the bot again.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BotTenant,
  botMessages,
  conversationOf,
  createBotTenant,
  customerSays,
  eventsOf,
  menuFlow,
  randomPhone,
  sentTo,
  stubOf,
} from './bot-helpers';
import { asTenant, openClient } from './db-helpers';
import { eventually } from './helpers';

let client: Client;
let t: BotTenant;

beforeAll(async () => {
  client = await openClient();
  t = await createBotTenant(client, menuFlow);
});
afterAll(async () => {
  await client?.end();
});

const ticketRow = async (conversationId: string) =>
  (
    await asTenant(client, t.tenantId, () =>
      client.query<{
        protocol: string;
        status: string;
        team_id: string | null;
        handoff_reason: string | null;
        ai_summary: string | null;
        resolved_by: string | null;
      }>(
        `select protocol, status, team_id, handoff_reason, ai_summary, resolved_by from tickets
          where conversation_id = $1 order by opened_at`,
        [conversationId],
      ),
    )
  ).rows;

/** Waits until the bot has said `n` messages in this conversation. */
const botSaid = (conversationId: string, n: number) =>
  eventually(`${n} bot messages`, async () => {
    const said = botMessages(await eventsOf(client, t, conversationId));
    return said.length >= n ? said : null;
  });

describe('the bot in the conversation', () => {
  it('starts a new ticket in `bot`, greets with the protocol and shows the menu, queued to the channel in order', async () => {
    const phone = randomPhone();
    expect((await customerSays(t, phone, 'oi')).status).toBe(200);
    const conversationId = await conversationOf(client, t, phone);
    const [ticket] = await ticketRow(conversationId);
    expect(ticket?.status).toBe('bot');
    // The conversation row too: the "Robô" view filters on it.
    const { rows } = await asTenant(client, t.tenantId, () =>
      client.query<{ status: string }>('select status from conversations where id = $1', [conversationId]),
    );
    expect(rows[0]?.status).toBe('bot');
    const said = await botSaid(conversationId, 2);
    expect(said[0]?.text).toBe(`Olá! Sou o Fio. Seu protocolo de atendimento é ${ticket?.protocol}.`);
    expect(said[1]?.text).toBe('Como posso ajudar?\n\n1. Horário de atendimento\n2. Financeiro');
    expect(said[1]?.seq).toBe((said[0]?.seq ?? 0) + 1);
    const { ref, stub } = stubOf(t, conversationId);
    expect((await stub.inboxSummary(ref))?.status).toBe('bot');
    // Out to the customer's WhatsApp through the same queue as an agent's messages, in seq order.
    const sent = await eventually('both messages at the provider', async () => {
      const s = (await sentTo(t)).filter((m) => m.body.number === phone);
      return s.length >= 2 ? s : null;
    });
    expect(sent.map((m) => m.body.text)).toEqual(said.map((m) => m.text));
  });

  it('answers a menu choice by its words and closes the ticket as resolved by the bot', async () => {
    const phone = randomPhone();
    await customerSays(t, phone, 'bom dia');
    const conversationId = await conversationOf(client, t, phone);
    await botSaid(conversationId, 2);
    await customerSays(t, phone, 'qual o horario?');
    const said = await botSaid(conversationId, 4);
    expect(said.slice(2).map((m) => m.text)).toEqual(['Atendemos das 8h às 18h.', 'Obrigado pelo contato!']);
    const { ref, stub } = stubOf(t, conversationId);
    await eventually('the ticket closed by the bot in Postgres', async () => {
      const [row] = await ticketRow(conversationId);
      return row?.status === 'closed' && row.resolved_by === 'bot' ? row : null;
    });
    expect((await stub.inboxSummary(ref))?.status).toBe('closed');

    // Writing again: a new ticket (new protocol), with the bot again.
    await customerSays(t, phone, 'oi de novo');
    const again = await botSaid(conversationId, 6);
    const rows = await eventually('a second ticket', async () => {
      const r = await ticketRow(conversationId);
      return r.length === 2 && r[1]?.status === 'bot' ? r : null;
    });
    expect(rows[1]?.protocol).not.toBe(rows[0]?.protocol);
    expect(again[4]?.text).toContain(rows[1]?.protocol as string);
  });

  it('hands off to the flow’s team with a reason and a summary (inbox and Postgres)', async () => {
    const phone = randomPhone();
    await customerSays(t, phone, 'olá');
    const conversationId = await conversationOf(client, t, phone);
    await botSaid(conversationId, 2);
    await customerSays(t, phone, 'quero falar com atendente');
    const said = await botSaid(conversationId, 3);
    expect(said[2]?.text).toBe('Vou te passar para o financeiro.');
    const { ref, stub } = stubOf(t, conversationId);
    const summary = await eventually('queued', async () => {
      const s = await stub.inboxSummary(ref);
      return s?.status === 'queued' ? s : null;
    });
    expect(summary).toMatchObject({ teamId: t.teams.financeiro, teamName: 'Financeiro' });
    const row = await eventually('the hand-off in Postgres', async () => {
      const [r] = await ticketRow(conversationId);
      return r?.status === 'queued' ? r : null;
    });
    expect(row).toMatchObject({
      team_id: t.teams.financeiro,
      handoff_reason: 'requested',
      resolved_by: null,
    });
    expect(row.ai_summary).toContain('Motivo da transferência: requested');
    expect(row.ai_summary).toContain('Cliente não identificado');
    const handed = (await eventsOf(client, t, conversationId)).find(
      (e) => e.event.type === 'ticket.changed' && e.event.change === 'handed_off',
    );
    expect(handed?.event).toMatchObject({ by: { kind: 'bot' }, ticket: { handoffReason: 'requested' } });
    // After the hand-off the bot says nothing more.
    await customerSays(t, phone, 'alô?');
    await new Promise((r) => setTimeout(r, 500));
    expect(botMessages(await eventsOf(client, t, conversationId))).toHaveLength(3);
  });

  it('goes silent the moment an agent takes the ticket', async () => {
    const phone = randomPhone();
    await customerSays(t, phone, 'oi');
    const conversationId = await conversationOf(client, t, phone);
    await botSaid(conversationId, 2);
    const { ref, stub } = stubOf(t, conversationId);
    const taken = await stub.ticketAction(
      ref,
      { action: 'take' },
      { actor: { ...t.agent, role: 'agent' }, assignee: null, team: null },
    );
    expect(taken).toMatchObject({ ok: true, summary: { status: 'assigned', assigneeId: t.agent.id } });
    await customerSays(t, phone, '1');
    await new Promise((r) => setTimeout(r, 500));
    const events = await eventsOf(client, t, conversationId);
    expect(botMessages(events)).toHaveLength(2);
    expect(events.at(-1)?.event).toMatchObject({ type: 'message.created', message: { text: '1' } });
  });

  it('never duplicates a bot message when the webhook is delivered again', async () => {
    const phone = randomPhone();
    const first = await customerSays(t, phone, 'oi');
    const conversationId = await conversationOf(client, t, phone);
    await botSaid(conversationId, 2);
    const again = await customerSays(t, phone, 'oi', first.id);
    expect(again.status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    const events = await eventsOf(client, t, conversationId);
    expect(botMessages(events)).toHaveLength(2);
    expect(
      events.filter((e) => e.event.type === 'message.created' && e.event.message.author.kind === 'contact'),
    ).toHaveLength(1);
  });
});
