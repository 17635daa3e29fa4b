// Sign-in limits (issue 10): 5 attempts a minute per account and per address, the 6th refused with 429 and
// Retry-After before any password hash is computed, a lockout that doubles on repeated lockouts, a correct
// password resetting the account, and what happens when the limiter object cannot be reached.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import type { RateLimiterDO } from '../../durable-objects/rate-limiter/rate-limiter';
import type { LimitState } from '../../durable-objects/rate-limiter/window';
import type { AppEnv } from '../../workers/app-env';
import type { Env } from '../../workers/env';
import { AppError } from '../../workers/errors';
import { beginPasswordCheck } from '../../workers/services/login-limit';
import { limitInvitation, limitPasswordResetRequest } from '../../workers/services/mail-limits';
import { passwordHashCount } from '../../workers/services/passwords';
import { accountSubject, addressKey, enforceLimit, limitKey } from '../../workers/services/rate-limit';
import { LOGIN, WIDGET_SESSION_IP } from '../../workers/services/rate-limit-policies';
import { ACME } from '../support/fixtures';
import { login, postJson } from './helpers';

const admin = ACME.users[0] as (typeof ACME.users)[number];
let ipCounter = Math.floor(Math.random() * 200);
/** A fresh client address per test, so tests never share a limiter object. */
const freshIp = () => `198.51.${100 + (ipCounter++ % 50)}.${Math.floor(Math.random() * 250) + 1}`;

function attempt(email: string, password: string, ip: string) {
  return postJson('/api/auth/login', { email, password }, { 'cf-connecting-ip': ip });
}

async function newUser(): Promise<{ email: string; password: string }> {
  const { token } = await login(admin.email, admin.password);
  const email = `limit-${crypto.randomUUID()}@acme.test`;
  const password = 'limit-test-password';
  const res = await postJson(
    '/api/admin/users',
    { email, name: 'Limit Test', role: 'agent', password },
    { authorization: `Bearer ${token}` },
  );
  expect(res.status).toBe(201);
  return { email, password };
}

/** Ends the current lockout of a limiter object as if its time had passed (its history is kept). */
async function endLock(key: string): Promise<void> {
  await runInDurableObject(env.RATE_LIMITER.getByName(key), async (_i: RateLimiterDO, state) => {
    const s = state.storage.kv.get<LimitState>('state');
    if (!s) throw new Error(`no state in ${key}`);
    const now = Date.now();
    state.storage.kv.put('state', { ...s, lockedUntil: now - 1, windowStart: now - 1 });
  });
}

async function expectLimited(res: Response): Promise<number> {
  expect(res.status).toBe(429);
  const body = (await res.json()) as { error: { code: string; requestId: string } };
  expect(body.error.code).toBe('rate_limited');
  expect(body.error.requestId).toBeTruthy();
  const retry = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retry) && retry > 0).toBe(true);
  return retry;
}

describe('sign-in limits', () => {
  it('refuses the 6th attempt on one account within a minute (from any address) without hashing', async () => {
    const user = await newUser();
    for (let i = 0; i < 5; i++) {
      expect((await attempt(user.email, 'wrong-password', freshIp())).status).toBe(401);
    }
    const hashes = passwordHashCount();
    // Even the right password is refused now, from yet another address, and costs no hash.
    expect(await expectLimited(await attempt(user.email, user.password, freshIp()))).toBe(60);
    expect(
      await expectLimited(await attempt(user.email.toUpperCase(), 'wrong', freshIp())),
    ).toBeLessThanOrEqual(60);
    expect(passwordHashCount()).toBe(hashes);
  });

  it('refuses the 6th attempt from one address within a minute, whatever the accounts', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      const res = await attempt(`nobody-${crypto.randomUUID()}@nowhere.test`, 'wrong', ip);
      expect(res.status).toBe(401);
    }
    const hashes = passwordHashCount();
    const retry = await expectLimited(await attempt(admin.email, admin.password, ip));
    expect(retry).toBe(60);
    expect(passwordHashCount()).toBe(hashes);
    // Another address is not affected: the admin signs in from there.
    expect((await attempt(admin.email, admin.password, freshIp())).status).toBe(200);
  });

  it('grows the lockout: one attempt after each lock, then 2 min, 4 min …', async () => {
    const email = `backoff-${crypto.randomUUID()}@nowhere.test`;
    const key = limitKey(LOGIN, await accountSubject(email));
    for (let i = 0; i < 5; i++) expect((await attempt(email, 'wrong', freshIp())).status).toBe(401);
    expect(await expectLimited(await attempt(email, 'wrong', freshIp()))).toBe(60);
    for (const expected of [120, 240, 480]) {
      await endLock(key);
      const hashes = passwordHashCount();
      expect((await attempt(email, 'wrong', freshIp())).status).toBe(401);
      expect(passwordHashCount()).toBe(hashes + 1);
      expect(await expectLimited(await attempt(email, 'wrong', freshIp()))).toBe(expected);
      expect(passwordHashCount()).toBe(hashes + 1);
    }
  });

  it('a correct password resets the account and gives the address its attempt back', async () => {
    const user = await newUser();
    const ip = freshIp();
    for (let i = 0; i < 4; i++) expect((await attempt(user.email, 'wrong', ip)).status).toBe(401);
    expect((await attempt(user.email, user.password, ip)).status).toBe(200);
    // The account starts over (5 more from other addresses); the address has used 4 of its 5.
    for (let i = 0; i < 5; i++) expect((await attempt(user.email, 'wrong', freshIp())).status).toBe(401);
    await expectLimited(await attempt(user.email, 'wrong', freshIp()));
    expect((await attempt(`x-${crypto.randomUUID()}@nowhere.test`, 'wrong', ip)).status).toBe(401);
    await expectLimited(await attempt(`y-${crypto.randomUUID()}@nowhere.test`, 'wrong', ip));
  });

  it('bad input is refused before the limiter counts it', async () => {
    const ip = freshIp();
    for (let i = 0; i < 8; i++) {
      const res = await postJson(
        '/api/auth/login',
        { email: 'not-an-email', password: 'x' },
        { 'cf-connecting-ip': ip },
      );
      expect(res.status).toBe(400);
    }
    expect((await attempt(admin.email, admin.password, ip)).status).toBe(200);
  });
});

