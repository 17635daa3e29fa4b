// Acceptance: concurrent senders, every subscriber sees the same seq 1..N, Postgres holds exactly those rows;
// a subscriber that drops mid-stream resumes with no gap or duplicate; a resend gets the original seq.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { eventClientId } from '../../workers/contract';
import { ACME } from '../support/fixtures';
import {
  agentToken,
  archivedOnce,
  archivedRows,
  eventually,
  RecordingClient,
  range,
  socketUrl,
  startE2eStack,
  widget,
} from './stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startE2eStack('ordering');
});
afterAll(async () => {
  await stack?.stop();
});

const [admin, agent] = ACME.users as [(typeof ACME.users)[number], (typeof ACME.users)[number]];

describe('ordering under concurrent senders', () => {
  it('three senders × 300 messages: every subscriber sees seq 1..900, and Postgres holds exactly those rows', async () => {
    const session = await widget(stack);
    const adminToken = await agentToken(stack, admin.email, admin.password);
    const agentTok = await agentToken(stack, agent.email, agent.password);
    const url = (token: string) => socketUrl(stack, session.conversationId, token);
    const senders = [
      new RecordingClient(url(session.token)),
      new RecordingClient(url(adminToken)),
      new RecordingClient(url(agentTok)),
    ];
    const watchers = [new RecordingClient(url(adminToken)), new RecordingClient(url(session.token))];
    const everyone = [...senders, ...watchers];
    await Promise.all(everyone.map((c) => c.live()));

    const sent = senders.map((s, n) => range(1, 300).map((i) => s.client.send(`sender ${n} message ${i}`)));
    await eventually('all 900 acks', () => senders.every((s) => s.acks.size === 300));
    await eventually('900 events at every subscriber', () => everyone.every((c) => c.events.length === 900));

    // Acks: each sender's messages got distinct seqs, together exactly 1..900, in each sender's send order.
    const ackSeqs = senders.flatMap((s, n) => (sent[n] as string[]).map((id) => s.acks.get(id) as number));
    expect([...ackSeqs].sort((a, b) => a - b)).toEqual(range(1, 900));
    for (const [n, s] of senders.entries()) {
      const mine = (sent[n] as string[]).map((id) => s.acks.get(id) as number);
      expect(mine).toEqual([...mine].sort((a, b) => a - b));
    }
    // Every subscriber rendered the identical sequence.
    const reference = (everyone[0] as RecordingClient).events.map((e) => [e.seq, eventClientId(e.event)]);
    expect(reference.map(([seq]) => seq)).toEqual(range(1, 900));
    for (const c of everyone) expect(c.events.map((e) => [e.seq, eventClientId(e.event)])).toEqual(reference);

    // Postgres, after the outbox flush: exactly those 900 rows, in that order, once each.
    const rows = await archivedOnce(stack, session.conversationId, 900);
    expect(rows.map((r) => [r.seq, r.clientId])).toEqual(reference);
    // …and the replica streams the same rows.
    await stack.cluster?.waitForReplicaCatchUp(30_000);
    const replicaRows = await archivedRows(stack.cluster?.replicaUrl as string, session.conversationId);
    expect(replicaRows).toEqual(rows);
    for (const c of everyone) c.client.close();
  });

  it('a subscriber that drops mid-stream resumes with hello {since}: no gap, no duplicate', async () => {
    const session = await widget(stack);
    const token = await agentToken(stack, agent.email, agent.password);
    const sender = new RecordingClient(socketUrl(stack, session.conversationId, session.token));
    const watcher = new RecordingClient(socketUrl(stack, session.conversationId, token));
    await Promise.all([sender.live(), watcher.live()]);

    for (const i of range(1, 400)) {
      sender.client.send(`burst ${i}`);
      if (i === 120) {
        await eventually('watcher got some events', () => watcher.events.length > 50);
        watcher.client.reconnect(); // the network drops mid-stream
      }
    }
    await eventually('all acks', () => sender.acks.size === 400);
    await eventually('watcher caught up', () => watcher.events.length === 400);
    expect(watcher.seqs()).toEqual(range(1, 400));
    expect(new Set(watcher.events.map((e) => eventClientId(e.event))).size).toBe(400);
    sender.client.close();
    watcher.client.close();
  });

  it('a resend with the same clientId, even after a reconnect, gets the same seq and no new event', async () => {
    const session = await widget(stack);
    const c = new RecordingClient(socketUrl(stack, session.conversationId, session.token));
    await c.live();
    const id = c.client.send('olá, minha internet caiu');
    await eventually('ack', () => c.acks.has(id));
    const seq = c.acks.get(id);
    c.client.reconnect();
    await eventually('reconnected', () => c.client.connectionState !== 'live');
    await c.live();
    c.acks.clear();
    c.client.send('olá, minha internet caiu', id);
    await eventually('second ack', () => c.acks.has(id));
    expect(c.acks.get(id)).toBe(seq);
    await new Promise((r) => setTimeout(r, 300));
    expect(c.seqs()).toEqual([seq]);
    c.client.close();
  });
});
