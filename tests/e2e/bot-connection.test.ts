// Acceptance, "minha internet caiu": an offline customer goes through the checklist, the bot opens a ticket in
// the ERP and tells its protocol, then hands off to the technical team with a summary on the ticket (what the
// agent reads first). A customer inside a planned-maintenance area is told about the maintenance first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import {
  BotCustomer,
  erpEffects,
  PROVIDERS,
  providerAgent,
  SIM,
  startBotStack,
  ticketWhen,
  watchInbox,
} from './bot-helpers';

let stack: Stack;

beforeAll(async () => {
  stack = await startBotStack('bot-connection');
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

const CHECKLIST = /Desligue a ONU/;

describe('connection problems', () => {
  it('offline: checklist, then a ticket in the ERP with its protocol, then the technical team with a summary', async () => {
    const agent = await providerAgent(stack, 'demo');
    const inbox = await watchInbox(stack, agent);
    const customer = new BotCustomer(stack, 'demo', '5531990000301', SIM.eduarda.name);
    await customer.identify(SIM.eduarda.cpf, 'boa noite');
    const conversationId = await customer.conversationId();
    await customer.say('minha internet caiu, estou sem conexão');
    await customer.reply(CHECKLIST);
    await customer.reply(/voltou/);
    // The checklist did not help.
    await customer.say('não, continua sem internet');
    const effects = await (async () => {
      let tickets: Awaited<ReturnType<typeof erpEffects>>['tickets'] = [];
      const deadline = Date.now() + 30_000;
      while (tickets.length === 0 && Date.now() < deadline) {
        tickets = (await erpEffects(stack, PROVIDERS.demo.isp)).tickets;
        await new Promise((r) => setTimeout(r, 100));
      }
      return tickets;
    })();
    expect(effects).toHaveLength(1);
    const erpProtocol = effects[0]?.protocol as string;
    // The customer is told the ERP's protocol.
    await customer.reply(new RegExp(erpProtocol));

    const ticket = await ticketWhen(stack, conversationId, 'handed off', (t) => t.status === 'queued');
    expect(ticket.team).toBe('Suporte técnico');
    expect(ticket.erp_protocol).toBe(erpProtocol);
    expect(ticket.handoff_reason).toBeTruthy();
    expect(ticket.ai_summary?.length ?? 0).toBeGreaterThan(10);
    // The summary never carries the customer's full document.
    expect(ticket.ai_summary?.replace(/\D/g, '')).not.toContain(SIM.eduarda.cpf.replace(/\D/g, ''));
    // The inbox moved it from "Robô" to "Na fila", with the team.
    await expect.poll(() => inbox.latest(conversationId)?.status, { timeout: 15_000 }).toBe('queued');
    expect(inbox.statuses(conversationId)[0]).toBe('bot');
    expect(inbox.latest(conversationId)?.teamName).toBe('Suporte técnico');
    inbox.close();
  });

  it('a customer in a maintenance area is told about the maintenance before any checklist', async () => {
    const customer = new BotCustomer(stack, 'demo', '5531990000302', SIM.felipe.name);
    await customer.identify(SIM.felipe.cpf);
    await customer.say('estou sem internet');
    await customer.reply(/manuten/i);
    await customer.settled();
    const texts = customer.sinceLast().map((s) => s.text ?? '');
    const maintenance = texts.findIndex((t) => /manuten/i.test(t));
    const checklist = texts.findIndex((t) => CHECKLIST.test(t));
    expect(maintenance).toBeGreaterThanOrEqual(0);
    if (checklist >= 0) expect(maintenance).toBeLessThan(checklist);
  });
});
