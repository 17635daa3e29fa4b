// The bot in LLM mode, through the real webhook and conversation object, over the LLM simulator: a question
// answered from the tenant's knowledge base (the article cited on the agents' timeline), each customer message
// classified (a `classified` line, tags on the ticket), and with the model down the customer gets the flow's
// menu instead, with an `llm_unavailable` line for agents: never silence.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIspFlow } from '../../workers/bot/demo-flow';
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
import { ERP, IXC_CREDENTIALS, newIsp, requests, SEEDED } from './erp-sim';
import { eventually } from './helpers';
import { clearFault, fault, LLM, newKey, requestsOf } from './llm-sim';

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
/** The demo flow over the IXC simulator with the AI on: a customer identified by CPF reaches the AI step. */
let erpTenant: BotTenant;
const erpKey = newKey('bot-erp');
const isp = newIsp('bot-ai');

async function enableAi(tenant: BotTenant, apiKey: string) {
  await client.query(
    `insert into ai_settings (tenant_id, enabled, base_url, model, keys, deadline_ms) values ($1, true, $2, 'fio-sim-1', $3, 1500)`,
    [
      tenant.tenantId,
      `${LLM}/v1`,
      await sealJson(env.CHANNEL_SECRETS_KEY, [apiKey], `ai:${tenant.tenantId}`),
    ],
  );
}

beforeAll(async () => {
  client = await openClient();
  t = await createBotTenant(client, aiFlow);
  await asTenant(client, t.tenantId, async () => {
    await enableAi(t, key);
    await client.query(
      `insert into knowledge_articles (tenant_id, title, body) values ($1, 'Trocar a senha do Wi-Fi', $2)`,
      [
        t.tenantId,
        'Para trocar a senha do Wi-Fi, acesse 192.168.0.1 no navegador, entre com o usuário admin e escolha Rede sem fio.',
      ],
    );
  });
  erpTenant = await createBotTenant(client, demoIspFlow);
  await asTenant(client, erpTenant.tenantId, async () => {
    await enableAi(erpTenant, erpKey);
    await client.query(
      `insert into erp_connections (tenant_id, kind, base_url, credentials) values ($1, 'ixc', $2, $3)`,
      [
        erpTenant.tenantId,
        `${ERP}/ixc/${isp}`,
        await sealJson(env.CHANNEL_SECRETS_KEY, IXC_CREDENTIALS, `erp:${erpTenant.tenantId}`),
      ],
    );
  });
});
afterAll(async () => {
  await client?.end();
});

/** Says `text` to `tenant` and waits for a bot message matching `expected`; returns every bot message. */
async function exchange(tenant: BotTenant, phone: string, text: string, expected: RegExp) {
  await customerSays(tenant, phone, text);
  const id = await conversationOf(client, tenant, phone);
  const said = await eventually(`a bot message matching ${expected}`, async () => {
    const s = botMessages(await eventsOf(client, tenant, id));
    return s.some((m) => expected.test(m.text)) ? s : null;
  });
  return { id, said };
}

/** The contract ids the model sent in its tool calls (recorded by the LLM simulator for `apiKey`). */
async function toolContracts(apiKey: string, tool: string): Promise<string[]> {
  return (await requestsOf(apiKey)).flatMap((r) =>
    (
      (r.body as { messages?: { tool_calls?: { function: { name: string; arguments: string } }[] }[] })
        ?.messages ?? []
    )
      .flatMap((m) => m.tool_calls ?? [])
      .filter((c) => c.function.name === tool)
      .map((c) => String((JSON.parse(c.function.arguments) as { contractId?: unknown }).contractId)),
  );
}

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

  it('with no customer identified, a tool about a contract is refused and the customer is asked for the CPF', async () => {
    const before = await toolContracts(key, 'list_open_invoices');
    const phone = randomPhone();
    await exchange(t, phone, 'oi', /Pode perguntar/);
    const { said } = await exchange(t, phone, 'qual o valor da minha fatura?', /CPF ou CNPJ/);
    expect(said.at(-1)?.text).toBe(
      'Para consultar isso preciso identificar você primeiro: qual é o seu CPF ou CNPJ?',
    );
    // The model tried (with a contract it made up); the runtime answered "not identified" without an ERP.
    expect((await toolContracts(key, 'list_open_invoices')).length).toBeGreaterThan(before.length);
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

  it("calls a tool with the identified customer's contract, and words the result for the customer", async () => {
    const phone = randomPhone();
    await exchange(erpTenant, phone, 'oi', /CPF/);
    await exchange(erpTenant, phone, SEEDED.bruno.document, /Como posso ajudar/);
    await exchange(erpTenant, phone, 'outras dúvidas', /Pode perguntar/);
    const { said } = await exchange(erpTenant, phone, 'qual o valor da minha fatura em aberto?', /em aberto/);
    const answer = said.at(-1)?.text ?? '';
    // Worded in pt-BR from the tool's result (due date, amount, digitable line), never a JSON dump.
    expect(answer).toMatch(/fatura\(s\) em aberto: vencimento \d{2}\/\d{2}\/\d{4}, R\$ \d+,\d{2}/);
    expect(answer).toMatch(/linha digitável 34191\./);
    expect(answer).not.toMatch(/[{}]/);
    // The model was given Bruno's contract and called the tool with it; the ERP was asked about it only.
    expect(await toolContracts(erpKey, 'list_open_invoices')).toEqual([SEEDED.bruno.contract]);
    const erpCalls = (await requests(isp)).map((r) => JSON.stringify(r));
    expect(erpCalls.some((r) => r.includes(SEEDED.bruno.contract))).toBe(true);
  });
});
