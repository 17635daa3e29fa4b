// Acceptance, guardrails: what the model is sent (recorded by the LLM simulator) never holds an ERP secret
// (PPPoE and portal passwords: every seeded one carries SECRET_MARKER) nor another tenant's data, and the
// customer's CPF appears masked, never in full, in the bot's replies, in what the model sees and in the
// Worker's logs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_MARKER } from '../../scripts/erp-simulator/seed';
import type { Stack } from '../../scripts/lib/stack';
import { sealJson } from '../../workers/services/secret-box';
import { BotCustomer, digits, SIM, startBotStack, workerLog } from './bot-helpers';
import { ownerQuery } from './whatsapp-helpers';

const NAME = 'bot-guardrails';
let stack: Stack;
/** Fibra Sul's own key, so the requests the simulator recorded tell which tenant sent them. */
const FIBRA_KEY = 'sk-sim-fibra-sul-only';
/** Words only Fibra Sul's knowledge base holds. */
const FIBRA_ONLY = 'Plano Empresarial Fibra Sul Gigabit Dedicado';

beforeAll(async () => {
  stack = await startBotStack(NAME);
  const keys = await sealJson(stack.secrets.channelSecretsKey, [FIBRA_KEY], `ai:${stack.fibra.tenantId}`);
  await ownerQuery(stack, 'update ai_settings set keys = $2 where tenant_id = $1', [
    stack.fibra.tenantId,
    keys,
  ]);
  await ownerQuery(
    stack,
    `insert into knowledge_articles (tenant_id, title, body, tags) values ($1, $2, $3, '{}')`,
    [
      stack.fibra.tenantId,
      FIBRA_ONLY,
      `O ${FIBRA_ONLY} tem horário de atendimento exclusivo com gerente de contas e link simétrico.`,
    ],
  );
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('guardrails', () => {
  it('the model never sees ERP secrets, another tenant’s data or a full CPF; replies and logs mask the CPF', async () => {
    // Fibra Sul's customer (Carla, in the SGP simulator) asks the model about their business plan (their
    // article is in their prompt).
    const fibra = new BotCustomer(stack, 'fibra', '5531990000601', SIM.carla.name);
    await fibra.identify(SIM.carla.cpf);
    await fibra.say('outras dúvidas');
    await fibra.reply(/Pode perguntar/);
    await fibra.say('o que é o plano empresarial gigabit dedicado?');
    await fibra.reply(new RegExp(FIBRA_ONLY));

    // A demo customer identified by CPF asks the model about their invoices (an ERP tool whose result, in
    // both ERPs, comes with PPPoE and portal passwords the adapters must drop), then the same question.
    const demo = new BotCustomer(stack, 'demo', '5531990000602', SIM.ana.name);
    await demo.identify(SIM.ana.cpf);
    await demo.say('outras dúvidas');
    await demo.reply(/Pode perguntar/);
    await demo.say('qual o valor da minha fatura em aberto?');
    await demo.reply(/./);
    await demo.settled(2_000);
    await demo.say('o que é o plano empresarial gigabit dedicado?');
    await demo.settled(2_000);

    const requests = stack.llm.state.requests;
    expect(requests.length).toBeGreaterThan(0);
    const byTenant = (fibraOnly: boolean) =>
      JSON.stringify(requests.filter((r) => (r.key === FIBRA_KEY) === fibraOnly).map((r) => r.body));
    const demoSent = byTenant(false);
    const fibraSent = byTenant(true);
    expect(fibraSent).toContain(FIBRA_ONLY); // the check below means something
    expect(demoSent).not.toContain(FIBRA_ONLY);
    for (const sent of [demoSent, fibraSent]) {
      expect(sent).not.toContain(SECRET_MARKER);
      expect(digits(sent)).not.toContain(digits(SIM.ana.cpf));
      expect(digits(sent)).not.toContain(digits(SIM.carla.cpf));
    }
    // Nor Ana's own name reaches Fibra Sul's model (another tenant's customer).
    expect(fibraSent).not.toContain(SIM.ana.name);

    // The bot's replies and the Worker's logs never show the CPF in full.
    const replies = [...demo.sent(), ...fibra.sent()].map((s) => s.text ?? '');
    for (const text of replies) {
      expect(digits(text)).not.toContain(digits(SIM.ana.cpf));
      expect(digits(text)).not.toContain(digits(SIM.carla.cpf));
    }
    const log = workerLog(NAME);
    expect(log).not.toContain(SIM.ana.cpf);
    expect(log).not.toContain(digits(SIM.ana.cpf));
    expect(log).not.toContain(SIM.carla.cpf);
    expect(log).not.toContain(digits(SIM.carla.cpf));
    expect(log).not.toContain(SECRET_MARKER);
  });
});
