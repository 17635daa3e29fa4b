// A tenant the platform operator suspends (issue 16): sign-in, refresh, an access token already issued, new
// and open sockets (inbox and conversation), widget sessions and visitor tokens, API keys and an Evolution
// webhook are all refused with 403 tenant_suspended (open sockets close with 4423: agents' and website
// visitors', even in a conversation no agent has open, and a visitor's messages stop); the Cloud API's shared
// endpoint drops only that tenant's entries; another tenant is untouched; reactivation restores everything.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateApiKeyResponse, WidgetChannelView } from '../../workers/contract';
import { sha256Hex } from '../../workers/services/secret-hash';
import { TEST_OPERATOR_TOKEN, TEST_WHATSAPP_APP_SECRET } from '../support/fixtures';
import { asTenant, openClient } from './db-helpers';
import { type FreshTenant, freshTenant, ownerClient } from './fresh-tenant';
import { api, call, errorCode, eventually, login, openInbox, openSocket, postJson } from './helpers';
import { PEOPLE } from './sign-in';

const PASSWORD = 'tenant-proprio-123';
const SITE = 'https://www.provedor-suspenso.com.br';
const EVO_SECRET = 'evolution-suspension-secret';

let owner: Client;
let db: Client;
let t: FreshTenant;
let ownerEmail: string;
let apiKey: string;
let widget: WidgetChannelView;
let evolution: { id: string; address: string };
let cloud: { id: string; address: string };
let acmeCloud: { id: string; address: string };
let acmeId: string;

const operator = (method: string, path: string, body?: unknown) =>
  api(method, `/api/operator/tenants${path}`, TEST_OPERATOR_TOKEN, body);

async function channel(tenantId: string, kind: 'whatsapp_cloud' | 'evolution', secret: string | null) {
  const address = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const hash = secret ? await sha256Hex(secret) : null;
  const id = await asTenant(db, tenantId, async () => {
    const r = await db.query<{ id: string }>(
      `insert into channels (tenant_id, kind, name, address, webhook_secret_hash)
       values ($1, $2, 'Suspensão', $3, $4) returning id`,
      [tenantId, kind, address, hash],
    );
    return r.rows[0]?.id as string;
  });
  return { id, address };
}

function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    ws.addEventListener('close', (e) => resolve({ code: e.code, reason: e.reason })),
  );
}

function evolutionMessage(id: string): Promise<Response> {
  return call(`/webhooks/evolution/${evolution.id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-fio-webhook-secret': EVO_SECRET },
    body: JSON.stringify({
      event: 'messages.upsert',
      instance: evolution.address,
      data: {
        key: { remoteJid: '5531977776666@s.whatsapp.net', fromMe: false, id },
        pushName: 'Cliente Suspenso',
        message: { conversation: 'Oi, minha internet caiu' },
        messageTimestamp: Math.floor(Date.now() / 1000),
      },
    }),
  });
}

async function signed(body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(TEST_WHATSAPP_APP_SECRET),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body)));
  return `sha256=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** One Cloud API delivery with an entry per number (each a text message from its own customer). */
async function cloudDelivery(entries: { address: string; wamid: string }[]): Promise<Response> {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: entries.map((e, i) => ({
      id: `WABA${i}`,
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '553130000000', phone_number_id: e.address },
            contacts: [{ profile: { name: 'Cliente' }, wa_id: `55319888${String(i).padStart(5, '0')}` }],
            messages: [
              {
                from: `55319888${String(i).padStart(5, '0')}`,
                id: e.wamid,
                timestamp: String(Math.floor(Date.now() / 1000)),
                type: 'text',
                text: { body: 'Olá' },
              },
            ],
          },
        },
      ],
    })),
  });
  return call('/webhooks/whatsapp', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': await signed(body) },
    body,
  });
}

/** How many events with this provider message id were stored (any tenant: read as the owner). */
async function storedWamid(wamid: string): Promise<number> {
  const r = await owner.query<{ n: string }>(
    `select count(*) as n from conversation_events where payload::text like $1`,
    [`%${wamid}%`],
  );
  return Number(r.rows[0]?.n ?? 0);
}

