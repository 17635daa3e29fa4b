// The tenant's ERP connection: admins save it (credentials sealed in the row, bound to the tenant, never in
// any answer or audit entry), change the base URL keeping the credentials, test it (the outcome recorded),
// "save and test" (a refusal is a 422 and stores nothing) and disconnect it; bad input stores nothing; the
// bot runtime reads it decrypted through loadErpConnection.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_CREDENTIALS } from '../../scripts/erp-simulator/seed';
import type { ErpConnectionResponse, ErpConnectionView, ErpTestResponse } from '../../workers/contract';
import { openDatabases } from '../../workers/services/db';
import { erpConfigOf, loadErpConnection } from '../../workers/services/erp-connection';
import { openJson, SecretBoxError } from '../../workers/services/secret-box';
import { type FreshTenant, freshTenant, ownerClient } from './fresh-tenant';
import { api, errorCode } from './helpers';

const IXC_TOKEN = `ixc-token-${crypto.randomUUID()}`;
const SGP_TOKEN = `sgp-token-${crypto.randomUUID()}`;
const SGP_APP = `sgp-app-${crypto.randomUUID().slice(0, 8)}`;
const SECRETS = [IXC_TOKEN, SGP_TOKEN, SGP_APP];

let owner: Client;
let T: FreshTenant;
let other: FreshTenant;

beforeAll(async () => {
  owner = await ownerClient();
  T = await freshTenant(owner, 'erp', ['owner', 'admin', 'supervisor']);
  other = await freshTenant(owner, 'erp-other', ['admin']);
}, 60_000);

afterAll(async () => {
  await owner?.end();
});

const admin = () => T.tokens.admin as string;

async function storedRow(tenantId = T.id) {
  const r = await owner.query<{
    kind: string;
    base_url: string;
    credentials: string;
    last_test_at: Date | null;
    last_test_ok: boolean | null;
  }>('select * from erp_connections where tenant_id = $1', [tenantId]);
  return r.rows[0] ?? null;
}

function expectNoSecret(value: unknown) {
  const text = JSON.stringify(value);
  for (const s of SECRETS) expect(text).not.toContain(s);
}

async function put(body: unknown, token = admin()) {
  const res = await api<{ connection: ErpConnectionView; test: ErpTestResponse | null }>(
    'PUT',
    '/api/admin/erp',
    token,
    body,
  );
  expectNoSecret(res.body);
  return res;
}

