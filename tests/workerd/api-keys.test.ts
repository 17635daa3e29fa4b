// API keys for integrations (issue 10): created by admins and shown once (only a digest stored), used as
// `Authorization: Bearer fio_…` within their scopes and tenant, refused when expired or revoked, last use
// recorded at most once a minute, audited, per-key and per-user limits, and bad input on every route.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RateLimiterDO } from '../../durable-objects/rate-limiter/rate-limiter';
import type { ApiKeyView, CreateApiKeyResponse } from '../../workers/contract';
import { sha256Hex } from '../../workers/services/secret-hash';
import { asTenant, openClient } from './db-helpers';
import { api, call, errorCode, login, widgetSession } from './helpers';
import { PEOPLE, signIn } from './sign-in';

const tokens = signIn('admin', 'agent', 'globexAdmin');
let db: Client;
let acmeId: string;
let globexId: string;
beforeAll(async () => {
  db = await openClient();
  acmeId = (await login(PEOPLE.admin.email, PEOPLE.admin.password)).tenantId;
  globexId = (await login(PEOPLE.globexAdmin.email, PEOPLE.globexAdmin.password)).tenantId;
});
afterAll(() => db.end());

async function createKey(token: string, body: Record<string, unknown>): Promise<CreateApiKeyResponse> {
  const res = await api<CreateApiKeyResponse>('POST', '/api/admin/api-keys', token, body);
  expect(res.status).toBe(201);
  return res.body;
}

async function listKeys(token: string): Promise<ApiKeyView[]> {
  const res = await api<{ apiKeys: ApiKeyView[] }>('GET', '/api/admin/api-keys', token);
  expect(res.status).toBe(200);
  return res.body.apiKeys;
}

async function keyRow(tenantId: string, id: string) {
  return asTenant(db, tenantId, async () => {
    const r = await db.query<{ secret_hash: string; last_used_at: Date | null }>(
      'select secret_hash, last_used_at from api_keys where id = $1',
      [id],
    );
    return r.rows[0];
  });
}

async function auditActions(tenantId: string, id: string): Promise<string[]> {
  return asTenant(db, tenantId, async () => {
    const r = await db.query<{ action: string }>(
      `select action from audit_log where target_type = 'api_key' and target_id = $1 order by id`,
      [id],
    );
    return r.rows.map((x) => x.action);
  });
}

