// A tenant of its own for the bot's tests (so publishing its flow touches no other suite): teams, an agent,
// an Evolution channel with the bot on (pointed at the provider listener, which records what is sent), a
// published flow; then a customer writing through the real webhook, and reads of what the bot did.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import type { BotFlow, StoredEvent } from '../../workers/contract';
import { conversationObjectName } from '../../workers/services/conversation-names';
import { sealJson } from '../../workers/services/secret-box';
import { sha256Hex } from '../../workers/services/secret-hash';
import { asTenant } from './db-helpers';
import { postJson } from './helpers';

export const EVO_KEY = 'evo-key-123';

export interface BotTenant {
  tenantId: string;
  channelId: string;
  instance: string;
  teams: { financeiro: string; suporte: string; comercial: string };
  agent: { id: string; name: string };
}

export async function createBotTenant(
  client: Client,
  flow: (t: BotTenant['teams']) => BotFlow,
): Promise<BotTenant> {
  const tenantId = crypto.randomUUID();
  const channelId = crypto.randomUUID();
  const instance = `bot-${channelId}`;
  const agentId = crypto.randomUUID();
  return asTenant(client, tenantId, async () => {
    await client.query(`insert into tenants (id, slug, name) values ($1, $2, 'Provedor Robô')`, [
      tenantId,
      `bot-${tenantId}`,
    ]);
    const team = async (name: string) =>
      (
        await client.query<{ id: string }>(
          'insert into teams (tenant_id, name) values ($1, $2) returning id',
          [tenantId, name],
        )
      ).rows[0]?.id as string;
    const teams = {
      financeiro: await team('Financeiro'),
      suporte: await team('Suporte técnico'),
      comercial: await team('Comercial'),
    };
    await client.query(
      `insert into users (id, tenant_id, email, name, role) values ($1, $2, $3, 'Ana Atendente', 'agent')`,
      [agentId, tenantId, `ana-${agentId}@bot.test`],
    );
    await client.query(
      `insert into channels (id, tenant_id, kind, name, address, settings, credentials, webhook_secret_hash, bot_enabled)
       values ($1, $2, 'evolution', 'WhatsApp do robô', $3, $4, $5, $6, true)`,
      [
        channelId,
        tenantId,
        instance,
        JSON.stringify({ baseUrl: env.FIO_TEST_PROVIDER_URL, instance, pairIntervalMs: 0, pairBurst: 100 }),
        await sealJson(env.CHANNEL_SECRETS_KEY, { apiKey: EVO_KEY }, channelId),
        await sha256Hex(EVO_KEY),
      ],
    );
    await client.query(
      `insert into bot_flow_versions (tenant_id, version, definition, state, published_at)
       values ($1, 1, $2, 'published', now())`,
      [tenantId, JSON.stringify(flow(teams))],
    );
    return { tenantId, channelId, instance, teams, agent: { id: agentId, name: 'Ana Atendente' } };
  });
}

/** The customer writes through the real Evolution webhook; returns the HTTP status. */
export async function customerSays(
  t: BotTenant,
  phone: string,
  text: string,
  id = `3EB0${crypto.randomUUID()}`,
) {
  const res = await postJson(
    `/webhooks/evolution/${t.channelId}`,
    {
      event: 'messages.upsert',
      instance: t.instance,
      data: {
        key: { remoteJid: `${phone}@s.whatsapp.net`, fromMe: false, id },
        pushName: 'Maria Cliente',
        message: { conversation: text },
        messageType: 'conversation',
        messageTimestamp: Math.floor(Date.now() / 1000),
      },
    },
    { apikey: EVO_KEY },
  );
  return { status: res.status, id };
}

export async function conversationOf(client: Client, t: BotTenant, phone: string): Promise<string> {
  const { rows } = await asTenant(client, t.tenantId, () =>
    client.query<{ id: string }>(
      `select v.id from conversations v join contacts k on k.id = v.contact_id
        where v.tenant_id = $1 and v.channel_id = $2 and k.phone like '%' || $3`,
      [t.tenantId, t.channelId, phone.slice(-8)],
    ),
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('no conversation for that phone');
  return id;
}

export function stubOf(t: BotTenant, conversationId: string) {
  const ref = { tenantId: t.tenantId, conversationId };
  return { ref, stub: env.CONVERSATIONS.getByName(conversationObjectName(t.tenantId, conversationId)) };
}

/** The whole log: what the object still holds, older events from Postgres (the tests keep only 5 in the object). */
export async function eventsOf(client: Client, t: BotTenant, conversationId: string): Promise<StoredEvent[]> {
  const { ref, stub } = stubOf(t, conversationId);
  const page = await stub.history(ref, null, 200);
  const held = page?.events ?? [];
  const { rows } = await asTenant(client, t.tenantId, () =>
    client.query<{ seq: string; payload: StoredEvent['event']; created_at: Date }>(
      'select seq, payload, created_at from conversation_events where conversation_id = $1 and seq < $2 order by seq',
      [conversationId, page?.oldestHeld ?? 0],
    ),
  );
  const older = rows.map((r) => ({
    seq: Number(r.seq),
    conversationId,
    createdAt: new Date(r.created_at).toISOString(),
    event: r.payload,
  }));
  return [...older, ...held];
}

/** The bot's messages, in seq order. */
export function botMessages(events: StoredEvent[]) {
  return events.flatMap((e) =>
    e.event.type === 'message.created' && e.event.message.author.kind === 'bot'
      ? [{ seq: e.seq, text: e.event.message.text, attachment: e.event.message.attachment ?? null }]
      : [],
  );
}

/** What reached the provider for this channel (texts and documents), in arrival order. */
export async function sentTo(
  t: BotTenant,
): Promise<{ path: string; body: { number: string; text?: string; fileName?: string } }[]> {
  const res = await fetch(`${env.FIO_TEST_PROVIDER_URL}/_sent?instance=${encodeURIComponent(t.instance)}`);
  return (await res.json()) as { path: string; body: { number: string; text?: string; fileName?: string } }[];
}

export function randomPhone(): string {
  return `55319${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/** A small flow without the ERP: a menu, an answer that ends the ticket, a hand-off to Financeiro. */
export function menuFlow(teams: BotTenant['teams']): BotFlow {
  return {
    schema: 1,
    name: 'Teste',
    greeting: 'Olá! Sou o Fio. Seu protocolo de atendimento é {{protocol}}.',
    start: 'menu',
    steps: [
      {
        id: 'menu',
        type: 'menu',
        text: 'Como posso ajudar?',
        options: [
          { label: 'Horário de atendimento', synonyms: ['horario', 'horário'], next: 'horario' },
          { label: 'Financeiro', synonyms: ['boleto', 'fatura'], next: 'humano' },
        ],
        invalidText: 'Não entendi. Responda com o número da opção.',
        maxAttempts: 3,
        onFail: 'humano',
      },
      { id: 'horario', type: 'message', text: 'Atendemos das 8h às 18h.', next: 'fim' },
      { id: 'fim', type: 'end', text: 'Obrigado pelo contato!', resolved: true },
      {
        id: 'humano',
        type: 'handoff',
        text: 'Vou te passar para o financeiro.',
        teamId: teams.financeiro,
        reason: 'requested',
      },
    ],
    handoffKeywords: ['atendente', 'falar com atendente'],
    handoffStep: 'humano',
    fallbackStep: 'humano',
  };
}