describe('the ERP connection', () => {
  it('starts empty, then saves an IXC connection with its credentials sealed to the tenant', async () => {
    const empty = await api<ErpConnectionResponse>('GET', '/api/admin/erp', admin());
    expect(empty.body).toEqual({ connection: null });

    const saved = await put({
      kind: 'ixc',
      baseUrl: 'https://erp.provedor-exemplo.com.br/',
      credentials: { user: '12', token: IXC_TOKEN },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.connection).toMatchObject({
      kind: 'ixc',
      baseUrl: 'https://erp.provedor-exemplo.com.br',
      credentialsSet: ['user', 'token'],
      lastTestAt: null,
      lastTestOk: null,
    });
    expect(saved.body.test).toBeNull();

    const row = await storedRow();
    expect(row?.credentials).toMatch(/^v1\./);
    expect(row?.credentials).not.toContain(IXC_TOKEN);
    expect(await openJson(env.CHANNEL_SECRETS_KEY, row?.credentials ?? '', `erp:${T.id}`)).toEqual({
      user: '12',
      token: IXC_TOKEN,
    });
    // Bound to this tenant: the same ciphertext does not open as another tenant's.
    await expect(
      openJson(env.CHANNEL_SECRETS_KEY, row?.credentials ?? '', `erp:${other.id}`),
    ).rejects.toThrow(SecretBoxError);

    const shown = await api<ErpConnectionResponse>('GET', '/api/admin/erp', admin());
    expect(shown.body.connection?.credentialsSet).toEqual(['user', 'token']);
    expectNoSecret(shown.body);
    // Another tenant sees only its own (none).
    expect((await api('GET', '/api/admin/erp', other.tokens.admin as string)).body).toEqual({
      connection: null,
    });
  });

  it('gives the bot runtime the decrypted connection and the adapter config', async () => {
    const dbs = openDatabases(env);
    try {
      const conn = await loadErpConnection(dbs.primary, env, T.id);
      expect(conn).toEqual({
        kind: 'ixc',
        baseUrl: 'https://erp.provedor-exemplo.com.br',
        credentials: { user: '12', token: IXC_TOKEN },
      });
      const config = erpConfigOf(env, conn as NonNullable<typeof conn>);
      expect(config.privateOrigins).toContain(env.FIO_TEST_ERP_URL);
      expect(await loadErpConnection(dbs.primary, env, other.id)).toBeNull();
    } finally {
      await dbs.close();
    }
  });

  it('changes the base URL alone keeping the credentials; a new kind must bring its own', async () => {
    const moved = await put({ kind: 'ixc', baseUrl: 'https://ixc.provedor-exemplo.com.br' });
    expect(moved.status).toBe(200);
    const row = await storedRow();
    expect(row?.base_url).toBe('https://ixc.provedor-exemplo.com.br');
    expect(await openJson(env.CHANNEL_SECRETS_KEY, row?.credentials ?? '', `erp:${T.id}`)).toEqual({
      user: '12',
      token: IXC_TOKEN,
    });

    const switched = await put({ kind: 'sgp', baseUrl: 'https://provedor.sgp.net.br' });
    expect(switched.status).toBe(400);
    expect(errorCode(switched.body)).toBe('validation_failed');
    expect(JSON.stringify(switched.body)).toContain('credentials');
    expect((await storedRow())?.kind).toBe('ixc');
  });

  it('refuses bad input, pointing at the field, changing nothing', async () => {
    const before = await storedRow();
    const cases: { body: unknown; path: string }[] = [
      { body: { kind: 'hubsoft', baseUrl: 'https://x.com.br', credentials: { token: 'x' } }, path: 'kind' },
      {
        body: { kind: 'ixc', baseUrl: 'ftp://x.com.br', credentials: { user: '1', token: 't' } },
        path: 'baseUrl',
      },
      // Our own network: the egress rule every ERP call meets.
      {
        body: { kind: 'ixc', baseUrl: 'http://10.0.0.7', credentials: { user: '1', token: 't' } },
        path: 'baseUrl',
      },
      {
        body: { kind: 'ixc', baseUrl: 'http://localhost:8080', credentials: { user: '1', token: 't' } },
        path: 'baseUrl',
      },
      {
        body: { kind: 'sgp', baseUrl: 'https://x.sgp.net.br', credentials: { user: '1', token: 't' } },
        path: 'credentials',
      },
      {
        body: { kind: 'sgp', baseUrl: 'https://x.sgp.net.br', credentials: { token: 't', app: ' ' } },
        path: 'credentials.app',
      },
      { body: { kind: 'ixc', baseUrl: 'https://x.com.br', extra: 1 }, path: '' },
    ];
    for (const c of cases) {
      const res = await put(c.body);
      const where = JSON.stringify(c.body);
      expect(res.status, where).toBe(400);
      expect(errorCode(res.body), where).toBe('validation_failed');
      const paths = (res.body as unknown as { error: { details: { path: string }[] } }).error.details.map(
        (d) => d.path,
      );
      expect(
        paths.some((p) => p === c.path || p.startsWith(`${c.path}.`)),
        `${where} → ${paths}`,
      ).toBe(true);
    }
    expect(await storedRow()).toEqual(before);
  });

  it('is for admins only', async () => {
    const res = await put(
      { kind: 'ixc', baseUrl: 'https://x.com.br', credentials: { user: '1', token: 't' } },
      T.tokens.supervisor as string,
    );
    expect(res.status).toBe(403);
  });

  it('"save and test" against an ERP that does not answer: 422, nothing stored or changed', async () => {
    const before = await storedRow();
    const res = await put({
      kind: 'sgp',
      baseUrl: `${env.FIO_TEST_CLOSED_URL}/sgp/ninguem`,
      credentials: { token: SGP_TOKEN, app: SGP_APP },
      test: true,
    });
    expect(res.status).toBe(422);
    expect(errorCode(res.body)).toBe('erp_test_failed');
    expect(await storedRow()).toEqual(before);
  });

  it('tests the stored connection and records the outcome on it', async () => {
    await put({
      kind: 'sgp',
      baseUrl: `${env.FIO_TEST_CLOSED_URL}/sgp/ninguem`,
      credentials: { token: SGP_TOKEN, app: SGP_APP },
    });
    const tested = await api<ErpTestResponse>('POST', '/api/admin/erp/test', admin());
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ ok: false, code: 'erp_unavailable' });
    expectNoSecret(tested.body);
    const row = await storedRow();
    expect(row?.last_test_ok).toBe(false);
    expect(row?.last_test_at?.toISOString()).toBe(tested.body.testedAt);
    const shown = await api<ErpConnectionResponse>('GET', '/api/admin/erp', admin());
    expect(shown.body.connection).toMatchObject({ lastTestOk: false, lastTestAt: tested.body.testedAt });
    // Nothing to test for a tenant without a connection.
    expect((await api('POST', '/api/admin/erp/test', other.tokens.admin as string)).status).toBe(404);
  });

  it('audits every save and the disconnect, never with a credential', async () => {
    const refused = await api('DELETE', '/api/admin/erp', admin(), {});
    expect(refused.status).toBe(400);
    expect(await storedRow()).not.toBeNull();
    expect((await api('DELETE', '/api/admin/erp', admin(), { confirm: true })).status).toBe(204);
    expect(await storedRow()).toBeNull();
    expect((await api('DELETE', '/api/admin/erp', admin(), { confirm: true })).status).toBe(404);

    const audit = await owner.query<{ action: string; details: Record<string, unknown> }>(
      `select action, details from audit_log where tenant_id = $1 and action like 'erp.%' order by id`,
      [T.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'erp.credentials_changed',
      'erp.credentials_changed',
      'erp.credentials_changed',
      'erp.disconnected',
    ]);
    expect(audit.rows[0]?.details).toMatchObject({ kind: 'ixc', credentialsReplaced: true, tested: false });
    expect(audit.rows[1]?.details).toMatchObject({ credentialsReplaced: false });
    expectNoSecret(audit.rows);
  });

  it('"save and test" against the IXC simulator: wrong token refused (422, nothing stored), right one saved as tested', async () => {
    const isp = `h2-${crypto.randomUUID().slice(0, 6)}`;
    const baseUrl = `${env.FIO_TEST_ERP_URL}/ixc/${isp}`;
    const wrong = await put({
      kind: 'ixc',
      baseUrl,
      credentials: { user: SIM_CREDENTIALS.ixc.user, token: IXC_TOKEN },
      test: true,
    });
    expect(wrong.status, JSON.stringify(wrong.body)).toBe(422);
    expect(errorCode(wrong.body)).toBe('erp_test_failed');
    const envelope = wrong.body as unknown as {
      error: { message: string; details: { code: string; detail: string } };
    };
    expect(envelope.error.details.detail).toMatch(/^Credenciais recusadas pelo ERP/);
    expect(envelope.error.message).toContain('Credenciais recusadas');
    expect(await storedRow()).toBeNull();

    const right = await put({ kind: 'ixc', baseUrl, credentials: SIM_CREDENTIALS.ixc, test: true });
    expect(right.status, JSON.stringify(right.body)).toBe(200);
    expect(right.body.test).toMatchObject({ ok: true, code: null });
    expect(right.body.connection).toMatchObject({ kind: 'ixc', lastTestOk: true });
    expect(right.body.connection.lastTestAt).toBe(right.body.test?.testedAt);
    expect(JSON.stringify(right.body)).not.toContain(SIM_CREDENTIALS.ixc.token);

    const again = await api<ErpTestResponse>('POST', '/api/admin/erp/test', admin());
    expect(again.body).toMatchObject({ ok: true, code: null });
    expect((await storedRow())?.last_test_ok).toBe(true);
  });

  it('tests an SGP connection against the simulator, and records a later refusal', async () => {
    const isp = `h2-${crypto.randomUUID().slice(0, 6)}`;
    const baseUrl = `${env.FIO_TEST_ERP_URL}/sgp/${isp}`;
    const saved = await put({ kind: 'sgp', baseUrl, credentials: SIM_CREDENTIALS.sgp, test: true });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.test?.ok).toBe(true);
    // The token changes (plain save): the next test fails and says so; the connection stays stored.
    await put({ kind: 'sgp', baseUrl, credentials: { token: SGP_TOKEN, app: SGP_APP } });
    const tested = await api<ErpTestResponse>('POST', '/api/admin/erp/test', admin());
    expect(tested.body.ok).toBe(false);
    expect(tested.body.detail).toMatch(/^Credenciais recusadas pelo ERP/);
    expectNoSecret(tested.body);
    expect((await storedRow())?.last_test_ok).toBe(false);
    expect((await api('DELETE', '/api/admin/erp', admin(), { confirm: true })).status).toBe(204);
  });
});
