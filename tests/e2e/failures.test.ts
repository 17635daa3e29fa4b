// Acceptance under failure: Postgres stopped mid-stream (sends still acked, nothing lost, each event lands
// once after it returns) and a deploy (workerd restarted: every socket drops, DO state and seq survive,
// clients reconnect with backoff and resume without a visible gap).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { ACME } from '../support/fixtures';
import {
  agentToken,
  api,
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
  // Small retention, so after the outage most history must come back from Postgres.
  stack = await startE2eStack('failures', 20);
});
afterAll(async () => {
  await stack?.stop();
});

const agent = ACME.users[1] as (typeof ACME.users)[number];

describe('Postgres outage', () => {
  it('keeps acknowledging while Postgres is down, then lands every event exactly once', async () => {
    const cluster = stack.cluster;
    if (!cluster) throw new Error('this test needs the embedded cluster');
    const session = await widget(stack);
    const token = await agentToken(stack, agent.email, agent.password);
    const sender = new RecordingClient(socketUrl(stack, session.conversationId, session.token));
    const watcher = new RecordingClient(socketUrl(stack, session.conversationId, token));
    await Promise.all([sender.live(), watcher.live()]);

    for (const i of range(1, 100)) sender.client.send(`before ${i}`);
    await eventually('first 100 acked', () => sender.acks.size === 100);
    await cluster.stopPrimary();
    try {
      expect((await api(stack, '/ready')).status).toBe(503);
      for (const i of range(101, 300)) sender.client.send(`during ${i}`);
      await eventually('acks continue while Postgres is down', () => sender.acks.size === 300);
      await eventually('watcher sees all 300 live', () => watcher.events.length === 300);
      expect(watcher.seqs()).toEqual(range(1, 300));
      // Give the outbox time to fail and back off at least once.
      await new Promise((r) => setTimeout(r, 1_500));
    } finally {
      await cluster.startPrimary();
    }
    expect((await api(stack, '/ready')).status).toBe(200);
    await eventually(
      'backlog flushed',
      async () => (await archivedRows(stack.ownerUrl, session.conversationId)).length === 300,
      60_000,
    );
    const rows = await archivedRows(stack.ownerUrl, session.conversationId);
    expect(rows.map((r) => r.seq)).toEqual(range(1, 300));
    expect(rows.map((r) => r.clientId)).toEqual(watcher.events.map((e) => e.event.message.clientId));

    // A late subscriber replays from the start: old events from Postgres, recent ones from the DO.
    const late = new RecordingClient(socketUrl(stack, session.conversationId, token));
    await late.live();
    expect(late.seqs()).toEqual(range(1, 300));
    for (const c of [sender, watcher, late]) c.client.close();
  });
});

describe('deploy (workerd restarted)', () => {
  it('drops every socket; clients reconnect, resume without gap, and seq continues', async () => {
    const session = await widget(stack);
    const token = await agentToken(stack, agent.email, agent.password);
    const sender = new RecordingClient(socketUrl(stack, session.conversationId, session.token));
    const watcher = new RecordingClient(socketUrl(stack, session.conversationId, token));
    await Promise.all([sender.live(), watcher.live()]);
    for (const i of range(1, 50)) sender.client.send(`pre-deploy ${i}`);
    await eventually('acked', () => sender.acks.size === 50);

    const restarting = stack.worker.restart();
    // Typed while the Worker is down: kept by the client and sent after it resumes.
    for (const i of range(51, 80)) sender.client.send(`during deploy ${i}`);
    await restarting;
    await eventually('resent after reconnect', () => sender.acks.size === 80, 60_000);
    await eventually('watcher caught up', () => watcher.events.length === 80, 60_000);
    expect(watcher.seqs()).toEqual(range(1, 80));
    expect(sender.seqs()).toEqual(range(1, 80));
    expect([...sender.acks.values()].sort((a, b) => a - b)).toEqual(range(1, 80));
    for (const c of [sender, watcher]) c.client.close();
  });
});

describe('replica lag', () => {
  it('history stays complete when the replica lags: holes in the replica are read from the primary', async () => {
    const replicaUrl = stack.cluster?.replicaUrl;
    if (!replicaUrl) throw new Error('this test needs the embedded replica');
    const replica = new pg.Client({ connectionString: replicaUrl });
    await replica.connect();
    await replica.query('select pg_wal_replay_pause()');
    try {
      const session = await widget(stack);
      const sender = new RecordingClient(socketUrl(stack, session.conversationId, session.token));
      await sender.live();
      for (const i of range(1, 60)) sender.client.send(`lagging ${i}`);
      await eventually(
        'flushed to the primary',
        async () => (await archivedRows(stack.ownerUrl, session.conversationId)).length === 60,
      );
      expect(await archivedRows(replicaUrl, session.conversationId)).toEqual([]);
      await new Promise((r) => setTimeout(r, 300)); // the flush's prune leaves only the newest 20 in the DO

      const token = await agentToken(stack, agent.email, agent.password);
      const res = await api<{ events: { seq: number }[] }>(
        stack,
        `/api/conversations/${session.conversationId}/events?limit=60`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
      expect(res.status).toBe(200);
      expect(res.body.events.map((e) => e.seq)).toEqual(range(1, 60));
      sender.client.close();
    } finally {
      await replica.query('select pg_wal_replay_resume()');
      await replica.end();
    }
  });
});
