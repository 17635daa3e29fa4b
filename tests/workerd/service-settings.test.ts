// Service settings, opening hours and SLA policies over REST, on a tenant of the suite's own: happy paths
// round-trip; every bad value (overlapping, inverted or out-of-range hours, an unknown time zone, a holiday
// listed twice, negative capacities and delays, zero expiry, zero or negative SLA targets, a policy with no
// target, another tenant's team or channel) is a clear 400/404 envelope naming the field, and afterwards the
// settings, the policies and the audit log read back exactly as before. Another tenant neither reads nor
// changes any of it.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ServiceSettings,
  type ServiceSettingsResponse,
  type SlaPolicy,
  type SlaPolicyInput,
} from '../../workers/contract';
import { type FreshTenant, freshTenant, ownerClient } from './fresh-tenant';
import { api, errorCode } from './helpers';

let owner: Client;
let A: FreshTenant & { teamId: string; channelId: string };
let B: FreshTenant & { teamId: string; channelId: string };

async function withTeamAndChannel(t: FreshTenant) {
  const team = await owner.query<{ id: string }>(
    'insert into teams (tenant_id, name) values ($1, $2) returning id',
    [t.id, `Suporte ${t.slug}`],
  );
  const channel = await owner.query<{ id: string }>(
    `insert into channels (tenant_id, kind, name) values ($1, 'widget', $2) returning id`,
    [t.id, `Site ${t.slug}`],
  );
  return { ...t, teamId: team.rows[0]?.id as string, channelId: channel.rows[0]?.id as string };
}

beforeAll(async () => {
  owner = await ownerClient();
  A = await withTeamAndChannel(await freshTenant(owner, 'servico-a', ['admin', 'supervisor', 'agent']));
  B = await withTeamAndChannel(await freshTenant(owner, 'servico-b', ['admin', 'agent']));
}, 60_000);

afterAll(async () => {
  await owner?.end();
});

const admin = () => A.tokens.admin as string;

async function readService(token = admin()): Promise<ServiceSettingsResponse> {
  const res = await api<ServiceSettingsResponse>('GET', '/api/settings/service', token);
  expect(res.status).toBe(200);
  return res.body;
}

async function readPolicies(token = admin()): Promise<SlaPolicy[]> {
  const res = await api<{ policies: SlaPolicy[] }>('GET', '/api/sla-policies', token);
  expect(res.status).toBe(200);
  return res.body.policies;
}

/** Everything a refused write must leave as it was: settings and hours, policies, the audit log. */
async function everything(t: FreshTenant = A) {
  const audit = await owner.query('select count(*)::int as n from audit_log where tenant_id = $1', [t.id]);
  const tenant = await owner.query(
    'select name, timezone, locale, service_settings, business_hours from tenants where id = $1',
    [t.id],
  );
  return {
    service: await readService(t.tokens.admin as string),
    policies: await readPolicies(t.tokens.admin as string),
    tenant: tenant.rows[0],
    audit: audit.rows[0],
  };
}

/** The envelope's details, path by path. */
function paths(body: unknown): string[] {
  const details = (body as { error?: { details?: { path: string }[] } }).error?.details ?? [];
  return details.map((d) => d.path);
}

const WEEKDAY_HOURS = [
  { from: '08:00', to: '12:00' },
  { from: '13:00', to: '18:00' },
];
const HOURS = {
  timezone: null,
  week: {
    sun: [],
    mon: WEEKDAY_HOURS,
    tue: WEEKDAY_HOURS,
    wed: WEEKDAY_HOURS,
    thu: WEEKDAY_HOURS,
    fri: WEEKDAY_HOURS,
    sat: [{ from: '08:00', to: '12:00' }],
  },
  holidays: [{ date: '2026-12-25', name: 'Natal' }],
};

const POLICY: SlaPolicyInput = {
  name: 'Urgente',
  priority: 5,
  teamId: null,
  channelId: null,
  firstResponseMinutes: 15,
  nextResponseMinutes: 30,
  resolutionMinutes: 240,
};

