// The tenant inbox and ticket actions inside workerd: a customer's message reaches every agent's dashboard as
// a summary (unread, waiting since), take/assign/close/reopen are applied once by the conversation object and
// seen by everyone, dashboards resume by version, private notes never reach the customer, ticket rows in
// Postgres follow, and bad input or foreign ids change nothing.
import { env } from 'cloudflare:workers';
import { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxServerFrame, InboxSummary, TicketActionResponse } from '../../workers/contract';
import { configureDriver } from '../../workers/services/db';
import { ACME, GLOBEX } from '../support/fixtures';
import { call, openInbox, openSocket, postJson, type TestSocket, widgetSession } from './helpers';

type InboxSocket = TestSocket<InboxServerFrame>;
const [acmeAdmin, acmeAgent] = ACME.users as [(typeof ACME.users)[number], (typeof ACME.users)[number]];
const globexAgent = GLOBEX.users[0] as (typeof GLOBEX.users)[number];

let pg: Client;
let acmeTenantId = '';
beforeAll(async () => {
  configureDriver(env);
  pg = new Client({ connectionString: env.DATABASE_URL });
  pg.on('error', () => {});
  await pg.connect();
  acmeTenantId = (await signIn(acmeAgent)).tenantId;
});
afterAll(() => pg.end());

async function signIn(user: { email: string; password: string }) {
  const res = await postJson('/api/auth/login', { email: user.email, password: user.password });
  const body = (await res.json()) as {
    accessToken: string;
    user: { id: string; name: string; tenantId: string };
  };
  return { token: body.accessToken, id: body.user.id, name: body.user.name, tenantId: body.user.tenantId };
}

async function readyInbox(token: string, since = 0): Promise<InboxSocket> {
  const inbox = await openInbox(token);
  inbox.send({ type: 'hello', since });
  await inbox.next('ready');
  return inbox;
}

/** Waits for a summary of `conversationId` that satisfies `pred`. */
async function summaryOf(
  inbox: InboxSocket,
  conversationId: string,
  pred: (s: InboxSummary) => boolean = () => true,
): Promise<{ version: number; summary: InboxSummary }> {
  for (;;) {
    const f = await inbox.next('summary');
    if (f.summary.conversationId === conversationId && pred(f.summary)) return f;
  }
}

function act(conversationId: string, token: string, body: unknown) {
  return postJson(`/api/conversations/${conversationId}/ticket`, body, { authorization: `Bearer ${token}` });
}

async function customerSays(conversationToken: string, conversationId: string, texts: string[]) {
  const visitor = await openSocket(conversationId, conversationToken);
  visitor.send({ type: 'hello', since: 0 });
  await visitor.next('ready');
  for (const [i, text] of texts.entries()) {
    visitor.send({ type: 'message.send', clientId: `cust-${conversationId.slice(0, 8)}-${i}`, text });
    await visitor.next('ack');
  }
  return visitor;
}

async function ticketRow(conversationId: string) {
  await pg.query("select set_config('app.tenant_id', $1, false)", [acmeTenantId]);
  const r = await pg.query<{ status: string; assignee_id: string | null; protocol: string }>(
    'select status, assignee_id, protocol from tickets where conversation_id = $1 order by opened_at',
    [conversationId],
  );
  return r.rows;
}

