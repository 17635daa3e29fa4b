// A widget visitor's message limits and read state, through the real Worker, conversation object and rate
// limiter: the per-conversation bucket answers `rate_limited` with nothing stored (every socket of the
// visitor shares it; sockets without a client address, as every other suite's, are not limited), the per-address limit refuses an address the limiter counted over, and read frames
// reach the other side live and again after a reconnect. Also prints what the limits cost on the ack's path.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../workers/contract';
import { addressKey, hitLimit, limitKey } from '../../workers/services/rate-limit';
import { WIDGET_MESSAGE_BUCKET, WIDGET_MESSAGE_IP } from '../../workers/services/rate-limit-policies';
import { type CareTenant, careTenant, messagesOf } from './care-helpers';
import { ownerClient } from './fresh-tenant';
import { call, eventually, openSocket, TestSocket, widgetSession } from './helpers';

let owner: Client;
let tenant: CareTenant;

beforeAll(async () => {
  owner = await ownerClient();
  tenant = await careTenant(owner, 'wvlimits', {});
  await owner.query(`insert into channels (tenant_id, kind, name) values ($1, 'widget', 'Site')`, [
    tenant.id,
  ]);
});

afterAll(async () => {
  await owner?.end();
});

/** A conversation socket as a browser behind `ip` opens it (Cloudflare sets cf-connecting-ip). */
async function socketFrom(conversationId: string, token: string, ip: string): Promise<TestSocket> {
  const res = await call(`/ws/conversations/${conversationId}?token=${encodeURIComponent(token)}`, {
    headers: { upgrade: 'websocket', 'cf-connecting-ip': ip },
  });
  const ws = res.webSocket;
  if (res.status !== 101 || !ws) throw new Error(`upgrade failed: ${res.status}`);
  ws.accept();
  const s = new TestSocket(ws);
  s.send({ type: 'hello', since: 0 });
  await s.next('ready');
  return s;
}

async function live(conversationId: string, token: string): Promise<TestSocket> {
  const s = await openSocket(conversationId, token);
  s.send({ type: 'hello', since: 0 });
  await s.next('ready');
  return s;
}

type Answer = Extract<ServerFrame, { type: 'ack' | 'error' }>;

/** The first frame received so far matching `pred` (polled: frames arrive on their own). */
function frameWhere<T extends ServerFrame>(s: TestSocket, what: string, pred: (f: ServerFrame) => f is T) {
  return eventually(what, async () => s.frames.find(pred), 5_000);
}

/** Sends one frame carrying `clientId` and returns the answer to it: its ack or its error frame. */
function answerTo(s: TestSocket, frame: { clientId: string; [k: string]: unknown }): Promise<Answer> {
  s.send(frame);
  return frameWhere(
    s,
    `the answer to ${frame.clientId}`,
    (f): f is Answer => (f.type === 'ack' || f.type === 'error') && f.clientId === frame.clientId,
  );
}

function say(s: TestSocket, text: string): Promise<Answer> {
  return answerTo(s, { type: 'message.send', clientId: crypto.randomUUID(), text });
}

function readBy(s: TestSocket, kind: 'agent' | 'visitor', seq: number) {
  return frameWhere(
    s,
    `a read frame of the ${kind} at ${seq}`,
    (f): f is Extract<ServerFrame, { type: 'read' }> =>
      f.type === 'read' && f.who.kind === kind && f.seq === seq,
  );
}

async function visitorTexts(conversationId: string): Promise<string[]> {
  return (await messagesOf(tenant.agent, conversationId))
    .filter((m) => m.author.kind === 'visitor')
    .map((m) => m.text);
}

/** A documentation-range address of its own per call (the per-address count is shared by the suite). */
const randomIp = () => `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}::1`;

describe('per visitor (conversation)', () => {
  it('takes a burst, then answers rate_limited with nothing stored, on every socket of the visitor', async () => {
    const s = await widgetSession(tenant.slug);
    // The phone and the laptop of one visitor: two sockets, two addresses, one bucket.
    const a = await socketFrom(s.conversationId, s.token, randomIp());
    const b = await socketFrom(s.conversationId, s.token, randomIp());
    for (let i = 1; i <= WIDGET_MESSAGE_BUCKET.burst; i++) {
      expect(await say(i % 2 ? a : b, `mensagem ${i}`)).toMatchObject({ type: 'ack' });
    }
    const refused = await say(a, 'uma a mais');
    expect(refused).toMatchObject({ type: 'error', code: 'rate_limited' });
    expect(await say(b, 'e mais outra')).toMatchObject({ type: 'error', code: 'rate_limited' });
    // An upload's send counts too: refused before R2 is even asked.
    const file = await answerTo(a, {
      type: 'attachment.send',
      clientId: crypto.randomUUID(),
      key: `${tenant.id}/${s.conversationId}/uploads/${crypto.randomUUID()}`,
    });
    expect(file).toMatchObject({ type: 'error', code: 'rate_limited' });
    const texts = await visitorTexts(s.conversationId);
    expect(texts).toHaveLength(WIDGET_MESSAGE_BUCKET.burst);
    expect(texts).not.toContain('uma a mais');
    // Another visitor is not held back by this one.
    const other = await widgetSession(tenant.slug);
    const c = await socketFrom(other.conversationId, other.token, randomIp());
    expect(await say(c, 'oi')).toMatchObject({ type: 'ack' });
    for (const x of [a, b, c]) x.close();
  });
});

