// Outages REST: a supervisor registers an outage (or maintenance) for an area, agents read it, the state is
// computed from the times, resolve is audited and happens once; bad input (inverted times, an empty area,
// unknown fields, bad ids) is a 400/404 envelope with nothing stored; another tenant's outage is 404.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutageListResponse, OutageResponse, type OutageView } from '../../workers/contract';
import { asTenant, openClient } from './db-helpers';
import { api, errorCode, login } from './helpers';
import { PEOPLE, signIn } from './sign-in';

const tokens = signIn('admin', 'agent', 'supervisor', 'globex');
let client: Client;
let acmeId: string;

beforeAll(async () => {
  client = await openClient();
  acmeId = (await login(PEOPLE.admin.email, PEOPLE.admin.password)).tenantId;
});
afterAll(async () => {
  await client?.end();
});

const title = () => `Queda ${crypto.randomUUID().slice(0, 8)}`;
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

async function create(body: Record<string, unknown>, token = tokens.supervisor) {
  return api<{ outage: OutageView }>('POST', '/api/outages', token, body);
}

const rowsTitled = async (t: string) =>
  Number(
    (
      await asTenant(client, acmeId, () =>
        client.query<{ n: string }>('select count(*) as n from outages where title = $1', [t]),
      )
    ).rows[0]?.n,
  );

const auditRows = (action: string, targetId: string) =>
  asTenant(client, acmeId, () =>
    client.query('select 1 from audit_log where tenant_id = $1 and action = $2 and target_id = $3', [
      acmeId,
      action,
      targetId,
    ]),
  );

