// A conversation object whose storage is lost (deleteAll, then evicted: it wakes empty) continues from
// Postgres: hello {since: 0} replays every event in order, the next event gets max(seq)+1, Postgres holds each
// seq once with the old rows unchanged, the ticket keeps its state, a WhatsApp thread can still be answered
// (binding and window restored), and while Postgres cannot answer the object writes nothing (no seq reused).
import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationIdentity } from '../../durable-objects/conversation/conversation-identity';
import { ConversationStore } from '../../durable-objects/conversation/conversation-store';
import type { ServerFrame } from '../../workers/contract';
import { conversationObjectName } from '../../workers/services/conversation-names';
import { ACME } from '../support/fixtures';
import { conversationOf, createBotTenant, customerSays, menuFlow, randomPhone, sentTo } from './bot-helpers';
import { asTenant, openClient } from './db-helpers';
import { eventually, login, openSocket, type TestSocket, widgetSession } from './helpers';

const acmeAgent = ACME.users[1] as (typeof ACME.users)[number];
type EventFrame = Extract<ServerFrame, { type: 'event' }>;

let client: Client;
beforeAll(async () => {
  client = await openClient();
});
afterAll(async () => {
  await client.end();
});

interface ArchivedRow {
  seq: number;
  type: string;
  payload: unknown;
  createdAt: string;
}

