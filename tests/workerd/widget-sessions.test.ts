// Widget sessions (issue 10): one contact, conversation and ticket per visitor however often the page is
// re-opened; only visitor keys we issued resume; a verified identity is then required to resume; limits per
// client address and per widget channel (429 with Retry-After); bad input changes nothing.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RateLimiterDO } from '../../durable-objects/rate-limiter/rate-limiter';
import { limitKey } from '../../workers/services/rate-limit';
import { WIDGET_SESSION_CHANNEL } from '../../workers/services/rate-limit-policies';
import { asTenant, openClient } from './db-helpers';
import { api, errorCode, login, postJson, type WidgetSession, widgetSession } from './helpers';
import { PEOPLE, signIn } from './sign-in';

const tokens = signIn('admin', 'agent', 'globexAdmin');
let db: Client;
let acmeId: string;
let globexId: string;
let widgetChannelId: string;
let identitySecret: string;
beforeAll(async () => {
  db = await openClient();
  acmeId = (await login(PEOPLE.admin.email, PEOPLE.admin.password)).tenantId;
  globexId = (await login(PEOPLE.globexAdmin.email, PEOPLE.globexAdmin.password)).tenantId;
  widgetChannelId = await asTenant(db, acmeId, async () => {
    const r = await db.query<{ id: string }>(
      `select id from channels where kind = 'widget' order by created_at limit 1`,
    );
    return r.rows[0]?.id as string;
  });
  const res = await api<{ identitySecret: string }>(
    'POST',
    `/api/channels/${widgetChannelId}/identity-secret`,
    tokens.admin,
  );
  expect(res.status).toBe(201);
  identitySecret = res.body.identitySecret;
});
afterAll(() => db.end());

async function counts(tenantId: string) {
  return asTenant(db, tenantId, async () => {
    const r = await db.query<{ contacts: number; conversations: number; tickets: number }>(
      `select (select count(*)::int from contacts) as contacts,
              (select count(*)::int from conversations) as conversations,
              (select count(*)::int from tickets) as tickets`,
    );
    return r.rows[0];
  });
}

async function threadRows(visitorId: string) {
  return asTenant(db, acmeId, async () => {
    const r = await db.query<{ contacts: number; conversations: number; tickets: number }>(
      `select count(distinct c.id)::int as contacts, count(distinct v.id)::int as conversations,
              count(distinct t.id)::int as tickets
         from contacts c left join conversations v on v.contact_id = c.id left join tickets t on t.conversation_id = v.id
        where c.visitor_id = $1`,
      [visitorId],
    );
    return r.rows[0];
  });
}

function identity(sub: string, opts: { secret?: string; expSeconds?: number; noExp?: boolean } = {}) {
  let jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub);
  if (!opts.noExp) jwt = jwt.setExpirationTime(Math.floor(Date.now() / 1000) + (opts.expSeconds ?? 3600));
  return jwt.sign(new TextEncoder().encode(opts.secret ?? identitySecret));
}

const same = (a: WidgetSession, b: WidgetSession) =>
  expect([b.conversationId, b.visitorId, b.protocol]).toEqual([a.conversationId, a.visitorId, a.protocol]);

