// The bot in LLM mode, through the real webhook and conversation object, over the LLM simulator: a question
// answered from the tenant's knowledge base (the article cited on the agents' timeline), each customer message
// classified (a `classified` line, tags on the ticket), and with the model down the customer gets the flow's
// menu instead, with an `llm_unavailable` line for agents: never silence.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotFlow } from '../../workers/contract';
import { sealJson } from '../../workers/services/secret-box';
import {
  type BotTenant,
  botMessages,
  conversationOf,
  createBotTenant,
  customerSays,
  eventsOf,
  randomPhone,
} from './bot-helpers';
import { asTenant, openClient } from './db-helpers';
import { eventually } from './helpers';
import { clearFault, fault, LLM, newKey } from './llm-sim';

function aiFlow(teams: BotTenant['teams']): BotFlow {
  return {
    schema: 1,
    name: 'IA',
    greeting: 'Olá! Protocolo {{protocol}}.',
    start: 'pergunta',
    steps: [
      {
        id: 'pergunta',
        type: 'ai',
        text: 'Pode perguntar! Escreva sua dúvida.',
        fallback: 'menu',
        handoffTeamId: teams.suporte,
      },
      {
        id: 'menu',
        type: 'menu',
        text: 'Escolha uma opção:',
        options: [{ label: 'Falar com atendente', synonyms: ['atendente'], next: 'humano' }],
        invalidText: 'Não entendi.',
        maxAttempts: 2,
        onFail: 'humano',
      },
      { id: 'humano', type: 'handoff', text: 'Transferindo.', teamId: teams.suporte, reason: 'requested' },
    ],
    handoffKeywords: ['atendente'],
    handoffStep: 'humano',
    fallbackStep: 'humano',
  };
}

let client: Client;
let t: BotTenant;
const key = newKey('bot');

beforeAll(async () => {
  client = await openClient();
  t = await createBotTenant(client, aiFlow);
  await asTenant(client, t.tenantId, async () => {
    await client.query(
      `insert into ai_settings (tenant_id, enabled, base_url, model, keys, deadline_ms) values ($1, true, $2, 'fio-sim-1', $3, 1500)`,
      [t.tenantId, `${LLM}/v1`, await sealJson(env.CHANNEL_SECRETS_KEY, [key], `ai:${t.tenantId}`)],
    );
    await client.query(
      `insert into knowledge_articles (tenant_id, title, body) values ($1, 'Trocar a senha do Wi-Fi', $2)`,
      [
        t.tenantId,
        'Para trocar a senha do Wi-Fi, acesse 192.168.0.1 no navegador, entre com o usuário admin e escolha Rede sem fio.',
      ],
    );
  });
});
afterAll(async () => {
  await client?.end();
});

describe('the bot in LLM mode', () => {
  it('answers from the knowledge base, cites the article for agents, and classifies the message', async () => {
    const phone = randomPhone();
    await customerSays(t, phone, 'oi');
    const id = await conversationOf(client, t, phone);
    await eventually('the invitation to ask', async () =>
      botMessages(await eventsOf(client, t, id)).some((m) => m.text.startsWith('Pode perguntar'))
        ? true
        : null,
    );
    await customerSays(t, phone, 'como faço para trocar a senha do wifi?');
    const events = await eventually('the answer and its citation', async () => {
      const e = await eventsOf(client, t, id);
      const cited = e.some(
        (x) => x.event.type === 'bot.activity' && x.event.activity.code === 'knowledge_answer',
      );
      return cited ? e : null;
    });
    expect(botMessages(events).at(-1)?.text).toContain('192.168.0.1');
    const cited = events.find(
      (x) => x.event.type === 'bot.activity' && x.event.activity.code === 'knowledge_answer',
    );
    expect(cited?.event).toMatchObject({ activity: { params: { title: 'Trocar a senha do Wi-Fi' } } });
    await eventually('a classification line', async () => {
      const e = await eventsOf(client, t, id);
      return e.some((x) => x.event.type === 'bot.activity' && x.event.activity.code === 'classified')
        ? true
        : null;
    });
  });

  it('shows the flow’s menu when the model is down', async () => {
    await fault({ key, mode: 'down' });
    try {
      const phone = randomPhone();
      await customerSays(t, phone, 'oi');
      const id = await conversationOf(client, t, phone);
      await eventually('the invitation to ask', async () =>
        botMessages(await eventsOf(client, t, id)).some((m) => m.text.startsWith('Pode perguntar'))
          ? true
          : null,
      );
      await customerSays(t, phone, 'qual o horário de vocês?');
      const said = await eventually('the menu', async () => {
        const s = botMessages(await eventsOf(client, t, id));
        return s.some((m) => m.text.startsWith('Escolha uma opção')) ? s : null;
      });
      expect(said.at(-1)?.text).toContain('1. Falar com atendente');
      const events = await eventsOf(client, t, id);
      expect(
        events.some((x) => x.event.type === 'bot.activity' && x.event.activity.code === 'llm_unavailable'),
      ).toBe(true);
    } finally {
      await clearFault(key);
    }
  });
});
