// Opt-out in the conversation object, over the real Evolution webhook and real Postgres: "SAIR" puts the
// phone on the tenant's marketing list (time, source, word) and is confirmed once, without the bot or a
// queued ticket; a second "SAIR" gets nothing new; "VOLTAR" takes it off (confirmed once); the template's
// opt-out button does the same; a sentence with "sair" in it is not an opt-out. Plus the word rules.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optOutIntent } from '../../durable-objects/conversation/outreach/opt-out-words';
import type { InboundMessage } from '../../workers/channels/inbound';
import { inboundToMessage } from '../../workers/channels/inbound-event';
import { flattenCloudWebhook } from '../../workers/channels/whatsapp-cloud/webhook-payload';
import type { Message, StoredEvent } from '../../workers/contract';
import {
  type BotTenant,
  botMessages,
  conversationOf,
  createBotTenant,
  customerSays,
  EVO_KEY,
  eventsOf,
  menuFlow,
  randomPhone,
  stubOf,
} from './bot-helpers';
import { asTenant, openClient } from './db-helpers';
import { eventually, postJson } from './helpers';

let client: Client;
let t: BotTenant;

beforeAll(async () => {
  client = await openClient();
  t = await createBotTenant(client, menuFlow);
});
afterAll(async () => {
  await client?.end();
});

const CONFIRM_OUT =
  'Pronto! Você não vai mais receber mensagens promocionais de Provedor Robô. Para voltar a receber, envie VOLTAR.';
const CONFIRM_IN =
  'Pronto! Você voltou a receber novidades e ofertas de Provedor Robô. Para parar, envie SAIR.';

const optOutRow = async (phone: string) =>
  (
    await asTenant(client, t.tenantId, () =>
      client.query<{
        category: string;
        source: string;
        detail: string;
        created_at: Date;
        contact_id: string;
      }>(
        'select category, source, detail, created_at, contact_id from contact_opt_outs where tenant_id = $1 and phone = $2',
        [t.tenantId, phone],
      ),
    )
  ).rows;

const botSaid = (conversationId: string, n: number) =>
  eventually(`${n} bot messages`, async () => {
    const said = botMessages(await eventsOf(client, t, conversationId));
    return said.length >= n ? said : null;
  });

const activities = (events: StoredEvent[]) =>
  events.flatMap((e) => (e.event.type === 'bot.activity' ? [e.event.activity.code] : []));

const customerMessages = (events: StoredEvent[]) =>
  events.filter((e) => e.event.type === 'message.created' && e.event.message.author.kind === 'contact');