describe('per address', () => {
  it('refuses an address the limiter counted over, in every conversation from it; others go on', async () => {
    const ip = randomIp();
    const key = addressKey(ip) as string;
    // Other conversations from the same address already sent the minute's whole allowance.
    for (let i = 0; i < WIDGET_MESSAGE_IP.limit; i++) {
      await hitLimit(env, WIDGET_MESSAGE_IP, { kind: 'ip', id: key });
    }
    expect(limitKey(WIDGET_MESSAGE_IP, { kind: 'ip', id: key })).toContain(key);
    const s = await widgetSession(tenant.slug);
    const sock = await socketFrom(s.conversationId, s.token, ip);
    // The count goes to the limiter after the store (off the ack's path): the object knows on the next one.
    const answers = [];
    for (let i = 0; i < 5; i++) {
      const f = await say(sock, `tentativa ${i}`);
      answers.push(f);
      if (f.type === 'error') break;
    }
    const refused = answers.at(-1);
    expect(refused).toMatchObject({ type: 'error', code: 'rate_limited' });
    const acked = answers.filter((f) => f.type === 'ack').length;
    expect(acked).toBeLessThanOrEqual(2);
    expect(await visitorTexts(s.conversationId)).toHaveLength(acked);

    // Another address is not affected.
    const t = await widgetSession(tenant.slug);
    const elsewhere = await socketFrom(t.conversationId, t.token, randomIp());
    expect(await say(elsewhere, 'oi')).toMatchObject({ type: 'ack' });
    sock.close();
    elsewhere.close();
  });
});

describe('read state both ways', () => {
  it("carries the visitor's reads to agents and agents' reads to the visitor, live and after a reconnect", async () => {
    const s = await widgetSession(tenant.slug);
    const visitor = await live(s.conversationId, s.token);
    const agent = await live(s.conversationId, tenant.agent);

    const fromAgent = await say(agent, 'Olá! Em que posso ajudar?');
    if (fromAgent.type !== 'ack') throw new Error('agent message refused');
    visitor.send({ type: 'read', seq: fromAgent.seq });
    expect((await readBy(agent, 'visitor', fromAgent.seq)).who.id).toBe(s.visitorId);

    const fromVisitor = await say(visitor, 'Minha internet caiu');
    if (fromVisitor.type !== 'ack') throw new Error('visitor message refused');
    agent.send({ type: 'read', seq: fromVisitor.seq });
    await readBy(visitor, 'agent', fromVisitor.seq);

    // A reload: each side learns where the other stands right after its replay.
    visitor.close();
    agent.close();
    const visitorAgain = await live(s.conversationId, s.token);
    await readBy(visitorAgain, 'agent', fromVisitor.seq);
    const agentAgain = await live(s.conversationId, tenant.agent);
    await readBy(agentAgain, 'visitor', fromAgent.seq);
    visitorAgain.close();
    agentAgain.close();
  });
});

describe('what the limits cost (printed, not asserted)', () => {
  it('measures a visitor message ack and one rate limiter round trip', async () => {
    const acks: number[] = [];
    for (let c = 0; c < 5; c++) {
      const s = await widgetSession(tenant.slug);
      const sock = await socketFrom(s.conversationId, s.token, randomIp());
      for (let i = 0; i < WIDGET_MESSAGE_BUCKET.burst; i++) {
        const t0 = performance.now();
        sock.send({ type: 'message.send', clientId: crypto.randomUUID(), text: `medida ${i}` });
        await sock.next('ack');
        acks.push(performance.now() - t0);
      }
      sock.close();
    }
    const hits: number[] = [];
    const key = `measure-${crypto.randomUUID()}`;
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      await hitLimit(env, WIDGET_MESSAGE_IP, { kind: 'ip', id: key });
      hits.push(performance.now() - t0);
    }
    const p = (xs: number[], q: number) =>
      [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) * q)] ?? 0;
    console.log(
      `visitor message ack (in-object bucket): p50 ${p(acks, 0.5).toFixed(2)} ms, p99 ${p(acks, 0.99).toFixed(2)} ms (n=${acks.length}); ` +
        `one RateLimiterDO hit: p50 ${p(hits, 0.5).toFixed(2)} ms, p99 ${p(hits, 0.99).toFixed(2)} ms (n=${hits.length})`,
    );
    expect(acks.length).toBe(50);
  });
});
