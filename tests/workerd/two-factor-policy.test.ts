// The tenant's 2FA policy: 'admins' (owner + admin) or 'everyone' must enrol before signing in; the
// enrolment token a login hands out is good for the two enrolment routes and nothing else; after confirming
// with it, the sign-in ticket finishes the login once. Policy changes are admin-only, validated, audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantSettings } from '../../workers/contract';
import { api, call, errorCode } from './helpers';
import {
  auditActions,
  type Client,
  codeAt,
  enrol,
  loginAs,
  newTenant,
  openDb,
  type TestTenant,
  type TestUser,
  tokenFor,
} from './two-factor-helpers';

let db: Client;
beforeAll(async () => {
  db = await openDb();
});
afterAll(async () => {
  await db.end();
});

async function enrolmentToken(user: TestUser): Promise<string> {
  const res = await loginAs(user);
  expect(res.status, user.role).toBe(403);
  expect(errorCode(res.body)).toBe('totp_enrolment_required');
  expect(res.body.accessToken).toBeUndefined();
  const token = (res.body as { error: { details: { enrolmentToken: string } } }).error.details.enrolmentToken;
  expect(typeof token).toBe('string');
  return token;
}

describe('2FA policy', () => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await newTenant(db);
  });

  it('is set by owners and admins only, validated and audited as tenant.settings_changed', async () => {
    const admin = await tokenFor(tenant.users.admin);
    const get = async () =>
      TenantSettings.parse((await api('GET', '/api/tenant/settings', admin)).body).twoFactorPolicy;
    expect(await get()).toBe('none');
    for (const who of ['agent', 'supervisor'] as const) {
      const token = await tokenFor(tenant.users[who]);
      expect(
        (await api('PATCH', '/api/tenant/settings', token, { twoFactorPolicy: 'everyone' })).status,
      ).toBe(403);
    }
    for (const value of ['all', '', null, 1, 'ADMINS']) {
      const res = await api('PATCH', '/api/tenant/settings', admin, { twoFactorPolicy: value });
      expect(res.status, String(value)).toBe(400);
    }
    expect(await get()).toBe('none');
    const owner = await tokenFor(tenant.users.owner);
    const res = await api('PATCH', '/api/tenant/settings', owner, { twoFactorPolicy: 'admins' });
    expect(res.status).toBe(200);
    expect(await get()).toBe('admins');
    const actions = await auditActions(db, tenant.id, tenant.id);
    expect(actions).toEqual(['tenant.settings_changed']);
  });

  it("'admins': owner and admin must enrol to sign in; supervisor and agent sign in as before", async () => {
    for (const who of ['owner', 'admin'] as const) await enrolmentToken(tenant.users[who]);
    for (const who of ['supervisor', 'agent'] as const) {
      expect((await loginAs(tenant.users[who])).status, who).toBe(200);
    }
  });

  it('the enrolment token opens only the enrolment routes, and its ticket finishes the sign-in once', async () => {
    const admin = tenant.users.admin;
    const token = await enrolmentToken(admin);
    // Useless anywhere else: REST, the admin's own 2FA routes, the sockets.
    for (const [method, path, body] of [
      ['GET', '/api/me', undefined],
      ['GET', '/api/auth/2fa', undefined],
      ['GET', '/api/tenant/settings', undefined],
      ['PATCH', '/api/tenant/settings', { twoFactorPolicy: 'none' }],
      ['POST', '/api/auth/2fa/disable', { password: 'two-factor-test-pass' }],
      ['GET', '/api/conversations', undefined],
    ] as const) {
      const res = await api(method, path, token, body);
      expect(res.status, path).toBe(401);
    }
    const socket = await call(`/ws/inbox?token=${token}`, { headers: { upgrade: 'websocket' } });
    expect(socket.status).toBe(401);

    const { recoveryCodes, signInTicket } = await enrol(token);
    expect(recoveryCodes).toHaveLength(10);
    expect(signInTicket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const signedIn = await loginAs(admin, signInTicket);
    expect(signedIn.status).toBe(200);
    expect(typeof signedIn.body.accessToken).toBe('string');
    const again = await loginAs(admin, signInTicket);
    expect(again.status).toBe(401);
    expect(errorCode(again.body)).toBe('totp_invalid');
    // From now on: password + code, like any enrolled user; and the policy keeps 2FA on.
    expect(errorCode((await loginAs(admin)).body)).toBe('totp_required');
    const access = signedIn.body.accessToken as string;
    const off = await api('POST', '/api/auth/2fa/disable', access, { password: 'two-factor-test-pass' });
    expect(off.status).toBe(403);
    expect((await api('GET', '/api/auth/2fa', access)).body).toMatchObject({
      enabled: true,
      policy: 'admins',
      requiredForMe: true,
    });
    // The spent enrolment token cannot start over what is now on.
    expect((await api('POST', '/api/auth/2fa/enrolment', token)).status).toBe(409);
  });

  it("'everyone': agents and supervisors must enrol too; enrolled users sign in with their code", async () => {
    const owner = tenant.users.owner;
    const { secret } = await enrol(await enrolmentToken(owner));
    const ownerToken = await tokenFor(owner, codeAt(secret, 30));
    const res = await api('PATCH', '/api/tenant/settings', ownerToken, { twoFactorPolicy: 'everyone' });
    expect(res.status).toBe(200);
    for (const who of ['supervisor', 'agent'] as const) await enrolmentToken(tenant.users[who]);
    // The token is bound to its user: what it starts names that user, in that tenant.
    const agent = tenant.users.agent;
    const started = await api<{ otpauthUri: string }>(
      'POST',
      '/api/auth/2fa/enrolment',
      await enrolmentToken(agent),
    );
    expect(started.status).toBe(200);
    const uri = new URL(started.body.otpauthUri);
    expect(uri.host + decodeURIComponent(uri.pathname)).toBe(`totp/Fio (${tenant.name}):${agent.email}`);
  });
});
