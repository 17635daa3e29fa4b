// Widget sessions by channel (issue 14): the page's origin must be on the channel's list (hostOrigin and a
// browser's Origin); "verified only" refuses anonymous visitors, forged and expired identity tokens; a valid
// token's e-mail, phone and CPF land on the contact; the pre-chat answers are checked (CPF check digits, phone
// as E.164) and stored on the visitor's one contact; a bad answer creates nothing; the same visitor never gets
// a second contact or ticket; another tenant's visitor cannot use this channel's id to reach its data.
import type { Client } from '@neondatabase/serverless';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WidgetChannelView } from '../../workers/contract';
import { asTenant, openClient } from './db-helpers';
import { api, errorCode, login, postJson, type WidgetSession } from './helpers';
import { PEOPLE, signIn } from './sign-in';

const tokens = signIn('admin', 'globexAdmin');
const SITE = 'https://www.provedor-sessoes.com.br';
const STRANGER = 'https://stranger.example';
// Valid CPFs (check digits right) and one with a wrong last digit.
const CPF = '529.982.247-25';
const CPF_2 = '11144477735';
const BAD_CPF = '529.982.247-24';
let db: Client;
let acmeId: string;
let open: WidgetChannelView;
let verified: WidgetChannelView;
let secret: string;

async function createChannel(name: string, settings: Record<string, unknown>): Promise<WidgetChannelView> {
  const res = await api<{ channel: WidgetChannelView }>('POST', '/api/widget-channels', tokens.admin, {
    name,
    settings,
  });
  expect(res.status).toBe(201);
  return res.body.channel;
}

beforeAll(async () => {
  db = await openClient();
  acmeId = (await login(PEOPLE.admin.email, PEOPLE.admin.password)).tenantId;
  open = await createChannel('Site aberto', {
    allowedOrigins: [SITE],
    prechat: [
      { field: 'name', required: true },
      { field: 'phone', required: true },
      { field: 'cpf', required: false },
    ],
  });
  verified = await createChannel('Portal', { allowedOrigins: [SITE], verifiedOnly: true });
  const res = await api<{ identitySecret: string }>(
    'POST',
    `/api/channels/${verified.id}/identity-secret`,
    tokens.admin,
  );
  secret = res.body.identitySecret;
});
afterAll(() => db.end());

function session(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return postJson('/api/widget/sessions', body, headers);
}

async function created(res: Response): Promise<WidgetSession> {
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as WidgetSession;
}

async function counts() {
  return asTenant(db, acmeId, async () => {
    const r = await db.query<{ contacts: number; conversations: number; tickets: number }>(
      `select (select count(*)::int from contacts) as contacts,
              (select count(*)::int from conversations) as conversations,
              (select count(*)::int from tickets) as tickets`,
    );
    return r.rows[0];
  });
}

async function contactOf(visitorId: string) {
  return asTenant(db, acmeId, async () => {
    const r = await db.query<{
      name: string | null;
      phone: string | null;
      email: string | null;
      cpf: string | null;
    }>(`select name, phone, email, cpf_cnpj as cpf from contacts where visitor_id = $1`, [visitorId]);
    return r.rows;
  });
}

async function threadOf(visitorId: string) {
  return asTenant(db, acmeId, async () => {
    const r = await db.query<{ channel_id: string; contacts: number; tickets: number }>(
      `select v.channel_id, count(distinct c.id)::int as contacts, count(distinct t.id)::int as tickets
         from contacts c join conversations v on v.contact_id = c.id left join tickets t on t.conversation_id = v.id
        where c.visitor_id = $1 group by v.channel_id`,
      [visitorId],
    );
    return r.rows;
  });
}

function identity(claims: Record<string, unknown>, opts: { secret?: string; expSeconds?: number } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(Math.floor(Date.now() / 1000) + (opts.expSeconds ?? 3600))
    .sign(new TextEncoder().encode(opts.secret ?? secret));
}

