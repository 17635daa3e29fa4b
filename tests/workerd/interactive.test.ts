// Reply buttons and lists: the exact request each provider client makes (Cloud API interactive object,
// Evolution sendButtons / sendList, Uazapi /send/menu), the REST route's refusals of what WhatsApp would
// refuse (nothing stored, nothing sent), the 24 h window rule, a widget conversation keeping the body, and
// the bot's choices spelled as buttons or a list.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { botInteractive, botUsesInteractive } from '../../durable-objects/conversation/bot/bot-interactive';
import type { ChannelConfig, OutboundRequest } from '../../workers/channels/outbound';
import { createTransport } from '../../workers/channels/transport';
import type { EventHistoryResponse, InteractiveContent, Message } from '../../workers/contract';
import { api, errorCode, eventually, postJson, widgetSession } from './helpers';
import { signIn } from './sign-in';

const tokens = signIn('admin', 'agent');

const BUTTONS: InteractiveContent = {
  kind: 'buttons',
  header: 'Fatura de julho',
  body: 'Como prefere pagar?',
  footer: 'Fio Internet',
  buttons: [
    { id: 'pix', title: 'Pix' },
    { id: 'boleto', title: 'Boleto' },
    { id: 'atendente', title: 'Falar com atendente' },
  ],
};
const LIST: InteractiveContent = {
  kind: 'list',
  body: 'Escolha o horário da visita técnica',
  button: 'Ver horários',
  sections: [
    {
      title: 'Amanhã',
      rows: [
        { id: 'am', title: 'Manhã', description: '8h às 12h' },
        { id: 'pm', title: 'Tarde' },
      ],
    },
    { title: 'Sábado', rows: [{ id: 'sab', title: 'Sábado de manhã', description: '8h às 12h' }] },
  ],
};

/** A fetch that answers every request with `answer` and records the JSON bodies it was sent. */
function recording(answer: unknown) {
  const requests: { url: string; body: unknown }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    requests.push({ url: String(input), body: JSON.parse(String(init?.body)) });
    return Response.json(answer);
  };
  return { fetch, requests };
}

const request = (interactive: InteractiveContent): OutboundRequest => ({
  to: '5531991234567',
  content: { kind: 'interactive', interactive },
  reference: 'c1:7',
});

