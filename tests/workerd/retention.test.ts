// The per-tenant retention period for message content: the daily job (run here directly) redacts text and
// files older than the period with the erasure's code path — in Postgres, in the conversation objects and in
// R2 — and leaves newer content and other tenants alone. The setting itself is validated and admin-only.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantSettings } from '../../workers/contract';
import { runMessageRetention } from '../../workers/scheduled/message-retention';
import { conversationObjectName } from '../../workers/services/conversation-names';
import { openDatabases } from '../../workers/services/db';
import { asTenant, insertEvents, insertThread, openClient } from './db-helpers';
import { api, errorCode } from './helpers';
import { signIn } from './sign-in';

const tokens = signIn('admin', 'agent');
let client: Client;
const tenantId = crypto.randomUUID();
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY).toISOString();

beforeAll(async () => {
  client = await openClient();
  // A tenant of its own, so the job's run (which covers every tenant with a period) touches only this one.
  await asTenant(client, tenantId, async () => {
    await client.query(
      `insert into tenants (id, slug, name, message_retention_days) values ($1, $2, 'Retenção', 30)`,
      [tenantId, `ret-${tenantId}`],
    );
    await client.query(`insert into channels (tenant_id, kind, name) values ($1, 'widget', 'Site')`, [
      tenantId,
    ]);
  });
});
afterAll(async () => {
  await client?.end();
});

const rows = (conversationId: string) =>
  asTenant(client, tenantId, () =>
    client.query<{
      seq: string;
      payload: { message: { text: string; redacted?: boolean; attachment?: { key: string | null } } };
    }>('select seq, payload from conversation_events where conversation_id = $1 order by seq', [
      conversationId,
    ]),
  ).then((r) => r.rows.map((row) => ({ seq: Number(row.seq), ...row.payload.message })));

async function runJob(now?: Date) {
  const dbs = openDatabases(env);
  try {
    return await runMessageRetention(env, dbs.primary, now);
  } finally {
    await dbs.close();
  }
}

describe('message retention', () => {
  it('redacts text and files older than the period in Postgres and R2, and keeps newer ones', async () => {
    const thread = await insertThread(client, tenantId, { name: 'Cliente Antigo' });
    await insertEvents(client, tenantId, thread.conversationId, [
      { seq: 1, kind: 'message', text: 'mensagem de dois meses atrás', at: daysAgo(60) },
      { seq: 2, kind: 'note', text: 'nota antiga', at: daysAgo(31) },
      { seq: 3, kind: 'message', text: 'mensagem de ontem', at: daysAgo(1) },
    ]);
    const oldKey = `${tenantId}/${thread.conversationId}/uploads/old`;
    const newKey = `${tenantId}/${thread.conversationId}/uploads/new`;
    await env.MEDIA.put(oldKey, 'old file');
    await env.MEDIA.put(newKey, 'new file');
    const withFile = (seq: number, key: string, at: string) =>
      asTenant(client, tenantId, () =>
        client.query(
          `insert into conversation_events (tenant_id, conversation_id, seq, type, author_kind, payload, created_at)
           values ($1, $2, $3, 'message.created', 'agent', $4, $5)`,
          [
            tenantId,
            thread.conversationId,
            seq,
            {
              type: 'message.created',
              message: {
                text: `arquivo ${seq}`,
                author: { kind: 'agent', id: 'a1', name: 'Agente' },
                clientId: null,
                attachment: {
                  kind: 'document',
                  mimeType: 'application/pdf',
                  filename: `f${seq}.pdf`,
                  size: 8,
                  key,
                  state: 'ready',
                },
              },
            },
            at,
          ],
        ),
      );
    await withFile(4, oldKey, daysAgo(45));
    await withFile(5, newKey, daysAgo(2));

    const report = await runJob();
    expect(report.redactedEvents).toBeGreaterThanOrEqual(3);
    const after = await rows(thread.conversationId);
    expect(after.map((r) => [r.seq, r.text, r.redacted ?? false])).toEqual([
      [1, '', true],
      [2, undefined, false], // a note: its payload is under `note`, checked below
      [3, 'mensagem de ontem', false],
      [4, '', true],
      [5, 'arquivo 5', false],
    ]);
    const note = await asTenant(client, tenantId, () =>
      client.query<{ payload: { note: { text: string; redacted?: boolean } } }>(
        'select payload from conversation_events where conversation_id = $1 and seq = 2',
        [thread.conversationId],
      ),
    );
    expect(note.rows[0]?.payload.note).toMatchObject({ text: '', redacted: true });
    expect(await env.MEDIA.get(oldKey)).toBeNull();
    expect(await env.MEDIA.get(newKey)).not.toBeNull();

    // Running again changes nothing more.
    const again = await runJob();
    expect(again.redactedEvents).toBe(0);
  });

  it('redacts the conversation object too (replay and history), through the same code path', async () => {
    const thread = await insertThread(client, tenantId, { name: 'Cliente Ativo' });
    const ref = { tenantId, conversationId: thread.conversationId };
    const stub = env.CONVERSATIONS.getByName(conversationObjectName(tenantId, thread.conversationId));
    const agent = { kind: 'agent' as const, id: crypto.randomUUID(), name: 'Agente' };
    for (let i = 1; i <= 3; i++) {
      const posted = await stub.postMessage(ref, {
        author: agent,
        clientId: `ret-${i}-${tenantId}`,
        text: `conteúdo vivo ${i}`,
      });
      expect(posted).toMatchObject({ ok: true, seq: i });
    }
    // Within the period: nothing happens.
    await runJob();
    const kept = await stub.history(ref, null, 10);
    expect(kept?.events.map((e) => e.event.type === 'message.created' && e.event.message.text)).toEqual([
      'conteúdo vivo 1',
      'conteúdo vivo 2',
      'conteúdo vivo 3',
    ]);
    // 31 days later, the same messages are past the period.
    await runJob(new Date(Date.now() + 31 * DAY));
    const page = await stub.history(ref, null, 10);
    expect(JSON.stringify(page?.events)).not.toContain('conteúdo vivo');
    expect(page?.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    // Postgres too, once the outbox delivered (it can only deliver the redacted copy now).
    for (let i = 0; i < 100; i++) {
      if ((await rows(thread.conversationId)).length === 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const stored = await rows(thread.conversationId);
    expect(stored).toHaveLength(3);
    expect(JSON.stringify(stored)).not.toContain('conteúdo vivo');
  });

  it('is a tenant setting: admins set 1–3650 days or null; bad values are refused and change nothing', async () => {
    for (const bad of [0, -1, 3651, 1.5, '30', true]) {
      const res = await api('PATCH', '/api/tenant/settings', tokens.admin, { messageRetentionDays: bad });
      expect(res.status, String(bad)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    expect(
      (await api('PATCH', '/api/tenant/settings', tokens.agent, { messageRetentionDays: 30 })).status,
    ).toBe(403);
    const current = await api<TenantSettings>('GET', '/api/tenant/settings', tokens.admin);
    expect(current.body.messageRetentionDays).toBeNull();
  });
});