describe('API keys: create, list, revoke', () => {
  it('shows the key once, stores only its digest, lists it without the secret, and audits', async () => {
    const created = await createKey(tokens.admin, { name: 'ERP sync', scopes: ['conversations:read'] });
    const match = /^fio_([a-z2-7]{8})_([a-z2-7]{40})$/.exec(created.key);
    expect(match).not.toBeNull();
    const [, prefix, secret] = match as RegExpExecArray;
    expect(created.apiKey).toMatchObject({
      name: 'ERP sync',
      prefix,
      scopes: ['conversations:read'],
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    });
    const row = await keyRow(acmeId, created.apiKey.id);
    expect(row?.secret_hash).toBe(await sha256Hex(secret as string));
    const listed = await listKeys(tokens.admin);
    expect(listed.find((k) => k.id === created.apiKey.id)).toEqual(created.apiKey);
    expect(JSON.stringify(listed)).not.toContain(secret);
    // Another tenant's admin does not see it.
    expect((await listKeys(tokens.globexAdmin)).some((k) => k.id === created.apiKey.id)).toBe(false);

    expect((await api('DELETE', `/api/admin/api-keys/${created.apiKey.id}`, tokens.admin)).status).toBe(204);
    const after = (await listKeys(tokens.admin)).find((k) => k.id === created.apiKey.id);
    expect(after?.revokedAt).not.toBeNull();
    expect(await auditActions(acmeId, created.apiKey.id)).toEqual(['api_key.created', 'api_key.revoked']);
  });

  it('refuses bad input with a clear error and stores nothing', async () => {
    const before = (await listKeys(tokens.admin)).length;
    const past = new Date(Date.now() - 60_000).toISOString();
    const far = new Date(Date.now() + 3 * 366 * 86_400_000).toISOString();
    for (const body of [
      {},
      { name: '', scopes: ['conversations:read'] },
      { name: '   ', scopes: ['conversations:read'] },
      { name: 'x\u0000y', scopes: ['conversations:read'] },
      { name: 'k', scopes: [] },
      { name: 'k', scopes: ['admin'] },
      { name: 'k', scopes: ['contacts:read', 'contacts:read'] },
      { name: 'k', scopes: ['contacts:read'], expiresAt: past },
      { name: 'k', scopes: ['contacts:read'], expiresAt: far },
      { name: 'k', scopes: ['contacts:read'], expiresAt: 'tomorrow' },
      { name: 'k', scopes: ['contacts:read'], tenantId: globexId },
    ]) {
      const res = await api('POST', '/api/admin/api-keys', tokens.admin, body);
      expect([res.status, errorCode(res.body)], JSON.stringify(body)).toEqual([400, 'validation_failed']);
    }
    const raw = await call('/api/admin/api-keys', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(raw.status).toBe(400);
    expect((await listKeys(tokens.admin)).length).toBe(before);
    for (const id of ['nope', crypto.randomUUID(), crypto.randomUUID().toUpperCase()]) {
      const res = await api('DELETE', `/api/admin/api-keys/${id}`, tokens.admin);
      expect([res.status, errorCode(res.body)]).toEqual([404, 'not_found']);
    }
  });

  it('is for admins only, and another tenant cannot revoke', async () => {
    const created = await createKey(tokens.admin, { name: 'Only admins', scopes: ['contacts:read'] });
    for (const [method, path, body] of [
      ['GET', '/api/admin/api-keys', undefined],
      ['POST', '/api/admin/api-keys', { name: 'x', scopes: ['contacts:read'] }],
      ['DELETE', `/api/admin/api-keys/${created.apiKey.id}`, undefined],
    ] as const) {
      const res = await api(method, path, tokens.agent, body);
      expect([res.status, errorCode(res.body)]).toEqual([403, 'forbidden']);
    }
    const foreign = await api('DELETE', `/api/admin/api-keys/${created.apiKey.id}`, tokens.globexAdmin);
    expect(foreign.status).toBe(404);
    expect((await listKeys(tokens.admin)).find((k) => k.id === created.apiKey.id)?.revokedAt).toBeNull();
    // A key cannot manage keys either.
    const res = await api('GET', '/api/admin/api-keys', created.key);
    expect(res.status).toBe(403);
  });
});

describe('API keys as credentials', () => {
  it('reads within its scope and tenant, and is refused everywhere else', async () => {
    const mine = await widgetSession('acme', { name: 'Cliente API' });
    const theirs = await widgetSession('globex', { name: 'Outro' });
    const { key } = await createKey(tokens.admin, { name: 'Reader', scopes: ['conversations:read'] });

    const list = await api<{ conversations: { id: string }[] }>('GET', '/api/conversations?limit=100', key);
    expect(list.status).toBe(200);
    const ids = list.body.conversations.map((c) => c.id);
    expect(ids).toContain(mine.conversationId);
    expect(ids).not.toContain(theirs.conversationId);
    expect((await api('GET', `/api/conversations/${mine.conversationId}/events`, key)).status).toBe(200);
    expect((await api('GET', `/api/conversations/${theirs.conversationId}/events`, key)).status).toBe(404);

    // Outside its scope, or on routes keys never reach: 403, nothing done.
    const contactId = await asTenant(db, acmeId, async () => {
      const r = await db.query<{ contact_id: string }>('select contact_id from conversations where id = $1', [
        mine.conversationId,
      ]);
      return r.rows[0]?.contact_id as string;
    });
    for (const [method, path, body] of [
      ['GET', `/api/contacts/${contactId}`, undefined],
      [
        'POST',
        `/api/conversations/${mine.conversationId}/messages`,
        { clientId: crypto.randomUUID(), text: 'x' },
      ],
      ['GET', '/api/me', undefined],
      ['GET', '/api/admin/users', undefined],
      ['POST', `/api/conversations/${mine.conversationId}/ticket`, { action: 'close' }],
    ] as const) {
      const res = await api(method, path, key, body);
      expect([res.status, errorCode(res.body)], path).toEqual([403, 'forbidden']);
    }
    // Sockets take tokens only.
    const ws = await call(`/ws/conversations/${mine.conversationId}?token=${key}`, {
      headers: { upgrade: 'websocket' },
    });
    expect(ws.status).toBe(403);
  });

  it('sends as a bot named after the key with messages:send, only in its own tenant', async () => {
    const mine = await widgetSession('acme');
    const theirs = await widgetSession('globex');
    const { key, apiKey } = await createKey(tokens.admin, {
      name: 'Aviso de manutenção',
      scopes: ['messages:send', 'conversations:read', 'contacts:read'],
    });
    const clientId = crypto.randomUUID();
    const sent = await api<{ seq: number }>(
      'POST',
      `/api/conversations/${mine.conversationId}/messages`,
      key,
      {
        clientId,
        text: 'Manutenção programada hoje às 23h',
      },
    );
    expect(sent.status).toBe(201);
    const again = await api<{ seq: number }>(
      'POST',
      `/api/conversations/${mine.conversationId}/messages`,
      key,
      {
        clientId,
        text: 'Manutenção programada hoje às 23h',
      },
    );
    expect([again.status, again.body.seq]).toEqual([200, sent.body.seq]);
    const history = await api<{
      events: { seq: number; event: { type: string; message?: { author: unknown } } }[];
    }>('GET', `/api/conversations/${mine.conversationId}/events`, key);
    const event = history.body.events.find((e) => e.seq === sent.body.seq);
    expect(event?.event.message?.author).toEqual({ kind: 'bot', id: apiKey.id, name: 'Aviso de manutenção' });
    const foreign = await api('POST', `/api/conversations/${theirs.conversationId}/messages`, key, {
      clientId: crypto.randomUUID(),
      text: 'não',
    });
    expect(foreign.status).toBe(404);
  });

  it('refuses unknown, malformed, forged, expired and revoked keys with 401', async () => {
    const { key, apiKey } = await createKey(tokens.admin, {
      name: 'Lifecycle',
      scopes: ['conversations:read'],
    });
    const forged = `${key.slice(0, 14)}${'a'.repeat(40)}`;
    for (const bad of ['fio_', 'fio_abc_def', `fio_${'a'.repeat(8)}_${'b'.repeat(40)}`, forged, `${key}x`]) {
      const res = await api('GET', '/api/conversations', bad);
      expect([res.status, errorCode(res.body)], bad).toEqual([401, 'unauthorized']);
    }
    expect((await api('GET', '/api/conversations', key)).status).toBe(200);

    await asTenant(db, acmeId, () =>
      db.query(`update api_keys set expires_at = now() - interval '1 second' where id = $1`, [apiKey.id]),
    );
    const expired = await api<{ error: { message: string } }>('GET', '/api/conversations', key);
    expect([expired.status, expired.body.error.message]).toEqual([401, 'This API key has expired']);

    await asTenant(db, acmeId, () =>
      db.query('update api_keys set expires_at = null where id = $1', [apiKey.id]),
    );
    expect((await api('GET', '/api/conversations', key)).status).toBe(200);
    expect((await api('DELETE', `/api/admin/api-keys/${apiKey.id}`, tokens.admin)).status).toBe(204);
    const revoked = await api<{ error: { message: string } }>('GET', '/api/conversations', key);
    expect([revoked.status, revoked.body.error.message]).toEqual([401, 'This API key was revoked']);
    expect((await api('DELETE', `/api/admin/api-keys/${apiKey.id}`, tokens.admin)).status).toBe(404);
  });

  it('records the last use at most once a minute', async () => {
    const { key, apiKey } = await createKey(tokens.admin, {
      name: 'Last used',
      scopes: ['conversations:read'],
    });
    expect((await keyRow(acmeId, apiKey.id))?.last_used_at).toBeNull();
    await api('GET', '/api/conversations', key);
    const first = (await keyRow(acmeId, apiKey.id))?.last_used_at;
    expect(first).toBeInstanceOf(Date);
    await api('GET', '/api/conversations', key);
    expect((await keyRow(acmeId, apiKey.id))?.last_used_at).toEqual(first);
    const listed = (await listKeys(tokens.admin)).find((k) => k.id === apiKey.id);
    expect(listed?.lastUsedAt).toBe((first as Date).toISOString());
    // A minute later (moved back in the row) the next use records again.
    await asTenant(db, acmeId, () =>
      db.query(`update api_keys set last_used_at = now() - interval '61 seconds' where id = $1`, [apiKey.id]),
    );
    await api('GET', '/api/conversations', key);
    const later = (await keyRow(acmeId, apiKey.id))?.last_used_at as Date;
    expect(Date.now() - later.getTime()).toBeLessThan(30_000);
  });
});

describe('per-key and per-user API limits', () => {
  async function spend(name: string, hits: number): Promise<void> {
    await env.RATE_LIMITER.getByName(name).hit({ limit: 1, windowMs: 60_000 });
    await runInDurableObject(env.RATE_LIMITER.getByName(name), async (_i: RateLimiterDO, state) => {
      state.storage.kv.put('state', {
        windowStart: Date.now(),
        count: hits,
        lockedUntil: 0,
        lockouts: 0,
        lastLockoutAt: 0,
      });
    });
  }

  it('refuses a key past 600 calls a minute with 429 and Retry-After', async () => {
    const { key, apiKey } = await createKey(tokens.admin, { name: 'Busy', scopes: ['conversations:read'] });
    await spend(`api:key:${apiKey.id}`, 599);
    expect((await api('GET', '/api/conversations', key)).status).toBe(200);
    const res = await call('/api/conversations', { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(errorCode(await res.json())).toBe('rate_limited');
  });

  it('refuses an agent past 1,200 calls a minute, not their colleagues', async () => {
    const { token, tenantId } = await login(PEOPLE.supervisor.email, PEOPLE.supervisor.password);
    expect(tenantId).toBe(acmeId);
    const me = await api<{ user: { id: string } }>('GET', '/api/me', token);
    await spend(`api:user:${me.body.user.id}`, 1_200);
    const res = await call('/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api('GET', '/api/me', tokens.agent)).status).toBe(200);
  });
});
