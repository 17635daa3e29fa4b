// Acceptance, LLM mode over the WhatsApp simulator with the OpenAI-compatible simulator: a question the
// knowledge base answers is answered citing the article; with one key rate-limited the other key answers; with
// the model slower than the deadline or down, the customer gets the flow's menu within the deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_KEYS } from '../../scripts/lib/bot-stack';
import type { Stack } from '../../scripts/lib/stack';
import { BotCustomer, MENU, providerAgent, SIM, startBotStack } from './bot-helpers';
import { eventually } from './stack';
import { ownerQuery } from './whatsapp-helpers';

let stack: Stack;
/** The demo tenant's reply deadline for this file (the seed's 8 s made short, so the slow case is quick). */
const DEADLINE_MS = 2_000;

beforeAll(async () => {
  stack = await startBotStack('bot-llm');
  await ownerQuery(stack, 'update ai_settings set deadline_ms = $2 where tenant_id = $1', [
    stack.demo.tenantId,
    DEADLINE_MS,
  ]);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

async function llmControl(path: string, body?: unknown, method = 'POST') {
  const res = await fetch(`${stack.llm.url}/_control/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
}

/** Identified, then "Outras dúvidas" on the menu: the flow's AI step waits for the question. */
async function atTheAiStep(phone: string): Promise<BotCustomer> {
  const customer = new BotCustomer(stack, 'demo', phone, SIM.ana.name);
  await customer.identify(SIM.ana.cpf);
  await customer.say('outras dúvidas');
  await customer.reply(/Pode perguntar/);
  await customer.settled();
  return customer;
}

describe('LLM mode', () => {
  it('answers a knowledge-base question and cites the article', async () => {
    const agent = await providerAgent(stack, 'demo');
    const customer = await atTheAiStep('5531990000501');
    await customer.say('como eu faço pra trocar a senha do meu wifi?');
    const answer = await customer.reply(/Como trocar a senha do Wi-Fi/);
    expect(answer.text).toMatch(/roteador|navegador|192\.168/i);
    // Agents see which article the bot answered with.
    await eventually('the knowledge line for agents', async () =>
      (await customer.events(agent)).some(
        (e) =>
          e.event.type === 'bot.activity' &&
          e.event.activity.code === 'knowledge_answer' &&
          e.event.activity.params?.title === 'Como trocar a senha do Wi-Fi',
      ),
    );
  });

  it('calls an ERP tool: the open invoices, for the identified customer only', async () => {
    const customer = await atTheAiStep('5531990000505');
    await customer.say('qual o valor da minha fatura em aberto?');
    // The model saw the customer's contract and the tool found Ana's open invoice (R$ 99,90); the customer
    // reads an answer, never a raw tool result.
    const answer = await customer.reply(/fatura\(s\) em aberto/);
    expect(answer.text).toContain('R$ 99,90');
    expect(answer.text).not.toMatch(/[{}]/);
    const calls = stack.llm.state.requests.flatMap((r) =>
      (
        (r.body as { messages?: { tool_calls?: { function: { name: string } }[] }[] })?.messages ?? []
      ).flatMap((m) => (m.tool_calls ?? []).map((c) => c.function.name)),
    );
    expect(calls).toContain('list_open_invoices');
  });

  it('with the first key rate-limited (429), the second key answers', async () => {
    await llmControl('reset');
    await llmControl('faults', { key: SIM_KEYS[0], mode: 'rate_limited', retryAfter: '30' });
    const customer = await atTheAiStep('5531990000502');
    await customer.say('qual é o horário de atendimento de vocês?');
    await customer.reply(/Horário de atendimento/);
    const outcomes = stack.llm.state.requests.map((r) => [r.key, r.outcome]);
    expect(outcomes).toContainEqual([SIM_KEYS[0], 429]);
    expect(outcomes).toContainEqual([SIM_KEYS[1], 200]);
    await llmControl(`faults?key=${encodeURIComponent(SIM_KEYS[0] as string)}`, undefined, 'DELETE');
  });

  it('with the model slower than the deadline, the customer gets the menu within the deadline', async () => {
    await llmControl('reset');
    const customer = await atTheAiStep('5531990000503');
    await llmControl('faults', { mode: 'slow', latencyMs: 15_000 });
    const asked = Date.now();
    await customer.say('o roteador da fibra tem garantia de quanto tempo?');
    await customer.reply(MENU, DEADLINE_MS + 10_000);
    // The deadline plus the path's own overhead; never the model's 15 s.
    expect(Date.now() - asked).toBeLessThan(DEADLINE_MS + 4_000);
    await llmControl('reset');
  });

  it('with the model down, the customer gets the menu (no dead air)', async () => {
    const customer = await atTheAiStep('5531990000504');
    await llmControl('faults', { mode: 'down' });
    const asked = Date.now();
    await customer.say('o roteador da fibra tem garantia de quanto tempo?');
    await customer.reply(MENU, DEADLINE_MS + 10_000);
    expect(Date.now() - asked).toBeLessThan(DEADLINE_MS + 4_000);
    await llmControl('reset');
  });
});