describe('one thread per visitor', () => {
  it('re-opening the page (sequentially or all at once) never creates another contact, ticket or protocol', async () => {
    const first = await widgetSession('acme', { name: 'Joana' });
    expect(first.verified).toBe(false);
    for (let i = 0; i < 3; i++) same(first, await widgetSession('acme', { visitorKey: first.visitorKey }));
    const parallel = await Promise.all(
      Array.from({ length: 5 }, () => widgetSession('acme', { visitorKey: first.visitorKey })),
    );
    for (const s of parallel) same(first, s);
    expect(await threadRows(first.visitorId)).toEqual({ contacts: 1, conversations: 1, tickets: 1 });
  });

  it('a closed ticket stays closed when the page is re-opened (the next message opens a new one)', async () => {
    const first = await widgetSession('acme');
    const closed = await api('POST', `/api/conversations/${first.conversationId}/ticket`, tokens.agent, {
      action: 'close',
    });
    expect(closed.status).toBe(200);
    same(first, await widgetSession('acme', { visitorKey: first.visitorKey }));
    expect(await threadRows(first.visitorId)).toEqual({ contacts: 1, conversations: 1, tickets: 1 });
  });

  it('refuses visitor keys we did not issue, and bare or malformed ids, creating nothing', async () => {
    const first = await widgetSession('acme');
    const before = { acme: await counts(acmeId), globex: await counts(globexId) };
    const mac = first.visitorKey.split('.')[1];
    const cases: [Record<string, unknown>, number, string][] = [
      [{ tenant: 'acme', visitorKey: `${crypto.randomUUID()}.${mac}` }, 401, 'unauthorized'],
      [{ tenant: 'acme', visitorKey: `${first.visitorId}.${'A'.repeat(43)}` }, 401, 'unauthorized'],
      [{ tenant: 'globex', visitorKey: first.visitorKey }, 401, 'unauthorized'],
      [{ tenant: 'acme', visitorId: first.visitorId }, 400, 'validation_failed'],
      [{ tenant: 'acme', visitorKey: first.visitorId }, 400, 'validation_failed'],
      [{ tenant: 'acme', visitorKey: first.visitorKey.toUpperCase() }, 400, 'validation_failed'],
      [{ tenant: 'acme', visitorKey: `${first.visitorKey}\u0000` }, 400, 'validation_failed'],
      [{ tenant: 'acme', identityToken: '' }, 400, 'validation_failed'],
      [{ tenant: 'acme', identityToken: 'x'.repeat(5000) }, 400, 'validation_failed'],
      [{ tenant: 'acme', identityToken: 'not.a.jwt' }, 401, 'unauthorized'],
      [{ tenant: 'globex', identityToken: await identity('c-1') }, 401, 'unauthorized'],
    ];
    for (const [body, status, code] of cases) {
      const res = await postJson('/api/widget/sessions', body);
      expect([res.status, errorCode(await res.json())], JSON.stringify(body)).toEqual([status, code]);
    }
    expect({ acme: await counts(acmeId), globex: await counts(globexId) }).toEqual(before);
  });
});

describe('verified identity', () => {
  it('once verified, a visitor key alone no longer resumes; the identity token does, from any browser', async () => {
    const customer = `cliente-${crypto.randomUUID()}`;
    const anon = await widgetSession('acme', { name: 'Paulo' });
    const verified = await widgetSession('acme', {
      visitorKey: anon.visitorKey,
      identityToken: await identity(customer),
    });
    same(anon, verified);
    expect(verified.verified).toBe(true);

    const before = await counts(acmeId);
    const res = await postJson('/api/widget/sessions', {
      tenant: 'acme',
      visitorKey: anon.visitorKey,
      name: 'Outro',
    });
    expect([res.status, errorCode(await res.json())]).toEqual([401, 'identity_required']);
    expect(await counts(acmeId)).toEqual(before);
    const name = await asTenant(db, acmeId, async () => {
      const r = await db.query<{ name: string }>('select name from contacts where visitor_id = $1', [
        anon.visitorId,
      ]);
      return r.rows[0]?.name;
    });
    expect(name).toBe('Paulo');

    same(
      anon,
      await widgetSession('acme', { visitorKey: anon.visitorKey, identityToken: await identity(customer) }),
    );
    // Another browser, signed in as the same customer on the ISP's site: the same conversation.
    same(anon, await widgetSession('acme', { identityToken: await identity(customer) }));
    expect(await threadRows(anon.visitorId)).toEqual({ contacts: 1, conversations: 1, tickets: 1 });
  });

  it('another customer signing in on the same browser gets their own conversation', async () => {
    const first = await widgetSession('acme', { identityToken: await identity(`a-${crypto.randomUUID()}`) });
    const second = await widgetSession('acme', {
      visitorKey: first.visitorKey,
      identityToken: await identity(`b-${crypto.randomUUID()}`),
    });
    expect(second.verified).toBe(true);
    expect(second.conversationId).not.toBe(first.conversationId);
    expect(second.visitorId).not.toBe(first.visitorId);
  });

  it('refuses forged, expired, too long-lived, unsigned-alg and exp-less identity tokens', async () => {
    const anon = await widgetSession('acme');
    const sub = `x-${crypto.randomUUID()}`;
    const none = `${btoa(JSON.stringify({ alg: 'none' })).replace(/=+$/, '')}.${btoa(
      JSON.stringify({ sub, exp: Math.floor(Date.now() / 1000) + 60 }),
    ).replace(/=+$/, '')}.`;
    const before = await counts(acmeId);
    for (const token of [
      await identity(sub, { secret: 'not-the-secret' }),
      await identity(sub, { expSeconds: -10 }),
      await identity(sub, { expSeconds: 48 * 3600 }),
      await identity(sub, { noExp: true }),
      none,
    ]) {
      const res = await postJson('/api/widget/sessions', {
        tenant: 'acme',
        visitorKey: anon.visitorKey,
        identityToken: token,
      });
      expect([res.status, errorCode(await res.json())]).toEqual([401, 'unauthorized']);
    }
    expect(await counts(acmeId)).toEqual(before);
    expect((await widgetSession('acme', { visitorKey: anon.visitorKey })).verified).toBe(false);
  });

  it('identity secrets: admins of the channel only, widget channels only', async () => {
    const path = `/api/channels/${widgetChannelId}/identity-secret`;
    expect((await api('POST', path, tokens.agent)).status).toBe(403);
    expect((await api('POST', path, tokens.globexAdmin)).status).toBe(404);
    for (const id of ['nope', crypto.randomUUID(), widgetChannelId.toUpperCase()]) {
      expect((await api('POST', `/api/channels/${id}/identity-secret`, tokens.admin)).status).toBe(404);
    }
    const audited = await asTenant(db, acmeId, async () => {
      const r = await db.query<{ n: number }>(
        `select count(*)::int as n from audit_log where action = 'channel.updated' and target_id = $1`,
        [widgetChannelId],
      );
      return r.rows[0]?.n;
    });
    expect(audited).toBeGreaterThanOrEqual(1);
  });
});