async function archived(tenantId: string, conversationId: string): Promise<ArchivedRow[]> {
  const { rows } = await asTenant(client, tenantId, () =>
    client.query<{ seq: string; type: string; payload: unknown; created_at: Date }>(
      'select seq, type, payload, created_at from conversation_events where conversation_id = $1 order by seq, created_at',
      [conversationId],
    ),
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    type: r.type,
    payload: r.payload,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Waits until Postgres holds exactly seqs 1..n (each once) and returns them. */
async function archivedUpTo(tenantId: string, conversationId: string, n: number): Promise<ArchivedRow[]> {
  return eventually(`seqs 1..${n} in Postgres`, async () => {
    const rows = await archived(tenantId, conversationId);
    return rows.length === n && rows.every((r, i) => r.seq === i + 1) ? rows : null;
  });
}

/** The storage is gone for real: every table dropped, then the instance evicted so it wakes empty. */
async function loseStorage(stub: DurableObjectStub): Promise<void> {
  await runInDurableObject(stub, async (_instance, state) => {
    await state.storage.deleteAll();
    const tables = state.storage.sql
      .exec<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'events'")
      .one().n;
    expect(tables).toBe(0);
  });
  await evictDurableObject(stub);
}

async function replayAll(socket: TestSocket): Promise<EventFrame[]> {
  socket.send({ type: 'hello', since: 0 });
  const ready = await socket.next('ready');
  const events = socket.events();
  expect(events.at(-1)?.seq ?? 0).toBe(ready.lastSeq);
  return events;
}

describe('conversation object recovery from Postgres', () => {
  it('continues a widget conversation after its storage is lost: replay, next seq, no duplicates, ticket kept', async () => {
    const session = await widgetSession('acme');
    const { token, tenantId } = await login(acmeAgent.email, acmeAgent.password);
    const cid = session.conversationId;
    const ref = { tenantId, conversationId: cid };
    const stub = env.CONVERSATIONS.getByName(conversationObjectName(tenantId, cid));

    // More events than the object keeps (the suite keeps 5), so some history is only in Postgres already.
    const visitor = await openSocket(cid, session.token);
    visitor.send({ type: 'hello', since: 0 });
    await visitor.next('ready');
    for (let i = 0; i < 4; i++) {
      visitor.send({ type: 'message.send', clientId: `before-v-${i}`, text: `cliente ${i}` });
      await visitor.next('ack');
    }
    const agent = await openSocket(cid, token);
    agent.send({ type: 'hello', since: 0 });
    await agent.next('ready');
    for (let i = 0; i < 4; i++) {
      agent.send({ type: 'message.send', clientId: `before-a-${i}`, text: `agente ${i}` });
      await agent.next('ack');
    }
    agent.send({ type: 'note.send', clientId: 'before-note', text: 'nota interna' });
    await agent.next('ack');
    const before = await stub.inboxSummary(ref);
    const lastBefore = (await stub.history(ref, null, 1))?.lastSeq ?? 0;
    expect(lastBefore).toBeGreaterThanOrEqual(9);
    const rowsBefore = await archivedUpTo(tenantId, cid, lastBefore);
    visitor.close();
    agent.close();

    await loseStorage(stub);

    // hello {since: 0} replays every event, in order, as Postgres has them (now all from Postgres).
    const again = await openSocket(cid, token);
    const replayed = await replayAll(again);
    expect(replayed.map((e) => e.seq)).toEqual(rowsBefore.map((r) => r.seq));
    expect(replayed.map((e) => e.event)).toEqual(rowsBefore.map((r) => r.payload));

    // The next event continues after the last one Postgres had: no seq reused.
    again.send({ type: 'message.send', clientId: 'after-a-1', text: 'depois da perda' });
    expect((await again.next('ack')).seq).toBe(lastBefore + 1);
    const rowsAfter = await archivedUpTo(tenantId, cid, lastBefore + 1);
    expect(rowsAfter.slice(0, lastBefore)).toEqual(rowsBefore);
    expect(rowsAfter.at(-1)).toMatchObject({ seq: lastBefore + 1, type: 'message.created' });

    // The ticket is the one it was (status, protocol, team), reloaded from Postgres.
    const after = await stub.inboxSummary(ref);
    expect(after).toMatchObject({
      status: before?.status,
      protocol: before?.protocol,
      teamId: before?.teamId,
      assigneeId: before?.assigneeId,
      lastSeq: lastBefore + 1,
    });
    again.close();
  });

  it('answers a WhatsApp customer after the loss: binding and window restored, seq continued', async () => {
    const t = await createBotTenant(client, menuFlow);
    await asTenant(client, t.tenantId, () =>
      client.query('update channels set bot_enabled = false where id = $1', [t.channelId]),
    );
    const phone = randomPhone();
    expect((await customerSays(t, phone, 'oi, sem internet')).status).toBe(200);
    expect((await customerSays(t, phone, 'desde ontem')).status).toBe(200);
    const cid = await conversationOf(client, t, phone);
    const ref = { tenantId: t.tenantId, conversationId: cid };
    const stub = env.CONVERSATIONS.getByName(conversationObjectName(t.tenantId, cid));
    const author = { kind: 'agent' as const, id: t.agent.id, name: t.agent.name };
    expect(
      await stub.postMessage(ref, { author, clientId: 'wa-before', text: 'vou verificar' }),
    ).toMatchObject({
      ok: true,
      seq: 3,
    });
    await eventually('the reply sent', async () =>
      (await sentTo(t)).some((s) => s.body.text === 'vou verificar') ? true : null,
    );
    const lastBefore = (await stub.history(ref, null, 1))?.lastSeq ?? 0;
    const rowsBefore = await archivedUpTo(t.tenantId, cid, lastBefore);

    await loseStorage(stub);

    // The agent answers first (REST → the object's first claim): the window and the number came back.
    const posted = await stub.postMessage(ref, { author, clientId: 'wa-after', text: 'voltou agora?' });
    expect(posted).toMatchObject({ ok: true, seq: lastBefore + 1 });
    await eventually('the reply after the loss sent to the customer', async () => {
      const sent = (await sentTo(t)).find((s) => s.body.text === 'voltou agora?');
      return sent ? sent : null;
    }).then((sent) => expect(sent.body.number).toContain(phone.slice(-8)));
    // The customer's next message (webhook → the same object) continues the log too.
    expect((await customerSays(t, phone, 'voltou, obrigado')).status).toBe(200);
    const rowsAfter = await eventually('every event once in Postgres', async () => {
      const rows = await archived(t.tenantId, cid);
      const texts = rows.map((r) => (r.payload as { message?: { text?: string } }).message?.text);
      return texts.includes('voltou, obrigado') && rows.every((r, i) => r.seq === i + 1) ? rows : null;
    });
    expect(rowsAfter.slice(0, lastBefore)).toEqual(rowsBefore);
    const seqs = rowsAfter.map((r) => r.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('writes nothing while Postgres cannot answer, then recovers once it can', async () => {
    const session = await widgetSession('acme');
    const { token, tenantId } = await login(acmeAgent.email, acmeAgent.password);
    const cid = session.conversationId;
    const ref = { tenantId, conversationId: cid };
    const stub = env.CONVERSATIONS.getByName(conversationObjectName(tenantId, cid));
    const socket = await openSocket(cid, token);
    socket.send({ type: 'hello', since: 0 });
    await socket.next('ready');
    for (let i = 0; i < 3; i++) {
      socket.send({ type: 'message.send', clientId: `pg-down-${i}`, text: `mensagem ${i}` });
      await socket.next('ack');
    }
    socket.close();
    await archivedUpTo(tenantId, cid, 3);
    await loseStorage(stub);

    // The first claim with Postgres unreachable: the claim fails, and storage still holds no identity and
    // no seq, so nothing could have been appended at seq 1.
    const unreachable = { ...env, DATABASE_URL: `postgres://fio_app:x@127.0.0.1:1/fio` };
    await runInDurableObject(stub, async (_instance, state) => {
      const store = new ConversationStore(state.storage, 5);
      const identity = new ConversationIdentity(state, unreachable, store);
      await expect(identity.ensure(ref)).rejects.toThrow();
      await expect(identity.adopt(ref)).rejects.toThrow();
      expect(store.identity()).toBeNull();
      expect(store.lastSeq).toBe(0);
    });
    await evictDurableObject(stub);

    // Postgres answers again: the object continues after seq 3.
    const back = await openSocket(cid, token);
    expect((await replayAll(back)).map((e) => e.seq)).toEqual([1, 2, 3]);
    back.send({ type: 'message.send', clientId: 'down-after', text: 'de volta' });
    expect((await back.next('ack')).seq).toBe(4);
    await archivedUpTo(tenantId, cid, 4);
    back.close();
  });

  it('a new conversation still starts at seq 1', async () => {
    const session = await widgetSession('acme');
    const visitor = await openSocket(session.conversationId, session.token);
    visitor.send({ type: 'hello', since: 0 });
    expect(await visitor.next('ready')).toMatchObject({ lastSeq: 0 });
    visitor.send({ type: 'message.send', clientId: 'fresh-first-1', text: 'primeira' });
    expect((await visitor.next('ack')).seq).toBe(1);
    visitor.close();
  });
});
