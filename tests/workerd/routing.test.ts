// Automatic assignment inside workerd, with real dashboards (inbox sockets), conversation objects and
// Postgres: balanced routing under capacity in priority-then-age order, the queue draining on a close, an
// agent coming online and a capacity raise with no agent action, fifty concurrent triggers, a manual take
// racing routing (one winner, a clear refusal), and requeues when an agent goes offline (socket closed or
// silent) or leaves a customer unanswered (the inbox's clock moved), each on the timeline.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboxStore } from '../../durable-objects/tenant-inbox/inbox-store';
import { RoutingIndex } from '../../durable-objects/tenant-inbox/routing-index';
import type { InboxServerFrame, InboxSummary, StoredEvent } from '../../workers/contract';
import { conversationObjectName, inboxName } from '../../workers/services/conversation-names';
import { hashPassword } from '../../workers/services/passwords';
import { routingChanged } from '../../workers/services/routing-changed';
import { freshTenant, ownerClient } from './fresh-tenant';
import { api, eventually, login, openInbox, openSocket, type TestSocket, widgetSession } from './helpers';

type Inbox = TestSocket<InboxServerFrame>;
interface Agent {
  id: string;
  name: string;
  token: string;
}
interface Desk {
  tenantId: string;
  slug: string;
  adminToken: string;
  agents: Agent[];
  teamId: string;
}

let owner: Client;
beforeAll(async () => {
  owner = await ownerClient();
});
afterAll(() => owner.end());

const PASSWORD = 'roteamento-senha-123';

/** A tenant with a widget, an admin, `n` agents and one team of them (manual until a test turns it on). */
async function desk(label: string, n: number, team: Record<string, unknown> = {}): Promise<Desk> {
  const t = await freshTenant(owner, label, ['admin']);
  await owner.query(`insert into channels (tenant_id, kind, name) values ($1, 'widget', 'Site')`, [t.id]);
  const agents: Agent[] = [];
  for (let i = 0; i < n; i++) {
    const name = `Agente ${String.fromCharCode(65 + i)}`;
    const email = `agente${i}@${t.slug}.test`;
    const u = await owner.query<{ id: string }>(
      `insert into users (tenant_id, email, name, role, password_hash) values ($1, $2, $3, 'agent', $4)
       returning id`,
      [t.id, email, name, hashPassword(PASSWORD)],
    );
    agents.push({ id: u.rows[0]?.id as string, name, token: (await login(email, PASSWORD)).token });
  }
  const row = await owner.query<{ id: string }>(
    `insert into teams (tenant_id, name, default_capacity, requeue_offline_seconds, requeue_unanswered_minutes)
     values ($1, 'Suporte', $2, $3, $4) returning id`,
    [
      t.id,
      team.defaultCapacity ?? 2,
      team.requeueOfflineSeconds ?? null,
      team.requeueUnansweredMinutes ?? null,
    ],
  );
  const teamId = row.rows[0]?.id as string;
  for (const a of agents)
    await owner.query('insert into team_members (tenant_id, team_id, user_id) values ($1, $2, $3)', [
      t.id,
      teamId,
      a.id,
    ]);
  return { tenantId: t.id, slug: t.slug, adminToken: t.tokens.admin as string, agents, teamId };
}

async function setMode(d: Desk, mode: 'manual' | 'balanced' | 'round_robin'): Promise<void> {
  await owner.query('update teams set routing_mode = $1 where id = $2', [mode, d.teamId]);
  await routingChanged(env, d.tenantId);
}

function inboxStub(d: Desk) {
  return env.TENANT_INBOX.getByName(inboxName(d.tenantId));
}

async function readyInbox(token: string): Promise<Inbox> {
  const inbox = await openInbox(token);
  inbox.send({ type: 'hello', since: 0 });
  await inbox.next('ready');
  return inbox;
}

/** A customer writes, the admin puts the conversation in the team with a priority: it waits in the queue. */
async function queued(d: Desk, priority: number): Promise<string> {
  const session = await widgetSession(d.slug);
  const visitor = await openSocket(session.conversationId, session.token);
  visitor.send({ type: 'hello', since: 0 });
  await visitor.next('ready');
  visitor.send({
    type: 'message.send',
    clientId: `c-${session.conversationId.slice(0, 8)}`,
    text: 'Sem internet',
  });
  await visitor.next('ack');
  visitor.close();
  const path = `/api/conversations/${session.conversationId}/ticket`;
  expect(
    (await api('POST', path, d.adminToken, { action: 'transfer', teamId: d.teamId, assigneeId: null }))
      .status,
  ).toBe(200);
  if (priority !== 3)
    expect((await api('POST', path, d.adminToken, { action: 'priority', priority })).status).toBe(200);
  return session.conversationId;
}

