// Invitations: an invited user cannot sign in until they accept with the e-mailed link (7 days), which sets
// a password (policy applies) and activates them; resend retires the old link; revoke removes them; only
// owners invite owners; an address that signs in to another tenant gets the same answer as a real invite.
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminUser, Invitation } from '../../workers/contract';
import { asTenant, openClient } from './db-helpers';
import { api, errorCode, login, postJson } from './helpers';
import { clearMailFault, linkToken, mailsTo, setMailFault, uniqueEmail, waitForMails } from './mailbox';
import { canLogIn, expectRefused } from './password-helpers';
import { PEOPLE, signIn } from './sign-in';

const tokens = signIn('admin', 'agent', 'globexAdmin');

async function invite(token: string, body: Record<string, unknown>) {
  return api<Invitation>('POST', '/api/admin/invitations', token, body);
}

async function accept(token: string, password: string) {
  const res = await postJson('/api/auth/invitations/accept', { token, password });
  return { status: res.status, body: (await res.json()) as unknown };
}

async function pending(token: string): Promise<Invitation[]> {
  const res = await api<{ invitations: Invitation[] }>('GET', '/api/admin/invitations', token);
  expect(res.status).toBe(200);
  return res.body.invitations;
}

describe('invitations', () => {
  let client: Awaited<ReturnType<typeof openClient>>;
  beforeAll(async () => {
    client = await openClient(env.DATABASE_URL);
  });
  afterAll(async () => {
    await client.end();
  });

  it('invites: pending, no sign-in, e-mailed link; accepting sets the password and activates', async () => {
    const email = uniqueEmail();
    const res = await invite(tokens.admin, { email, name: 'Júlia <b>Nova</b>', role: 'supervisor' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email, role: 'supervisor', mail: 'sent', expired: false });
    const days = (Date.parse(res.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    expect((await pending(tokens.admin)).map((i) => i.email)).toContain(email);
    const users = await api<{ users: AdminUser[] }>('GET', '/api/admin/users', tokens.admin);
    expect(users.body.users.map((u) => u.email)).not.toContain(email);

    const [mail] = await waitForMails(email);
    expect(mail?.subject).toContain('Acme Fibra');
    // The name is text in the HTML, never markup.
    expect(mail?.html).toContain('Júlia &lt;b&gt;Nova&lt;/b&gt;');
    expect(mail?.html).not.toContain('<b>Nova</b>');
    const token = linkToken(mail as never, '/invite');
    expect(await canLogIn(email, 'anything-at-all-1')).toBe(false);

    expectRefused(await accept(token, 'password123'), 'password', 'common');
    expect(await accept(token, 'minha-primeira-senha-7')).toEqual({ status: 200, body: { email } });
    const signedIn = await login(email, 'minha-primeira-senha-7');
    const me = await api<{ user: { role: string } }>('GET', '/api/me', signedIn.token);
    expect(me.body.user.role).toBe('supervisor');
    expect((await pending(tokens.admin)).map((i) => i.email)).not.toContain(email);
    expectRefused(await accept(token, 'minha-segunda-senha-8'), 'token', 'used');

    const audit = await asTenant(client, signedIn.tenantId, () =>
      client.query<{ action: string }>(
        `select action from audit_log where target_id = $1 and action like 'user.invit%' order by id`,
        [res.body.userId],
      ),
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['user.invited', 'user.invitation_accepted']);
  });

  it('refuses an expired invitation link, and shows the invitation as expired', async () => {
    const email = uniqueEmail();
    const res = await invite(tokens.admin, { email, name: 'Expira', role: 'agent' });
    const token = linkToken((await waitForMails(email))[0] as never, '/invite');
    const { tenantId } = await login(PEOPLE.admin.email, PEOPLE.admin.password);
    await asTenant(client, tenantId, () =>
      client.query(`update auth_tokens set expires_at = now() - interval '1 second' where user_id = $1`, [
        res.body.userId,
      ]),
    );
    expectRefused(await accept(token, 'senha-que-chega-tarde'), 'token', 'expired');
    expect(await canLogIn(email, 'senha-que-chega-tarde')).toBe(false);
    expect((await pending(tokens.admin)).find((i) => i.email === email)?.expired).toBe(true);
  });

  it('resend issues a new link (the old one stops working); revoke removes the invitation', async () => {
    const email = uniqueEmail();
    const res = await invite(tokens.admin, { email, name: 'Reenvio', role: 'agent' });
    await waitForMails(email, 1);
    const resent = await api<Invitation>(
      'POST',
      `/api/admin/invitations/${res.body.userId}/resend`,
      tokens.admin,
    );
    expect(resent.status).toBe(200);
    const [older, newer] = await waitForMails(email, 2);
    expectRefused(
      await accept(linkToken(older as never, '/invite'), 'senha-do-convite-velho'),
      'token',
      'used',
    );

    const revoked = await api('DELETE', `/api/admin/invitations/${res.body.userId}`, tokens.admin);
    expect(revoked.status).toBe(204);
    expect((await pending(tokens.admin)).map((i) => i.email)).not.toContain(email);
    expectRefused(
      await accept(linkToken(newer as never, '/invite'), 'senha-do-convite-novo'),
      'token',
      'invalid',
    );
    expect(await canLogIn(email, 'senha-do-convite-novo')).toBe(false);
    // Another tenant's admin cannot see, resend or revoke it (a fresh one, to prove the 404).
    const other = await invite(tokens.admin, { email: uniqueEmail(), name: 'Alheio', role: 'agent' });
    const path = `/api/admin/invitations/${other.body.userId}`;
    expect((await api('POST', `${path}/resend`, tokens.globexAdmin)).status).toBe(404);
    expect((await api('DELETE', path, tokens.globexAdmin)).status).toBe(404);
    expect((await pending(tokens.globexAdmin)).map((i) => i.userId)).not.toContain(other.body.userId);
  });

  it('answers an address of another tenant exactly like a real invitation, revealing nothing', async () => {
    const real = await invite(tokens.admin, { email: uniqueEmail(), name: 'Real', role: 'agent' });
    const taken = await invite(tokens.admin, { email: PEOPLE.globex.email, name: 'Real', role: 'agent' });
    expect(taken.status).toBe(real.status);
    expect(Object.keys(taken.body).sort()).toEqual(Object.keys(real.body).sort());
    expect(taken.body).toMatchObject({ email: PEOPLE.globex.email, mail: 'sent', expired: false });
    // Nothing changed for the owner of the address: same tenant, same password; they got a notice, no link.
    expect(await canLogIn(PEOPLE.globex.email, PEOPLE.globex.password)).toBe(true);
    const notice = (await waitForMails(PEOPLE.globex.email)).at(-1);
    expect(notice?.text).toContain('já é usado para entrar em outra organização');
    expect(notice?.text).not.toMatch(/token=/);
  });

  it("is a plain 409 for an address of the inviter's own tenant", async () => {
    const res = await invite(tokens.admin, { email: PEOPLE.agent.email, name: 'Dup', role: 'agent' });
    expect(res.status).toBe(409);
  });

  it('only owners invite owners; agents invite nobody; bad input stores nothing', async () => {
    const email = uniqueEmail();
    const owner = await invite(tokens.admin, { email, name: 'Dona', role: 'owner' });
    expect(owner.status).toBe(403);
    expect((await invite(tokens.agent, { email, name: 'X', role: 'agent' })).status).toBe(403);
    const bad = await invite(tokens.admin, { email: 'not-an-email', name: 'X', role: 'agent' });
    expect(bad.status).toBe(400);
    expect(errorCode(bad.body)).toBe('validation_failed');
    expect((await pending(tokens.admin)).map((i) => i.email)).not.toContain(email);
    expect(await mailsTo(email)).toEqual([]);
  });

  it('tells the admin when the e-mail could not be sent, and resend works once the API is back', async () => {
    const email = uniqueEmail();
    await setMailFault(email, 'down');
    try {
      const res = await invite(tokens.admin, { email, name: 'Sem Email', role: 'agent' });
      expect(res.status).toBe(201);
      expect(res.body.mail).toBe('failed');
      expect((await pending(tokens.admin)).find((i) => i.email === email)?.mail).toBe('failed');
    } finally {
      await clearMailFault(email);
    }
    const id = (await pending(tokens.admin)).find((i) => i.email === email)?.userId as string;
    const resent = await api<Invitation>('POST', `/api/admin/invitations/${id}/resend`, tokens.admin);
    expect(resent.body.mail).toBe('sent');
    expect(await waitForMails(email)).toHaveLength(1);
  });
});