describe('opt-out by keyword', () => {
  it('"SAIR" suppresses the phone (time, source, word), is confirmed once, and neither starts the bot nor queues', async () => {
    const phone = randomPhone();
    const before = Date.now();
    expect((await customerSays(t, phone, 'SAIR')).status).toBe(200);
    const conversationId = await conversationOf(client, t, phone);
    const row = await eventually('the opt-out row', async () => (await optOutRow(phone))[0]);
    expect(row).toMatchObject({ category: 'marketing', source: 'keyword', detail: 'SAIR' });
    expect(row.created_at.getTime()).toBeGreaterThanOrEqual(before - 5_000);
    expect(row.contact_id).toBeTruthy();
    const said = await botSaid(conversationId, 1);
    expect(said.map((m) => m.text)).toEqual([CONFIRM_OUT]);
    const events = await eventsOf(client, t, conversationId);
    expect(activities(events)).toContain('opted_out');
    // Agents see the word on the timeline.
    expect(customerMessages(events).map((e) => (e.event as { message: Message }).message.text)).toEqual([
      'SAIR',
    ]);
    const { ref, stub } = stubOf(t, conversationId);
    const summary = await stub.inboxSummary(ref);
    expect(summary?.status).not.toBe('queued');
    expect(summary?.status).not.toBe('assigned');

    // A second "Sair!" changes nothing and says nothing; "VOLTAR" (processed after it, in order) restores.
    await customerSays(t, phone, 'Sair!');
    await customerSays(t, phone, 'voltar');
    await eventually('the opt-out row removed', async () =>
      (await optOutRow(phone)).length === 0 ? true : null,
    );
    const both = await botSaid(conversationId, 2);
    expect(both.map((m) => m.text)).toEqual([CONFIRM_OUT, CONFIRM_IN]);
    const after = await eventsOf(client, t, conversationId);
    expect(activities(after).filter((a) => a === 'opted_out')).toHaveLength(1);
    expect(activities(after)).toContain('opted_in');
    expect(customerMessages(after)).toHaveLength(3);
    const tickets = await asTenant(client, t.tenantId, () =>
      client.query<{ status: string }>('select status from tickets where conversation_id = $1', [
        conversationId,
      ]),
    );
    expect(tickets.rows.map((r) => r.status)).not.toContain('queued');

    // Opted in again: a later "SAIR" is new and confirmed again.
    await customerSays(t, phone, 'stop');
    const third = await botSaid(conversationId, 3);
    expect(third[2]?.text).toBe(CONFIRM_OUT);
    expect((await optOutRow(phone))[0]).toMatchObject({ source: 'keyword', detail: 'stop' });
  });

  it('a sentence with "sair" in it is not an opt-out: the bot answers as usual', async () => {
    const phone = randomPhone();
    await customerSays(t, phone, 'não quero sair de casa, estou sem internet');
    const conversationId = await conversationOf(client, t, phone);
    const said = await botSaid(conversationId, 1);
    expect(said[0]?.text).toContain('Olá! Sou o Fio');
    expect(await optOutRow(phone)).toEqual([]);
    // "VOLTAR" from someone who never opted out here is the flow's, not ours.
    expect(
      optOutIntent({ author: { kind: 'contact', id: null, name: null }, text: 'VOLTAR' } as Message),
    ).toMatchObject({
      action: 'in',
    });
  });

  it("the template's opt-out button does the same (source button)", async () => {
    const phone = randomPhone();
    const res = await postJson(
      `/webhooks/evolution/${t.channelId}`,
      {
        event: 'messages.upsert',
        instance: t.instance,
        data: {
          key: { remoteJid: `${phone}@s.whatsapp.net`, fromMe: false, id: `3EB0${crypto.randomUUID()}` },
          pushName: 'Maria Cliente',
          message: {
            templateButtonReplyMessage: {
              selectedId: 'OPT_OUT_MARKETING',
              selectedDisplayText: 'Parar promoções',
            },
          },
          messageType: 'templateButtonReplyMessage',
          messageTimestamp: Math.floor(Date.now() / 1000),
        },
      },
      { apikey: EVO_KEY },
    );
    expect(res.status).toBe(200);
    const conversationId = await conversationOf(client, t, phone);
    const row = await eventually('the opt-out row', async () => (await optOutRow(phone))[0]);
    expect(row).toMatchObject({ category: 'marketing', source: 'button', detail: 'Parar promoções' });
    expect((await botSaid(conversationId, 1)).map((m) => m.text)).toEqual([CONFIRM_OUT]);
  });
});

describe('opt-out words', () => {
  const text = (body: string) =>
    ({ author: { kind: 'contact', id: null, name: null }, text: body }) as Message;

  it('whole message only, any case, accents or punctuation', () => {
    for (const w of ['SAIR', 'sair', ' Parar! ', 'STOP.', 'cancelar', 'Cancelár']) {
      expect(optOutIntent(text(w)), w).toMatchObject({ action: 'out', source: 'keyword', word: w.trim() });
    }
    for (const w of ['não quero sair de casa', 'parar de pagar?', 'sair 2', 'stop it please', '']) {
      expect(optOutIntent(text(w)), w).toBeNull();
    }
    expect(optOutIntent(text('Voltar'))).toMatchObject({ action: 'in' });
    expect(optOutIntent(text('START'))).toMatchObject({ action: 'in' });
  });

  it("a Cloud template's quick-reply opt-out (type button) is a button opt-out; another button is not", () => {
    const body = (payload: string, title: string) => ({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550783881', phone_number_id: '111' },
                messages: [
                  {
                    from: '5531991234567',
                    id: `wamid.${payload}`,
                    timestamp: '1749416383',
                    type: 'button',
                    button: { payload, text: title },
                    context: { from: '15550783881', id: 'wamid.CAMPAIGN' },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    const asMessage = (payload: string, title: string): Message => {
      const flat = flattenCloudWebhook(body(payload, title));
      const inbound = flat.messages[0] as InboundMessage;
      return inboundToMessage(inbound, { kind: 'contact', id: null, name: null });
    };
    expect(optOutIntent(asMessage('Stop promotions', 'Stop promotions'))).toMatchObject({
      action: 'out',
      source: 'button',
    });
    expect(optOutIntent(asMessage('Parar promoções', 'Parar promoções'))).toMatchObject({ source: 'button' });
    expect(optOutIntent(asMessage('segunda-via', 'Ver boleto'))).toBeNull();
  });
});