describe('interactive messages through each provider', () => {
  const cloud: ChannelConfig = {
    kind: 'whatsapp_cloud',
    apiBase: 'https://graph.facebook.com',
    apiVersion: 'v23.0',
    phoneNumberId: '106540352242922',
    wabaId: '102290129340398',
    accessToken: 'EAAG-token',
  };

  it('Cloud API: reply buttons and a list in Meta’s interactive shape', async () => {
    const { fetch, requests } = recording({ messages: [{ id: 'wamid.OUT' }] });
    const transport = createTransport(cloud, { fetch });
    expect(await transport.send(request(BUTTONS))).toEqual({ ok: true, externalId: 'wamid.OUT' });
    expect(await transport.send(request(LIST))).toEqual({ ok: true, externalId: 'wamid.OUT' });
    expect(requests[0]?.url).toBe('https://graph.facebook.com/v23.0/106540352242922/messages');
    expect(requests[0]?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5531991234567',
      type: 'interactive',
      interactive: {
        type: 'button',
        header: { type: 'text', text: 'Fatura de julho' },
        body: { text: 'Como prefere pagar?' },
        footer: { text: 'Fio Internet' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'pix', title: 'Pix' } },
            { type: 'reply', reply: { id: 'boleto', title: 'Boleto' } },
            { type: 'reply', reply: { id: 'atendente', title: 'Falar com atendente' } },
          ],
        },
      },
      biz_opaque_callback_data: 'c1:7',
    });
    expect(requests[1]?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5531991234567',
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Escolha o horário da visita técnica' },
        action: {
          button: 'Ver horários',
          sections: [
            {
              title: 'Amanhã',
              rows: [
                { id: 'am', title: 'Manhã', description: '8h às 12h' },
                { id: 'pm', title: 'Tarde' },
              ],
            },
            { title: 'Sábado', rows: [{ id: 'sab', title: 'Sábado de manhã', description: '8h às 12h' }] },
          ],
        },
      },
      biz_opaque_callback_data: 'c1:7',
    });
  });

  it('Evolution v2: sendButtons and sendList (the header as the bold title, else the body)', async () => {
    const config: ChannelConfig = {
      kind: 'evolution',
      baseUrl: 'https://evo.provedor.com.br',
      instance: 'fio-provedor',
      apiKey: 'evo-key',
    };
    const { fetch, requests } = recording({ key: { id: '3EB0OUT' } });
    const transport = createTransport(config, { fetch });
    expect(await transport.send(request(BUTTONS))).toEqual({ ok: true, externalId: '3EB0OUT' });
    expect(await transport.send(request(LIST))).toEqual({ ok: true, externalId: '3EB0OUT' });
    expect(requests.map((r) => r.url)).toEqual([
      'https://evo.provedor.com.br/message/sendButtons/fio-provedor',
      'https://evo.provedor.com.br/message/sendList/fio-provedor',
    ]);
    expect(requests[0]?.body).toEqual({
      number: '5531991234567',
      title: 'Fatura de julho',
      description: 'Como prefere pagar?',
      footer: 'Fio Internet',
      buttons: [
        { type: 'reply', displayText: 'Pix', id: 'pix' },
        { type: 'reply', displayText: 'Boleto', id: 'boleto' },
        { type: 'reply', displayText: 'Falar com atendente', id: 'atendente' },
      ],
    });
    expect(requests[1]?.body).toEqual({
      number: '5531991234567',
      title: 'Escolha o horário da visita técnica',
      buttonText: 'Ver horários',
      sections: [
        {
          title: 'Amanhã',
          rows: [
            { title: 'Manhã', description: '8h às 12h', rowId: 'am' },
            { title: 'Tarde', description: '', rowId: 'pm' },
          ],
        },
        { title: 'Sábado', rows: [{ title: 'Sábado de manhã', description: '8h às 12h', rowId: 'sab' }] },
      ],
    });
  });

  it('Uazapi: /send/menu with "title|id" buttons and "[Section]" + "title|id|description" rows', async () => {
    const config: ChannelConfig = {
      kind: 'uazapi',
      baseUrl: 'https://provedor.uazapi.com',
      instanceToken: 'inst-token',
    };
    const { fetch, requests } = recording({ messageid: '3EB0UAZ' });
    const transport = createTransport(config, { fetch });
    const pipes: InteractiveContent = {
      kind: 'buttons',
      body: 'Confirma?',
      buttons: [{ id: 'sim', title: 'Sim | confirmo' }],
    };
    for (const c of [BUTTONS, LIST, pipes]) {
      expect(await transport.send(request(c))).toEqual({ ok: true, externalId: '3EB0UAZ' });
    }
    expect(requests.map((r) => r.url)).toEqual(Array(3).fill('https://provedor.uazapi.com/send/menu'));
    expect(requests[0]?.body).toEqual({
      number: '5531991234567',
      type: 'button',
      text: '*Fatura de julho*\n\nComo prefere pagar?',
      footerText: 'Fio Internet',
      choices: ['Pix|pix', 'Boleto|boleto', 'Falar com atendente|atendente'],
    });
    expect(requests[1]?.body).toEqual({
      number: '5531991234567',
      type: 'list',
      text: 'Escolha o horário da visita técnica',
      listButton: 'Ver horários',
      choices: ['[Amanhã]', 'Manhã|am|8h às 12h', 'Tarde|pm', '[Sábado]', 'Sábado de manhã|sab|8h às 12h'],
    });
    // A "|" in a label would split it: it is written as "/".
    expect(requests[2]?.body).toMatchObject({ choices: ['Sim / confirmo|sim'] });
  });
});

