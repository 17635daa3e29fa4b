// SLA clocks in the conversation object, inside workerd on real Postgres, with the object's clock moved by the
// test (ConversationDO.setClockForTests): a 30-business-minute first response for a ticket the bot hands to
// people at 17:50 on a Friday (São Paulo, 08:00–18:00 Mon–Fri) breaches at 08:20 on Monday and not at 08:19,
// across an eviction, on the timeline, the inbox (REST and socket) and in Postgres; the bot's and an
// integration's messages and notes never answer; the first agent reply is the first response. Settings and
// policies are seeded in Postgres directly (their admin REST is another part's). More in sla-clocks.test.ts.
import { evictDurableObject } from 'cloudflare:test';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InboxServerFrame, type InboxSummary, slaStanding } from '../../workers/contract';
import { hashPassword } from '../../workers/services/passwords';
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
import { ownerClient } from './fresh-tenant';
import { api, eventually, login, openInbox, openSocket, type TestSocket } from './helpers';
import { ticketChanges, ticketRows } from './sla-helpers';

const PASSWORD = 'sla-senha-123';
const WEEKDAYS_8_18 = {
  timezone: 'America/Sao_Paulo',
  week: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '08:00', to: '18:00' }]]),
  ),
  holidays: [],
};

let client: Client;
let owner: Client;

beforeAll(async () => {
  client = await openClient();
  owner = await ownerClient();
});
afterAll(async () => {
  await client?.end();
  await owner?.end();
});

/** An agent with a password in a tenant created elsewhere, signed in. */
async function agentOf(tenantId: string, slug: string) {
  const email = `sla-agent-${crypto.randomUUID().slice(0, 8)}@${slug}.test`;
  const u = await owner.query<{ id: string }>(
    `insert into users (tenant_id, email, name, role, password_hash) values ($1, $2, 'Rita Atendente', 'agent', $3)
     returning id`,
    [tenantId, email, hashPassword(PASSWORD)],
  );
  return { id: u.rows[0]?.id as string, token: (await login(email, PASSWORD)).token };
}

