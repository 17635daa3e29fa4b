// Whose ticket an agent may change, inside workerd on real Postgres: an agent closes, tags, transfers,
// reassigns, returns to the queue and prioritises their own and unassigned tickets; another agent's is a 403
// `forbidden` naming who holds it, with nothing changed (no event, the same summary, the same tickets row,
// no audit entry). Supervisors, admins and owners act on every ticket. Taking keeps its 409.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxSummary, TicketActionRequest } from '../../workers/contract';
import { hashPassword } from '../../workers/services/passwords';
import { type FreshTenant, freshTenant, ownerClient } from './fresh-tenant';
import { api, errorCode, eventually, login, widgetSession } from './helpers';

let owner: Client;
let tenant: FreshTenant;
/** A second agent, Bruno, whose tickets the first agent must leave alone. */
let bruno: { id: string; name: string; token: string };
let teamId: string;

beforeAll(async () => {
  owner = await ownerClient();
  tenant = await freshTenant(owner, 'ticket-rules', ['agent', 'supervisor', 'admin', 'owner']);
  const email = `bruno@${tenant.slug}.test`;
  const u = await owner.query<{ id: string }>(
    `insert into users (tenant_id, email, name, role, password_hash) values ($1, $2, 'Bruno Lima', 'agent', $3)
     returning id`,
    [tenant.id, email, hashPassword('bruno-senha-123')],
  );
  bruno = {
    id: u.rows[0]?.id as string,
    name: 'Bruno Lima',
    token: (await login(email, 'bruno-senha-123')).token,
  };
  await owner.query(`insert into channels (tenant_id, kind, name) values ($1, 'widget', 'Site')`, [
    tenant.id,
  ]);
  const team = await owner.query<{ id: string }>(
    `insert into teams (tenant_id, name) values ($1, 'Financeiro') returning id`,
    [tenant.id],
  );
  teamId = team.rows[0]?.id as string;
});
afterAll(() => owner.end());

const token = (role: 'agent' | 'supervisor' | 'admin' | 'owner') => tenant.tokens[role] as string;

function act(conversationId: string, who: string, body: TicketActionRequest) {
  return api<{ summary: InboxSummary; error?: { message: string; details?: unknown } }>(
    'POST',
    `/api/conversations/${conversationId}/ticket`,
    who,
    body,
  );
}

async function summary(conversationId: string): Promise<InboxSummary> {
  return (await api<InboxSummary>('GET', `/api/conversations/${conversationId}/summary`, token('owner')))
    .body;
}

async function ticketRow(conversationId: string) {
  const r = await owner.query<{
    status: string;
    assignee_id: string | null;
    priority: number;
    tags: string[];
  }>(
    'select status, assignee_id, priority, tags from tickets where conversation_id = $1 order by opened_at desc',
    [conversationId],
  );
  return r.rows[0] ?? null;
}

