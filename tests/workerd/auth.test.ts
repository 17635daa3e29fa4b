// POST /api/auth/login: happy path, wrong credentials, and malformed input (clear error, nothing issued).
import { describe, expect, it } from 'vitest';
import { ACME } from '../support/fixtures';
import { call, postJson } from './helpers';

const admin = ACME.users[0] as (typeof ACME.users)[number];

describe('login', () => {
  it('issues an access token carrying tenant, user and role', async () => {
    const res = await postJson('/api/auth/login', {
      email: admin.email.toUpperCase(),
      password: admin.password,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      accessToken: string;
      expiresIn: number;
      user: Record<string, string>;
    };
    expect(body.user).toMatchObject({ email: admin.email, role: 'admin', name: admin.name });
    expect(body.expiresIn).toBe(900);
    const claims = JSON.parse(
      atob((body.accessToken.split('.')[1] as string).replace(/-/g, '+').replace(/_/g, '/')),
    );
    expect(claims).toMatchObject({
      kind: 'agent',
      sub: body.user.id,
      tid: body.user.tenantId,
      role: 'admin',
    });
  });

  it('refuses a wrong password and an unknown email with the same 401', async () => {
    for (const body of [
      { email: admin.email, password: 'wrong' },
      { email: 'nobody@nowhere.test', password: admin.password },
    ]) {
      const res = await postJson('/api/auth/login', body);
      expect(res.status).toBe(401);
      const json = (await res.json()) as { error: { code: string; message: string; requestId: string } };
      expect(json.error).toMatchObject({ code: 'unauthorized', message: 'Email or password is incorrect' });
      expect(json.error.requestId).toBeTruthy();
    }
  });

  it('rejects malformed bodies with a clear validation error', async () => {
    const cases: [RequestInit, number, string][] = [
      [
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' },
        400,
        'invalid_json',
      ],
      [{ method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }, 400, 'bad_request'],
      [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: `{"email":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
        },
        400,
        'invalid_json',
      ],
      [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"email":"x","password":"y"}',
        },
        400,
        'validation_failed',
      ],
      [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: admin.email }),
        },
        400,
        'validation_failed',
      ],
    ];
    for (const [init, status, code] of cases) {
      const res = await call('/api/auth/login', init);
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });

  it('limits bodies by bytes, so multibyte text cannot slip past the limit', async () => {
    // 40,000 UTF-16 units, 80,000 bytes of UTF-8.
    const res = await postJson('/api/auth/login', { email: admin.email, password: '👍'.repeat(20_000) });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error).toMatchObject({ code: 'bad_request', message: 'Body is limited to 65536 bytes' });
  });

  it('lists which fields were wrong', async () => {
    const res = await postJson('/api/auth/login', { email: 'not-an-email', password: '' });
    const json = (await res.json()) as { error: { details: { path: string }[] } };
    expect(json.error.details.map((d) => d.path).sort()).toEqual(['email', 'password']);
  });
});