describe("limits H4's routes call (password reset, invitations, current password)", () => {
  /** The little of a request context these helpers read: bindings and the client address. */
  const ctx = (ip: string) =>
    ({
      env,
      req: { header: (n: string) => (n === 'cf-connecting-ip' ? ip : undefined) },
    }) as unknown as Context<AppEnv>;
  const refused = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => (e instanceof AppError ? [e.status, e.code, (e.retryAfterSeconds ?? 0) > 0] : e),
    );

  it('password-reset requests: the 4th for one e-mail within an hour is 429, from any address', async () => {
    const email = `reset-${crypto.randomUUID()}@acme.test`;
    for (let i = 0; i < 3; i++) await limitPasswordResetRequest(ctx(freshIp()), email);
    expect(await refused(limitPasswordResetRequest(ctx(freshIp()), email))).toEqual([
      429,
      'rate_limited',
      true,
    ]);
  });

  it('invitations: the 31st by one admin within an hour is 429', async () => {
    const tenant = crypto.randomUUID();
    const admin = crypto.randomUUID();
    for (let i = 0; i < 30; i++) await limitInvitation(ctx(freshIp()), tenant, admin);
    expect(await refused(limitInvitation(ctx(freshIp()), tenant, admin))).toEqual([
      429,
      'rate_limited',
      true,
    ]);
  });

  it('current password: the 6th check within a minute is 429; a correct one resets', async () => {
    const user = crypto.randomUUID();
    for (let i = 0; i < 4; i++) await beginPasswordCheck(ctx(freshIp()), user);
    await (await beginPasswordCheck(ctx(freshIp()), user)).succeeded();
    for (let i = 0; i < 5; i++) await beginPasswordCheck(ctx(freshIp()), user);
    expect(await refused(beginPasswordCheck(ctx(freshIp()), user))).toEqual([429, 'rate_limited', true]);
  });
});

describe('when the limiter object is unreachable', () => {
  const broken = {
    ...env,
    RATE_LIMITER: {
      getByName: () => ({
        hit: () => Promise.reject(new Error('object unreachable')),
      }),
    },
  } as unknown as Env;

  it('sign-in fails closed: 503 with Retry-After, so an outage never opens the door to guessing', async () => {
    const err = await enforceLimit(broken, LOGIN, { kind: 'ip', id: '192.0.2.1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(503);
    expect((err as AppError).retryAfterSeconds).toBe(2);
  });

  it('widget sessions and API calls fail open (logged): customers and signed-in agents keep working', async () => {
    await expect(
      enforceLimit(broken, WIDGET_SESSION_IP, { kind: 'ip', id: '192.0.2.1' }),
    ).resolves.toBeUndefined();
  });
});

describe('address keys', () => {
  it('limits IPv6 per /64 and keeps IPv4 as is', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::');
    expect(addressKey('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::');
    expect(addressKey('::1')).toBe('0:0:0:0::');
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('weird/value')).toBe('weird_value');
  });
});
