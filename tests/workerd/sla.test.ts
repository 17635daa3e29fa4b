// SLA clocks in the conversation object, inside workerd on real Postgres, with the object's clock moved by the
// test (ConversationDO.setClockForTests): a 30-business-minute first response for a ticket the bot hands to
// people at 17:50 on a Friday (São Paulo, 08:00–18:00 Mon–Fri) breaches at 08:20 on Monday and not at 08:19,
// across an eviction, on the timeline, the inbox (REST and socket) and in Postgres; the bot's and an
// integration's messages and notes never answer; waiting on the customer does not count toward resolution;
// the close meets it; a priority change re-picks the policy; a reopen starts fresh clocks. Settings and
// policies are seeded in Postgres directly (their admin REST is another part's).
import { evictDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type InboxServerFrame,
  type InboxSummary,
  type StoredEvent,
  slaStanding,
  type TicketSnapshot,
} from '../../workers/contract';
import { conversationObjectName } from '../../workers/services/conversation-names';
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
import { freshTenant, ownerClient } from './fresh-tenant';
import { api, eventually, login, openInbox, openSocket, type TestSocket, widgetSession } from './helpers';

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

const ticketChanges = (events: StoredEvent[], change: string) =>
  events.flatMap((e) => (e.event.type === 'ticket.changed' && e.event.change === change ? [e.event] : []));

async function ticketRows(tenantId: string, conversationId: string) {
  const { rows } = await owner.query<{
    status: string;
    sla: TicketSnapshot['sla'];
    sla_breaches: number;
    first_response_at: Date | null;
    reopen_count: number;
  }>(
    `select status, sla, sla_breaches, first_response_at, reopen_count from tickets
      where tenant_id = $1 and conversation_id = $2 order by opened_at`,
    [tenantId, conversationId],
  );
  return rows;
}

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
      const r = await ticketRows(t.tenantId, conversationId);
      return r[0]?.status === 'closed' && r[0].sla_breaches === 1 ? r : null;
    });
    expect(row?.first_response_at).not.toBeNull();
    expect(row?.sla?.firstResponse?.breachedAt).not.toBeNull();
    expect(row?.sla?.policyName).toBe('Padrão');
  });
});

describe('resolution, next response and reopen (always open)', () => {
  it('waiting on the customer does not count; a missed turn counts once; the close meets resolution; a reopen starts fresh clocks', async () => {
    const tenant = await freshTenant(owner, 'sla', ['agent']);
    const token = tenant.tokens.agent as string;
    await owner.query(`insert into channels (tenant_id, kind, name) values ($1, 'widget', 'Site')`, [
      tenant.id,
    ]);
    await owner.query(
      `insert into sla_policies (tenant_id, name, first_response_minutes, next_response_minutes, resolution_minutes)
       values ($1, 'Suporte', 10, 5, 60)`,
      [tenant.id],
    );
    const session = await widgetSession(tenant.slug);
    const conversationId = session.conversationId;
    const ref = { tenantId: tenant.id, conversationId };
    const stub = env.CONVERSATIONS.getByName(conversationObjectName(tenant.id, conversationId));
    const setClock = (iso: string) => stub.setClockForTests(iso);
    await setClock('2027-03-01T12:00:00.000Z');

    const visitor = await openSocket(conversationId, session.token);
    visitor.send({ type: 'hello', since: 0 });
    await visitor.next('ready');
    let n = 0;
    const customer = async (text: string) => {
      visitor.send({ type: 'message.send', clientId: `sla-customer-${n++}`, text });
      await visitor.next('ack');
    };
    await customer('minha internet caiu');
    const started = await eventually('the SLA running', async () => {
      const s = await stub.inboxSummary(ref);
      return s?.sla?.dueAt ? s : null;
    });
    expect(started.sla).toMatchObject({ target: 'first_response', targetMinutes: 10, breached: [] });

    await setClock('2027-03-01T12:05:00.000Z');
    expect(
      (await api('POST', `/api/conversations/${conversationId}/ticket`, token, { action: 'take' })).status,
    ).toBe(200);
    await api('POST', `/api/conversations/${conversationId}/messages`, token, {
      clientId: 'sla-agent-0001',
      text: 'Oi!',
    });
    const answered = await eventually('first response recorded', async () => {
      const s = await stub.inboxSummary(ref);
      return s?.sla && s.sla.target === null ? s : null;
    });
    // Waiting on the customer: nothing running.
    expect(answered.sla).toMatchObject({ target: null, dueAt: null, breached: [] });

    // Three hours waiting on the customer: no resolution breach.
    await setClock('2027-03-01T15:05:00.000Z');
    expect((await stub.inboxSummary(ref))?.sla?.breached).toEqual([]);
    await customer('ainda sem internet');
    const turn = await eventually('a next-response turn', async () => {
      const s = await stub.inboxSummary(ref);
      return s?.sla?.target === 'next_response' ? s : null;
    });
    expect(turn.sla?.dueAt?.slice(0, 16)).toBe('2027-03-01T15:10');

    await setClock('2027-03-01T15:20:00.000Z');
    await setClock('2027-03-01T15:30:00.000Z');
    const history = async () => (await stub.history(ref, null, 200))?.events ?? [];
    await eventually('the missed turn', async () =>
      ticketChanges(await history(), 'sla_breached').length > 0 ? true : null,
    );
    const breaches = ticketChanges(await history(), 'sla_breached');
    expect(breaches.map((b) => b.detail?.target)).toEqual(['next_response']);
    await api('POST', `/api/conversations/${conversationId}/messages`, token, {
      clientId: 'sla-agent-0002',
      text: 'Já verifico.',
    });

    await setClock('2027-03-01T15:40:00.000Z');
    expect(
      (await api('POST', `/api/conversations/${conversationId}/ticket`, token, { action: 'close' })).status,
    ).toBe(200);
    const [closed] = await eventually('the closed ticket archived', async () => {
      const r = await ticketRows(tenant.id, conversationId);
      return r[0]?.status === 'closed' && r[0].sla?.resolution?.metAt ? r : null;
    });
    const resolution = closed?.sla?.resolution;
    expect(resolution?.breachedAt).toBeNull();
    // 5 minutes before the first answer + 25 from the customer's second message to the agent's second reply;
    // never the 3 h waiting on the customer, nor the 10 minutes after that reply before the close.
    expect(resolution?.elapsedMs).toBeGreaterThan(28 * 60_000);
    expect(resolution?.elapsedMs).toBeLessThan(32 * 60_000);
    expect(closed?.sla).toMatchObject({ nextResponseMet: 0, nextResponseMissed: 1 });
    expect(closed?.sla_breaches).toBe(1);

    // A reopen: a new ticket counting the reopen, with fresh clocks.
    await setClock('2027-03-02T12:00:00.000Z');
    expect(
      (await api('POST', `/api/conversations/${conversationId}/ticket`, token, { action: 'reopen' })).status,
    ).toBe(200);
    const reopened = await eventually('the reopened ticket with fresh clocks', async () => {
      const s = await stub.inboxSummary(ref);
      return s?.status === 'assigned' && s.sla?.target ? s : null;
    });
    expect(reopened.sla).toMatchObject({ target: 'first_response', targetMinutes: 10, breached: [] });
    expect(reopened.sla?.dueAt?.slice(0, 16)).toBe('2027-03-02T12:10');
    const reopenEvent = ticketChanges(await history(), 'reopened')[0];
    expect(reopenEvent?.ticket).toMatchObject({ reopenCount: 1, slaBreaches: 0 });
    expect(reopenEvent?.ticket.sla?.resolution).toMatchObject({
      elapsedMs: 0,
      metAt: null,
      breachedAt: null,
    });
    const rows = await eventually('the second ticket archived', async () => {
      const r = await ticketRows(tenant.id, conversationId);
      return r.length === 2 && r[1]?.sla ? r : null;
    });
    expect(rows[1]).toMatchObject({ reopen_count: 1, sla_breaches: 0, first_response_at: null });
    expect(rows[1]?.sla?.firstResponse).toMatchObject({ targetMinutes: 10, metAt: null, breachedAt: null });
    visitor.close();
  });
});

