// Password reset by e-mailed link: the request never reveals whether an address has an account (same
// status and body), the link's token works once, an expired or unknown one is refused, the new password
// passes the policy, and a mailer outage still answers 202.
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTenant, openClient } from './db-helpers';
import { api, login, postJson } from './helpers';
import { attemptsTo, clearMailFault, linkToken, mailsTo, setMailFault, waitForMails } from './mailbox';
import { canLogIn, expectRefused, freshUser, GOOD } from './password-helpers';
import { signIn } from './sign-in';

const tokens = signIn('admin');

async function requestReset(email: string): Promise<{ status: number; body: unknown }> {
  const res = await postJson('/api/auth/password-reset', { email });
  return { status: res.status, body: await res.json() };
}

async function confirm(token: string, password: string) {
  const res = await postJson('/api/auth/password-reset/confirm', { token, password });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('password reset', () => {
  let client: Awaited<ReturnType<typeof openClient>>;
  beforeAll(async () => {
    client = await openClient(env.DATABASE_URL);
  });
  afterAll(async () => {
    await client.end();
  });

  it('answers a known and an unknown address with the same 202 and body; only the known one gets mail', async () => {
    const user = await freshUser(tokens.admin);
    const unknown = `nobody-${crypto.randomUUID().slice(0, 8)}@acme.test`;
    const known = await requestReset(user.email);
    const other = await requestReset(unknown);
    expect(known.status).toBe(202);
    expect(other).toEqual(known);
    expect(await waitForMails(user.email)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(await mailsTo(unknown)).toEqual([]);
  });

  it('sets the new password with the e-mailed link, once; audited; the old password stops working', async () => {
    const user = await freshUser(tokens.admin);
    await requestReset(user.email.toUpperCase());
    const [mail] = await waitForMails(user.email);
    expect(mail?.subject).toMatch(/Redefinir sua senha/);
    expect(mail?.text).toContain('60 minutos');
    const token = linkToken(mail as NonNullable<typeof mail>, '/reset');

    const first = await confirm(token, 'nova-senha-do-reset-1');
    expect(first).toEqual({ status: 200, body: { email: user.email } });
    expect(await canLogIn(user.email, 'nova-senha-do-reset-1')).toBe(true);
    expect(await canLogIn(user.email, GOOD)).toBe(false);

    const again = await confirm(token, 'outra-senha-do-reset-2');
    expectRefused(again, 'token', 'used');
    expect(await canLogIn(user.email, 'nova-senha-do-reset-1')).toBe(true);

    const tenantId = (
      await client.query<{ tenant_id: string }>(
        // the app role sees no rows without a tenant; read it through the definer lookup instead
        'select tenant_id from fio_find_login($1)',
        [user.email],
      )
    ).rows[0]?.tenant_id as string;
    const audit = await asTenant(client, tenantId, () =>
      client.query<{ action: string }>(
        `select action from audit_log where target_id = $1 and action like 'auth.password_reset%' order by id`,
        [user.id],
      ),
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['auth.password_reset_requested', 'auth.password_reset']);
  });

  it('ends every session of the user when the password is reset', async () => {
    const user = await freshUser(tokens.admin);
    const signedIn = await login(user.email, GOOD);
    expect((await api('GET', '/api/me', signedIn.token)).status).toBe(200);
    await requestReset(user.email);
    const token = linkToken((await waitForMails(user.email))[0] as never, '/reset');
    expect((await confirm(token, 'senha-nova-apos-roubo')).status).toBe(200);
    expect((await api('GET', '/api/me', signedIn.token)).status).toBe(401);
  });

  it('refuses an expired link and a made-up one, changing nothing', async () => {
    const user = await freshUser(tokens.admin);
    await requestReset(user.email);
    const token = linkToken((await waitForMails(user.email))[0] as never, '/reset');
    const tenantId = (
      await client.query<{ tenant_id: string }>('select tenant_id from fio_find_login($1)', [user.email])
    ).rows[0]?.tenant_id as string;
    await asTenant(client, tenantId, () =>
      client.query(`update auth_tokens set expires_at = now() - interval '1 second' where user_id = $1`, [
        user.id,
      ]),
    );
    expectRefused(await confirm(token, 'nova-senha-expirada-1'), 'token', 'expired');
    expectRefused(await confirm('x'.repeat(43), 'nova-senha-expirada-1'), 'token', 'invalid');
    expect(await canLogIn(user.email, GOOD)).toBe(true);
    expect(await canLogIn(user.email, 'nova-senha-expirada-1')).toBe(false);
  });

  it('refuses a common new password without using up the link', async () => {
    const user = await freshUser(tokens.admin);
    await requestReset(user.email);
    const token = linkToken((await waitForMails(user.email))[0] as never, '/reset');
    expectRefused(await confirm(token, 'senha12345'), 'password', 'common');
    expect(await canLogIn(user.email, GOOD)).toBe(true);
    expect((await confirm(token, 'agora-uma-senha-boa-9')).status).toBe(200);
  });

  it('a newer request retires the older link', async () => {
    const user = await freshUser(tokens.admin);
    await requestReset(user.email);
    await waitForMails(user.email, 1);
    await requestReset(user.email);
    const [older, newer] = await waitForMails(user.email, 2);
    expectRefused(await confirm(linkToken(older as never, '/reset'), 'senha-do-link-velho'), 'token', 'used');
    expect((await confirm(linkToken(newer as never, '/reset'), 'senha-do-link-novo-1')).status).toBe(200);
  });

  it('still answers 202 when the e-mail API is down; the send was retried and nothing arrived', async () => {
    const user = await freshUser(tokens.admin);
    await setMailFault(user.email, 'down');
    try {
      const res = await requestReset(user.email);
      expect(res.status).toBe(202);
      const until = Date.now() + 5_000;
      while ((await attemptsTo(user.email)).length < 3 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await attemptsTo(user.email)).map((a) => a.status)).toEqual([503, 503, 503]);
      expect(await mailsTo(user.email)).toEqual([]);
      expect(await canLogIn(user.email, GOOD)).toBe(true);
    } finally {
      await clearMailFault(user.email);
    }
  });

  it('refuses a malformed request with 400 and sends nothing', async () => {
    const res = await requestReset('not-an-email');
    expect(res.status).toBe(400);
  });
});
