// Routing settings over REST: GET /api/routing, PATCH /api/teams/:id/routing, PUT /api/users/:id/capacity.
// Happy paths round-trip (and are audited); every bad value — a capacity below zero, above 100 or fractional,
// an unknown mode, an unanswered limit of zero, inverted or overlapping hours, an unknown time zone — is a
// 400 envelope naming the field, and another tenant's team or user is a 404: in each case the read-back shows
// nothing stored and nothing else changed. Suites of their own tenants, so no other suite's routing moves.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoutingConfig } from '../../workers/contract';
import { type FreshTenant, freshTenant, ownerClient } from './fresh-tenant';
import { api, errorCode } from './helpers';

let owner: Client;
let t: FreshTenant;
let other: FreshTenant;
let teamId: string;
let otherTeamId: string;

function tok(who: 'admin' | 'supervisor' | 'agent', tenant = t): string {
  const token = tenant.tokens[who];
  if (!token) throw new Error(`no ${who} token`);
  return token;
}

function uid(who: 'admin' | 'supervisor' | 'agent', tenant = t): string {
  const id = tenant.userIds[who];
  if (!id) throw new Error(`no ${who} id`);
  return id;
}

async function config(tenant = t): Promise<RoutingConfig> {
  const res = await api<RoutingConfig>('GET', '/api/routing', tok('admin', tenant));
  expect(res.status).toBe(200);
  return RoutingConfig.parse(res.body);
}

