// Acceptance, the 2ª via solved by the bot alone, for both ERPs: over the WhatsApp simulator a customer asks
// for the invoice in free text with a typo, gives a CPF with a wrong check digit (refused, asked again), then
// the right one, and receives the digitable line, the PIX code and the PDF as a document. No agent touched
// it, the ticket closes resolved by the bot, and the agents' inbox never showed it "na fila".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digitableLine, pixCode } from '../../scripts/erp-simulator/payment-codes';
import type { Stack } from '../../scripts/lib/stack';
import {
  ASK_DOCUMENT,
  BAD_DOCUMENT,
  BotCustomer,
  digits,
  erpEffects,
  erpRequests,
  PROVIDERS,
  type Provider,
  providerAgent,
  SIM,
  startBotStack,
  ticketWhen,
  WRONG_CPF,
  watchInbox,
} from './bot-helpers';

let stack: Stack;

beforeAll(async () => {
  stack = await startBotStack('bot-invoice');
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

/** Ana's open invoice (id 10011, R$ 99,90) as the simulated ERP of each provider holds it. */
const anaInvoice = (provider: Provider) => ({
  line: digitableLine('10011', 99.9),
  pix: pixCode('10011', 99.9, PROVIDERS[provider].isp),
});

async function invoiceByTheBot(provider: Provider, phone: string) {
  const agent = await providerAgent(stack, provider);
  const inbox = await watchInbox(stack, agent);
  const customer = new BotCustomer(stack, provider, phone, 'Ana Souza');

  // The first message opens the ticket with the bot: the protocol, then (the phone is not in the ERP) the CPF.
  await customer.say('Oi, preciso da segunda via do bolto');
  await customer.reply(/protocolo deste atendimento é \d+/);
  await customer.reply(ASK_DOCUMENT);
  const conversationId = await customer.conversationId();

  // Wrong check digits: refused and asked again; the ERP never sees it.
  await customer.say(WRONG_CPF);
  await customer.reply(BAD_DOCUMENT);
  await customer.settled();
  await customer.say(SIM.ana.cpf);
  // The request the customer wrote first, in free text with a typo, is matched to the 2ª via as soon as they
  // are identified (no menu in between).
  const { line, pix } = anaInvoice(provider);
  await customer.reply(new RegExp(escapeRe(pix)));
  await customer.document();
  const texts = customer.sent().map((s) => s.text ?? '');
  expect(texts.some((t) => digits(t).includes(digits(line)))).toBe(true);
  const pdf = customer.sent().find((s) => s.type === 'document');
  expect(pdf?.media?.filename ?? '').toMatch(/\.pdf$/i);
  // The customer's document is never echoed back in full (LGPD), nor the wrong one.
  for (const t of texts) {
    expect(digits(t)).not.toContain(digits(SIM.ana.cpf));
    expect(digits(t)).not.toContain(digits(WRONG_CPF));
  }
  const lookups = JSON.stringify(await erpRequests(stack, PROVIDERS[provider].isp));
  expect(digits(lookups)).not.toContain(digits(WRONG_CPF));

  // "Posso ajudar em algo mais?" — no: closed, resolved by the bot, nobody assigned.
  await customer.reply(/algo mais/);
  await customer.say('não, obrigado');
  await customer.reply(/Obrigado pelo contato/);
  const ticket = await ticketWhen(
    stack,
    conversationId,
    'ticket closed by the bot',
    (t) => t.status === 'closed',
  );
  expect(ticket.resolved_by).toBe('bot');
  expect(ticket.assignee_id).toBeNull();

  // No person took part: every message is the customer's or the bot's, every ticket change the bot's.
  const all = await customer.events(agent);
  for (const e of all) {
    if (e.event.type === 'message.created') expect(['contact', 'bot']).toContain(e.event.message.author.kind);
    if (e.event.type === 'ticket.changed') expect(e.event.by.kind).not.toBe('agent');
  }
  // The agents' inbox had it in "Robô" and never "Na fila".
  const statuses = inbox.statuses(conversationId);
  expect(statuses).toContain('bot');
  expect(statuses).not.toContain('queued');
  expect(statuses).not.toContain('assigned');
  inbox.close();
  return conversationId;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('2ª via by the bot', () => {
  it('IXC provider: typo, wrong CPF refused, right CPF → digitable line, PIX and PDF; resolved by the bot', async () => {
    await invoiceByTheBot('demo', '5531990000101');
    // The IXC adapter fetched the PDF and the PIX of the right invoice.
    const boleto = await erpRequests(stack, PROVIDERS.demo.isp, 'get_boleto');
    expect(boleto.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(boleto[0]?.body)).toContain('10011');
  });

  it('SGP provider: the same, and fatura2via never opens an occurrence (nao_gerar_os=1)', async () => {
    await invoiceByTheBot('fibra', '5531990000102');
    const calls = await erpRequests(stack, PROVIDERS.fibra.isp, 'fatura2via');
    expect(calls.length).toBeGreaterThanOrEqual(1);
    for (const call of calls) expect(String((call.body as Record<string, unknown>).nao_gerar_os)).toBe('1');
    expect((await erpEffects(stack, PROVIDERS.fibra.isp)).occurrences).toEqual([]);
  });
});
