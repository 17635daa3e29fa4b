// Widget channels (issue 14): admins create, list and change them (audited; the snippet to paste); every bad
// setting is a 400 naming the field with nothing stored; the public config answers CORS only to the channel's
// own sites (preflight too); the frame document is framable by those sites only (CSP frame-ancestors, no
// X-Frame-Options), refuses other hosts (403) and unknown, removed or non-widget channels (404); another
// tenant's channel is not found.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WidgetChannelView, WidgetConfigResponse } from '../../workers/contract';
import { asTenant, openClient } from './db-helpers';
import { freshTenant, ownerClient } from './fresh-tenant';
import { api, call, errorCode, login } from './helpers';
import { PEOPLE, signIn } from './sign-in';

const tokens = signIn('admin', 'agent', 'globexAdmin');
const SITE = 'https://www.provedor-acme.com.br';
const PORTAL = 'https://portal.provedor-acme.com.br:8443';
const STRANGER = 'https://stranger.example';
let db: Client;
let acmeId: string;
let channel: WidgetChannelView;

type ChannelBody = { channel: WidgetChannelView };

beforeAll(async () => {
  db = await openClient();
  acmeId = (await login(PEOPLE.admin.email, PEOPLE.admin.password)).tenantId;
  const res = await api<ChannelBody>('POST', '/api/widget-channels', tokens.admin, {
    name: 'Site Acme',
    settings: {
      branding: { title: 'Atendimento Acme', color: '#1D4ED8', greeting: 'Olá!', position: 'left' },
      allowedOrigins: [`${SITE}/`, PORTAL],
      prechat: [
        { field: 'name', required: true },
        { field: 'phone', required: true },
        { field: 'cpf', required: false },
      ],
    },
  });
  expect(res.status).toBe(201);
  channel = res.body.channel;
});
afterAll(() => db.end());

async function stored() {
  return asTenant(db, acmeId, async () => {
    const r = await db.query<{ channels: number; audits: number }>(
      `select (select count(*)::int from channels where kind = 'widget') as channels,
              (select count(*)::int from audit_log where target_type = 'channel') as audits`,
    );
    return r.rows[0];
  });
}

