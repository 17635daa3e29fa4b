// Acceptance, trust unlock ("desbloqueio de confiança"): a customer suspended for debt gets it once, even when
// Meta delivers the message that triggers it three times; asking again (a new demand) gets the ERP's refusal
// in words for the customer (no ERP codes or raw messages), and the ERP still holds a single unlock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import {
  BotCustomer,
  erpEffects,
  erpRequests,
  PROVIDERS,
  type Provider,
  SIM,
  startBotStack,
  ticketWhen,
} from './bot-helpers';

let stack: Stack;

beforeAll(async () => {
  stack = await startBotStack('bot-unlock');
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

const UNLOCK_ROUTE = { demo: 'desbloqueio_confianca', fibra: 'liberacaopromessa' } as const;

async function unlockTwice(provider: Provider, phone: string) {
  const isp = PROVIDERS[provider].isp;
  const customer = new BotCustomer(stack, provider, phone, SIM.carla.name);
  await customer.identify(SIM.carla.cpf, 'oi, minha internet foi cortada');
  const conversationId = await customer.conversationId();
  // The choice that leads to the unlock arrives three times (Meta's retries): one unlock.
  await customer.say('quero o desbloqueio de confiança', { repeat: 3 });
  const granted = await customer.reply(/liberado até/);
  expect(granted.text).toMatch(/\d{2}\/\d{2}/); // until when, as a date the customer reads
  await customer.reply(/algo mais/);
  await customer.settled();
  expect((await erpEffects(stack, isp)).unlocks).toHaveLength(1);
  expect(await erpRequests(stack, isp, UNLOCK_ROUTE[provider])).toHaveLength(1);
  await customer.say('não');
  await ticketWhen(stack, conversationId, 'first demand closed', (t) => t.status === 'closed');

  // A new demand (a new ticket, with the bot again): the ERP refuses, in words for the customer.
  await customer.identify(SIM.carla.cpf);
  await customer.say('preciso de outro desbloqueio');
  const refusal = await customer.reply(/já foi usado|Não é possível/);
  expect(refusal.text).not.toMatch(/\b(10[679]|erro|error|status|tipo|sucesso)\b/i);
  expect(refusal.text).not.toMatch(/quantidade permitida/); // SGP's raw message stays with agents
  await customer.settled();
  expect((await erpEffects(stack, isp)).unlocks).toHaveLength(1);
}

describe('trust unlock by the bot', () => {
  it('IXC: granted once (a triple-delivered message unlocks once); the second request gets the refusal', async () => {
    await unlockTwice('demo', '5531990000201');
  });

  it('SGP: granted once; the second request gets SGP’s refusal, worded for the customer', async () => {
    await unlockTwice('fibra', '5531990000202');
  });
});
