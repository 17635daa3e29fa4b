// The conversation socket inside workerd: ordered send/ack/fan-out, idempotent resends, hello replay
// (including from Postgres), typing and read markers, eviction, and every kind of bad input.
import { evictDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { conversationObjectName } from '../../workers/services/conversation-names';
import { ACME, GLOBEX, TEST_JWT_SECRET } from '../support/fixtures';
import { call, login, openSocket, type TestSocket, widgetSession } from './helpers';

const acmeAgent = ACME.users[1] as (typeof ACME.users)[number];
const globexAgent = GLOBEX.users[0] as (typeof GLOBEX.users)[number];

async function sendAll(socket: TestSocket, prefix: string, n: number): Promise<number[]> {
  for (let i = 0; i < n; i++)
    socket.send({ type: 'message.send', clientId: `${prefix}-msg-${i}`, text: `${prefix} ${i}` });
  const seqs: number[] = [];
  for (let i = 0; i < n; i++) seqs.push((await socket.next('ack')).seq);
  return seqs;
}

async function historySeqs(conversationId: string, token: string): Promise<number[]> {
  const res = await call(`/api/conversations/${conversationId}/events?limit=200`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as { events: { seq: number }[] };
  return body.events.map((e) => e.seq);
}

describe('conversation socket', () => {
  it('acks in order and fans out the same ordered events to every subscriber', async () => {
    const session = await widgetSession('acme');
    const { token } = await login(acmeAgent.email, acmeAgent.password);
    const visitor = await openSocket(session.conversationId, session.token);
    const agent = await openSocket(session.conversationId, token);
    visitor.send({ type: 'hello', since: 0 });
    agent.send({ type: 'hello', since: 0 });
    await visitor.next('ready');
    await agent.next('ready');
    const seqs = await sendAll(visitor, 'order', 40);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    while (agent.events().length < 40) await agent.next('event');
    while (visitor.events().length < 40) await visitor.next('event');
    expect(agent.events().map((e) => e.seq)).toEqual(seqs);
    expect(visitor.events().map((e) => e.seq)).toEqual(seqs);
    const first = agent.events()[0];
    expect(first?.event).toMatchObject({
      type: 'message.created',
      message: {
        text: 'order 0',
        author: { kind: 'visitor', id: session.visitorId },
        clientId: 'order-msg-0',
      },
    });
  });

  it('answers a resend of the same clientId with the original seq and stores nothing new', async () => {
    const session = await widgetSession('acme');
    const socket = await openSocket(session.conversationId, session.token);
    const clientId = crypto.randomUUID();
    socket.send({ type: 'message.send', clientId, text: 'olá' });
    const ack = await socket.next('ack');
    socket.send({ type: 'message.send', clientId, text: 'olá' });
    socket.send({ type: 'message.send', clientId, text: 'olá (double click)' });
    expect(await socket.next('ack')).toEqual({ type: 'ack', clientId, seq: ack.seq });
    expect(await socket.next('ack')).toEqual({ type: 'ack', clientId, seq: ack.seq });
    expect(await historySeqs(session.conversationId, session.token)).toEqual([ack.seq]);
  });

  it('replays everything after `since` on hello, from storage and from Postgres', async () => {
    const session = await widgetSession('acme');
    const writer = await openSocket(session.conversationId, session.token);
    await sendAll(writer, 'replay', 30);
    // Let the outbox flush; the next append records it and prunes (retention is 5 in tests), so most of
    // the replay must come from Postgres.
    const { tenantId } = await login(acmeAgent.email, acmeAgent.password);
    const ref = { tenantId, conversationId: session.conversationId };
    const stub = env.CONVERSATIONS.getByName(conversationObjectName(tenantId, session.conversationId));
    await waitFor(async () => (await stub.history(ref, null, 1))?.lastSeq === 30);
    await new Promise((r) => setTimeout(r, 200));
    await sendAll(writer, 'prune', 1);
    const oldestHeld = (await stub.history(ref, null, 1))?.oldestHeld ?? 0;
    expect(oldestHeld).toBeGreaterThan(20);
    const reader = await openSocket(session.conversationId, session.token);
    reader.send({ type: 'hello', since: 7 });
    const ready = await reader.next('ready');
    expect(ready.lastSeq).toBe(31);
    expect(reader.events().map((e) => e.seq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 8));
    // …and then streams live events.
    await sendAll(writer, 'live', 2);
    while (reader.events().length < 26) await reader.next('event');
    expect(
      reader
        .events()
        .map((e) => e.seq)
        .slice(-2),
    ).toEqual([32, 33]);
  });

  it('relays typing and forward-only read markers to the other participants', async () => {
    const session = await widgetSession('acme');
    const { token } = await login(acmeAgent.email, acmeAgent.password);
    const visitor = await openSocket(session.conversationId, session.token);
    const agent = await openSocket(session.conversationId, token);
    for (const s of [visitor, agent]) {
      s.send({ type: 'hello', since: 0 });
      await s.next('ready');
    }
    visitor.send({ type: 'typing', on: true });
    expect(await agent.next('typing')).toMatchObject({
      on: true,
      who: { kind: 'visitor', id: session.visitorId },
    });
    await sendAll(visitor, 'reads', 3);
    agent.send({ type: 'read', seq: 3 });
    expect(await visitor.next('read')).toMatchObject({ seq: 3, who: { kind: 'agent' } });
    agent.send({ type: 'read', seq: 1 });
    expect(await visitor.next('read')).toMatchObject({ seq: 3 });
    agent.send({ type: 'read', seq: 99 });
    expect(await agent.next('error')).toMatchObject({ code: 'validation_failed' });
  });

  it('keeps state and seq across an eviction', async () => {
    const session = await widgetSession('acme');
    const { tenantId } = await login(acmeAgent.email, acmeAgent.password);
    const first = await openSocket(session.conversationId, session.token);
    await sendAll(first, 'before', 3);
    await new Promise((r) => setTimeout(r, 400)); // flushed, and the archive connection idle-closed
    const stub = env.CONVERSATIONS.getByName(conversationObjectName(tenantId, session.conversationId));
    await evictDurableObject(stub, { webSockets: 'close' });
    const second = await openSocket(session.conversationId, session.token);
    second.send({ type: 'hello', since: 0 });
    expect((await second.next('ready')).lastSeq).toBe(3);
    expect(await sendAll(second, 'after', 2)).toEqual([4, 5]);
    second.send({ type: 'message.send', clientId: 'before-msg-1', text: 'retry after eviction' });
    expect((await second.next('ack')).seq).toBe(2);
  });

  it('answers bad frames with an error frame and stores nothing', async () => {
    const session = await widgetSession('acme');
    const socket = await openSocket(session.conversationId, session.token);
    const bad: [unknown, string][] = [
      ['{not json', 'invalid_json'],
      // Nested past any real frame (a walk of it would overflow the stack): refused before parsing.
      [
        `{"type":"message.send","clientId":"deep-0001","text":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
        'invalid_json',
      ],
      [{ type: 'shout', text: 'hi' }, 'unknown_frame'],
      [{ text: 'no type' }, 'unknown_frame'],
      [{ type: 'message.send', clientId: 'empty-1', text: '' }, 'validation_failed'],
      [{ type: 'message.send', clientId: 'blank-1', text: '   \n ' }, 'validation_failed'],
      [{ type: 'message.send', clientId: 'big-0001', text: 'x'.repeat(4097) }, 'validation_failed'],
      [{ type: 'message.send', text: 'no client id' }, 'validation_failed'],
      [{ type: 'message.send', clientId: 'bad id!', text: 'hi' }, 'validation_failed'],
      [{ type: 'hello', since: -1 }, 'validation_failed'],
      [{ type: 'message.send', clientId: 'huge-0001', text: 'y'.repeat(70_000) }, 'frame_too_large'],
      // 40,000 characters but 80,000 bytes of UTF-8: the limit is on bytes.
      [
        { type: 'message.send', clientId: 'huge-0002', text: 'ç'.repeat(10_000) + '👍'.repeat(15_000) },
        'frame_too_large',
      ],
    ];
    for (const [frame, code] of bad) {
      socket.send(frame);
      expect(await socket.next('error')).toMatchObject({ type: 'error', code });
    }
    socket.send({ type: 'message.send', clientId: 'max-len-1', text: 'z'.repeat(4096) });
    expect((await socket.next('ack')).seq).toBe(1);
    expect(await historySeqs(session.conversationId, session.token)).toEqual([1]);
  });

  it('refuses bad, forged and foreign tokens before any upgrade', async () => {
    const session = await widgetSession('acme');
    const path = `/ws/conversations/${session.conversationId}`;
    const upgrade = { headers: { upgrade: 'websocket' } };
    const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

    const missing = await call(path, upgrade);
    expect([missing.status, await codeOf(missing)]).toEqual([401, 'unauthorized']);

    const { tenantId } = await login(acmeAgent.email, acmeAgent.password);
    const forged = await new SignJWT({ kind: 'visitor', tid: tenantId, cid: session.conversationId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(session.visitorId)
      .setIssuer('fio')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-different-secret-of-enough-length-000000'));
    const forgedRes = await call(`${path}?token=${forged}`, upgrade);
    expect([forgedRes.status, await codeOf(forgedRes)]).toEqual([401, 'unauthorized']);

    const expired = await new SignJWT({
      kind: 'visitor',
      tid: crypto.randomUUID(),
      cid: session.conversationId,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(session.visitorId)
      .setIssuer('fio')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    expect((await call(`${path}?token=${expired}`, upgrade)).status).toBe(401);

    const otherVisitor = await widgetSession('acme');
    const wrongConversation = await call(`${path}?token=${otherVisitor.token}`, upgrade);
    expect([wrongConversation.status, await codeOf(wrongConversation)]).toEqual([404, 'not_found']);

    const { token: globexToken } = await login(globexAgent.email, globexAgent.password);
    const foreign = await call(`${path}?token=${globexToken}`, upgrade);
    expect([foreign.status, await codeOf(foreign)]).toEqual([404, 'not_found']);

    const unknownId = await call(`/ws/conversations/${crypto.randomUUID()}?token=${globexToken}`, upgrade);
    expect(unknownId.status).toBe(404);

    const notUpgrade = await call(`${path}?token=${session.token}`);
    expect(notUpgrade.status).toBe(400);

    // Nothing was stored by any of the refused attempts.
    expect(await historySeqs(session.conversationId, session.token)).toEqual([]);
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