describe('admin REST', () => {
  it('creates a channel with its settings normalised, the snippet to paste, audited', async () => {
    expect(channel.name).toBe('Site Acme');
    expect(channel.settings.branding).toMatchObject({ title: 'Atendimento Acme', color: '#1d4ed8' });
    expect(channel.settings.allowedOrigins).toEqual([SITE, PORTAL]);
    expect(channel.settings.verifiedOnly).toBe(false);
    expect(channel.hasIdentitySecret).toBe(false);
    expect(channel.snippet).toBe(
      `<script src="http://fio.test/widget.js" data-channel="${channel.id}" async></script>`,
    );
    const audit = await asTenant(db, acmeId, () =>
      db.query<{ action: string; details: { kind: string } }>(
        `select action, details from audit_log where target_id = $1 order by id`,
        [channel.id],
      ),
    );
    expect(audit.rows[0]).toMatchObject({ action: 'channel.created', details: { kind: 'widget' } });
  });

  it('lists the tenant’s widget channels only (never a secret), for admins only', async () => {
    const list = await api<{ channels: WidgetChannelView[] }>('GET', '/api/widget-channels', tokens.admin);
    expect(list.status).toBe(200);
    expect(list.body.channels.map((c) => c.id)).toContain(channel.id);
    expect(JSON.stringify(list.body)).not.toMatch(/identitySecret"/);
    const globex = await api<{ channels: WidgetChannelView[] }>(
      'GET',
      '/api/widget-channels',
      tokens.globexAdmin,
    );
    expect(globex.body.channels.map((c) => c.id)).not.toContain(channel.id);
    expect((await api('GET', '/api/widget-channels', tokens.agent)).status).toBe(403);
  });

  it('updates name, bot switch and settings (replaced whole), audited; the identity secret shows as set', async () => {
    const secret = await api('POST', `/api/channels/${channel.id}/identity-secret`, tokens.admin);
    expect(secret.status).toBe(201);
    const res = await api<ChannelBody>('PATCH', `/api/widget-channels/${channel.id}`, tokens.admin, {
      name: 'Site Acme (novo)',
      settings: { ...channel.settings, verifiedOnly: true },
    });
    expect(res.status).toBe(200);
    expect(res.body.channel).toMatchObject({ name: 'Site Acme (novo)', hasIdentitySecret: true });
    expect(res.body.channel.settings.verifiedOnly).toBe(true);
    const back = await api<ChannelBody>('PATCH', `/api/widget-channels/${channel.id}`, tokens.admin, {
      settings: channel.settings,
    });
    expect(back.body.channel.settings).toEqual(channel.settings);
    const audit = await asTenant(db, acmeId, () =>
      db.query<{ action: string }>(
        `select action from audit_log where target_id = $1 and action = 'channel.updated'`,
        [channel.id],
      ),
    );
    expect(audit.rows.length).toBeGreaterThanOrEqual(3);
  });

  const BAD: [string, Record<string, unknown>, string][] = [
    ['a colour that is not #rrggbb', { branding: { color: 'blue' } }, 'settings.branding.color'],
    [
      'an origin with a path',
      { allowedOrigins: ['https://www.provedor.com.br/chat'] },
      'settings.allowedOrigins.0',
    ],
    [
      'plain http off localhost',
      { allowedOrigins: ['http://www.provedor.com.br'] },
      'settings.allowedOrigins.0',
    ],
    [
      'a pre-chat field twice',
      {
        prechat: [
          { field: 'phone', required: true },
          { field: 'phone', required: false },
        ],
      },
      'settings.prechat',
    ],
    ['an unknown pre-chat field', { prechat: [{ field: 'rg', required: true }] }, 'settings.prechat.0.field'],
    [
      'a logo over plain http',
      { branding: { logoUrl: 'http://cdn.example/logo.png' } },
      'settings.branding.logoUrl',
    ],
  ];
  for (const [what, settings, path] of BAD) {
    it(`refuses ${what} (400 naming it), on create and update, storing nothing`, async () => {
      const before = await stored();
      const created = await api('POST', '/api/widget-channels', tokens.admin, { name: 'Ruim', settings });
      expect(created.status).toBe(400);
      expect(errorCode(created.body)).toBe('validation_failed');
      const details = (created.body as { error: { details: { path: string }[] } }).error.details;
      expect(details.map((d) => d.path)).toContain(path);
      const updated = await api('PATCH', `/api/widget-channels/${channel.id}`, tokens.admin, { settings });
      expect(updated.status).toBe(400);
      expect(await stored()).toEqual(before);
      const list = await api<{ channels: WidgetChannelView[] }>('GET', '/api/widget-channels', tokens.admin);
      expect(list.body.channels.find((c) => c.id === channel.id)?.settings).toEqual(channel.settings);
    });
  }

  it('refuses an unknown top-level field and a blank name, storing nothing', async () => {
    const before = await stored();
    const unknown = await api('POST', '/api/widget-channels', tokens.admin, { name: 'X', kind: 'widget' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('kind');
    const blank = await api('PATCH', `/api/widget-channels/${channel.id}`, tokens.admin, { name: '  ' });
    expect(blank.status).toBe(400);
    expect(await stored()).toEqual(before);
  });

  it('another tenant’s channel, a WhatsApp channel and a malformed id are not found', async () => {
    const other = await api('PATCH', `/api/widget-channels/${channel.id}`, tokens.globexAdmin, {
      name: 'Hack',
    });
    expect(other.status).toBe(404);
    const empty = await api('PATCH', `/api/widget-channels/${channel.id}`, tokens.globexAdmin, {});
    expect(empty.status).toBe(404);
    expect((await api('PATCH', `/api/widget-channels/${channel.id}`, tokens.admin, {})).status).toBe(200);
    const rotate = await api('POST', `/api/channels/${channel.id}/identity-secret`, tokens.globexAdmin);
    expect(rotate.status).toBe(404);
    const whatsapp = await asTenant(db, acmeId, () =>
      db.query<{ id: string }>(`select id from channels where kind <> 'widget' limit 1`),
    );
    const wa = whatsapp.rows[0]?.id;
    if (wa) {
      expect((await api('PATCH', `/api/widget-channels/${wa}`, tokens.admin, { name: 'X' })).status).toBe(
        404,
      );
      expect((await call(`/widget/frame/${wa}?host=${SITE}`)).status).toBe(404);
      expect((await call(`/api/widget/channels/${wa}/config`)).status).toBe(404);
    }
    expect((await api('PATCH', '/api/widget-channels/nope', tokens.admin, { name: 'X' })).status).toBe(404);
    const name = await api<{ channels: WidgetChannelView[] }>('GET', '/api/widget-channels', tokens.admin);
    expect(name.body.channels.find((c) => c.id === channel.id)?.name).not.toBe('Hack');
  });
});

describe('public config', () => {
  it('an allowed site gets the branding, form and hours with CORS (no credentials)', async () => {
    const res = await call(`/api/widget/channels/${channel.id}/config`, { headers: { origin: SITE } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const body = (await res.json()) as WidgetConfigResponse;
    expect(body).toMatchObject({
      channelId: channel.id,
      branding: { title: 'Atendimento Acme', color: '#1d4ed8', position: 'left' },
      verifiedOnly: false,
    });
    expect(body.prechat.map((f) => f.field)).toEqual(['name', 'phone', 'cpf']);
    expect(typeof body.open).toBe('boolean');
    expect(JSON.stringify(body)).not.toMatch(/allowedOrigins|identitySecret/);
  });

  it('a site not on the list is refused (403, no CORS); no Origin (the frame itself) is answered', async () => {
    const res = await call(`/api/widget/channels/${channel.id}/config`, { headers: { origin: STRANGER } });
    expect(res.status).toBe(403);
    expect(errorCode(await res.json())).toBe('forbidden');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect((await call(`/api/widget/channels/${channel.id}/config`)).status).toBe(200);
  });

  it('preflight: granted to the channel’s sites only', async () => {
    const preflight = (origin: string) =>
      call(`/api/widget/channels/${channel.id}/config`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'content-type',
        },
      });
    const ok = await preflight(PORTAL);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    const refused = await preflight(STRANGER);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('outside business hours: open false and the next opening; no hours: open', async () => {
    const owner = await ownerClient();
    try {
      const channelOf = async (hours: unknown) => {
        const tenant = await freshTenant(owner, 'widget-hours', []);
        await owner.query('update tenants set business_hours = $2::jsonb where id = $1', [
          tenant.id,
          hours === null ? null : JSON.stringify(hours),
        ]);
        const row = await owner.query<{ id: string }>(
          `insert into channels (tenant_id, kind, name, settings) values ($1, 'widget', 'Site', '{}') returning id`,
          [tenant.id],
        );
        return row.rows[0]?.id as string;
      };
      const config = async (id: string) =>
        (await (await call(`/api/widget/channels/${id}/config`)).json()) as WidgetConfigResponse;
      const zone = 'America/Sao_Paulo';
      const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
      const today = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short' })
        .format(new Date())
        .toLowerCase();
      // Open one hour, two days from today: closed now whatever the time.
      const openDay = days[(days.indexOf(today) + 2) % 7] as string;
      const hours = {
        timezone: zone,
        week: Object.fromEntries(days.map((d) => [d, d === openDay ? [{ from: '10:00', to: '11:00' }] : []])),
        holidays: [],
      };
      const always = await config(await channelOf(null));
      expect([always.open, always.opensAt]).toEqual([true, null]);
      const closed = await config(await channelOf(hours));
      expect(closed.open).toBe(false);
      const opens = Date.parse(closed.opensAt ?? '');
      expect(opens).toBeGreaterThan(Date.now() + 24 * 3600_000);
      expect(opens).toBeLessThan(Date.now() + 3 * 24 * 3600_000);
      expect(closed.branding.title).toBe('Atendimento');
    } finally {
      await owner.end();
    }
  });

  it('unknown and malformed channel ids are 404', async () => {
    expect((await call(`/api/widget/channels/${crypto.randomUUID()}/config`)).status).toBe(404);
    expect((await call('/api/widget/channels/x/config')).status).toBe(404);
  });
});

describe('frame document', () => {
  it('framable by Fio and the channel’s sites only: CSP frame-ancestors, no X-Frame-Options', async () => {
    const res = await call(`/widget/frame/${channel.id}?host=${encodeURIComponent(SITE)}&locale=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('x-frame-options')).toBeNull();
    const csp = res.headers.get('content-security-policy') ?? '';
    const ancestors = csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('frame-ancestors'));
    expect(ancestors).toBe(`frame-ancestors 'self' ${SITE} ${PORTAL}`);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("img-src 'self' blob: data: https:");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain('/widget/assets/');
    expect(html).toContain('id="root"');
  });

  it('Fio’s own origin (the admin preview) may frame it too', async () => {
    const res = await call(`/widget/frame/${channel.id}?host=http://fio.test&preview=1`);
    expect(res.status).toBe(200);
  });

  it('a host not on the list, or none, gets a 403 page that nobody may frame', async () => {
    for (const host of [STRANGER, `${SITE}/path`, '']) {
      const res = await call(`/widget/frame/${channel.id}?host=${encodeURIComponent(host)}`);
      expect(res.status).toBe(403);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(await res.text()).toContain('Este site não tem permissão');
    }
  });

  it('unknown, malformed and removed channels are 404', async () => {
    expect((await call(`/widget/frame/${crypto.randomUUID()}?host=${SITE}`)).status).toBe(404);
    expect((await call(`/widget/frame/nope?host=${SITE}`)).status).toBe(404);
    const gone = await api<ChannelBody>('POST', '/api/widget-channels', tokens.admin, {
      name: 'Removido',
      settings: { allowedOrigins: [SITE] },
    });
    await asTenant(db, acmeId, () =>
      db.query(`update channels set removed_at = now() where id = $1`, [gone.body.channel.id]),
    );
    expect((await call(`/widget/frame/${gone.body.channel.id}?host=${SITE}`)).status).toBe(404);
  });
});
