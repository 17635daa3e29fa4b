// TOTP two-factor authentication: enrolment (secret sealed at rest), login with a one-step clock window and
// no code accepted twice, recovery codes (single use, regenerated), disable, and bad input on every route
// (400, nothing changed). Runs in a tenant of its own.
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TwoFactorEnrolment, TwoFactorStatus } from '../../workers/contract';
import { matchTotpStep } from '../../workers/services/totp';
import { api, call, errorCode, postJson } from './helpers';
import {
  auditActions,
  awayFromStepEdge,
  type Client,
  codeAt,
  enrol,
  forgetLastStep,
  loginAs,
  newTenant,
  openDb,
  type TestTenant,
  tokenFor,
  totpRow,
} from './two-factor-helpers';

let db: Client;
let tenant: TestTenant;

beforeAll(async () => {
  db = await openDb();
  tenant = await newTenant(db);
});
afterAll(async () => {
  await db.end();
});

/** The 2FA changes audited for a user (failed sign-ins left out). */
async function twoFactorActions(userId: string): Promise<string[]> {
  return (await auditActions(db, tenant.id, userId)).filter((a) => a !== 'auth.sign_in_failed');
}

async function status(token: string): Promise<TwoFactorStatus> {
  const res = await api('GET', '/api/auth/2fa', token);
  expect(res.status).toBe(200);
  return TwoFactorStatus.parse(res.body);
}

describe('TOTP clock window (RFC 6238, 30 s steps, one step either side)', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  it('accepts the codes of t-30 s and t+30 s and refuses t-60 s and t+60 s, at any fixed time', async () => {
    // The middle of a step, so the four neighbours are whole steps away.
    const now = 1_796_275_015_000;
    const code = (offset: number) =>
      TOTP.generate({
        secret: Secret.fromBase32(secret),
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        timestamp: now + offset * 1000,
      });
    const step = Math.floor(now / 30_000);
    expect(matchTotpStep(secret, code(0), now)).toBe(step);
    expect(matchTotpStep(secret, code(-30), now)).toBe(step - 1);
    expect(matchTotpStep(secret, code(30), now)).toBe(step + 1);
    expect(matchTotpStep(secret, code(-60), now)).toBeNull();
    expect(matchTotpStep(secret, code(60), now)).toBeNull();
  });
});