describe('first response after a hand-off on Friday evening (business hours)', () => {
  let t: BotTenant;
  let agent: { id: string; token: string };

  beforeAll(async () => {
    t = await createBotTenant(client, menuFlow);
    await owner.query('update tenants set business_hours = $2, timezone = $3 where id = $1', [
      t.tenantId,
      JSON.stringify(WEEKDAYS_8_18),
      'America/Sao_Paulo',
    ]);
    await owner.query(
      `insert into sla_policies (tenant_id, name, first_response_minutes) values ($1, 'Padrão', 30)`,
      [t.tenantId],
    );
    agent = await agentOf(t.tenantId, `bot-${t.tenantId}`);
  });

  it('breaches at 08:20 on Monday, not at 08:19; bots, integrations and notes never answer; the first agent reply does', async () => {
    const phone = randomPhone();
    await customerSays(t, phone, 'oi');
    const conversationId = await conversationOf(client, t, phone);
    await eventually('the bot greeting', async () => {
      const said = botMessages(await eventsOf(client, t, conversationId));
      return said.length >= 2 ? said : null;
    });
    const { ref, stub } = stubOf(t, conversationId);
    // The bot holds the ticket: no SLA runs for it.
    expect((await stub.inboxSummary(ref))?.sla ?? null).toBeNull();

    await stub.setClockForTests('2026-12-04T20:50:00.000Z'); // Friday 17:50 in São Paulo
    await customerSays(t, phone, 'quero falar com atendente');
    const queued = await eventually('queued with a running first response', async () => {
      const s = await stub.inboxSummary(ref);
      return s?.status === 'queued' && s.sla?.dueAt ? s : null;
    });
    expect(queued.sla).toMatchObject({ target: 'first_response', targetMinutes: 30, breached: [] });
    // 10 minutes on Friday, 20 on Monday (the object's clock moved on by the seconds the hand-off took).
    expect(queued.sla?.dueAt?.slice(0, 16)).toBe('2026-12-07T11:20');
    const dueAt = queued.sla?.dueAt as string;

    // The bot's hand-off line, an integration's message (a bot author) and an agent's note answer nobody.
    await eventually('the hand-off line', async () => {
      const said = botMessages(await eventsOf(client, t, conversationId));
      return said.length >= 3 ? said : null;
    });
    const integration = await stub.postMessage(ref, {
      author: { kind: 'bot', id: 'api-key-1', name: 'Integração ERP' },
      clientId: 'integration-msg-1',
      text: 'Sua fatura foi enviada por e-mail.',
    });
    expect(integration?.ok).toBe(true);
    const socket = await openSocket(conversationId, agent.token);
    socket.send({ type: 'hello', since: 0 });
    await socket.next('ready');
    socket.send({ type: 'note.send', clientId: 'sla-note-0001', text: 'Cliente pediu atendente' });
    await socket.next('ack');
    socket.close();

    // The weekend passes with the object evicted: its clocks are in its storage, not in memory.
    await evictDurableObject(stub);
    await stub.setClockForTests('2026-12-07T11:19:00.000Z'); // Monday 08:19
    const at0819 = await stub.inboxSummary(ref);
    expect(at0819?.sla?.breached).toEqual([]);
    expect(slaStanding(at0819?.sla, Date.parse('2026-12-07T11:19:00.000Z'))).toBe('at_risk');
    let events = await eventsOf(client, t, conversationId);
    expect(ticketChanges(events, 'sla_breached')).toEqual([]);
    expect(ticketChanges(events, 'first_response')).toEqual([]);

    const inbox: TestSocket<InboxServerFrame> = await openInbox(agent.token);
    inbox.send({ type: 'hello', since: 0 });
    await inbox.next('ready');

    await stub.setClockForTests(dueAt); // Monday 08:20
    events = await eventually('the breach on the timeline', async () => {
      const e = await eventsOf(client, t, conversationId);
      return ticketChanges(e, 'sla_breached').length > 0 ? e : null;
    });
    const [breach, ...more] = ticketChanges(events, 'sla_breached');
    expect(more).toEqual([]);
    expect(breach).toMatchObject({ by: { kind: 'system' }, detail: { target: 'first_response' } });
    expect(breach?.ticket).toMatchObject({ slaBreaches: 1, status: 'queued' });
    expect(breach?.ticket.sla?.firstResponse?.breachedAt).not.toBeNull();

    const rest = await api<InboxSummary>('GET', `/api/conversations/${conversationId}/summary`, agent.token);
    expect(rest.status).toBe(200);
    expect(rest.body.sla?.breached).toEqual(['first_response']);
    expect(slaStanding(rest.body.sla, Date.parse(dueAt))).toBe('breached');
    for (;;) {
      const f = await inbox.next('summary', 10_000);
      if (f.summary.conversationId === conversationId && f.summary.sla?.breached.includes('first_response'))
        break;
    }
    inbox.close();

    // Again at 08:30: breached once, not once per alarm.
    await stub.setClockForTests('2026-12-07T11:30:00.000Z');
    expect(ticketChanges(await eventsOf(client, t, conversationId), 'sla_breached')).toHaveLength(1);

    // The first reply by a person: recorded with its time, by that agent.
    const take = await api('POST', `/api/conversations/${conversationId}/ticket`, agent.token, {
      action: 'take',
    });
    expect(take.status).toBe(200);
    const reply = await api('POST', `/api/conversations/${conversationId}/messages`, agent.token, {
      clientId: 'sla-reply-0001',
      text: 'Olá! Sou a Rita, vou te ajudar.',
    });
    expect(reply.status).toBe(201);
    events = await eventually('first_response on the timeline', async () => {
      const e = await eventsOf(client, t, conversationId);
      return ticketChanges(e, 'first_response').length > 0 ? e : null;
    });
    const [first] = ticketChanges(events, 'first_response');
    expect(first?.by).toMatchObject({ kind: 'agent', id: agent.id });
    expect(first?.ticket.firstResponseAt?.slice(0, 16)).toBe('2026-12-07T11:30');
    expect(first?.ticket.sla?.firstResponse?.metAt).not.toBeNull();

    const close = await api('POST', `/api/conversations/${conversationId}/ticket`, agent.token, {
      action: 'close',
    });
    expect(close.status).toBe(200);
    const [row] = await eventually('the ticket archived with its breach', async () => {
      const r = await ticketRows(owner, t.tenantId, conversationId);
      return r[0]?.status === 'closed' && r[0].sla_breaches === 1 ? r : null;
    });
    expect(row?.first_response_at).not.toBeNull();
    expect(row?.sla?.firstResponse?.breachedAt).not.toBeNull();
    expect(row?.sla?.policyName).toBe('Padrão');
  });
});