describe('tenant inbox', () => {
  it('shows a customer message to every agent, and a take to everyone, once', async () => {
    const bruno = await signIn(acmeAgent);
    const ana = await signIn(acmeAdmin);
    const inboxA = await readyInbox(bruno.token);
    const inboxB = await readyInbox(ana.token);
    const session = await widgetSession('acme', { name: 'Dona Maria' });
    const visitor = await customerSays(session.token, session.conversationId, [
      'Minha internet caiu',
      'Alô?',
    ]);

    for (const inbox of [inboxA, inboxB]) {
      const { summary } = await summaryOf(inbox, session.conversationId, (s) => s.unread === 2);
      expect(summary).toMatchObject({
        status: 'queued',
        protocol: session.protocol,
        contact: { name: 'Dona Maria' },
        lastMessage: { text: 'Alô?', authorKind: 'visitor' },
        assigneeId: null,
      });
      expect(summary.waitingSince).not.toBeNull();
    }

    const take = await act(session.conversationId, bruno.token, { action: 'take' });
    expect(take.status).toBe(200);
    const taken = (await take.json()) as TicketActionResponse;
    expect(taken.summary).toMatchObject({ status: 'assigned', assigneeId: bruno.id });
    const seen = await summaryOf(inboxB, session.conversationId, (s) => s.status === 'assigned');
    expect(seen.summary.assigneeName).toBe(bruno.name);

    // The other agent's take loses, with a reason, and changes nothing.
    const late = await act(session.conversationId, ana.token, { action: 'take' });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { message: string } }).error.message).toContain(bruno.name);

    // The take is in the timeline as a system event the customer sees too.
    const event = await visitor.next('event');
    expect(event.event).toMatchObject({ type: 'ticket.changed', change: 'taken', by: { id: bruno.id } });

    // An agent's reply stops the waiting clock; reading clears unread.
    const agentSocket = await openSocket(session.conversationId, bruno.token);
    agentSocket.send({ type: 'hello', since: 0 });
    await agentSocket.next('ready');
    agentSocket.send({ type: 'message.send', clientId: 'reply-000001', text: 'Vou verificar' });
    const ack = await agentSocket.next('ack');
    agentSocket.send({ type: 'read', seq: ack.seq });
    const answered = await summaryOf(inboxA, session.conversationId, (s) => s.unread === 0);
    expect(answered.summary.waitingSince).toBeNull();

    // The ticket row in Postgres follows the events (through the outbox).
    await expect
      .poll(async () => (await ticketRow(session.conversationId))[0]?.assignee_id, { timeout: 10_000 })
      .toBe(bruno.id);
    for (const s of [inboxA, inboxB, visitor, agentSocket]) s.close();
  });

  it('closes, and a returning customer opens a new ticket with a new protocol; reopen is refused while open', async () => {
    const bruno = await signIn(acmeAgent);
    const inbox = await readyInbox(bruno.token);
    const session = await widgetSession('acme');
    const visitor = await customerSays(session.token, session.conversationId, ['Preciso do boleto']);
    expect((await act(session.conversationId, bruno.token, { action: 'close' })).status).toBe(200);
    await summaryOf(inbox, session.conversationId, (s) => s.status === 'closed');
    expect((await act(session.conversationId, bruno.token, { action: 'close' })).status).toBe(409);

    visitor.send({ type: 'message.send', clientId: 'cust-again-001', text: 'Voltei' });
    const reopened = await summaryOf(inbox, session.conversationId, (s) => s.status === 'queued');
    expect(reopened.summary.protocol).not.toBe(session.protocol);
    expect((await act(session.conversationId, bruno.token, { action: 'reopen' })).status).toBe(409);
    await expect
      .poll(async () => (await ticketRow(session.conversationId)).map((t) => t.status), {
        timeout: 10_000,
      })
      .toEqual(['closed', 'queued']);

    // Reopening a closed ticket gives the reopening agent a new one.
    expect((await act(session.conversationId, bruno.token, { action: 'close' })).status).toBe(200);
    const again = await act(session.conversationId, bruno.token, { action: 'reopen' });
    expect(again.status).toBe(200);
    const body = (await again.json()) as TicketActionResponse;
    expect(body.summary).toMatchObject({ status: 'assigned', assigneeId: bruno.id });
    expect(body.summary.protocol).not.toBe(reopened.summary.protocol);
    inbox.close();
    visitor.close();
  });

  it('transfers to an agent, sets priority and tags, and refuses bad input and foreign ids with nothing changed', async () => {
    const bruno = await signIn(acmeAgent);
    const ana = await signIn(acmeAdmin);
    const session = await widgetSession('acme');
    const id = session.conversationId;
    expect(
      (await act(id, bruno.token, { action: 'transfer', teamId: null, assigneeId: ana.id })).status,
    ).toBe(200);
    // Now Ana's ticket: she prioritises and tags it (an agent may not change another's; ticket-rules.test.ts).
    expect((await act(id, ana.token, { action: 'priority', priority: 5 })).status).toBe(200);
    const tagged = await act(id, ana.token, { action: 'tags', tags: ['sem-sinal', 'fibra'] });
    expect(((await tagged.json()) as TicketActionResponse).summary).toMatchObject({
      assigneeId: ana.id,
      priority: 5,
      tags: ['sem-sinal', 'fibra'],
    });

    const globex = await signIn(globexAgent);
    const before = await (
      await call(`/api/conversations/${id}/summary`, { headers: { authorization: `Bearer ${bruno.token}` } })
    ).json();
    for (const [token, body, status] of [
      [bruno.token, { action: 'priority', priority: 9 }, 400],
      [bruno.token, { action: 'fly' }, 400],
      [bruno.token, { action: 'tags', tags: ['a', 'A'] }, 400],
      [bruno.token, { action: 'assign', assigneeId: globex.id }, 404],
      [ana.token, { action: 'transfer', teamId: null, assigneeId: null }, 400],
      [globex.token, { action: 'take' }, 404],
    ] as const) {
      expect((await act(id, token, body)).status, JSON.stringify(body)).toBe(status);
    }
    const after = await (
      await call(`/api/conversations/${id}/summary`, { headers: { authorization: `Bearer ${bruno.token}` } })
    ).json();
    expect({ ...(after as object), updatedAt: null }).toEqual({ ...(before as object), updatedAt: null });
    const foreign = await call(`/api/conversations/${id}/summary`, {
      headers: { authorization: `Bearer ${globex.token}` },
    });
    expect(foreign.status).toBe(404);
  });

  it('resumes a dashboard from its last version, and resets one whose version is not from this inbox', async () => {
    const bruno = await signIn(acmeAgent);
    const first = await readyInbox(bruno.token);
    const a = await widgetSession('acme');
    await customerSays(a.token, a.conversationId, ['primeira']);
    const { version } = await summaryOf(first, a.conversationId);
    first.close();

    const b = await widgetSession('acme');
    await customerSays(b.token, b.conversationId, ['segunda']);
    const resumed = await openInbox(bruno.token);
    resumed.send({ type: 'hello', since: version });
    const ready = await resumed.next('ready');
    // Replayed before `ready`, or live if its push came after the hello.
    const hasB = () =>
      resumed.frames.some((f) => f.type === 'summary' && f.summary.conversationId === b.conversationId);
    if (!hasB()) await summaryOf(resumed, b.conversationId);
    const replayed = resumed.frames.filter((f) => f.type === 'summary');
    expect(replayed.every((f) => f.type === 'summary' && f.version > version)).toBe(true);
    expect(replayed.some((f) => f.type === 'summary' && f.summary.conversationId === a.conversationId)).toBe(
      false,
    );
    expect(ready.presence.find((p) => p.userId === bruno.id)?.status).toBe('online');

    const stale = await openInbox(bruno.token);
    stale.send({ type: 'hello', since: ready.version + 1_000 });
    await stale.next('reset');
    await stale.next('ready');
    expect(
      stale.frames.some((f) => f.type === 'summary' && f.summary.conversationId === a.conversationId),
    ).toBe(true);
    resumed.close();
    stale.close();
  });

  it('tracks presence: set by the agent, offline when the last dashboard closes', async () => {
    const bruno = await signIn(acmeAgent);
    const ana = await signIn(acmeAdmin);
    const watcher = await readyInbox(ana.token);
    const dash = await readyInbox(bruno.token);
    dash.send({ type: 'presence.set', status: 'away' });
    for (;;) {
      const f = await watcher.next('presence');
      if (f.presence.userId === bruno.id && f.presence.status === 'away') break;
    }
    dash.close();
    for (;;) {
      const f = await watcher.next('presence');
      if (f.presence.userId === bruno.id && f.presence.status === 'offline') break;
    }
    dash.send = () => {};
    const bad = await openInbox(bruno.token);
    bad.send('{"type":"presence.set","status":"asleep"}');
    expect((await bad.next('error')).code).toBe('validation_failed');
    watcher.close();
    bad.close();
    const visitor = await widgetSession('acme');
    const refused = await call(`/ws/inbox?token=${visitor.token}`, { headers: { upgrade: 'websocket' } });
    expect(refused.status).toBe(403);
  });
});

