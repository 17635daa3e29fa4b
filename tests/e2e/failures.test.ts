// Acceptance under failure: Postgres stopped mid-stream (sends still acked, nothing lost, each event lands
// once after it returns) and a deploy (workerd restarted: every socket drops, DO state and seq survive,
// clients reconnect with backoff and resume without a visible gap).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { eventClientId, type InboxServerFrame } from '../../workers/contract';
import { ACME } from '../support/fixtures';
import {
  agentToken,
  api,
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
  // Small retention, so after the outage most history must come back from Postgres.
  stack = await startE2eStack('failures', 20);
});
afterAll(async () => {
  await stack?.stop();
});

const agent = ACME.users[1] as (typeof ACME.users)[number];

/** A bare inbox socket recording its frames (the agent app's client is tested in the browser suites). */
async function inboxSocket(token: string) {
  const ws = new WebSocket(
    `${stack.workerUrl.replace(/^http/, 'ws')}/ws/inbox?token=${encodeURIComponent(token)}`,
  );
  const frames: InboxServerFrame[] = [];
  ws.addEventListener('message', (e) => frames.push(JSON.parse(String(e.data)) as InboxServerFrame));
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve);
    ws.addEventListener('error', reject);
  });
  ws.send(JSON.stringify({ type: 'hello', since: 0 }));
  await eventually('inbox ready', () => frames.some((f) => f.type === 'ready'));
  const latest = (conversationId: string) =>
    frames
      .flatMap((f) =>
        f.type === 'summary' && f.summary.conversationId === conversationId ? [f.summary] : [],
      )
      .at(-1);
  return { ws, latest };
}

describe('tickets and the inbox during a Postgres outage', () => {
  it('keep working: summaries stream, a take applies, and the ticket row lands once Postgres is back', async () => {
    const cluster = stack.cluster;
    if (!cluster) throw new Error('this test needs the embedded cluster');
    const signIn = await api<{ accessToken: string; user: { id: string } }>(stack, '/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email: agent.email, password: agent.password }),
    });
    const { accessToken: token, user } = signIn.body;
    const session = await widget(stack);
    const inbox = await inboxSocket(token);
    const customer = new RecordingClient(socketUrl(stack, session.conversationId, session.token));
    await customer.live();
    customer.client.send('Sem internet desde cedo');
    await eventually('the inbox shows the message', () => inbox.latest(session.conversationId)?.unread === 1);

    await cluster.stopPrimary();
    try {
      customer.client.send('Alguém aí?');
      await eventually('unread counts on', () => inbox.latest(session.conversationId)?.unread === 2);
      const take = await api<{ summary: { status: string } }>(
        stack,
        `/api/conversations/${session.conversationId}/ticket`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: JSON.stringify({ action: 'take' }),
        },
      );
      expect([take.status, take.body.summary.status]).toEqual([200, 'assigned']);
      await eventually(
        'everyone sees it taken',
        () => inbox.latest(session.conversationId)?.assigneeId === user.id,
      );
    } finally {
      await cluster.startPrimary();
    }
    const db = new pg.Client({ connectionString: stack.ownerUrl });
    await db.connect();
    try {
      await eventually(
        'the ticket row follows',
        async () => {
          const r = await db.query<{ assignee_id: string | null }>(
            'select assignee_id from tickets where conversation_id = $1',
            [session.conversationId],
          );
          return r.rows[0]?.assignee_id === user.id;
        },
        60_000,
      );
    } finally {
      await db.end();
    }
    inbox.ws.close();
    customer.client.close();
  });
});

