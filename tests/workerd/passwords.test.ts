// The password policy holds at every place a password is set (admin create and update, change my password;
// reset and invitation acceptance in their own suites), and changing my own password proves the current one.
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminUser } from '../../workers/contract';
import { asTenant, openClient } from './db-helpers';
import { api, errorCode, login, postJson } from './helpers';
import { uniqueEmail } from './mailbox';
import { canLogIn, expectRefused, freshUser, GOOD, type Refusal } from './password-helpers';
import { signIn } from './sign-in';

const tokens = signIn('admin');
describe('password policy in the admin screens', () => {
  it.each([
    ['password123', 'common', 'on the common list'],
    ['QWERTYUIOP', 'common', 'on the list, in another case'],
    ['Brasil@2024', 'common', 'a Brazilian supplement word with digits and a symbol after it'],
    ['mudar123456', 'common', 'the classic "change me" password'],
    ['Acme Fibra 123', 'personal', "the tenant's name"],
  ])('refuses %s (%s: %s) when creating a user, and stores nothing', async (password, reason) => {
    const email = uniqueEmail();
    const res = await api('POST', '/api/admin/users', tokens.admin, {
      email,
      name: 'X',
      role: 'agent',
      password,
    });
    expectRefused(res, 'password', reason);
    expect((res.body as Refusal).error.message).toMatch(/senha|password/i);
    const list = await api<{ users: AdminUser[] }>('GET', '/api/admin/users', tokens.admin);
    expect(list.body.users.map((u) => u.email)).not.toContain(email);
    expect(await canLogIn(email, password)).toBe(false);
  });

  it("refuses the user's own e-mail name as a password", async () => {
    // Ends in a digit on purpose: "…7" + "2024" must still count as the e-mail name.
    const email = `mariana.souza.${crypto.randomUUID().slice(0, 6)}7@acme.test`;
    const local = email.split('@')[0] as string;
    const res = await api('POST', '/api/admin/users', tokens.admin, {
      email,
      name: 'Mariana',
      role: 'agent',
      password: `${local.toUpperCase()}2024`,
    });
    expectRefused(res, 'password', 'personal');
  });

  it('refuses a common password when an admin changes one, keeping the old password', async () => {
    const user = await freshUser(tokens.admin);
    const res = await api('PATCH', `/api/admin/users/${user.id}`, tokens.admin, { password: 'iloveyou123' });
    expectRefused(res, 'password', 'common');
    expect(await canLogIn(user.email, GOOD)).toBe(true);
    expect(await canLogIn(user.email, 'iloveyou123')).toBe(false);
  });

  it('accepts a long uncommon password', async () => {
    const user = await freshUser(tokens.admin, 'tres-tigres-tristes-42');
    expect(await canLogIn(user.email, 'tres-tigres-tristes-42')).toBe(true);
  });
});

describe('change my password', () => {
  let client: Awaited<ReturnType<typeof openClient>>;
  beforeAll(async () => {
    client = await openClient(env.DATABASE_URL);
  });
  afterAll(async () => {
    await client.end();
  });

  it('changes it after proving the current one; the old one stops working; audited', async () => {
    const user = await freshUser(tokens.admin);
    const me = await login(user.email, GOOD);
    const res = await api('POST', '/api/me/password', me.token, {
      currentPassword: GOOD,
      newPassword: 'outra-senha-bem-diferente',
    });
    expect(res.status).toBe(204);
    expect(await canLogIn(user.email, GOOD)).toBe(false);
    expect(await canLogIn(user.email, 'outra-senha-bem-diferente')).toBe(true);
    const audit = await asTenant(client, me.tenantId, () =>
      client.query<{ actor_id: string; ip: string | null }>(
        `select actor_id, ip from audit_log where action = 'auth.password_changed' and target_id = $1`,
        [user.id],
      ),
    );
    expect(audit.rows).toEqual([expect.objectContaining({ actor_id: user.id })]);
  });

  it('ends my other sessions and keeps this one', async () => {
    const user = await freshUser(tokens.admin);
    const here = await login(user.email, GOOD);
    const elsewhere = await login(user.email, GOOD);
    expect((await api('GET', '/api/me', elsewhere.token)).status).toBe(200);
    const res = await api('POST', '/api/me/password', here.token, {
      currentPassword: GOOD,
      newPassword: 'troquei-e-sai-dos-outros',
    });
    expect(res.status).toBe(204);
    expect((await api('GET', '/api/me', here.token)).status).toBe(200);
    const other = await api('GET', '/api/me', elsewhere.token);
    expect(other.status).toBe(401);
    expect(errorCode(other.body)).toBe('unauthorized');
  });

  it('refuses a wrong current password (400 on currentPassword, not 401), changing nothing', async () => {
    const user = await freshUser(tokens.admin);
    const me = await login(user.email, GOOD);
    const res = await api('POST', '/api/me/password', me.token, {
      currentPassword: 'not-my-password',
      newPassword: 'outra-senha-bem-diferente',
    });
    expectRefused(res, 'currentPassword', 'incorrect');
    expect(await canLogIn(user.email, GOOD)).toBe(true);
  });

  it.each([
    ['curta', 'too_short'],
    ['qwertyuiop', 'common'],
    ['Senha@12345', 'common'],
  ])('refuses the new password %s (%s), keeping the old one', async (newPassword, reason) => {
    const user = await freshUser(tokens.admin);
    const me = await login(user.email, GOOD);
    const res = await api('POST', '/api/me/password', me.token, { currentPassword: GOOD, newPassword });
    expectRefused(res, 'newPassword', reason);
    expect(await canLogIn(user.email, GOOD)).toBe(true);
  });

  it('needs a signed-in agent', async () => {
    const res = await postJson('/api/me/password', { currentPassword: GOOD, newPassword: 'x-y-z-w-v-u-t' });
    expect(res.status).toBe(401);
    expect(errorCode(await res.json())).toBe('unauthorized');
  });
});