describe('two-factor sign-in', () => {
  it('enrols: QR for "Fio (<tenant>):<email>", the secret sealed at rest, then a code is asked at login', async () => {
    const user = tenant.users.supervisor;
    const token = await tokenFor(user);
    expect(await status(token)).toMatchObject({ enabled: false, policy: 'none', requiredForMe: false });

    const start = await api('POST', '/api/auth/2fa/enrolment', token);
    expect(start.status).toBe(200);
    const enrolment = TwoFactorEnrolment.parse(start.body);
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(enrolment.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host + decodeURIComponent(uri.pathname)).toBe(`totp/Fio (${tenant.name}):${user.email}`);
    expect(uri.searchParams.get('issuer')).toBe('Fio');
    expect(uri.searchParams.get('secret')).toBe(enrolment.secret);
    expect(enrolment.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    // Not on until confirmed: the login asks for nothing yet.
    expect((await loginAs(user)).status).toBe(200);

    const stored = await totpRow(db, tenant.id, user.id);
    expect(stored?.secret).toMatch(/^v1\./);
    expect(stored?.secret).not.toContain(enrolment.secret);
    expect(stored?.enabled_at).toBeNull();

    await awayFromStepEdge();
    const confirm = await api<{ recoveryCodes: string[]; signInTicket?: string }>(
      'POST',
      '/api/auth/2fa/enrolment/confirm',
      token,
      { code: codeAt(enrolment.secret) },
    );
    expect(confirm.status).toBe(200);
    expect(confirm.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirm.body.recoveryCodes).size).toBe(10);
    for (const c of confirm.body.recoveryCodes) expect(c).toMatch(/^[2-9a-z]{4}-[2-9a-z]{4}-[2-9a-z]{4}$/);
    // A signed-in user's enrolment needs no ticket: only an enrolment token's does.
    expect(confirm.body.signInTicket).toBeUndefined();
    expect(await status(token)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect(await auditActions(db, tenant.id, user.id)).toContain('auth.2fa_enabled');

    const again = await api('POST', '/api/auth/2fa/enrolment', token);
    expect(again.status).toBe(409);

    const noCode = await loginAs(user);
    expect(noCode.status).toBe(401);
    expect(errorCode(noCode.body)).toBe('totp_required');
    expect(noCode.body.accessToken).toBeUndefined();
  });

  it('accepts t-30 s and t+30 s, refuses t-60 s and t+60 s, and never the same code twice', async () => {
    const user = tenant.users.agent;
    const { secret } = await enrol(await tokenFor(user));
    await forgetLastStep(db, tenant.id, user.id);
    await awayFromStepEdge();

    for (const offset of [-60, 60]) {
      const res = await loginAs(user, codeAt(secret, offset));
      expect(res.status, `t${offset}`).toBe(401);
      expect(errorCode(res.body)).toBe('totp_invalid');
    }
    const early = codeAt(secret, -30);
    expect((await loginAs(user, early)).status).toBe(200);
    const replay = await loginAs(user, early);
    expect(replay.status).toBe(401);
    expect(errorCode(replay.body)).toBe('totp_invalid');

    const late = codeAt(secret, 30);
    expect((await loginAs(user, late)).status).toBe(200);
    expect((await loginAs(user, late)).status).toBe(401);
    // A step older than the last one used is refused too, though inside the window.
    expect((await loginAs(user, codeAt(secret, 0))).status).toBe(401);
    // Each refused code is audited as a failed sign-in of this user.
    const failed = (await auditActions(db, tenant.id, user.id)).filter((a) => a === 'auth.sign_in_failed');
    expect(failed).toHaveLength(5);
    // The wrong password is still refused first, code or not.
    const wrongPassword = await loginAs(user, codeAt(secret, 30), 'not-the-password');
    expect(errorCode(wrongPassword.body)).toBe('unauthorized');
  });

  it('takes each recovery code once (any case, dashes optional), audited; new codes replace the old', async () => {
    const user = tenant.users.owner;
    const { secret, recoveryCodes } = await enrol(await tokenFor(user));
    const [first, second] = recoveryCodes as [string, string];

    const signedIn = await loginAs(user, first.replace(/-/g, '').toUpperCase());
    expect(signedIn.status).toBe(200);
    const token = signedIn.body.accessToken as string;
    const reused = await loginAs(user, first);
    expect(reused.status).toBe(401);
    expect(errorCode(reused.body)).toBe('totp_invalid');
    expect(await status(token)).toMatchObject({ recoveryCodesLeft: 9 });
    expect(await twoFactorActions(user.id)).toEqual(['auth.2fa_enabled', 'auth.recovery_code_used']);

    // A made-up code of the right shape is refused and uses nothing.
    expect((await loginAs(user, 'abcd-efgh-jkmn')).status).toBe(401);
    expect(await status(token)).toMatchObject({ recoveryCodesLeft: 9 });

    await awayFromStepEdge();
    const regen = await api<{ recoveryCodes: string[] }>('POST', '/api/auth/2fa/recovery-codes', token, {
      code: codeAt(secret, 30),
    });
    expect(regen.status).toBe(200);
    expect(regen.body.recoveryCodes).toHaveLength(10);
    expect(regen.body.recoveryCodes).not.toContain(second);
    expect(await status(token)).toMatchObject({ recoveryCodesLeft: 10 });
    // The old, never-used code stopped working; a new one works.
    expect((await loginAs(user, second)).status).toBe(401);
    expect((await loginAs(user, regen.body.recoveryCodes[0])).status).toBe(200);
  });

  it('refuses bad input on every 2FA route with a 400 and changes nothing', async () => {
    const user = tenant.users.admin;
    const token = await tokenFor(user);
    // Not enrolled: a confirm without a start is a conflict; after a start, bad codes leave it off.
    expect((await api('POST', '/api/auth/2fa/enrolment/confirm', token, { code: '123456' })).status).toBe(
      409,
    );
    const start = TwoFactorEnrolment.parse((await api('POST', '/api/auth/2fa/enrolment', token)).body);
    for (const body of [{}, { code: '12345' }, { code: 123456 }, { code: '12345a' }, { code: '1234567' }]) {
      const res = await api('POST', '/api/auth/2fa/enrolment/confirm', token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    const notJson = await call('/api/auth/2fa/enrolment/confirm', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"code":',
    });
    expect(notJson.status).toBe(400);
    await awayFromStepEdge();
    const wrong = await api('POST', '/api/auth/2fa/enrolment/confirm', token, {
      code: codeAt(start.secret, 120),
    });
    expect(wrong.status).toBe(400);
    expect(await status(token)).toMatchObject({ enabled: false });
    expect((await loginAs(user)).status).toBe(200);

    // Enrolled now; then every malformed disable / regenerate leaves 2FA and the codes as they were.
    const confirm = await api<{ recoveryCodes: string[] }>('POST', '/api/auth/2fa/enrolment/confirm', token, {
      code: codeAt(start.secret),
    });
    expect(confirm.status).toBe(200);
    const before = await status(token);
    for (const body of [
      {},
      { password: '' },
      { code: 'x' },
      { code: '12\u0000456' },
      { password: 'a', code: '123456' },
      { password: 5 },
    ]) {
      const res = await api('POST', '/api/auth/2fa/disable', token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    for (const body of [{}, { code: '' }, { code: 'a b c d e f' }, { code: '<script>' }]) {
      const res = await api('POST', '/api/auth/2fa/recovery-codes', token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    // Well-formed but wrong proofs: refused the same way (400 on the field), nothing changed.
    expect((await api('POST', '/api/auth/2fa/disable', token, { password: 'wrong' })).status).toBe(400);
    expect(
      (await api('POST', '/api/auth/2fa/recovery-codes', token, { code: 'abcd-efgh-jkmn' })).status,
    ).toBe(400);
    expect(await status(token)).toEqual(before);
    // The login's code field: malformed is a 400, not a try.
    for (const totp of ['12', 'abc def', '12345\u0000', 'x'.repeat(65)]) {
      const res = await postJson('/api/auth/login', {
        email: user.email,
        password: 'two-factor-test-pass',
        totp,
      });
      expect(res.status, totp).toBe(400);
    }
    // And with the right password, 2FA is turned off (audited); the login asks for no code again.
    expect(
      (await api('POST', '/api/auth/2fa/disable', token, { password: 'two-factor-test-pass' })).status,
    ).toBe(204);
    expect(await status(token)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await totpRow(db, tenant.id, user.id)).toBeNull();
    expect((await loginAs(user)).status).toBe(200);
    expect((await loginAs(user, confirm.body.recoveryCodes[0])).status).toBe(200);
    expect(await twoFactorActions(user.id)).toEqual(['auth.2fa_enabled', 'auth.2fa_disabled']);
  });

  it('asks for a token on every 2FA route', async () => {
    for (const [method, path] of [
      ['GET', '/api/auth/2fa'],
      ['POST', '/api/auth/2fa/enrolment'],
      ['POST', '/api/auth/2fa/enrolment/confirm'],
      ['POST', '/api/auth/2fa/disable'],
      ['POST', '/api/auth/2fa/recovery-codes'],
    ] as const) {
      const res = await call(path, { method });
      expect(res.status, path).toBe(401);
    }
  });
});