describe('service settings and opening hours', () => {
  it('starts from the defaults, always open, in the tenant time zone', async () => {
    const s = await readService();
    expect(s.businessHours).toBeNull();
    expect(s.timezone).toBe('America/Sao_Paulo');
    expect(s.settings).toEqual(ServiceSettings.parse({}));
    // Every agent reads them (the hours say when the team is in).
    expect(await readService(A.tokens.agent as string)).toEqual(s);
  });

  it('stores hours with a lunch break and a holiday, and settings, and reads them back', async () => {
    const settings = ServiceSettings.parse({
      defaultCapacity: 4,
      csat: { enabled: true, delaySeconds: 60, expiryHours: 48, templateName: 'pesquisa', afterBot: true },
      autoClose: { enabled: true, minutes: 24 * 60, message: 'Encerramos por falta de resposta.' },
      afterHours: { enabled: true, message: 'Voltamos {when}.' },
      thanksGraceMinutes: 5,
    });
    const res = await api<ServiceSettingsResponse>('PUT', '/api/settings/service', admin(), {
      settings,
      businessHours: HOURS,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const back = await readService();
    expect(back).toEqual(res.body);
    expect(back.settings).toEqual(settings);
    expect(back.businessHours).toEqual(HOURS);
    // Hours alone leave the settings; null hours is "always open".
    const open = await api<ServiceSettingsResponse>('PUT', '/api/settings/service', admin(), {
      businessHours: null,
    });
    expect(open.status).toBe(200);
    expect(await readService()).toEqual({ ...back, businessHours: null });
    await api('PUT', '/api/settings/service', admin(), { businessHours: HOURS });
    const audit = await owner.query<{ details: Record<string, unknown> }>(
      `select details from audit_log where tenant_id = $1 and action = 'tenant.settings_changed'
       and target_type = 'tenant' order by id`,
      [A.id],
    );
    expect(audit.rows.map((r) => r.details)).toEqual([
      {
        service: ['defaultCapacity', 'csat', 'autoClose', 'afterHours', 'thanksGraceMinutes'],
        businessHours: 'changed',
      },
      { service: [], businessHours: 'always_open' },
      { service: [], businessHours: 'changed' },
    ]);
  });

  const week = (day: string, intervals: { from: string; to: string }[]) => ({
    ...HOURS,
    week: { ...HOURS.week, [day]: intervals },
  });
  const badHours: { label: string; hours: unknown; path: string }[] = [
    {
      label: 'overlapping intervals',
      hours: week('mon', [
        { from: '08:00', to: '12:00' },
        { from: '11:30', to: '18:00' },
      ]),
      path: 'businessHours.week.mon.1',
    },
    {
      label: 'an inverted interval',
      hours: week('tue', [{ from: '18:00', to: '08:00' }]),
      path: 'businessHours.week.tue.0',
    },
    {
      label: 'an empty interval',
      hours: week('wed', [{ from: '09:00', to: '09:00' }]),
      path: 'businessHours.week.wed.0',
    },
    {
      label: '25:00',
      hours: week('thu', [{ from: '08:00', to: '25:00' }]),
      path: 'businessHours.week.thu.0.to',
    },
    {
      label: 'an unknown time zone',
      hours: { ...HOURS, timezone: 'Mars/Olympus' },
      path: 'businessHours.timezone',
    },
    {
      label: 'a holiday listed twice',
      hours: {
        ...HOURS,
        holidays: [
          { date: '2026-12-25', name: 'Natal' },
          { date: '2026-12-25', name: 'Natal de novo' },
        ],
      },
      path: 'businessHours.holidays.1',
    },
    {
      label: 'a holiday on no date',
      hours: { ...HOURS, holidays: [{ date: '2026-02-30', name: 'Nunca' }] },
      path: 'businessHours.holidays.0.date',
    },
  ];
  it.each(badHours)(
    'refuses $label with a 400 naming the field, storing nothing',
    async ({ hours, path }) => {
      const before = await everything();
      const res = await api('PUT', '/api/settings/service', admin(), { businessHours: hours });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
      expect(paths(res.body)).toContain(path);
      expect(await everything()).toEqual(before);
    },
  );

  const settingsWith = (patch: Record<string, unknown>) => ({ ...ServiceSettings.parse({}), ...patch });
  const badSettings: { label: string; settings: unknown; path: string }[] = [
    {
      label: 'a default capacity of -1',
      settings: settingsWith({ defaultCapacity: -1 }),
      path: 'settings.defaultCapacity',
    },
    {
      label: 'a fractional capacity',
      settings: settingsWith({ defaultCapacity: 1.5 }),
      path: 'settings.defaultCapacity',
    },
    {
      label: 'a negative CSAT delay',
      settings: settingsWith({ csat: { ...ServiceSettings.parse({}).csat, delaySeconds: -30 } }),
      path: 'settings.csat.delaySeconds',
    },
    {
      label: 'a CSAT expiry of 0',
      settings: settingsWith({ csat: { ...ServiceSettings.parse({}).csat, expiryHours: 0 } }),
      path: 'settings.csat.expiryHours',
    },
    {
      label: 'an auto-close after 0 minutes',
      settings: settingsWith({ autoClose: { enabled: true, minutes: 0, message: null } }),
      path: 'settings.autoClose.minutes',
    },
    {
      label: 'a negative grace',
      settings: settingsWith({ thanksGraceMinutes: -1 }),
      path: 'settings.thanksGraceMinutes',
    },
  ];
  it.each(badSettings)(
    'refuses $label with a 400 naming the field, storing nothing',
    async ({ settings, path }) => {
      const before = await everything();
      // Valid hours beside the bad setting: neither is stored.
      const res = await api('PUT', '/api/settings/service', admin(), { settings, businessHours: null });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
      expect(paths(res.body)).toContain(path);
      expect(await everything()).toEqual(before);
    },
  );

  it('refuses an empty change and a body that is not an object', async () => {
    const before = await everything();
    expect((await api('PUT', '/api/settings/service', admin(), {})).status).toBe(400);
    expect((await api('PUT', '/api/settings/service', admin(), [])).status).toBe(400);
    expect(await everything()).toEqual(before);
  });

  it('is changed by admins only', async () => {
    const before = await everything();
    for (const token of [A.tokens.agent, A.tokens.supervisor] as string[]) {
      const res = await api('PUT', '/api/settings/service', token, { businessHours: null });
      expect(res.status).toBe(403);
      expect(errorCode(res.body)).toBe('forbidden');
    }
    expect(await everything()).toEqual(before);
  });
});

describe('SLA policies', () => {
  it('creates, lists, replaces and deletes a policy', async () => {
    const created = await api<SlaPolicy>('POST', '/api/sla-policies', admin(), POLICY);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), ...POLICY });
    const scoped = await api<SlaPolicy>('POST', '/api/sla-policies', admin(), {
      ...POLICY,
      name: 'Suporte pelo site',
      priority: null,
      teamId: A.teamId,
      channelId: A.channelId,
      nextResponseMinutes: null,
    });
    expect(scoped.status).toBe(201);
    expect(await readPolicies(A.tokens.agent as string)).toEqual([created.body, scoped.body]);

    const replaced = await api<SlaPolicy>('PATCH', `/api/sla-policies/${scoped.body.id}`, admin(), {
      ...POLICY,
      name: 'Suporte',
      priority: 3,
      teamId: A.teamId,
      firstResponseMinutes: 60,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toEqual({
      ...POLICY,
      id: scoped.body.id,
      name: 'Suporte',
      priority: 3,
      teamId: A.teamId,
      firstResponseMinutes: 60,
    });
    expect(await readPolicies()).toEqual([created.body, replaced.body]);

    expect((await api('DELETE', `/api/sla-policies/${scoped.body.id}`, admin())).status).toBe(204);
    expect(await readPolicies()).toEqual([created.body]);
    expect((await api('DELETE', `/api/sla-policies/${scoped.body.id}`, admin())).status).toBe(404);
    const audit = await owner.query<{ details: Record<string, unknown> }>(
      `select details from audit_log where tenant_id = $1 and target_type = 'sla_policy' order by id`,
      [A.id],
    );
    expect(audit.rows.map((r) => r.details.slaPolicy)).toEqual(['created', 'created', 'updated', 'deleted']);
  });

  const badPolicies: { label: string; body: unknown; path: string }[] = [
    {
      label: 'a first-response target of zero',
      body: { ...POLICY, firstResponseMinutes: 0 },
      path: 'firstResponseMinutes',
    },
    {
      label: 'a negative resolution target',
      body: { ...POLICY, resolutionMinutes: -10 },
      path: 'resolutionMinutes',
    },
    {
      label: 'a fractional next-response target',
      body: { ...POLICY, nextResponseMinutes: 2.5 },
      path: 'nextResponseMinutes',
    },
    {
      label: 'no target at all',
      body: { ...POLICY, firstResponseMinutes: null, nextResponseMinutes: null, resolutionMinutes: null },
      path: '',
    },
    { label: 'an unknown priority', body: { ...POLICY, priority: 9 }, path: 'priority' },
    { label: 'no name', body: { ...POLICY, name: '  ' }, path: 'name' },
  ];
  it.each(badPolicies)('refuses $label with a 400, storing nothing', async ({ body, path }) => {
    const before = await everything();
    const res = await api('POST', '/api/sla-policies', admin(), body);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(errorCode(res.body)).toBe('validation_failed');
    expect(paths(res.body)).toContain(path);
    const [existing] = before.policies;
    if (existing) {
      const patched = await api('PATCH', `/api/sla-policies/${existing.id}`, admin(), body);
      expect(patched.status).toBe(400);
    }
    expect(await everything()).toEqual(before);
  });

  it("refuses another tenant's team or channel with a 404 naming it, storing nothing", async () => {
    const before = await everything();
    for (const [field, body] of [
      ['teamId', { ...POLICY, teamId: B.teamId }],
      ['channelId', { ...POLICY, channelId: B.channelId }],
      ['teamId', { ...POLICY, teamId: crypto.randomUUID() }],
    ] as const) {
      const res = await api('POST', '/api/sla-policies', admin(), body);
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(errorCode(res.body)).toBe('not_found');
      expect(paths(res.body)).toEqual([field]);
      const id = before.policies[0]?.id as string;
      expect((await api('PATCH', `/api/sla-policies/${id}`, admin(), body)).status).toBe(404);
    }
    expect(await everything()).toEqual(before);
  });
});

describe('another tenant', () => {
  it("neither reads nor changes A's settings, hours or policies", async () => {
    const before = await everything(A);
    const bAdmin = B.tokens.admin as string;
    const bService = await readService(bAdmin);
    expect(bService.businessHours).toBeNull();
    expect(bService.settings).toEqual(ServiceSettings.parse({}));
    expect(await readPolicies(bAdmin)).toEqual([]);
    const policy = before.policies[0] as SlaPolicy;
    expect((await api('PATCH', `/api/sla-policies/${policy.id}`, bAdmin, POLICY)).status).toBe(404);
    expect((await api('DELETE', `/api/sla-policies/${policy.id}`, bAdmin)).status).toBe(404);
    // B's own writes land on B.
    const mine = await api('PUT', '/api/settings/service', bAdmin, { businessHours: HOURS });
    expect(mine.status).toBe(200);
    expect((await readService(bAdmin)).businessHours).toEqual(HOURS);
    expect(await everything(A)).toEqual(before);
  });
});
