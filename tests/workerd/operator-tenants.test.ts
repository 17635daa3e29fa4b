// The platform operator's tenant API (issue 16): only the operator token opens it; create gives the first
// owner an invitation (e-mailed, and returned) that really signs them in, in an isolated tenant; list and
// show; every bad input is a clear error with nothing stored; deletion needs the slug repeated and leaves
// zero rows in every table with a tenant_id (read from the catalogue, so a future table is covered), no
// files under its prefix and no object storage, while other tenants keep every row.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationDO } from '../../durable-objects/conversation/conversation';
import type { CreateTenantResponse, OperatorTenant } from '../../workers/contract';
import { conversationObjectName } from '../../workers/services/conversation-names';
import { TEST_OPERATOR_TOKEN } from '../support/fixtures';
import { insertThread } from './db-helpers';
import { ownerClient } from './fresh-tenant';
import { api, call, errorCode, login, postJson } from './helpers';
import { linkToken, uniqueEmail, waitForMails } from './mailbox';
import { PEOPLE } from './sign-in';

const PASSWORD = 'senha-da-fibra-sul-2026';
let owner: Client;
let acmeId: string;

const operator = <T = unknown>(method: string, path: string, body?: unknown, token = TEST_OPERATOR_TOKEN) =>
  api<T>(method, `/api/operator/tenants${path}`, token, body);

/** Rows per table with a tenant_id column, for one tenant (as the database owner: every row). */
async function rowsByTable(tenantId: string): Promise<Record<string, number>> {
  const tables = await owner.query<{ table_name: string }>(
    `select c.table_name from information_schema.columns c
       join pg_class k on k.relname = c.table_name and k.relnamespace = 'public'::regnamespace
      where c.table_schema = 'public' and c.column_name = 'tenant_id' and k.relkind in ('r', 'p')
        and not k.relispartition order by 1`,
  );
  const out: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const r = await owner.query<{ n: string }>(
      `select count(*) as n from "${table_name}" where tenant_id = $1`,
      [tenantId],
    );
    out[table_name] = Number(r.rows[0]?.n ?? 0);
  }
  return out;
}

/** A widget channel, contact, conversation and two events of `tenantId` (as the owner). */
async function conversationWithEvents(tenantId: string): Promise<{ conversationId: string }> {
  await owner.query(
    `insert into channels (tenant_id, kind, name, address) values ($1, 'widget', 'Site', $2)`,
    [tenantId, `site-${crypto.randomUUID()}`],
  );
  const { conversationId } = await insertThread(owner, tenantId, { name: 'Cliente', phone: '5531977770000' });
  for (const seq of [1, 2]) {
    await owner.query(
      `insert into conversation_events (tenant_id, conversation_id, seq, type, author_kind, payload, created_at)
       values ($1, $2, $3, 'message', 'customer', '{"text":"oi"}', now())`,
      [tenantId, conversationId, seq],
    );
  }
  return { conversationId };
}

async function tenantCount(): Promise<number> {
  return Number((await owner.query<{ n: string }>('select count(*) as n from tenants')).rows[0]?.n);
}

async function create(body: Record<string, unknown>) {
  return operator<CreateTenantResponse>('POST', '', body);
}

beforeAll(async () => {
  owner = await ownerClient();
  acmeId = (await login(PEOPLE.admin.email, PEOPLE.admin.password)).tenantId;
});
afterAll(() => owner?.end());