/** An Evolution number of Acme on the provider listener (which records sends), and a customer writing. */
async function evolutionConversation() {
  const instance = `inter-${crypto.randomUUID()}`;
  const apiKey = `evo-key-${crypto.randomUUID()}`;
  const created = await api<{ channel: { id: string } }>('POST', '/api/channels', tokens.admin, {
    kind: 'evolution',
    name: `Interativo ${instance.slice(-6)}`,
    baseUrl: env.FIO_TEST_PROVIDER_URL,
    instance,
    apiKey,
    pairIntervalMs: 0,
    pairBurst: 100,
  });
  expect(created.status).toBe(201);
  const channelId = created.body.channel.id;
  const phone = `55319${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const says = async (text: string, sentAt = new Date()) => {
    const res = await postJson(
      `/webhooks/evolution/${channelId}`,
      {
        event: 'messages.upsert',
        instance,
        data: {
          key: { remoteJid: `${phone}@s.whatsapp.net`, fromMe: false, id: `3EB0${crypto.randomUUID()}` },
          pushName: 'Maria Cliente',
          message: { conversation: text },
          messageType: 'conversation',
          messageTimestamp: Math.floor(sentAt.getTime() / 1000),
        },
      },
      { apikey: apiKey },
    );
    expect(res.status).toBe(200);
  };
  const sent = async () => {
    const res = await fetch(`${env.FIO_TEST_PROVIDER_URL}/_sent?instance=${encodeURIComponent(instance)}`);
    return (await res.json()) as { path: string; body: Record<string, unknown> }[];
  };
  return { channelId, phone, says, sent };
}

/** The customer's conversation as the inbox lists it (the replica may lag: the callers poll). */
async function conversationIdOf(phone: string): Promise<string | null> {
  const list = await api<{ conversations: { id: string; contact: { phone: string | null } }[] }>(
    'GET',
    '/api/conversations?limit=50',
    tokens.agent,
  );
  return list.body.conversations.find((v) => v.contact.phone?.endsWith(phone.slice(-8)))?.id ?? null;
}

async function messagesOf(conversationId: string): Promise<Message[]> {
  const page = await api<EventHistoryResponse>(
    'GET',
    `/api/conversations/${conversationId}/events?limit=100`,
    tokens.agent,
  );
  return page.body.events.flatMap((e) => (e.event.type === 'message.created' ? [e.event.message] : []));
}

const post = (conversationId: string, body: Record<string, unknown>) =>
  api<{ error?: { code: string; message: string; details?: { path: string }[] }; seq?: number }>(
    'POST',
    `/api/conversations/${conversationId}/messages`,
    tokens.agent,
    { clientId: crypto.randomUUID(), text: '', ...body },
  );

describe('agents sending interactive messages', () => {
  it('stores the message with its buttons (text = body) and sends it to the customer', async () => {
    const c = await evolutionConversation();
    await c.says('oi, quero pagar minha fatura');
    const conversationId = await eventually('the conversation', () => conversationIdOf(c.phone));
    const res = await post(conversationId, { interactive: BUTTONS });
    expect(res.status).toBe(201);
    const stored = (await messagesOf(conversationId)).at(-1);
    expect(stored).toMatchObject({
      text: 'Como prefere pagar?',
      interactive: BUTTONS,
      author: { kind: 'agent' },
    });
    const out = await eventually('sendButtons at the provider', async () => {
      const s = await c.sent();
      return s.find((x) => x.path.includes('sendButtons')) ?? null;
    });
    expect(out.body).toMatchObject({
      number: c.phone,
      title: 'Fatura de julho',
      description: 'Como prefere pagar?',
    });
  });

  it('refuses what WhatsApp would refuse, naming the field: nothing stored, nothing sent', async () => {
    const c = await evolutionConversation();
    await c.says('bom dia');
    const conversationId = await eventually('the conversation', () => conversationIdOf(c.phone));
    const before = (await messagesOf(conversationId)).length;
    const button = (i: number) => ({ id: `b${i}`, title: `Opção ${i}` });
    const row = (i: number) => ({ id: `r${i}`, title: `Linha ${i}` });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...BUTTONS, buttons: [1, 2, 3, 4].map(button) }, /interactive\.buttons: at most 3 buttons/],
      [
        { ...BUTTONS, buttons: [{ id: 'x', title: 'Um título longo demais p/ botão' }] },
        /interactive\.buttons\.0\.title: at most 20 characters/,
      ],
      [
        { ...BUTTONS, buttons: [button(1), { ...button(2), id: 'b1' }] },
        /interactive: option ids must be unique/,
      ],
      [{ ...BUTTONS, body: '   ' }, /interactive\.body/],
      [
        { ...LIST, sections: [{ rows: Array.from({ length: 11 }, (_, i) => row(i)) }] },
        /interactive\.sections: at most 10 rows/,
      ],
      [
        { ...LIST, sections: [{ rows: [{ id: 'r', title: 'Título de linha comprido demais' }] }] },
        /rows\.0\.title: at most 24/,
      ],
      [{ ...LIST, button: '' }, /interactive\.button/],
    ];
    for (const [interactive, message] of cases) {
      const res = await post(conversationId, { interactive });
      expect(res.status, JSON.stringify(interactive)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
      expect(res.body.error?.message).toMatch(message);
    }
    expect(await messagesOf(conversationId)).toHaveLength(before);
    expect((await c.sent()).filter((s) => s.body.number === c.phone)).toEqual([]);
  });

  it('is free-form: outside the 24 h window it is refused like text, before anything is stored', async () => {
    const c = await evolutionConversation();
    await c.says('oi, faz tempo', new Date(Date.now() - 26 * 60 * 60 * 1000));
    const conversationId = await eventually('the conversation', () => conversationIdOf(c.phone));
    const before = (await messagesOf(conversationId)).length;
    const text = await post(conversationId, { text: 'Olá!' });
    const buttons = await post(conversationId, { interactive: BUTTONS });
    expect(text.status).toBe(422);
    expect(buttons.status).toBe(422);
    expect(buttons.body).toMatchObject({
      error: { code: 'window_closed', message: text.body.error?.message },
    });
    expect(await messagesOf(conversationId)).toHaveLength(before);
    expect(await c.sent()).toEqual([]);
  });

  it('in a widget conversation it is stored and its customer reads the body', async () => {
    const session = await widgetSession('acme');
    const res = await post(session.conversationId, { interactive: LIST });
    expect(res.status).toBe(201);
    const visitorView = await api<EventHistoryResponse>(
      'GET',
      `/api/conversations/${session.conversationId}/events?limit=10`,
      session.token,
    );
    const last = visitorView.body.events.at(-1)?.event;
    expect(last?.type === 'message.created' && last.message.text).toBe('Escolha o horário da visita técnica');
  });
});

describe('the bot’s choices as buttons or a list', () => {
  it('uses them on Cloud API numbers and in the widget (gateways keep the numbered text)', () => {
    expect(botUsesInteractive('whatsapp_cloud')).toBe(true);
    expect(botUsesInteractive('evolution')).toBe(false);
    expect(botUsesInteractive('uazapi')).toBe(false);
    expect(botUsesInteractive(null)).toBe(true);
  });

  it('up to 3 options: reply buttons, the question as the body, titles clipped to 20', () => {
    const text =
      'Não encontrei seu cadastro. Como prefere seguir?\n\n1. Digitar outro CPF/CNPJ\n2. Quero contratar um plano novo\n3. Falar com atendente';
    const choices = [
      { id: 'nao_encontrado.1', title: 'Digitar outro CPF/CNPJ' },
      { id: 'nao_encontrado.2', title: 'Quero contratar um pl…' },
      { id: 'nao_encontrado.3', title: 'Falar com atendente' },
    ];
    expect(botInteractive(text, choices)).toEqual({
      kind: 'buttons',
      body: 'Não encontrei seu cadastro. Como prefere seguir?',
      buttons: [
        { id: 'nao_encontrado.1', title: 'Digitar outro CPF/C…' },
        { id: 'nao_encontrado.2', title: 'Quero contratar um…' },
        { id: 'nao_encontrado.3', title: 'Falar com atendente' },
      ],
    });
    // Yes/no questions have no numbered lines: the text is the body.
    expect(
      botInteractive('Posso ajudar em algo mais?', [
        { id: 'mais.yes', title: 'Sim' },
        { id: 'mais.no', title: 'Não' },
      ]),
    ).toMatchObject({ kind: 'buttons', body: 'Posso ajudar em algo mais?' });
  });

  it('4 to 10 options: a list whose clipped rows keep the whole label as description; more: the text', () => {
    const labels = [
      '2ª via do boleto',
      'Desbloqueio de confiança',
      'Sem conexão / internet lenta e oscilando',
      'Mudança de endereço',
      'Outras dúvidas',
    ];
    const text = `Como posso ajudar?\n\n${labels.map((l, i) => `${i + 1}. ${l}`).join('\n')}`;
    const choices = labels.map((l, i) => ({ id: `menu.${i + 1}`, title: l.slice(0, 24) }));
    const list = botInteractive(text, choices);
    expect(list).toMatchObject({ kind: 'list', body: 'Como posso ajudar?', button: 'Ver opções' });
    const rows = list?.kind === 'list' ? (list.sections[0]?.rows ?? []) : [];
    expect(rows.map((r) => r.id)).toEqual(['menu.1', 'menu.2', 'menu.3', 'menu.4', 'menu.5']);
    expect(rows[2]).toEqual({
      id: 'menu.3',
      title: 'Sem conexão / internet…',
      description: 'Sem conexão / internet lenta e oscilando',
    });
    expect(rows[0]).toEqual({ id: 'menu.1', title: '2ª via do boleto' });
    const eleven = Array.from({ length: 11 }, (_, i) => ({ id: `m.${i + 1}`, title: `Opção ${i + 1}` }));
    expect(botInteractive('Escolha:', eleven)).toBeNull();
  });
});