describe('outages over REST', () => {
  it('registers an outage already happening: active, with its area, read back by any agent', async () => {
    const t = title();
    const res = await create({
      title: t,
      area: { neighbourhoods: ['Centro', 'São José'], cities: [], pops: [], contracts: [] },
      startsAt: hoursFromNow(-1),
      expectedEndAt: hoursFromNow(3),
      message: 'Rompimento de fibra na Av. Brasil; equipe a caminho.',
    });
    expect(res.status).toBe(201);
    const outage = OutageResponse.parse(res.body).outage;
    expect(outage).toMatchObject({
      kind: 'outage',
      title: t,
      state: 'active',
      resolvedAt: null,
      noticeCampaignId: null,
      conversationCount: 0,
    });
    expect(outage.area.neighbourhoods).toEqual(['Centro', 'São José']);
    expect(await rowsTitled(t)).toBe(1);

    const read = await api<{ outage: OutageView }>('GET', `/api/outages/${outage.id}`, tokens.agent);
    expect(read.status).toBe(200);
    expect(read.body.outage).toEqual(outage);
    const active = await api('GET', '/api/outages?state=active', tokens.agent);
    expect(OutageListResponse.parse(active.body).outages.map((o) => o.id)).toContain(outage.id);
    const scheduled = await api('GET', '/api/outages?state=scheduled', tokens.agent);
    expect(OutageListResponse.parse(scheduled.body).outages.map((o) => o.id)).not.toContain(outage.id);

    const audit = await auditRows('outage.created', outage.id);
    expect(audit.rows).toHaveLength(1);
  });

  it('a maintenance starting later is scheduled', async () => {
    const res = await create({
      kind: 'maintenance',
      title: title(),
      area: { pops: ['POP Norte'] },
      startsAt: hoursFromNow(24),
      expectedEndAt: hoursFromNow(26),
      message: 'Troca de equipamento no POP Norte entre 2h e 4h.',
    });
    expect(res.status).toBe(201);
    expect(res.body.outage).toMatchObject({ kind: 'maintenance', state: 'scheduled' });
    const list = await api('GET', '/api/outages?state=scheduled', tokens.agent);
    expect(OutageListResponse.parse(list.body).outages.map((o) => o.id)).toContain(res.body.outage.id);
  });

  it('resolves once (audited); a second resolve is 409 and changes nothing', async () => {
    const created = (
      await create({
        title: title(),
        area: { cities: ['Contagem'] },
        startsAt: hoursFromNow(-2),
        message: 'Queda.',
      })
    ).body.outage;
    const res = await api<{ outage: OutageView }>(
      'POST',
      `/api/outages/${created.id}/resolve`,
      tokens.supervisor,
      { message: 'Tudo normalizado. Obrigado pela paciência!', notify: false },
    );
    expect(res.status).toBe(200);
    expect(res.body.outage).toMatchObject({
      state: 'resolved',
      resolutionMessage: 'Tudo normalizado. Obrigado pela paciência!',
      resolutionCampaignId: null,
    });
    const resolvedAt = res.body.outage.resolvedAt;
    expect(resolvedAt).not.toBeNull();
    const again = await api('POST', `/api/outages/${created.id}/resolve`, tokens.supervisor, {
      message: 'outra',
      notify: false,
    });
    expect(again.status).toBe(409);
    expect(errorCode(again.body)).toBe('conflict');
    const read = await api<{ outage: OutageView }>('GET', `/api/outages/${created.id}`, tokens.agent);
    expect(read.body.outage.resolvedAt).toBe(resolvedAt);
    expect(read.body.outage.resolutionMessage).toBe('Tudo normalizado. Obrigado pela paciência!');
    const list = await api('GET', '/api/outages?state=resolved', tokens.agent);
    expect(OutageListResponse.parse(list.body).outages.map((o) => o.id)).toContain(created.id);
    const audit = await auditRows('outage.resolved', created.id);
    expect(audit.rows).toHaveLength(1);
  });

  it('refuses bad input with the envelope and stores nothing', async () => {
    const base = {
      title: title(),
      area: { neighbourhoods: ['Centro'] },
      startsAt: hoursFromNow(-1),
      message: 'Queda.',
    };
    const cases: [string, Record<string, unknown>, string][] = [
      ['inverted times', { ...base, expectedEndAt: hoursFromNow(-2) }, 'expectedEndAt'],
      [
        'an empty area',
        { ...base, area: { cities: [], neighbourhoods: [], pops: [], contracts: [] } },
        'area',
      ],
      ['no area at all', { ...base, area: undefined }, 'area'],
      ['an unknown field', { ...base, severity: 'high' }, ''],
      ['an unknown area field', { ...base, area: { streets: ['Rua A'] } }, 'area'],
      ['a blank place', { ...base, area: { neighbourhoods: ['   '] } }, 'area'],
      ['a time without offset', { ...base, startsAt: '2026-12-04T10:00:00' }, 'startsAt'],
      ['a blank message', { ...base, message: ' ' }, 'message'],
      ['an unknown kind', { ...base, kind: 'storm' }, 'kind'],
    ];
    for (const [what, body, path] of cases) {
      const res = await create(body);
      expect(res.status, what).toBe(400);
      expect(errorCode(res.body), what).toBe('validation_failed');
      const details = (res.body as unknown as { error: { details: { path: string }[]; requestId: string } })
        .error;
      expect(details.requestId, what).toBeTruthy();
      if (path) expect(details.details.map((d) => d.path).join(' '), what).toContain(path);
    }
    expect(await rowsTitled(base.title)).toBe(0);
    const notJson = await api('POST', '/api/outages', tokens.supervisor, 'not an object');
    expect(notJson.status).toBe(400);
    const badState = await api('GET', '/api/outages?state=soon', tokens.agent);
    expect(badState.status).toBe(400);
    expect(errorCode(badState.body)).toBe('validation_failed');
    const badResolve = await api('POST', `/api/outages/${crypto.randomUUID()}/resolve`, tokens.supervisor, {
      message: '',
    });
    expect(badResolve.status).toBe(400);
  });

  it('only outages.manage writes: an agent reads but cannot register or resolve', async () => {
    const t = title();
    const res = await create(
      { title: t, area: { cities: ['Betim'] }, startsAt: hoursFromNow(-1), message: 'x' },
      tokens.agent,
    );
    expect(res.status).toBe(403);
    expect(errorCode(res.body)).toBe('forbidden');
    expect(await rowsTitled(t)).toBe(0);
    const any = (
      await create({ title: title(), area: { cities: ['Betim'] }, startsAt: hoursFromNow(-1), message: 'x' })
    ).body.outage;
    const resolve = await api('POST', `/api/outages/${any.id}/resolve`, tokens.agent, { message: 'ok' });
    expect(resolve.status).toBe(403);
    const unauth = await api('GET', '/api/outages', 'not-a-token');
    expect(unauth.status).toBe(401);
  });

  it("another tenant's outage is 404 and absent from its list", async () => {
    const mine = (
      await create({
        title: title(),
        area: { cities: ['Sabará'] },
        startsAt: hoursFromNow(-1),
        message: 'Queda.',
      })
    ).body.outage;
    const read = await api('GET', `/api/outages/${mine.id}`, tokens.globex);
    expect(read.status).toBe(404);
    expect(errorCode(read.body)).toBe('not_found');
    const list = await api('GET', '/api/outages', tokens.globex);
    expect(OutageListResponse.parse(list.body).outages.map((o) => o.id)).not.toContain(mine.id);
    const malformed = await api('GET', '/api/outages/not-a-uuid', tokens.agent);
    expect(malformed.status).toBe(404);
    const unknown = await api('GET', `/api/outages/${crypto.randomUUID()}`, tokens.agent);
    expect(unknown.status).toBe(404);
  });
});