describe('private notes', () => {
  it('reach agents, never the customer (socket or history), and only agents may write them', async () => {
    const bruno = await signIn(acmeAgent);
    const session = await widgetSession('acme');
    const visitor = await customerSays(session.token, session.conversationId, ['Oi']);
    const agent = await openSocket(session.conversationId, bruno.token);
    agent.send({ type: 'hello', since: 0 });
    await agent.next('ready');
    agent.send({ type: 'note.send', clientId: 'note-000001', text: 'Cliente inadimplente, cuidado' });
    const ack = await agent.next('ack');
    expect(agent.events().find((e) => e.seq === ack.seq)?.event).toMatchObject({
      type: 'note.created',
      note: { text: 'Cliente inadimplente, cuidado' },
    });
    expect(await visitor.next('hidden')).toEqual({ type: 'hidden', seq: ack.seq });

    visitor.send({ type: 'note.send', clientId: 'note-000002', text: 'sneaky' });
    expect(await visitor.next('error')).toMatchObject({ code: 'forbidden', clientId: 'note-000002' });
    visitor.send({ type: 'message.send', clientId: 'cust-after-note', text: 'Ainda aí?' });
    expect((await visitor.next('ack')).seq).toBe(ack.seq + 1);

    // A customer replaying from the start gets a hidden frame in place of the note, so seq stays gapless.
    const replay = await openSocket(session.conversationId, session.token);
    replay.send({ type: 'hello', since: 0 });
    await replay.next('ready');
    expect(replay.frames.some((f) => f.type === 'hidden' && f.seq === ack.seq)).toBe(true);
    expect(JSON.stringify(replay.frames)).not.toContain('inadimplente');
    const history = await call(`/api/conversations/${session.conversationId}/events`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(JSON.stringify(await history.json())).not.toContain('inadimplente');
    for (const s of [visitor, agent, replay]) s.close();
  });
});