describe('widget session limits', () => {
  it('per client address: the 31st session within a minute is refused with Retry-After', async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
    const headers = { 'cf-connecting-ip': ip };
    const first = await postJson('/api/widget/sessions', { tenant: 'acme' }, headers);
    const { visitorKey } = (await first.json()) as WidgetSession;
    for (let i = 1; i < 30; i++) {
      expect((await postJson('/api/widget/sessions', { tenant: 'acme', visitorKey }, headers)).status).toBe(
        201,
      );
    }
    const before = await counts(acmeId);
    const res = await postJson('/api/widget/sessions', { tenant: 'acme', name: 'Flood' }, headers);
    expect([res.status, errorCode(await res.json())]).toEqual([429, 'rate_limited']);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await counts(acmeId)).toEqual(before);
    // Others are not affected.
    expect(
      (
        await postJson(
          '/api/widget/sessions',
          { tenant: 'acme', visitorKey },
          { 'cf-connecting-ip': '192.0.2.254' },
        )
      ).status,
    ).toBe(201);
  });

  it('per widget channel: past 1,200 a minute every address is refused and nothing is created', async () => {
    const key = limitKey(WIDGET_SESSION_CHANNEL, { kind: 'channel', id: widgetChannelId });
    const stub = env.RATE_LIMITER.getByName(key);
    const { scope: _s, whenUnavailable: _w, ...policy } = WIDGET_SESSION_CHANNEL;
    try {
      // As if 1,200 sessions had been opened this minute.
      await stub.hit(policy);
      await runInDurableObject(stub, async (_i: RateLimiterDO, state) => {
        const now = Date.now();
        state.storage.kv.put('state', {
          windowStart: now,
          count: 1_200,
          lockedUntil: 0,
          lockouts: 0,
          lastLockoutAt: 0,
        });
      });
      const before = await counts(acmeId);
      const res = await postJson('/api/widget/sessions', { tenant: 'acme', name: 'Flood' });
      expect([res.status, errorCode(await res.json())]).toEqual([429, 'rate_limited']);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await counts(acmeId)).toEqual(before);
      expect((await widgetSession('globex')).protocol).toBeTruthy();
    } finally {
      await stub.reset();
    }
  });
});