/** The newest summary of every conversation a dashboard has been sent. */
function view(inbox: Inbox): Map<string, InboxSummary> {
  const out = new Map<string, { version: number; summary: InboxSummary }>();
  for (const f of inbox.frames) {
    if (f.type !== 'summary') continue;
    const prior = out.get(f.summary.conversationId);
    if (!prior || prior.version < f.version) out.set(f.summary.conversationId, f);
  }
  return new Map([...out].map(([id, f]) => [id, f.summary]));
}

/** Waits (bounded) until the dashboard's view satisfies `pred`. */
async function until(inbox: Inbox, what: string, pred: (v: Map<string, InboxSummary>) => boolean) {
  return eventually(what, async () => (pred(view(inbox)) ? view(inbox) : null), 15_000);
}

function loads(v: Map<string, InboxSummary>, ids: string[], agents: Agent[]): number[] {
  return agents.map(
    (a) => ids.filter((id) => v.get(id)?.status === 'assigned' && v.get(id)?.assigneeId === a.id).length,
  );
}

/** Sets the agent's presence from their dashboard and waits until the inbox announces it. */
async function presenceIs(inbox: Inbox, userId: string, status: 'online' | 'away'): Promise<void> {
  inbox.send({ type: 'presence.set', status });
  await eventually(`presence ${status}`, async () => {
    const last = [...inbox.frames]
      .reverse()
      .find((f) => f.type === 'presence' && f.presence.userId === userId);
    return last?.type === 'presence' && last.presence.status === status ? true : null;
  });
}

async function timeline(d: Desk, conversationId: string) {
  const stub = env.CONVERSATIONS.getByName(conversationObjectName(d.tenantId, conversationId));
  const page = await stub.history({ tenantId: d.tenantId, conversationId }, null, 100);
  return (page?.events ?? [])
    .map((e: StoredEvent) => e.event)
    .filter((e) => e.type === 'ticket.changed')
    .map((e) => ({
      change: e.change,
      assigneeId: e.ticket.assigneeId,
      reason: e.detail?.reason ?? null,
    }));
}

