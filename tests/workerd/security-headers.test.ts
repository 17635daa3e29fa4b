// Security headers on every kind of answer the Worker gives (API JSON, error envelopes, 404s, stored files
// keep their own stricter CSP), CORS on /api for the app's own origin only, and the refusal to serve while
// the database role bypasses row-level security.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../workers/app';
import { API_CSP, COMMON_SECURITY_HEADERS } from '../../workers/security-headers';
import { configureDriver } from '../../workers/services/db';
import { BASE, call, postJson } from './helpers';
import { signIn } from './sign-in';

const APP_ORIGIN = 'https://app.fio.test';
const OTHER_ORIGIN = 'https://evil.example';

function expectSecurityHeaders(res: Response, csp = API_CSP): void {
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) {
    expect(res.headers.get(name), name).toBe(value);
  }
  expect(res.headers.get('content-security-policy')).toBe(csp);
  const hsts = /max-age=(\d+)/.exec(res.headers.get('strict-transport-security') ?? '');
  expect(Number(hsts?.[1])).toBeGreaterThanOrEqual(365 * 24 * 3600);
  expect(res.headers.get('strict-transport-security')).toContain('includeSubDomains');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
}

describe('security headers on what the Worker answers', () => {
  const tokens = signIn('agent');

  it('API JSON', async () => {
    const res = await call('/api/me', { headers: { authorization: `Bearer ${tokens.agent}` } });
    expect(res.status).toBe(200);
    expectSecurityHeaders(res);
  });

  it('the error envelope (401, 400) and a 404 for an unknown route', async () => {
    const unauthorized = await call('/api/me');
    expect(unauthorized.status).toBe(401);
    expectSecurityHeaders(unauthorized);
    const invalid = await postJson('/api/auth/login', { email: 'not an email' });
    expect(invalid.status).toBe(400);
    expectSecurityHeaders(invalid);
    const missing = await call('/api/no-such-route');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expectSecurityHeaders(missing);
  });

  it('probes and a refused socket upgrade', async () => {
    expectSecurityHeaders(await call('/health'));
    const refused = await call('/ws/inbox?token=nope', { headers: { upgrade: 'websocket' } });
    expect(refused.status).toBe(401);
    expectSecurityHeaders(refused);
  });
});

describe('CORS on /api', () => {
  const tokens = signIn('agent');

  it("answers the app's own origin, with credentials", async () => {
    const res = await call('/api/me', {
      headers: { origin: APP_ORIGIN, authorization: `Bearer ${tokens.agent}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('vary')?.toLowerCase()).toContain('origin');
  });

  it('gives another origin no CORS header at all', async () => {
    const res = await call('/api/me', {
      headers: { origin: OTHER_ORIGIN, authorization: `Bearer ${tokens.agent}` },
    });
    expect(res.status).toBe(200);
    const cors = [...res.headers.keys()].filter((h) => h.startsWith('access-control-'));
    expect(cors).toEqual([]);
  });

  it('answers a preflight from the app origin, and one from another origin without CORS headers', async () => {
    const preflight = (origin: string) =>
      call('/api/canned-responses', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const own = await preflight(APP_ORIGIN);
    expect(own.status).toBe(204);
    expect(own.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(own.headers.get('access-control-allow-credentials')).toBe('true');
    expect(own.headers.get('access-control-allow-methods')).toContain('POST');
    expect(own.headers.get('access-control-allow-headers')).toContain('authorization');
    expectSecurityHeaders(own);
    const other = await preflight(OTHER_ORIGIN);
    expect(other.status).toBe(204);
    expect([...other.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('never answers outside /api with CORS', async () => {
    const res = await call('/health', { headers: { origin: APP_ORIGIN } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the Worker refuses a database role that bypasses row-level security', () => {
  // The test cluster's owner (a superuser; USER/PASSWORD in scripts/lib/postgres-replica.ts) and roles
  // made for the test.
  const ownerUrl = (() => {
    const url = new URL(env.DATABASE_URL);
    url.username = 'postgres';
    url.password = 'postgres';
    return url.toString();
  })();
  const roleUrl = (role: string) => {
    const url = new URL(env.DATABASE_URL);
    url.username = role;
    url.password = 'h8-role-password';
    return url.toString();
  };
  let owner: Client;

  beforeAll(async () => {
    configureDriver(env);
    owner = new Client({ connectionString: ownerUrl });
    owner.on('error', () => {});
    await owner.connect();
    for (const [role, attrs] of [
      ['h8_bypass', 'bypassrls'],
      ['h8_owner_member', ''],
    ] as const) {
      await owner.query(`drop role if exists ${role}`);
      await owner.query(`create role ${role} login password 'h8-role-password' ${attrs}`);
      await owner.query(`grant fio_app to ${role}`);
    }
    // A member of the tables' owner acts as their owner.
    const { rows } = await owner.query<{ owner: string }>(
      `select pg_get_userbyid(relowner) as owner from pg_class where relname = 'users' and relnamespace = 'public'::regnamespace`,
    );
    await owner.query(`grant ${rows[0]?.owner ?? 'postgres'} to h8_owner_member`);
  });
  afterAll(async () => {
    for (const role of ['h8_bypass', 'h8_owner_member']) await owner.query(`drop role if exists ${role}`);
    await owner.end();
  });

  async function fetchAs(databaseUrl: string, path: string): Promise<Response> {
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(`${BASE}${path}`), { ...env, DATABASE_URL: databaseUrl }, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  }

  it.each([
    ['a superuser', () => ownerUrl, 'superuser'],
    ['a BYPASSRLS role', () => roleUrl('h8_bypass'), 'BYPASSRLS'],
    ["a member of the tables' owner", () => roleUrl('h8_owner_member'), 'owner of the tables'],
  ])('%s: every request is 503 and /ready says why', async (_what, url, reason) => {
    for (const path of ['/ready', '/health', '/api/me']) {
      const res = await fetchAs(url(), path);
      expect(res.status, path).toBe(503);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('not_ready');
      expect(body.error.message).toContain('bypasses row-level security');
      expect(body.error.message).toContain(reason);
      expect(body.error.message).toContain('fio_app');
    }
  });

  it('serves as fio_app (the configured role)', async () => {
    const res = await fetchAs(env.DATABASE_URL, '/ready');
    expect(res.status).toBe(200);
  });
});