describe('the page’s origin', () => {
  it('an allowed hostOrigin opens a thread on that very channel; Fio’s own origin (the frame) too', async () => {
    const s = await created(
      await session({ channel: open.id, hostOrigin: `${SITE}/`, name: 'Ana' }, { origin: 'http://fio.test' }),
    );
    expect(await threadOf(s.visitorId)).toEqual([{ channel_id: open.id, contacts: 1, tickets: 1 }]);
  });

  it('a browser Origin on the list is accepted, and its answer carries CORS (no credentials)', async () => {
    const res = await session({ channel: open.id }, { origin: SITE });
    await created(res);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
  });

  it('a hostOrigin or a browser Origin not on the list is refused (403), creating nothing', async () => {
    const before = await counts();
    for (const [body, headers] of [
      [{ channel: open.id, hostOrigin: STRANGER }, {}],
      [{ channel: open.id, hostOrigin: `${SITE}/page` }, {}],
      [{ channel: open.id, hostOrigin: 'not a url' }, {}],
      [{ channel: open.id, hostOrigin: SITE }, { origin: STRANGER }],
      [{ tenant: 'acme', hostOrigin: STRANGER }, {}],
    ] as const) {
      const res = await session(body, headers);
      expect(res.status).toBe(403);
      expect(errorCode(await res.json())).toBe('forbidden');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect(await counts()).toEqual(before);
  });

  it('an unknown channel, or one of another tenant named with this tenant’s old body, is not found', async () => {
    const before = await counts();
    expect((await session({ channel: crypto.randomUUID() })).status).toBe(404);
    // The old body: the tenant's first widget channel, never another tenant's.
    const globex = await created(await session({ tenant: 'globex' }));
    expect(await threadOf(globex.visitorId)).toEqual([]);
    const after = await counts();
    expect(after).toEqual(before);
  });

  it('the old {tenant} body keeps working (the tenant’s first widget channel)', async () => {
    const s = await created(await session({ tenant: 'acme', name: 'Velho' }));
    const [row] = await threadOf(s.visitorId);
    expect(row?.channel_id).not.toBe(open.id);
    expect(row?.tickets).toBe(1);
  });
});

describe('verified only', () => {
  it('refuses an anonymous visitor (401 identity_required), creating nothing', async () => {
    const before = await counts();
    const res = await session({ channel: verified.id, hostOrigin: SITE, name: 'Anônimo' });
    expect(res.status).toBe(401);
    expect(errorCode(await res.json())).toBe('identity_required');
    expect(await counts()).toEqual(before);
  });

  it('refuses a token signed with another secret and an expired one (401), creating nothing', async () => {
    const before = await counts();
    const forged = await identity({ sub: 'cliente-1' }, { secret: 'f'.repeat(64) });
    const expired = await identity({ sub: 'cliente-1' }, { expSeconds: -60 });
    for (const identityToken of [forged, expired, 'not.a.jwt']) {
      const res = await session({ channel: verified.id, hostOrigin: SITE, identityToken });
      expect(res.status).toBe(401);
      expect(errorCode(await res.json())).toBe('unauthorized');
    }
    expect(await counts()).toEqual(before);
  });

  it('a valid token’s e-mail, phone (E.164) and CPF land on the contact; bad claims are left out', async () => {
    const token = await identity({
      sub: 'cliente-42',
      name: 'Carla Souza',
      email: 'Carla@Example.com',
      phone: '(11) 98765-4001',
      cpf: CPF,
    });
    const s = await created(await session({ channel: verified.id, hostOrigin: SITE, identityToken: token }));
    expect(s.verified).toBe(true);
    expect(await contactOf(s.visitorId)).toEqual([
      { name: 'Carla Souza', phone: '5511987654001', email: 'carla@example.com', cpf: '52998224725' },
    ]);
    // Another device, same customer: the same contact and ticket.
    const again = await created(
      await session({ channel: verified.id, hostOrigin: SITE, identityToken: token }),
    );
    expect([again.visitorId, again.conversationId, again.protocol]).toEqual([
      s.visitorId,
      s.conversationId,
      s.protocol,
    ]);

    const sloppy = await identity({ sub: 'cliente-43', email: 'nope', phone: '12', cpf: BAD_CPF });
    const t = await created(await session({ channel: verified.id, identityToken: sloppy }));
    expect(await contactOf(t.visitorId)).toEqual([{ name: null, phone: null, email: null, cpf: null }]);
  });
});

describe('pre-chat answers', () => {
  it('are stored on the visitor’s one contact (phone as E.164, CPF as digits, e-mail lowercase)', async () => {
    const s = await created(
      await session({
        channel: open.id,
        hostOrigin: SITE,
        name: 'Bruno Lima',
        contact: { phone: '(21) 99876-5002', email: 'Bruno@Provedor.com', cpf: CPF_2 },
      }),
    );
    expect(await contactOf(s.visitorId)).toEqual([
      { name: 'Bruno Lima', phone: '5521998765002', email: 'bruno@provedor.com', cpf: '11144477735' },
    ]);
    // Coming back with a corrected phone: the same contact, updated; still one ticket.
    const back = await created(
      await session({
        channel: open.id,
        hostOrigin: SITE,
        visitorKey: s.visitorKey,
        contact: { phone: '+55 21 3456-7003' },
      }),
    );
    expect(back.conversationId).toBe(s.conversationId);
    expect((await contactOf(s.visitorId))[0]?.phone).toBe('552134567003');
    expect(await threadOf(s.visitorId)).toEqual([{ channel_id: open.id, contacts: 1, tickets: 1 }]);
  });

  it('a bad CPF or phone is a 400 naming it, and nothing is created or changed', async () => {
    const s = await created(
      await session({ channel: open.id, name: 'Dora', contact: { phone: '11987654004' } }),
    );
    const before = await counts();
    const cases = [
      [{ cpf: BAD_CPF }, 'contact.cpf'],
      [{ cpf: '111.111.111-11' }, 'contact.cpf'],
      [{ phone: '12345' }, 'contact.phone'],
      [{ phone: '(00) 98765-4321' }, 'contact.phone'],
      [{ phone: 'abc-defg-hijk' }, 'contact.phone'],
    ] as const;
    for (const [contact, path] of cases) {
      for (const visitorKey of [undefined, s.visitorKey]) {
        const res = await session({ channel: open.id, name: 'Outro nome', visitorKey, contact });
        expect(res.status).toBe(400);
        const body = (await res.json()) as { error: { code: string; details: { path: string }[] } };
        expect(body.error.code).toBe('validation_failed');
        expect(body.error.details.map((d) => d.path)).toContain(path);
      }
    }
    const unknown = await session({ channel: open.id, contact: { rg: '123' } });
    expect(unknown.status).toBe(400);
    expect(await counts()).toEqual(before);
    expect(await contactOf(s.visitorId)).toEqual([
      { name: 'Dora', phone: '5511987654004', email: null, cpf: null },
    ]);
  });

  it('a phone another contact already has is not copied (one number, one contact), the session still opens', async () => {
    const s = await created(
      await session({ channel: open.id, name: 'Eva', contact: { phone: '11987654005' } }),
    );
    const twin = await created(
      await session({ channel: open.id, name: 'Eva 2', contact: { phone: '11987654005' } }),
    );
    expect(twin.visitorId).not.toBe(s.visitorId);
    expect((await contactOf(twin.visitorId))[0]?.phone).toBeNull();
  });
});

describe('one thread per visitor', () => {
  it('the same visitorKey, sequentially or at once, never creates a second contact, ticket or protocol', async () => {
    const first = await created(await session({ channel: open.id, hostOrigin: SITE, name: 'Fábio' }));
    const before = await counts();
    const again = await Promise.all(
      Array.from({ length: 8 }, () =>
        session({ channel: open.id, hostOrigin: SITE, visitorKey: first.visitorKey }).then(created),
      ),
    );
    for (const a of again)
      expect([a.conversationId, a.protocol]).toEqual([first.conversationId, first.protocol]);
    expect(await counts()).toEqual(before);
  });

  it('a visitor key from another tenant’s session does not resume here', async () => {
    const globex = await created(await session({ tenant: 'globex' }));
    const res = await session({ channel: open.id, visitorKey: globex.visitorKey });
    expect(res.status).toBe(401);
  });
});
