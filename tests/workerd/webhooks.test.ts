// /api/webhooks: the secret is shown once and stored sealed; bad URLs and event lists are refused with nothing
// stored; another tenant's ids are 404 and agents are 403; every change is audited; test-send reports what the
// receiver answered, and a private address is refused before any connection.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookEndpointView, WebhookTestResult } from '../../workers/contract';
import { ownerClient } from './fresh-tenant';
import { api, errorCode } from './helpers';
import { attempts, type HookTenant, hookEndpoint, hookTenant, hookUrl, scriptHook } from './webhook-helpers';

let owner: Client;
let T: HookTenant;
let other: HookTenant;

beforeAll(async () => {
  owner = await ownerClient();
  T = await hookTenant(owner, 'hooks-rest');
  other = await hookTenant(owner, 'hooks-rest-b');
});
afterAll(async () => {
  await owner.end();
});

const rowCount = async (tenantId: string) =>
  Number(
    (
      await owner.query<{ n: string }>('select count(*) as n from webhook_endpoints where tenant_id = $1', [
        tenantId,
      ])
    ).rows[0]?.n,
  );

describe('webhook endpoints', () => {
  it('creates an endpoint with its secret shown once and stored sealed, lists it without the secret', async () => {
    const name = `rest-${crypto.randomUUID().slice(0, 8)}`;
    const { endpoint, secret } = await hookEndpoint(T, name, ['message.created', 'ticket.changed']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(endpoint).toMatchObject({
      url: hookUrl(name),
      enabled: true,
      health: 'idle',
      pending: 0,
      dead: 0,
    });
    const stored = await owner.query<{ secret_ciphertext: string }>(
      'select secret_ciphertext from webhook_endpoints where id = $1',
      [endpoint.id],
    );
    expect(stored.rows[0]?.secret_ciphertext).toMatch(/^v1\./);
    expect(stored.rows[0]?.secret_ciphertext).not.toContain(secret);
    const list = await api<{ endpoints: WebhookEndpointView[] }>('GET', '/api/webhooks', T.admin);
    expect(list.status).toBe(200);
    expect(list.body.endpoints.map((e) => e.id)).toContain(endpoint.id);
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const rotated = await api<{ secret: string }>(
      'POST',
      `/api/webhooks/${endpoint.id}/rotate-secret`,
      T.admin,
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(secret);
    const patched = await api<WebhookEndpointView>('PATCH', `/api/webhooks/${endpoint.id}`, T.admin, {
      events: ['csat.received'],
      enabled: false,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ events: ['csat.received'], enabled: false });
    expect((await api('DELETE', `/api/webhooks/${endpoint.id}`, T.admin)).status).toBe(204);
    expect((await api('GET', `/api/webhooks/${endpoint.id}`, T.admin)).status).toBe(404);

    const audit = await owner.query<{ action: string }>(
      'select action from audit_log where tenant_id = $1 and target_id = $2 order by id',
      [T.id, endpoint.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'webhook.created',
      'webhook.secret_rotated',
      'webhook.updated',
      'webhook.deleted',
    ]);
  });

  it('refuses URLs that are not http(s), carry credentials or are too long, and bad event lists: 400, nothing stored', async () => {
    const before = await rowCount(T.id);
    const bad: Record<string, unknown>[] = [
      { url: 'ftp://hooks.example.com/x', events: ['message.created'] },
      { url: 'javascript:alert(1)', events: ['message.created'] },
      { url: 'https://user:pw@hooks.example.com/x', events: ['message.created'] },
      { url: `https://hooks.example.com/${'a'.repeat(2_000)}`, events: ['message.created'] },
      { url: 'not a url', events: ['message.created'] },
      { url: 'https://hooks.example.com/x', events: [] },
      { url: 'https://hooks.example.com/x', events: ['message.created', 'message.created'] },
      { url: 'https://hooks.example.com/x', events: ['message.deleted'] },
      { url: 'https://hooks.example.com/x', events: ['message.created'], secret: 'mine' },
    ];
    for (const body of bad) {
      const res = await api<{ error: { code: string; message: string; requestId: string } }>(
        'POST',
        '/api/webhooks',
        T.admin,
        body,
      );
      expect([res.status, errorCode(res.body)], JSON.stringify(body).slice(0, 80)).toEqual([
        400,
        'validation_failed',
      ]);
      expect(res.body.error.requestId).toBeTruthy();
    }
    const { endpoint } = await hookEndpoint(T, `bad-${crypto.randomUUID().slice(0, 8)}`, ['message.created']);
    const patch = await api('PATCH', `/api/webhooks/${endpoint.id}`, T.admin, { url: 'gopher://x' });
    expect([patch.status, errorCode(patch.body)]).toEqual([400, 'validation_failed']);
    expect((await api<WebhookEndpointView>('GET', `/api/webhooks/${endpoint.id}`, T.admin)).body.url).toBe(
      endpoint.url,
    );
    expect(await rowCount(T.id)).toBe(before + 1);
  });

  it("answers 404 for another tenant's endpoint on every route and 403 to agents", async () => {
    const { endpoint } = await hookEndpoint(other, `iso-${crypto.randomUUID().slice(0, 8)}`, [
      'message.created',
    ]);
    const id = endpoint.id;
    const delivery = crypto.randomUUID();
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/webhooks/${id}`],
      ['PATCH', `/api/webhooks/${id}`, { enabled: false }],
      ['DELETE', `/api/webhooks/${id}`],
      ['POST', `/api/webhooks/${id}/rotate-secret`],
      ['POST', `/api/webhooks/${id}/test`],
      ['GET', `/api/webhooks/${id}/deliveries`],
      ['POST', `/api/webhooks/${id}/deliveries/${delivery}/redeliver`],
    ];
    for (const [method, path, body] of calls) {
      const res = await api(method, path, T.admin, body);
      expect([res.status, errorCode(res.body)], `${method} ${path}`).toEqual([404, 'not_found']);
    }
    const list = await api<{ endpoints: WebhookEndpointView[] }>('GET', '/api/webhooks', T.admin);
    expect(list.body.endpoints.map((e) => e.id)).not.toContain(id);
    expect((await api('GET', '/api/webhooks', T.agent)).status).toBe(403);
    expect(
      (await api('POST', '/api/webhooks', T.agent, { url: hookUrl('x'), events: ['message.created'] }))
        .status,
    ).toBe(403);
    const still = await owner.query('select enabled from webhook_endpoints where id = $1', [id]);
    expect(still.rows[0]).toEqual({ enabled: true });
  });

  it("test-send reports the receiver's answer, signed, and counts for the endpoint's health", async () => {
    const name = `test-${crypto.randomUUID().slice(0, 8)}`;
    const { endpoint } = await hookEndpoint(T, name, ['message.created']);
    const ok = await api<WebhookTestResult>('POST', `/api/webhooks/${endpoint.id}/test`, T.admin);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, status: 200, error: null });
    const [first] = await attempts(name);
    expect(first).toMatchObject({ event: 'ping', signature: 'valid', status: 200 });
    expect(first?.body).toMatchObject({ type: 'ping', tenantId: T.id, data: { endpointId: endpoint.id } });
    expect((await api<WebhookEndpointView>('GET', `/api/webhooks/${endpoint.id}`, T.admin)).body.health).toBe(
      'healthy',
    );

    await scriptHook(name, { secret: null, status: 503 });
    const down = await api<WebhookTestResult>('POST', `/api/webhooks/${endpoint.id}/test`, T.admin);
    expect(down.body).toMatchObject({ ok: false, status: 503, error: 'HTTP 503' });
    const view = await api<WebhookEndpointView>('GET', `/api/webhooks/${endpoint.id}`, T.admin);
    expect(view.body).toMatchObject({ health: 'failing', lastError: 'HTTP 503' });
  });

  it('refuses private and loopback addresses at delivery time, before connecting (egress rules)', async () => {
    for (const url of ['http://10.0.0.7/hook', 'http://127.0.0.1:9/hook', 'http://169.254.169.254/latest']) {
      const res = await api<{ endpoint: WebhookEndpointView }>('POST', '/api/webhooks', T.admin, {
        url,
        events: ['message.created'],
      });
      expect(res.status).toBe(201);
      const test = await api<WebhookTestResult>(
        'POST',
        `/api/webhooks/${res.body.endpoint.id}/test`,
        T.admin,
      );
      expect(test.body.ok, url).toBe(false);
      expect(test.body.status).toBeNull();
      expect(test.body.error).toMatch(/^refused: /);
    }
  });
});
