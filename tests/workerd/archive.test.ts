// The outbox's archive statement against real Postgres as the app role: a retried batch changes nothing,
// the conversation summary only moves forward, and RLS refuses a batch written under another tenant.

import { env } from 'cloudflare:workers';
import { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../workers/contract';
import { archiveStatement } from '../../workers/services/archive-statement';
import { configureDriver } from '../../workers/services/db';
import { ACME } from '../support/fixtures';
import { login, widgetSession } from './helpers';

const acmeAgent = ACME.users[1] as (typeof ACME.users)[number];
let client: Client;

beforeAll(async () => {
  configureDriver(env);
  client = new Client({ connectionString: env.DATABASE_URL });
  client.on('error', () => {}); // the socket closing at teardown is expected
  await client.connect();
});
afterAll(() => client.end());

function batch(conversationId: string, seqs: number[]): StoredEvent[] {
  return seqs.map((seq) => ({
    seq,
    conversationId,
    createdAt: new Date(Date.UTC(2026, 10, 21, 12, 0, seq)).toISOString(),
    event: {
      type: 'message.created',
      message: {
        text: `mensagem ${seq} — ação 👍`,
        author: { kind: 'visitor', id: 'v1' },
        clientId: `client-${seq}-x`,
      },
    },
  }));
}

async function asTenant(tenantId: string) {
  await client.query(`select set_config('app.tenant_id', $1, false)`, [tenantId]);
}

describe('archive statement', () => {
  it('writes a batch once however often it is retried, and moves the summary forward only', async () => {
    const session = await widgetSession('acme');
    const { tenantId } = await login(acmeAgent.email, acmeAgent.password);
    const ref = { tenantId, conversationId: session.conversationId };
    await asTenant(tenantId);
    const run = (seqs: number[]) => {
      const st = archiveStatement(ref.tenantId, [
        { conversationId: ref.conversationId, events: batch(ref.conversationId, seqs) },
      ]);
      return client.query<{ inserted: string }>(st.text, st.values);
    };
    expect(Number((await run([1, 2, 3])).rows[0]?.inserted)).toBe(3);
    expect(Number((await run([1, 2, 3])).rows[0]?.inserted)).toBe(0);
    expect(Number((await run([2, 3, 4])).rows[0]?.inserted)).toBe(1);
    // An older batch arriving late does not move the summary backwards.
    await run([1]);
    const rows = await client.query<{ seq: string; text: string }>(
      `select seq, payload->'message'->>'text' as text from conversation_events where conversation_id = $1 order by seq`,
      [ref.conversationId],
    );
    expect(rows.rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4]);
    expect(rows.rows[3]?.text).toBe('mensagem 4 — ação 👍');
    const summary = await client.query<{ last_seq: string; last_message_preview: string }>(
      'select last_seq, last_message_preview from conversations where id = $1',
      [ref.conversationId],
    );
    expect(Number(summary.rows[0]?.last_seq)).toBe(4);
    expect(summary.rows[0]?.last_message_preview).toBe('mensagem 4 — ação 👍');
  });

  it('moves activity only for messages, and the WhatsApp window only for customer messages', async () => {
    const session = await widgetSession('acme');
    const { tenantId } = await login(acmeAgent.email, acmeAgent.password);
    const ref = { tenantId, conversationId: session.conversationId };
    await asTenant(tenantId);
    const at = (s: number) => new Date(Date.UTC(2026, 10, 21, 12, 0, s)).toISOString();
    const events: StoredEvent[] = [
      {
        seq: 1,
        conversationId: ref.conversationId,
        createdAt: at(1),
        event: {
          type: 'message.created',
          message: { text: 'oi', author: { kind: 'contact', id: '5531991234567' }, clientId: null },
        },
      },
      {
        seq: 2,
        conversationId: ref.conversationId,
        createdAt: at(30),
        event: { type: 'message.status', messageSeq: 1, status: 'read', externalId: 'wamid.1', error: null },
      },
    ];
    await client.query(`update conversations set last_activity_at = '2026-11-21T11:00:00Z' where id = $1`, [
      ref.conversationId,
    ]);
    const st = archiveStatement(ref.tenantId, [{ conversationId: ref.conversationId, events }]);
    await client.query(st.text, st.values);
    const row = await client.query<{
      last_activity_at: Date;
      service_window_expires_at: Date;
      last_seq: string;
    }>('select last_activity_at, service_window_expires_at, last_seq from conversations where id = $1', [
      ref.conversationId,
    ]);
    expect(Number(row.rows[0]?.last_seq)).toBe(2);
    // The customer's message moved activity; the read receipt after it (12:00:30) did not.
    expect(row.rows[0]?.last_activity_at.toISOString()).toBe(at(1));
    expect(row.rows[0]?.service_window_expires_at.toISOString()).toBe('2026-11-22T12:00:01.000Z');
  });

  it('writes several conversations in one statement, each summary its own', async () => {
    const { tenantId } = await login(acmeAgent.email, acmeAgent.password);
    const [a, b] = [await widgetSession('acme'), await widgetSession('acme')];
    await asTenant(tenantId);
    const st = archiveStatement(tenantId, [
      { conversationId: a.conversationId, events: batch(a.conversationId, [1, 2]) },
      { conversationId: b.conversationId, events: batch(b.conversationId, [1, 2, 3]) },
      // The same conversation again (a retry racing a restart): merged, each seq once.
      { conversationId: a.conversationId, events: batch(a.conversationId, [2, 3]) },
    ]);
    const result = await client.query<{ inserted: string; updated: string }>(st.text, st.values);
    expect(result.rows[0]).toEqual({ inserted: '6', updated: '2', tickets: '0', webhook_deliveries: [] });
    const summary = await client.query<{ id: string; last_seq: string; last_message_preview: string }>(
      'select id, last_seq, last_message_preview from conversations where id = any($1)',
      [[a.conversationId, b.conversationId]],
    );
    const byId = new Map(summary.rows.map((r) => [r.id, r]));
    expect(Number(byId.get(a.conversationId)?.last_seq)).toBe(3);
    expect(Number(byId.get(b.conversationId)?.last_seq)).toBe(3);
    expect(byId.get(a.conversationId)?.last_message_preview).toBe('mensagem 3 — ação 👍');
  });

  it('applies the newest ticket snapshot to the ticket row and the conversation, never an older one', async () => {
    const session = await widgetSession('acme');
    const { tenantId } = await login(acmeAgent.email, acmeAgent.password);
    await asTenant(tenantId);
    const ticket = await client.query<{ id: string; protocol: string; opened_at: Date }>(
      'select id, protocol, opened_at from tickets where conversation_id = $1',
      [session.conversationId],
    );
    const row = ticket.rows[0] as { id: string; protocol: string; opened_at: Date };
    const snapshot = (status: 'assigned' | 'closed', priority: number) => ({
      ticketId: row.id,
      protocol: row.protocol,
      status,
      priority,
      teamId: null,
      teamName: null,
      assigneeId: null,
      assigneeName: null,
      tags: ['fibra'],
      openedAt: row.opened_at.toISOString(),
      closedAt: status === 'closed' ? new Date(Date.UTC(2026, 10, 21, 13)).toISOString() : null,
    });
    const ticketEvent = (seq: number, status: 'assigned' | 'closed', priority: number): StoredEvent => ({
      seq,
      conversationId: session.conversationId,
      createdAt: new Date(Date.UTC(2026, 10, 21, 12, 0, seq)).toISOString(),
      event: {
        type: 'ticket.changed',
        change: status === 'closed' ? 'closed' : 'priority',
        by: { kind: 'agent', id: null },
        ticket: snapshot(status, priority),
      },
    });
    const run = (events: StoredEvent[]) => {
      const st = archiveStatement(tenantId, [{ conversationId: session.conversationId, events }]);
      return client.query(st.text, st.values);
    };
    await run([ticketEvent(1, 'assigned', 4), ticketEvent(2, 'closed', 5)]);
    await run([ticketEvent(1, 'assigned', 4)]); // a late retry of the older batch
    const after = await client.query<{ status: string; priority: number; tags: string[]; state_seq: string }>(
      'select status, priority, tags, state_seq from tickets where id = $1',
      [row.id],
    );
    expect(after.rows[0]).toMatchObject({ status: 'closed', priority: 5, tags: ['fibra'], state_seq: '2' });
    const conversation = await client.query<{ status: string }>(
      'select status from conversations where id = $1',
      [session.conversationId],
    );
    expect(conversation.rows[0]?.status).toBe('closed');
  });

  it("is refused by row-level security under another tenant's session", async () => {
    const session = await widgetSession('acme');
    const { tenantId } = await login(acmeAgent.email, acmeAgent.password);
    await asTenant(crypto.randomUUID());
    const st = archiveStatement(tenantId, [
      { conversationId: session.conversationId, events: batch(session.conversationId, [1]) },
    ]);
    await expect(client.query(st.text, st.values)).rejects.toThrow(/row-level security/);
    await asTenant(tenantId);
    const count = await client.query<{ n: string }>(
      'select count(*) as n from conversation_events where conversation_id = $1',
      [session.conversationId],
    );
    expect(Number(count.rows[0]?.n)).toBe(0);
  });
});