async function newTeam(tenant: FreshTenant, name: string): Promise<string> {
  const res = await api<{ id: string }>('POST', '/api/teams', tok('admin', tenant), {
    name,
    memberIds: [uid('agent', tenant), uid('supervisor', tenant)],
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function auditCount(tenantId: string): Promise<number> {
  const r = await owner.query<{ n: string }>(
    `select count(*) as n from audit_log where tenant_id = $1
       and action in ('team.routing_changed', 'user.capacity_changed')`,
    [tenantId],
  );
  return Number(r.rows[0]?.n);
}

const HOURS = {
  timezone: 'America/Sao_Paulo',
  week: {
    mon: [
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '18:00' },
    ],
    tue: [{ from: '08:00', to: '18:00' }],
  },
  holidays: [{ date: '2026-12-25', name: 'Natal' }],
};

beforeAll(async () => {
  owner = await ownerClient();
  t = await freshTenant(owner, 'routing', ['admin', 'supervisor', 'agent']);
  other = await freshTenant(owner, 'routing-other', ['admin', 'supervisor', 'agent']);
  teamId = await newTeam(t, 'Suporte');
  otherTeamId = await newTeam(other, 'Suporte');
});

afterAll(async () => {
  await owner?.end();
});

describe('routing settings', () => {
  it('reads the defaults: tenant capacity, manual teams with members, active agents without their own', async () => {
    const c = await config();
    expect(c.defaultCapacity).toBe(3);
    expect(c.teams).toEqual([
      {
        id: teamId,
        name: 'Suporte',
        mode: 'manual',
        defaultCapacity: null,
        requeueOfflineSeconds: null,
        requeueUnansweredMinutes: null,
        businessHours: null,
        memberIds: expect.arrayContaining([uid('agent'), uid('supervisor')]),
      },
    ]);
    expect(c.agents.map((a) => a.id).sort()).toEqual([uid('admin'), uid('supervisor'), uid('agent')].sort());
    expect(c.agents.find((a) => a.id === uid('agent'))).toMatchObject({ capacity: null, teamIds: [teamId] });
  });

  it('lets a supervisor set a team to balanced with limits and its own hours, read back and audited', async () => {
    const res = await api('PATCH', `/api/teams/${teamId}/routing`, tok('supervisor'), {
      mode: 'balanced',
      defaultCapacity: 2,
      requeueOfflineSeconds: 120,
      requeueUnansweredMinutes: 15,
      businessHours: HOURS,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: teamId, mode: 'balanced', defaultCapacity: 2 });
    const team = (await config()).teams[0];
    expect(team).toMatchObject({
      mode: 'balanced',
      defaultCapacity: 2,
      requeueOfflineSeconds: 120,
      requeueUnansweredMinutes: 15,
    });
    expect(team?.businessHours?.week.mon).toEqual(HOURS.week.mon);
    expect(team?.businessHours?.week.wed).toEqual([]);
    expect(team?.businessHours?.holidays).toEqual(HOURS.holidays);

    // Only what is sent changes; null turns a limit off and the hours back to the tenant's.
    const partial = await api('PATCH', `/api/teams/${teamId}/routing`, tok('admin'), {
      requeueUnansweredMinutes: null,
      businessHours: null,
    });
    expect(partial.status).toBe(200);
    expect((await config()).teams[0]).toMatchObject({
      mode: 'balanced',
      defaultCapacity: 2,
      requeueOfflineSeconds: 120,
      requeueUnansweredMinutes: null,
      businessHours: null,
    });
    const audit = await owner.query<{ action: string; details: { changes: Record<string, unknown> } }>(
      `select action, details from audit_log where tenant_id = $1 and action = 'team.routing_changed' order by id`,
      [t.id],
    );
    expect(audit.rows.map((r) => Object.keys(r.details.changes).sort())).toEqual([
      ['businessHours', 'defaultCapacity', 'mode', 'requeueOfflineSeconds', 'requeueUnansweredMinutes'],
      ['businessHours', 'requeueUnansweredMinutes'],
    ]);
  });

  it("sets an agent's own capacity and clears it back to the default", async () => {
    const set = await api('PUT', `/api/users/${uid('agent')}/capacity`, tok('admin'), { capacity: 3 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ id: uid('agent'), capacity: 3 });
    expect((await config()).agents.find((a) => a.id === uid('agent'))?.capacity).toBe(3);
    // Zero is a real capacity (takes no automatic work), not "unset".
    await api('PUT', `/api/users/${uid('supervisor')}/capacity`, tok('supervisor'), { capacity: 0 });
    expect((await config()).agents.find((a) => a.id === uid('supervisor'))?.capacity).toBe(0);
    await api('PUT', `/api/users/${uid('supervisor')}/capacity`, tok('supervisor'), { capacity: null });
    expect((await config()).agents.find((a) => a.id === uid('supervisor'))?.capacity).toBeNull();
  });

  it('is refused to agents (403) and reads nothing for them', async () => {
    const read = await api('GET', '/api/routing', tok('agent'));
    expect(read.status).toBe(403);
    const write = await api('PUT', `/api/users/${uid('agent')}/capacity`, tok('agent'), { capacity: 50 });
    expect(write.status).toBe(403);
    expect((await config()).agents.find((a) => a.id === uid('agent'))?.capacity).toBe(3);
  });
});

describe('bad input: a clear error, nothing stored, nothing else changed', () => {
  const teamCases: { label: string; body: unknown; field: string }[] = [
    { label: 'capacity -1', body: { defaultCapacity: -1 }, field: 'defaultCapacity' },
    { label: 'capacity 101', body: { defaultCapacity: 101 }, field: 'defaultCapacity' },
    { label: 'capacity 1.5', body: { defaultCapacity: 1.5 }, field: 'defaultCapacity' },
    { label: 'an unknown mode', body: { mode: 'random' }, field: 'mode' },
    { label: 'unanswered limit 0', body: { requeueUnansweredMinutes: 0 }, field: 'requeueUnansweredMinutes' },
    {
      label: 'inverted hours',
      body: { businessHours: { timezone: null, week: { mon: [{ from: '18:00', to: '08:00' }] } } },
      field: 'businessHours',
    },
    {
      label: 'overlapping hours',
      body: {
        businessHours: {
          timezone: null,
          week: {
            fri: [
              { from: '08:00', to: '12:30' },
              { from: '12:00', to: '18:00' },
            ],
          },
        },
      },
      field: 'businessHours',
    },
    {
      label: 'an unknown time zone',
      body: { businessHours: { timezone: 'America/Atlantida', week: {} } },
      field: 'businessHours',
    },
    // A valid field beside a bad one: the valid one is not stored either.
    {
      label: 'a good mode with a bad capacity',
      body: { mode: 'manual', defaultCapacity: -1 },
      field: 'defaultCapacity',
    },
    { label: 'nothing to change', body: {}, field: '' },
  ];

  it.each(teamCases)('team routing: $label → 400', async ({ body, field }) => {
    const before = await config();
    const audits = await auditCount(t.id);
    const res = await api<{ error: { code: string; details?: { path: string; message: string }[] } }>(
      'PATCH',
      `/api/teams/${teamId}/routing`,
      tok('admin'),
      body,
    );
    expect(res.status).toBe(400);
    expect(errorCode(res.body)).toBe('validation_failed');
    if (field) expect(res.body.error.details?.some((d) => d.path.startsWith(field))).toBe(true);
    expect(await config()).toEqual(before);
    expect(await auditCount(t.id)).toBe(audits);
  });

  const capacityCases: { label: string; body: unknown }[] = [
    { label: '-1', body: { capacity: -1 } },
    { label: '101', body: { capacity: 101 } },
    { label: '1.5', body: { capacity: 1.5 } },
    { label: 'a string', body: { capacity: '3' } },
    { label: 'missing', body: {} },
  ];

  it.each(capacityCases)('agent capacity $label → 400', async ({ body }) => {
    const before = await config();
    const res = await api<{ error: { details?: { path: string }[] } }>(
      'PUT',
      `/api/users/${uid('agent')}/capacity`,
      tok('admin'),
      body,
    );
    expect(res.status).toBe(400);
    expect(errorCode(res.body)).toBe('validation_failed');
    expect(res.body.error.details?.some((d) => d.path === 'capacity')).toBe(true);
    expect(await config()).toEqual(before);
  });

  it("treats another tenant's team or user as unknown (404), changing neither tenant", async () => {
    const mine = await config();
    const theirs = await config(other);
    const audits = [await auditCount(t.id), await auditCount(other.id)];
    const team = await api('PATCH', `/api/teams/${otherTeamId}/routing`, tok('admin'), { mode: 'balanced' });
    expect(team.status).toBe(404);
    expect(errorCode(team.body)).toBe('not_found');
    const user = await api('PUT', `/api/users/${uid('agent', other)}/capacity`, tok('admin'), {
      capacity: 9,
    });
    expect(user.status).toBe(404);
    expect(errorCode(user.body)).toBe('not_found');
    const unknown = await api('PATCH', `/api/teams/${crypto.randomUUID()}/routing`, tok('admin'), {
      mode: 'balanced',
    });
    expect(unknown.status).toBe(404);
    expect(await config()).toEqual(mine);
    expect(await config(other)).toEqual(theirs);
    expect([await auditCount(t.id), await auditCount(other.id)]).toEqual(audits);
  });
});