describe('automatic assignment', () => {
  it('balanced: nobody over capacity, loads within one, the rest wait in priority-then-age order; a close, a new agent and a capacity raise drain it', async () => {
    const d = await desk('routing-balanced', 4);
    const [a, b, c, late] = d.agents as [Agent, Agent, Agent, Agent];
    const priorities = [3, 5, 1, 5, 2, 4, 3, 1, 5, 2];
    const ids: string[] = [];
    for (const p of priorities) ids.push(await queued(d, p));
    const admin = await readyInbox(d.adminToken);
    const dashboards = [await readyInbox(a.token), await readyInbox(b.token), await readyInbox(c.token)];
    await setMode(d, 'balanced');

    const v = await until(
      admin,
      'six assigned',
      (v) => ids.filter((id) => v.get(id)?.status === 'assigned').length === 6,
    );
    await inboxStub(d).routingSettled();
    expect(loads(view(admin), ids, [a, b, c])).toEqual([2, 2, 2]);
    // The four left: lowest priority, then the oldest first (the expected order from how they were created).
    const order = ids
      .map((id, i) => ({ id, p: priorities[i] as number, i }))
      .sort((x, y) => y.p - x.p || x.i - y.i)
      .map((x) => x.id);
    const waiting = order.filter((id) => v.get(id)?.status === 'queued');
    expect(waiting).toEqual(order.slice(6));
    for (const id of order.slice(0, 6)) expect(v.get(id)?.status).toBe('assigned');
    // Every automatic assignment is on the timeline with its reason.
    expect(await timeline(d, order[0] as string)).toContainEqual(
      expect.objectContaining({ change: 'assigned', reason: 'auto_assigned' }),
    );

    // A's close frees capacity: the longest-waiting of the highest priority reaches A's dashboard, no action.
    const aHas = order.slice(0, 6).find((id) => view(admin).get(id)?.assigneeId === a.id) as string;
    expect(
      (await api('POST', `/api/conversations/${aHas}/ticket`, a.token, { action: 'close' })).status,
    ).toBe(200);
    const next = order[6] as string;
    await until(
      dashboards[0] as Inbox,
      'the next one assigned to A',
      (v) => v.get(next)?.assigneeId === a.id,
    );

    // B's capacity raised to 3: the next one goes to B.
    await owner.query('update users set capacity = 3 where id = $1', [b.id]);
    await routingChanged(env, d.tenantId);
    const then = order[7] as string;
    await until(
      dashboards[1] as Inbox,
      'the next one assigned to B',
      (v) => v.get(then)?.assigneeId === b.id,
    );

    // A fourth agent coming online gets the next one.
    const lateInbox = await readyInbox(late.token);
    const third = order[8] as string;
    await until(
      lateInbox,
      'the next one assigned to the agent who came online',
      (v) => v.get(third)?.assigneeId === late.id,
    );
    await inboxStub(d).routingSettled();
    const final = view(admin);
    // The agent who came online took the last two (capacity 2); the queue is empty, nobody over capacity.
    expect(loads(final, ids, [a, b, c, late])).toEqual([2, 3, 2, 2]);
    expect(final.get(order[9] as string)?.assigneeId).toBe(late.id);
    expect(ids.filter((id) => final.get(id)?.status === 'queued')).toEqual([]);

    // The supervisors' view follows: each agent's load against capacity, the team's queue empty.
    await eventually('the routing frame with the final loads', async () => {
      const f = [...admin.frames].reverse().find((x) => x.type === 'routing');
      if (f?.type !== 'routing') return null;
      const load = (id: string) => f.routing.agents.find((x) => x.userId === id);
      const team = f.routing.queues.find((q) => q.teamId === d.teamId);
      return load(b.id)?.load === 3 &&
        load(b.id)?.capacity === 3 &&
        load(late.id)?.load === 2 &&
        team?.queued === 0
        ? f
        : null;
    });
    for (const s of [admin, lateInbox, ...dashboards]) s.close();
  }, 120_000);

  it('round-robin: each member in turn, after the one the team last assigned to', async () => {
    const d = await desk('routing-turns', 3, { defaultCapacity: 5 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await queued(d, 3));
    const admin = await readyInbox(d.adminToken);
    const dashboards = await Promise.all(d.agents.map((a) => readyInbox(a.token)));
    await setMode(d, 'round_robin');
    const v = await until(admin, 'four assigned', (v) => ids.every((id) => v.get(id)?.status === 'assigned'));
    // Oldest first, to members in name order (A, B, C), then A again.
    expect(ids.map((id) => v.get(id)?.assigneeName)).toEqual([
      'Agente A',
      'Agente B',
      'Agente C',
      'Agente A',
    ]);
    for (const s of [admin, ...dashboards]) s.close();
  }, 60_000);

  it('fifty concurrent triggers never assign a conversation twice or exceed a capacity', async () => {
    const d = await desk('routing-storm', 3);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await queued(d, (i % 5) + 1));
    const admin = await readyInbox(d.adminToken);
    const dashboards = await Promise.all(d.agents.map((a) => readyInbox(a.token)));
    await owner.query('update teams set routing_mode = $1 where id = $2', ['balanced', d.teamId]);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        if (i % 5 === 0) {
          const inbox = dashboards[i % 3] as Inbox;
          inbox.send({ type: 'presence.set', status: 'away' });
          inbox.send({ type: 'presence.set', status: 'online' });
          return Promise.resolve();
        }
        return routingChanged(env, d.tenantId);
      }),
    );
    await until(
      admin,
      'six assigned',
      (v) => ids.filter((id) => v.get(id)?.status === 'assigned').length === 6,
    );
    await inboxStub(d).routingSettled();
    await new Promise((r) => setTimeout(r, 500));
    await inboxStub(d).routingSettled();
    expect(loads(view(admin), ids, d.agents)).toEqual([2, 2, 2]);
    for (const id of ids) {
      const autos = (await timeline(d, id)).filter((e) => e.reason === 'auto_assigned');
      expect(autos.length).toBeLessThanOrEqual(1);
    }
    for (const s of [admin, ...dashboards]) s.close();
  }, 60_000);

  it('a manual take racing routing has one winner; the loser of a take gets a clear refusal', async () => {
    const d = await desk('routing-race', 2);
    const [a, b] = d.agents as [Agent, Agent];
    await owner.query('update teams set routing_mode = $1 where id = $2', ['balanced', d.teamId]);
    // Only A has a dashboard (B, offline, is never routed to but may take by hand).
    const inboxA = await readyInbox(a.token);
    const take = (id: string) =>
      api<{ error?: { message: string } }>('POST', `/api/conversations/${id}/ticket`, b.token, {
        action: 'take',
      });

    // Routing first: B's take is refused, naming A; nothing changes.
    const first = await queued(d, 3);
    await until(inboxA, 'assigned to A', (v) => v.get(first)?.assigneeId === a.id);
    const late = await take(first);
    expect(late.status).toBe(409);
    expect(late.body.error?.message).toContain(`Already taken by ${a.name}`);
    expect((await timeline(d, first)).filter((e) => e.change === 'taken')).toEqual([]);

    // The take first (A away, so routing waits): routing's attempt afterwards is refused quietly.
    await presenceIs(inboxA, a.id, 'away');
    const second = await queued(d, 3);
    expect((await take(second)).status).toBe(200);
    const ref = { tenantId: d.tenantId, conversationId: second };
    const stub = env.CONVERSATIONS.getByName(conversationObjectName(d.tenantId, second));
    const protocol = (await stub.inboxSummary(ref))?.protocol as string;
    expect(await stub.autoAssign(ref, protocol, a)).toMatchObject({
      changed: false,
      summary: { assigneeId: b.id },
    });
    await presenceIs(inboxA, a.id, 'online');
    await inboxStub(d).routingSettled();
    expect(
      (await timeline(d, second)).filter((e) => e.change === 'taken' || e.change === 'assigned'),
    ).toEqual([{ change: 'taken', assigneeId: b.id, reason: null }]);

    // Both at once: exactly one of them is on the timeline, and a lost take is a 409 naming the winner.
    await presenceIs(inboxA, a.id, 'away');
    const third = await queued(d, 3);
    inboxA.send({ type: 'presence.set', status: 'online' });
    const raced = await take(third);
    await inboxStub(d).routingSettled();
    const changes = (await timeline(d, third)).filter((e) => e.change === 'taken' || e.change === 'assigned');
    expect(changes).toHaveLength(1);
    if (raced.status === 200) expect(changes[0]).toMatchObject({ change: 'taken', assigneeId: b.id });
    else {
      expect(raced.status).toBe(409);
      expect(raced.body.error?.message).toContain(`Already taken by ${a.name}`);
      expect(changes[0]).toMatchObject({ change: 'assigned', assigneeId: a.id, reason: 'auto_assigned' });
    }
    inboxA.close();
  }, 60_000);

  it('an agent going offline (socket closed) gives the conversation back; it is reassigned and on the timeline', async () => {
    const d = await desk('routing-offline', 2, { requeueOfflineSeconds: 0 });
    const [a, b] = d.agents as [Agent, Agent];
    await owner.query('update teams set routing_mode = $1 where id = $2', ['balanced', d.teamId]);
    const inboxA = await readyInbox(a.token);
    const id = await queued(d, 4);
    await until(inboxA, 'assigned to A', (v) => v.get(id)?.assigneeId === a.id);
    const inboxB = await readyInbox(b.token);
    inboxA.close();
    await until(inboxB, 'reassigned to B', (v) => v.get(id)?.assigneeId === b.id);
    const t = await timeline(d, id);
    expect(t).toContainEqual({ change: 'requeued', assigneeId: null, reason: 'agent_offline' });
    expect(t.at(-1)).toMatchObject({ change: 'assigned', assigneeId: b.id, reason: 'auto_assigned' });
    inboxB.close();
  }, 60_000);

  it('a silent dashboard (presence timeout) takes its agent offline: the conversation goes to someone else', async () => {
    const d = await desk('routing-silent', 2, { requeueOfflineSeconds: 0 });
    const [a, b] = d.agents as [Agent, Agent];
    await owner.query('update teams set routing_mode = $1 where id = $2', ['balanced', d.teamId]);
    const inboxA = await readyInbox(a.token);
    const id = await queued(d, 4);
    await until(inboxA, 'assigned to A', (v) => v.get(id)?.assigneeId === a.id);
    const inboxB = await readyInbox(b.token);
    // B keeps pinging (answered by the runtime itself); A says nothing.
    const pings = setInterval(() => inboxB.send('{"type":"ping"}'), 300);
    try {
      await inboxStub(d).setSilenceForTests(2);
      await until(inboxB, 'reassigned to B', (v) => v.get(id)?.assigneeId === b.id);
      expect(
        inboxB.frames.some(
          (f) => f.type === 'presence' && f.presence.userId === a.id && f.presence.status === 'offline',
        ),
      ).toBe(true);
      expect(
        inboxB.frames.some(
          (f) => f.type === 'presence' && f.presence.userId === b.id && f.presence.status === 'offline',
        ),
      ).toBe(false);
      expect(await timeline(d, id)).toContainEqual({
        change: 'requeued',
        assigneeId: null,
        reason: 'agent_offline',
      });
    } finally {
      clearInterval(pings);
      inboxB.close();
    }
  }, 60_000);

  it('a customer left unanswered past the limit is requeued and given to someone else', async () => {
    const d = await desk('routing-unanswered', 2, { requeueUnansweredMinutes: 10 });
    const [a, b] = d.agents as [Agent, Agent];
    await owner.query('update teams set routing_mode = $1 where id = $2', ['balanced', d.teamId]);
    const inboxA = await readyInbox(a.token);
    const inboxB = await readyInbox(b.token);
    const id = await queued(d, 3);
    const first = await until(inboxA, 'assigned', (v) => v.get(id)?.status === 'assigned');
    const holder = first.get(id)?.assigneeId === a.id ? a : b;
    const other = holder === a ? b : a;

    // Nine minutes: not yet.
    await inboxStub(d).setClockForTests(new Date(Date.now() + 9 * 60_000).toISOString());
    expect(view(inboxA).get(id)?.assigneeId).toBe(holder.id);
    // Eleven minutes with the customer still waiting: back to the queue, and to the other agent.
    await inboxStub(d).setClockForTests(new Date(Date.now() + 11 * 60_000).toISOString());
    await until(inboxA, 'given to the other agent', (v) => v.get(id)?.assigneeId === other.id);
    const t = await timeline(d, id);
    expect(t).toContainEqual({ change: 'requeued', assigneeId: null, reason: 'unanswered' });
    expect(t.at(-1)).toMatchObject({ change: 'assigned', assigneeId: other.id, reason: 'auto_assigned' });
    for (const s of [inboxA, inboxB]) s.close();
  }, 60_000);

  it('an inbox created before routing gets the indexed columns in place, filled from the stored summaries', async () => {
    const tenantId = crypto.randomUUID();
    const team = crypto.randomUUID();
    await runInDurableObject(env.TENANT_INBOX.getByName(inboxName(tenantId)), async (_i, state) => {
      const sql = state.storage.sql;
      sql.exec('DROP TABLE summaries');
      sql.exec(`CREATE TABLE summaries (conversation_id TEXT PRIMARY KEY, version INTEGER NOT NULL,
        rev INTEGER NOT NULL, body TEXT NOT NULL, closed_ms INTEGER)`);
      const body = (id: string, extra: Record<string, unknown>) =>
        JSON.stringify({
          conversationId: id,
          teamId: team,
          assigneeId: null,
          priority: 3,
          protocol: `P-${id}`,
          waitingSince: null,
          updatedAt: '2026-12-01T10:00:00.000Z',
          ...extra,
        });
      const rows = [
        ['c1', { status: 'queued', priority: 2, queuedAt: '2026-12-01T09:00:00.000Z' }],
        ['c2', { status: 'queued', priority: 5, queuedAt: '2026-12-01T09:30:00.000Z' }],
        ['c3', { status: 'assigned', assigneeId: 'agent-1' }],
      ] as const;
      for (const [i, [id, extra]] of rows.entries())
        sql.exec('INSERT INTO summaries VALUES (?, ?, ?, ?, NULL)', id, i + 1, i + 1, body(id, extra));
      const store = new InboxStore(sql);
      const index = new RoutingIndex(sql);
      expect(store.version).toBe(3);
      expect(index.queued(team, 10).map((q) => [q.conversationId, q.priority, q.protocol])).toEqual([
        ['c2', 5, 'P-c2'],
        ['c1', 2, 'P-c1'],
      ]);
      expect(index.loadOf('agent-1')).toBe(1);
      // A second start finds the columns and changes nothing.
      new InboxStore(sql);
      expect(index.queueStats()).toEqual([
        { teamId: team, queued: 2, oldestMs: Date.parse('2026-12-01T09:00:00.000Z') },
      ]);
    });
  }, 60_000);
});