describe('the operator API', () => {
  it('refuses anyone without the operator token (401), agents included', async () => {
    const admin = await login(PEOPLE.admin.email, PEOPLE.admin.password);
    for (const [method, path] of [
      ['GET', ''],
      ['POST', ''],
      ['GET', `/${acmeId}`],
      ['POST', `/${acmeId}/suspend`],
      ['POST', `/${acmeId}/reactivate`],
      ['DELETE', `/${acmeId}?confirm=acme`],
    ] as const) {
      const anonymous = await call(`/api/operator/tenants${path}`, { method });
      expect(anonymous.status, `${method} ${path}`).toBe(401);
      expect(errorCode(await anonymous.json())).toBe('unauthorized');
      const agent = await operator(method, path, undefined, admin.token);
      expect(agent.status, `${method} ${path} as an admin`).toBe(401);
    }
    expect((await operator('GET', `/${acmeId}`)).body).toMatchObject({ status: 'active' });
  });

  let created: CreateTenantResponse;
  const email = uniqueEmail('fibrasul.com.br');

  it('creates a tenant whose first admin (an owner) signs in through the invitation, isolated from others', async () => {
    const name = `Fibra Sul ${crypto.randomUUID().slice(0, 6)}`;
    const res = await create({ name, adminEmail: email, adminName: 'Ana Souza', timezone: 'America/Manaus' });
    expect(res.status).toBe(201);
    created = res.body;
    expect(created.tenant).toMatchObject({
      name,
      slug: name.toLowerCase().replace(/ /g, '-'),
      status: 'active',
      timezone: 'America/Manaus',
      locale: 'pt-BR',
      users: 1,
      conversations: 0,
      lastActivityAt: null,
    });
    expect(created.admin).toMatchObject({ email, name: 'Ana Souza' });
    expect(created.invitation.url).toMatch(/\/invite\?token=/);
    expect(created.invitation.mail).toBe('sent');
    // The e-mail carries the same link.
    const [mail] = await waitForMails(email);
    const token = linkToken(mail as NonNullable<typeof mail>, '/invite');
    expect(created.invitation.url).toContain(encodeURIComponent(token));
    const accepted = await postJson('/api/auth/invitations/accept', { token, password: PASSWORD });
    expect(accepted.status).toBe(200);
    const ana = await login(email, PASSWORD);
    expect(ana.tenantId).toBe(created.tenant.id);
    const me = await api<{ user: { role: string }; tenant: { name: string } }>('GET', '/api/me', ana.token);
    expect(me.body).toMatchObject({ user: { role: 'owner' }, tenant: { name } });
    // Its data is its own: empty inbox, another tenant's conversation is a 404.
    const list = await api<{ conversations: unknown[] }>('GET', '/api/conversations', ana.token);
    expect(list.status).toBe(200);
    expect(list.body.conversations).toEqual([]);
    const acmeConversation = await insertThread(owner, acmeId, { name: 'Cliente da Acme' });
    expect(
      (await api('GET', `/api/conversations/${acmeConversation.conversationId}`, ana.token)).status,
    ).toBe(404);
  });

  it('lists and shows tenants', async () => {
    const list = await operator<{ tenants: OperatorTenant[] }>('GET', '');
    expect(list.status).toBe(200);
    const mine = list.body.tenants.find((x) => x.id === created.tenant.id);
    expect(mine).toMatchObject({ slug: created.tenant.slug, status: 'active', users: 1 });
    expect(list.body.tenants.some((x) => x.id === acmeId)).toBe(true);
    const show = await operator<OperatorTenant>('GET', `/${created.tenant.id}`);
    expect(show.body).toEqual(mine);
    for (const id of [crypto.randomUUID(), 'nao-e-um-id', created.tenant.id.toUpperCase()]) {
      const res = await operator('GET', `/${id}`);
      expect(res.status, id).toBe(404);
      expect(errorCode(res.body)).toBe('not_found');
    }
    for (const action of ['suspend', 'reactivate']) {
      expect((await operator('POST', `/${crypto.randomUUID()}/${action}`)).status).toBe(404);
    }
  });

  it('refuses bad input with a clear error and stores nothing', async () => {
    const before = await tenantCount();
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ name: created.tenant.name.toUpperCase(), adminEmail: uniqueEmail() }, 409, 'conflict', 'name'],
      [{ name: 'Outro Nome', slug: created.tenant.slug, adminEmail: uniqueEmail() }, 409, 'conflict', 'slug'],
      [{ name: 'Outro Nome', slug: 'acme', adminEmail: uniqueEmail() }, 409, 'conflict', 'slug'],
      [{ name: 'Outro Nome', adminEmail: PEOPLE.admin.email }, 409, 'conflict', 'adminEmail'],
      [{ name: 'Outro Nome', adminEmail: email }, 409, 'conflict', 'adminEmail'],
      [{ name: 'Outro Nome', adminEmail: 'sem-arroba' }, 400, 'validation_failed', 'adminEmail'],
      [
        { name: 'Outro Nome', slug: 'Com Espaço', adminEmail: uniqueEmail() },
        400,
        'validation_failed',
        'slug',
      ],
      [{ name: 'Outro Nome', slug: '-x-', adminEmail: uniqueEmail() }, 400, 'validation_failed', 'slug'],
      [
        { name: 'Outro Nome', adminEmail: uniqueEmail(), timezone: 'Mars/Olympus' },
        400,
        'validation_failed',
        'timezone',
      ],
      [{ name: 'Outro Nome', adminEmail: uniqueEmail(), locale: 'fr' }, 400, 'validation_failed', 'locale'],
      [{ name: '   ', adminEmail: uniqueEmail() }, 400, 'validation_failed', 'name'],
      [{ name: '!!!', adminEmail: uniqueEmail() }, 400, 'validation_failed', 'slug'],
      [{ adminEmail: uniqueEmail() }, 400, 'validation_failed', 'name'],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await create(body);
      const where = `${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.body)}`;
      expect(res.status, where).toBe(status);
      expect(errorCode(res.body), where).toBe(code);
      const details =
        (res.body as unknown as { error: { details?: { path: string }[] } }).error.details ?? [];
      expect(
        details.map((d) => d.path),
        where,
      ).toContain(field);
    }
    const notJson = await call('/api/operator/tenants', {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_OPERATOR_TOKEN}`, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(notJson.status).toBe(400);
    expect(await tenantCount()).toBe(before);
  });

  it('deletes only with the slug repeated, every row, file and object of the tenant, nothing of others', async () => {
    const id = created.tenant.id;
    // Give it data across many tables: a team, a conversation with events, a file and object storage.
    const ana = await login(email, PASSWORD);
    expect((await api('POST', '/api/teams', ana.token, { name: 'Suporte' })).status).toBe(201);
    const thread = await conversationWithEvents(id);
    const fileKey = `${id}/${thread.conversationId}/uploads/${crypto.randomUUID()}`;
    await env.MEDIA.put(fileKey, 'boleto.pdf');
    const stub = env.CONVERSATIONS.getByName(conversationObjectName(id, thread.conversationId));
    await runInDurableObject(stub, async (_: ConversationDO, state) => {
      await state.storage.put('probe', 'left by the test');
    });
    const acmeBefore = await rowsByTable(acmeId);
    const mineBefore = await rowsByTable(id);
    expect(Object.values(mineBefore).filter((n) => n > 0).length).toBeGreaterThan(4);

    for (const q of ['', '?confirm=', `?confirm=${created.tenant.slug}x`]) {
      const res = await operator('DELETE', `/${id}${q}`);
      expect(res.status, q).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    expect((await operator('DELETE', `/${crypto.randomUUID()}?confirm=x`)).status).toBe(404);
    expect(await rowsByTable(id)).toEqual(mineBefore);

    const res = await operator<{ rows: number; files: number; objects: { wiped: number; failed: string[] } }>(
      'DELETE',
      `/${id}?confirm=${created.tenant.slug}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.files).toBe(1);
    expect(res.body.objects.failed).toEqual([]);
    expect(res.body.objects.wiped).toBeGreaterThanOrEqual(3);
    expect(res.body.rows).toBeGreaterThan(5);

    const after = await rowsByTable(id);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    expect((await owner.query('select 1 from tenants where id = $1', [id])).rows).toEqual([]);
    expect(await env.MEDIA.head(fileKey)).toBeNull();
    await runInDurableObject(stub, async (_: ConversationDO, state) => {
      expect((await state.storage.list()).size).toBe(0);
    });
    expect(await rowsByTable(acmeId)).toEqual(acmeBefore);
    // Gone: the operator no longer finds it, its admin can no longer sign in.
    expect((await operator('GET', `/${id}`)).status).toBe(404);
    expect((await operator('DELETE', `/${id}?confirm=${created.tenant.slug}`)).status).toBe(404);
    expect((await postJson('/api/auth/login', { email, password: PASSWORD })).status).toBe(401);
  });
});
