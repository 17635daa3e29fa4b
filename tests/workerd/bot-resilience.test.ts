// The bot never leaves a customer without an answer: a step left pending by an eviction resumes through the
// alarm; a customer who has waited past the step deadline is handed to people by the watchdog (a message, a
// `watchdog` line for agents, reason 'watchdog'); an ERP write is made at most once per demand (a retried
// step reuses the stored result; a call that started and never reported is not made again).
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotStore, emptyFacts } from '../../durable-objects/conversation/bot/bot-store';
import { runTool } from '../../durable-objects/conversation/bot/tool-runner';
import { MetaTable } from '../../durable-objects/meta-table';
import type { ErpTools } from '../../workers/erp/tools';
import {
  type BotTenant,
  botMessages,
  conversationOf,
  createBotTenant,
  customerSays,
  eventsOf,
  menuFlow,
  randomPhone,
  stubOf,
} from './bot-helpers';
import { openClient } from './db-helpers';
import { eventually } from './helpers';

let client: Client;
let t: BotTenant;

beforeAll(async () => {
  client = await openClient();
  t = await createBotTenant(client, menuFlow);
});
afterAll(async () => {
  await client?.end();
});

/** A conversation where the bot greeted, then (as if the object was lost mid-step) one input left pending. */
async function pendingAfterEviction(text: string, waitedMs: number) {
  const phone = randomPhone();
  await customerSays(t, phone, 'oi');
  const conversationId = await conversationOf(client, t, phone);
  await eventually('the greeting and the menu', async () =>
    botMessages(await eventsOf(client, t, conversationId)).length >= 2 ? true : null,
  );
  const { ref, stub } = stubOf(t, conversationId);
  const seq = ((await stub.history(ref, null, 1))?.lastSeq ?? 0) + 1;
  await runInDurableObject(stub, async (_instance, state) => {
    new BotStore(state.storage.sql, new MetaTable(state.storage.sql)).queue({
      seq,
      text,
      choiceId: null,
      queuedMs: Date.now() - waitedMs,
    });
    // The alarm a queued input arms (moved far out here, so only the test's own run of it wakes the object).
    await state.storage.setAlarm(Date.now() + 60_000);
  });
  await evictDurableObject(stub);
  return { conversationId, ref, stub };
}

describe('bot resilience', () => {
  it('resumes a step left pending by an eviction, through the alarm', async () => {
    // Queued "now" as the eviction ends: the test runtime's eviction waits up to ~10 s for requests to drain,
    // longer than the suite's 4 s step deadline.
    const { conversationId, stub } = await pendingAfterEviction('1', -20_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const said = await eventually('the answer', async () => {
      const s = botMessages(await eventsOf(client, t, conversationId));
      return s.length >= 4 ? s : null;
    });
    expect(said.slice(2).map((m) => m.text)).toEqual(['Atendemos das 8h às 18h.', 'Obrigado pelo contato!']);
  });

  it('hands off with reason watchdog when the customer waited past the deadline', async () => {
    const { conversationId, ref, stub } = await pendingAfterEviction('1', 60_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const summary = await eventually('queued', async () => {
      const s = await stub.inboxSummary(ref);
      return s?.status === 'queued' ? s : null;
    });
    expect(summary).toMatchObject({ teamId: t.teams.financeiro, teamName: 'Financeiro' });
    const events = await eventsOf(client, t, conversationId);
    const said = botMessages(events);
    expect(said).toHaveLength(3);
    expect(said[2]?.text).toContain('Desculpe a demora');
    expect(events.some((e) => e.event.type === 'bot.activity' && e.event.activity.code === 'watchdog')).toBe(
      true,
    );
    const handed = events.find((e) => e.event.type === 'ticket.changed' && e.event.change === 'handed_off');
    expect(handed?.event).toMatchObject({ ticket: { status: 'queued', handoffReason: 'watchdog' } });
  });
});

describe('ERP writes, at most once per demand', () => {
  function countingErp() {
    const calls: string[] = [];
    const erp = {
      kind: 'ixc',
      trustUnlock: async (contractId: string) => {
        calls.push(`unlock:${contractId}`);
        return { ok: true, value: { days: 3, until: '2026-12-06', protocol: 'P-1', message: null } };
      },
    } as unknown as ErpTools;
    return { erp, calls };
  }

  it('reuses the stored result of a retried step and never calls again after a lost call', async () => {
    const phone = randomPhone();
    await customerSays(t, phone, 'oi');
    const { stub } = stubOf(t, await conversationOf(client, t, phone));
    const { erp, calls } = countingErp();
    await runInDurableObject(stub, async (_instance, state) => {
      const store = new BotStore(state.storage.sql, new MetaTable(state.storage.sql));
      const args = { contractId: '1001' };
      const first = await runTool(erp, store, emptyFacts(), 'trust_unlock', args, 'ticket-1:unlock:1001');
      const retried = await runTool(erp, store, emptyFacts(), 'trust_unlock', args, 'ticket-1:unlock:1001');
      expect(first).toEqual({ outcome: 'ok', data: expect.objectContaining({ until: '2026-12-06' }) });
      expect(retried).toEqual(first);
      expect(calls).toEqual(['unlock:1001']);
      // A call that started and never reported (the object was lost): not made again, the flow hands off.
      store.setDemand('ticket-1:unlock:1002', { state: 'in_flight' });
      const lost = await runTool(
        erp,
        store,
        emptyFacts(),
        'trust_unlock',
        { contractId: '1002' },
        'ticket-1:unlock:1002',
      );
      expect(lost.outcome).toBe('erp_unavailable');
      expect(calls).toEqual(['unlock:1001']);
      // Reads are not demands: bad arguments are refused before any call.
      const bad = await runTool(erp, store, emptyFacts(), 'trust_unlock', { contractId: '' }, 'x');
      expect(bad.outcome).toBe('not_found');
      expect(calls).toHaveLength(1);
    });
  });
});