async function auditCount(conversationId: string): Promise<number> {
  const r = await owner.query<{ n: string }>(
    `select count(*)::text as n from audit_log where tenant_id = $1 and target_id = $2`,
    [tenant.id, conversationId],
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** A queued conversation Bruno has taken, its tickets row already showing it. */
async function brunosTicket(): Promise<string> {
  const { conversationId } = await widgetSession(tenant.slug);
  expect((await act(conversationId, bruno.token, { action: 'take' })).status).toBe(200);
  await eventually('the take in Postgres', async () =>
    (await ticketRow(conversationId))?.assignee_id === bruno.id ? true : null,
  );
  return conversationId;
}

/** Everything that changes another agent's ticket, each with what it would have done. */
const OTHERS_ACTIONS = (): TicketActionRequest[] => [
  { action: 'close' },
  { action: 'tags', tags: ['cobrança'] },
  { action: 'priority', priority: 5 },
  { action: 'transfer', teamId, assigneeId: null },
  { action: 'assign', assigneeId: tenant.userIds.agent as string },
  { action: 'unassign' },
];

describe("another agent's ticket", () => {
  it('is refused to an agent with 403 naming who holds it, and nothing changes', async () => {
    const id = await brunosTicket();
    const before = await summary(id);
    const rowBefore = await ticketRow(id);
    const auditsBefore = await auditCount(id);
    for (const body of OTHERS_ACTIONS()) {
      const res = await act(id, token('agent'), body);
      expect(res.status, body.action).toBe(403);
      expect(errorCode(res.body), body.action).toBe('forbidden');
      expect(res.body.error?.message, body.action).toContain('Bruno Lima');
      expect(res.body.error?.message, body.action).toContain('only supervisors');
      expect(res.body.error?.details).toEqual({ assignee: { id: bruno.id, name: 'Bruno Lima' } });
    }
    // Taking keeps its own answer: a conflict naming the holder.
    const take = await act(id, token('agent'), { action: 'take' });
    expect(take.status).toBe(409);
    expect(take.body.error?.message).toContain('Bruno Lima');

    const after = await summary(id);
    expect({ ...after, updatedAt: null }).toEqual({ ...before, updatedAt: null });
    expect(after.lastSeq).toBe(before.lastSeq); // no event was appended
    // Give a (wrong) flush time to land, then Postgres and the audit log still say the same.
    await new Promise((r) => setTimeout(r, 300));
    expect(await ticketRow(id)).toEqual(rowBefore);
    expect(await auditCount(id)).toBe(auditsBefore);
  });

  it('can be closed, tagged, prioritised and transferred by a supervisor, an admin and an owner', async () => {
    for (const role of ['supervisor', 'admin', 'owner'] as const) {
      const id = await brunosTicket();
      expect((await act(id, token(role), { action: 'tags', tags: ['vip'] })).status, role).toBe(200);
      expect((await act(id, token(role), { action: 'priority', priority: 4 })).status, role).toBe(200);
      const moved = await act(id, token(role), { action: 'transfer', teamId, assigneeId: bruno.id });
      expect(moved.status, role).toBe(200);
      expect(moved.body.summary).toMatchObject({ teamId, assigneeId: bruno.id, tags: ['vip'], priority: 4 });
      const closed = await act(id, token(role), { action: 'close' });
      expect(closed.status, role).toBe(200);
      expect(closed.body.summary.status).toBe('closed');
      await eventually(`${role}'s close in Postgres`, async () =>
        (await ticketRow(id))?.status === 'closed' ? true : null,
      );
    }
    // A supervisor may also return another agent's ticket to the queue.
    const id = await brunosTicket();
    const back = await act(id, token('supervisor'), { action: 'unassign' });
    expect(back.body.summary).toMatchObject({ status: 'queued', assigneeId: null });
  });
});

describe("an agent's own and unassigned tickets", () => {
  it('an agent closes, tags, prioritises and transfers their own ticket', async () => {
    const { conversationId: id } = await widgetSession(tenant.slug);
    expect((await act(id, token('agent'), { action: 'take' })).status).toBe(200);
    expect((await act(id, token('agent'), { action: 'tags', tags: ['fibra'] })).status).toBe(200);
    expect((await act(id, token('agent'), { action: 'priority', priority: 2 })).status).toBe(200);
    const moved = await act(id, token('agent'), { action: 'transfer', teamId, assigneeId: null });
    expect(moved.status).toBe(200);
    expect(moved.body.summary).toMatchObject({ status: 'queued', teamId, assigneeId: null });
    // Now unassigned: still the agent's to work on, and to close.
    expect((await act(id, token('agent'), { action: 'close' })).status).toBe(200);
  });

  it('an agent closes, tags, prioritises and assigns an unassigned ticket', async () => {
    const { conversationId: id } = await widgetSession(tenant.slug);
    expect((await summary(id)).assigneeId).toBeNull();
    expect((await act(id, token('agent'), { action: 'tags', tags: ['fila'] })).status).toBe(200);
    expect((await act(id, token('agent'), { action: 'priority', priority: 5 })).status).toBe(200);
    const given = await act(id, token('agent'), { action: 'assign', assigneeId: bruno.id });
    expect(given.status).toBe(200);
    expect(given.body.summary.assigneeId).toBe(bruno.id);
    // Handed to Bruno, it is his: the agent can no longer close it, Bruno can.
    expect((await act(id, token('agent'), { action: 'close' })).status).toBe(403);
    expect((await act(id, bruno.token, { action: 'close' })).status).toBe(200);

    const { conversationId: queued } = await widgetSession(tenant.slug);
    const closed = await act(queued, token('agent'), { action: 'close' });
    expect(closed.status).toBe(200);
    expect(closed.body.summary.status).toBe('closed');
  });
});