beforeAll(async () => {
  owner = await ownerClient();
  db = await openClient();
  t = await freshTenant(owner, 'suspenso', ['owner', 'agent']);
  ownerEmail = `owner@${t.slug}.test`;
  acmeId = (await login(PEOPLE.admin.email, PEOPLE.admin.password)).tenantId;
  const key = await api<CreateApiKeyResponse>('POST', '/api/admin/api-keys', t.tokens.owner as string, {
    name: 'ERP',
    scopes: ['conversations:read'],
  });
  expect(key.status).toBe(201);
  apiKey = key.body.key;
  const w = await api<{ channel: WidgetChannelView }>(
    'POST',
    '/api/widget-channels',
    t.tokens.owner as string,
    {
      name: 'Site',
      settings: { allowedOrigins: [SITE] },
    },
  );
  expect(w.status).toBe(201);
  widget = w.body.channel;
  evolution = await channel(t.id, 'evolution', EVO_SECRET);
  cloud = await channel(t.id, 'whatsapp_cloud', null);
  acmeCloud = await channel(acmeId, 'whatsapp_cloud', null);
});

afterAll(async () => {
  await owner?.end();
  await db?.end();
});

describe('a suspended tenant', () => {
  let visitorToken: string;
  let conversationId: string;
  /** A second visitor, alone in their conversation (no agent socket registers that object). */
  let lone: { token: string; conversationId: string };
  let refreshCookie: string;

  it('works before the suspension', async () => {
    const res = await postJson('/api/auth/login', { email: ownerEmail, password: PASSWORD });
    expect(res.status).toBe(200);
    refreshCookie = /^fio_refresh=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';
    expect(refreshCookie).not.toBe('');
    const s = await postJson('/api/widget/sessions', { channel: widget.id }, { origin: SITE });
    expect(s.status).toBe(201);
    const session = (await s.json()) as { token: string; conversationId: string };
    visitorToken = session.token;
    conversationId = session.conversationId;
    const s2 = await postJson('/api/widget/sessions', { channel: widget.id }, { origin: SITE });
    expect(s2.status).toBe(201);
    lone = (await s2.json()) as { token: string; conversationId: string };
    expect((await api('GET', '/api/v1/conversations', apiKey)).status).toBe(200);
    expect((await evolutionMessage('EVO-BEFORE')).status).toBe(200);
  });

  it('is refused everywhere at once, and its open sockets close', async () => {
    const inbox = await openInbox(t.tokens.agent as string);
    inbox.send({ type: 'hello', since: 0 });
    await inbox.next('ready');
    const convo = await openSocket(conversationId, t.tokens.owner as string);
    const visitor = await openSocket(conversationId, visitorToken);
    const alone = await openSocket(lone.conversationId, lone.token);
    for (const v of [visitor, alone]) {
      v.send({ type: 'hello', since: 0 });
      await v.next('ready');
    }
    const inboxClosed = closeOf(inbox.ws);
    const convoClosed = closeOf(convo.ws);
    const visitorClosed = closeOf(visitor.ws);
    const aloneClosed = closeOf(alone.ws);

    const res = await operator('POST', `/${t.id}/suspend`, { reason: 'fatura em atraso' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: t.id, status: 'suspended' });

    expect(await inboxClosed).toEqual({ code: 4423, reason: 'tenant_suspended' });
    expect(await convoClosed).toEqual({ code: 4423, reason: 'tenant_suspended' });
    expect(await visitorClosed).toEqual({ code: 4423, reason: 'tenant_suspended' });
    expect(await aloneClosed).toEqual({ code: 4423, reason: 'tenant_suspended' });

    const refused = (r: { status: number; body: unknown }) => {
      expect(r.status).toBe(403);
      expect(errorCode(r.body)).toBe('tenant_suspended');
      expect((r.body as { error: { message: string } }).error.message).toMatch(/suspensa/);
    };
    // An access token issued before: refused at once (the access object was told).
    refused(await api('GET', '/api/me', t.tokens.owner as string));
    // Sign-in with the right password says why; a wrong one still says nothing.
    const signIn = await postJson('/api/auth/login', { email: ownerEmail, password: PASSWORD });
    refused({ status: signIn.status, body: await signIn.json() });
    const wrong = await postJson('/api/auth/login', { email: ownerEmail, password: 'senha-errada-123' });
    expect(wrong.status).toBe(401);
    const refresh = await call('/api/auth/refresh', {
      method: 'POST',
      headers: { cookie: `fio_refresh=${refreshCookie}` },
    });
    refused({ status: refresh.status, body: await refresh.json() });
    // New socket upgrades.
    const upgrade = await call(`/ws/inbox?token=${encodeURIComponent(t.tokens.agent as string)}`, {
      headers: { upgrade: 'websocket' },
    });
    refused({ status: upgrade.status, body: await upgrade.json() });
    // Widget: a new session, and the visitor token already held.
    const s = await postJson('/api/widget/sessions', { channel: widget.id }, { origin: SITE });
    refused({ status: s.status, body: await s.json() });
    const ws = await call(`/ws/conversations/${conversationId}?token=${encodeURIComponent(visitorToken)}`, {
      headers: { upgrade: 'websocket' },
    });
    refused({ status: ws.status, body: await ws.json() });
    const loneWs = await call(
      `/ws/conversations/${lone.conversationId}?token=${encodeURIComponent(lone.token)}`,
      { headers: { upgrade: 'websocket' } },
    );
    refused({ status: loneWs.status, body: await loneWs.json() });
    // The visitor's other way in (an attachment upload): refused the same way, nothing stored.
    const upload = await call(`/api/conversations/${lone.conversationId}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${lone.token}`, 'content-type': 'image/png' },
      body: new Uint8Array([137, 80, 78, 71]),
    });
    refused({ status: upload.status, body: await upload.json() });
    // The integration's API key.
    refused(await api('GET', '/api/v1/conversations', apiKey));
    // The gateway's webhook: told, nothing stored.
    const hook = await evolutionMessage('EVO-DURING');
    refused({ status: hook.status, body: await hook.json() });
    expect(await storedWamid('EVO-DURING')).toBe(0);
  });

  it("drops only its entries from the Cloud API's shared endpoint (Meta sees 200)", async () => {
    const res = await cloudDelivery([
      { address: cloud.address, wamid: 'wamid.SUSPENDED.1' },
      { address: acmeCloud.address, wamid: 'wamid.ACME.ALONGSIDE.1' },
    ]);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stored: 1, unrouted: 1 });
    await eventually("the other tenant's message archived", async () =>
      (await storedWamid('wamid.ACME.ALONGSIDE.1')) === 1 ? true : null,
    );
    expect(await storedWamid('wamid.SUSPENDED.1')).toBe(0);
  });

  it('leaves other tenants alone', async () => {
    const acme = await login(PEOPLE.admin.email, PEOPLE.admin.password);
    expect((await api('GET', '/api/me', acme.token)).status).toBe(200);
  });

  it('is audited in its own log', async () => {
    const rows = await asTenant(
      db,
      t.id,
      async () =>
        (
          await db.query<{ action: string; actor_label: string; details: { reason?: string } }>(
            `select action, actor_label, details from audit_log where tenant_id = $1 and action like 'tenant.%'`,
            [t.id],
          )
        ).rows,
    );
    expect(rows).toEqual([
      { action: 'tenant.suspended', actor_label: 'operator', details: { reason: 'fatura em atraso' } },
    ]);
  });

  it('is restored by reactivation', async () => {
    const res = await operator('POST', `/${t.id}/reactivate`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'active', suspendedAt: null });
    expect((await api('GET', '/api/me', t.tokens.owner as string)).status).toBe(200);
    expect((await postJson('/api/auth/login', { email: ownerEmail, password: PASSWORD })).status).toBe(200);
    const inbox = await openInbox(t.tokens.agent as string);
    inbox.send({ type: 'hello', since: 0 });
    await inbox.next('ready');
    inbox.close();
    const s = await postJson('/api/widget/sessions', { channel: widget.id }, { origin: SITE });
    expect(s.status).toBe(201);
    expect((await api('GET', '/api/v1/conversations', apiKey)).status).toBe(200);
    // Webhooks: this isolate was told; others learn within the gate's few seconds.
    const hook = await eventually('the gateway webhook accepted again', async () => {
      const r = await evolutionMessage('EVO-AFTER');
      return r.status === 200 ? r : null;
    });
    expect(hook.status).toBe(200);
    await eventually('the message stored', async () => ((await storedWamid('EVO-AFTER')) > 0 ? true : null));
    expect(env.OPERATOR_TOKEN).toBe(TEST_OPERATOR_TOKEN);
  });
});