describe('Postgres outage', () => {
  it('keeps acknowledging while Postgres is down, then lands every event exactly once', async () => {
    const cluster = stack.cluster;
    if (!cluster) throw new Error('this test needs the embedded cluster');
    const session = await widget(stack);
    const token = await agentToken(stack, agent.email, agent.password);
    const sender = new RecordingClient(socketUrl(stack, session.conversationId, session.token));
    const watcher = new RecordingClient(socketUrl(stack, session.conversationId, token));
    await Promise.all([sender.live(), watcher.live()]);
    let lateDuringOutage: RecordingClient | undefined;

    for (const i of range(1, 100)) sender.client.send(`before ${i}`);
    await eventually('first 100 acked', () => sender.acks.size === 100);
    // Archived; the appends during the outage record that and prune the DO to its newest 20, so events
    // 1..100 end up only in Postgres.
    await archivedOnce(stack, session.conversationId, 100);
    await cluster.stopPrimary();
    try {
      expect((await api(stack, '/ready')).status).toBe(503);
      for (const i of range(101, 300)) sender.client.send(`during ${i}`);
      await eventually('acks continue while Postgres is down', () => sender.acks.size === 300);
      await eventually('watcher sees all 300 live', () => watcher.events.length === 300);
      expect(watcher.seqs()).toEqual(range(1, 300));
      // What needs Postgres says so clearly, and can be retried.
      const login = await fetch(`${stack.workerUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: agent.email, password: agent.password }),
      });
      expect(login.status).toBe(503);
      expect(login.headers.get('retry-after')).toBe('2');
      expect(((await login.json()) as { error: { code: string } }).error.code).toBe('unavailable');
      const newSession = await api<{ error: { code: string } }>(stack, '/api/widget/sessions', {
        method: 'POST',
        body: JSON.stringify({ tenant: 'acme' }),
      });
      expect([newSession.status, newSession.body.error.code]).toEqual([503, 'unavailable']);
      // A subscriber arriving now needs events 1..80 that only Postgres has: the replica serves them.
      lateDuringOutage = new RecordingClient(socketUrl(stack, session.conversationId, token));
      await lateDuringOutage.live();
      expect(lateDuringOutage.seqs()).toEqual(range(1, 300));
      // Give the outbox time to fail and back off at least once.
      await new Promise((r) => setTimeout(r, 1_500));
    } finally {
      await cluster.startPrimary();
    }
    expect((await api(stack, '/ready')).status).toBe(200);
    const rows = await archivedOnce(stack, session.conversationId, 300, 60_000);
    expect(rows.map((r) => r.seq)).toEqual(range(1, 300));
    expect(rows.map((r) => r.clientId)).toEqual(watcher.events.map((e) => eventClientId(e.event)));

    // A late subscriber replays from the start: old events from Postgres, recent ones from the DO.
    const late = new RecordingClient(socketUrl(stack, session.conversationId, token));
    await late.live();
    expect(late.seqs()).toEqual(range(1, 300));
    for (const c of [sender, watcher, late, lateDuringOutage]) c.client.close();
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
    await eventually('sender caught up', () => sender.events.length === 80, 60_000);
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
      await archivedOnce(stack, session.conversationId, 60);
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

describe('history unavailable', () => {
  it('a hello that needs Postgres while no copy answers gets "unavailable" and completes once Postgres is back', async () => {
    const cluster = stack.cluster;
    const replicaUrl = cluster?.replicaUrl;
    if (!cluster || !replicaUrl) throw new Error('this test needs the embedded cluster');
    const replica = new pg.Client({ connectionString: replicaUrl });
    await replica.connect();
    await replica.query('select pg_wal_replay_pause()');
    const session = await widget(stack);
    const token = await agentToken(stack, agent.email, agent.password);
    const sender = new RecordingClient(socketUrl(stack, session.conversationId, session.token));
    await sender.live();
    for (const i of range(1, 60)) sender.client.send(`before outage ${i}`);
    await archivedOnce(stack, session.conversationId, 60);
    // The next append records the flush and prunes (retention 20): 1..41 are then only in the primary.
    sender.client.send('one more');
    await eventually('61 acked', () => sender.acks.size === 61);
    const errors: string[] = [];
    let late: RecordingClient | undefined;
    await cluster.stopPrimary();
    try {
      late = new RecordingClient(socketUrl(stack, session.conversationId, token), {
        onError: (f) => errors.push(f.code),
      });
      await eventually('told unavailable', () => errors.includes('unavailable'));
      expect(late.client.connectionState).toBe('replaying');
      expect(late.events).toEqual([]);
    } finally {
      await cluster.startPrimary();
      await replica.query('select pg_wal_replay_resume()');
      await replica.end();
    }
    await late.live();
    expect(late.seqs()).toEqual(range(1, 61));
    sender.client.close();
    late.client.close();
  });
});

describe('backlog across a restart', () => {
  it('events acked while Postgres was down reach it after a workerd restart, with no new message to trigger them', async () => {
    const cluster = stack.cluster;
    if (!cluster) throw new Error('this test needs the embedded cluster');
    const session = await widget(stack);
    const sender = new RecordingClient(socketUrl(stack, session.conversationId, session.token));
    await sender.live();
    for (const i of range(1, 40)) sender.client.send(`flushed ${i}`);
    await archivedOnce(stack, session.conversationId, 40);
    await cluster.stopPrimary();
    try {
      for (const i of range(41, 90)) sender.client.send(`backlog ${i}`);
      await eventually('backlog acked', () => sender.acks.size === 90);
      sender.client.close();
      // In-memory retry timers die with the process; only the durable alarm remains.
      await stack.worker.restart();
    } finally {
      await cluster.startPrimary();
    }
    const rows = await archivedOnce(stack, session.conversationId, 90, 60_000);
    expect(rows.map((r) => r.seq)).toEqual(range(1, 90));
  });
});