describe('a priority change', () => {
  it('chooses the most specific policy again, keeping the time already counted', async () => {
    const tenant = await freshTenant(owner, 'sla-prio', ['agent']);
    const token = tenant.tokens.agent as string;
    await owner.query(`insert into channels (tenant_id, kind, name) values ($1, 'widget', 'Site')`, [
      tenant.id,
    ]);
    await owner.query(
      `insert into sla_policies (tenant_id, name, priority, first_response_minutes) values
         ($1, 'Geral', null, 10), ($1, 'Urgente', 5, 5)`,
      [tenant.id],
    );
    const session = await widgetSession(tenant.slug);
    const conversationId = session.conversationId;
    const ref = { tenantId: tenant.id, conversationId };
    const stub = env.CONVERSATIONS.getByName(conversationObjectName(tenant.id, conversationId));
    await stub.setClockForTests('2027-03-01T12:00:00.000Z');
    const visitor = await openSocket(conversationId, session.token);
    visitor.send({ type: 'hello', since: 0 });
    await visitor.next('ready');
    visitor.send({ type: 'message.send', clientId: 'sla-prio-0001', text: 'sem sinal' });
    await visitor.next('ack');
    const general = await eventually('the general policy running', async () => {
      const s = await stub.inboxSummary(ref);
      return s?.sla?.dueAt ? s : null;
    });
    expect(general.sla).toMatchObject({ target: 'first_response', targetMinutes: 10 });
    expect(general.sla?.dueAt?.slice(0, 16)).toBe('2027-03-01T12:10');

    await stub.setClockForTests('2027-03-01T12:03:00.000Z');
    const res = await api('POST', `/api/conversations/${conversationId}/ticket`, token, {
      action: 'priority',
      priority: 5,
    });
    expect(res.status).toBe(200);
    const urgent = await stub.inboxSummary(ref);
    // Three minutes already counted: two left of the urgent policy's five.
    expect(urgent?.sla).toMatchObject({ target: 'first_response', targetMinutes: 5, breached: [] });
    expect(urgent?.sla?.dueAt?.slice(0, 16)).toBe('2027-03-01T12:05');
    const events = (await stub.history(ref, null, 200))?.events ?? [];
    const changed = ticketChanges(events, 'priority')[0];
    expect(changed?.ticket.sla?.policyName).toBe('Urgente');
    visitor.close();
  });
});
