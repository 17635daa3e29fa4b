// Tenant settings: every agent reads them; only admins change name, time zone and language; an unknown time
// zone is a 400; each tenant sees and changes only its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantSettings } from '../../workers/contract';
import { ACME, GLOBEX } from '../support/fixtures';
import { api, errorCode, login } from './helpers';

const [acmeAdmin, acmeAgent, acmeSupervisor] = ACME.users as [
  (typeof ACME.users)[number],
  (typeof ACME.users)[number],
  (typeof ACME.users)[number],
];
const globexAgent = GLOBEX.users[0] as (typeof GLOBEX.users)[number];

let admin: string;
let agent: string;
let original: TenantSettings;

async function settings(token: string): Promise<TenantSettings> {
  const res = await api<TenantSettings>('GET', '/api/tenant/settings', token);
  expect(res.status).toBe(200);
  return TenantSettings.parse(res.body);
}

beforeAll(async () => {
  admin = (await login(acmeAdmin.email, acmeAdmin.password)).token;
  agent = (await login(acmeAgent.email, acmeAgent.password)).token;
  original = await settings(agent);
});

// Other suites share the ACME tenant: leave it as found.
afterAll(async () => {
  const { name, timezone, locale } = original;
  await api('PATCH', '/api/tenant/settings', admin, { name, timezone, locale });
});

describe('tenant settings', () => {
  it("shows every agent their own tenant's settings", async () => {
    expect(original).toMatchObject({
      slug: 'acme',
      name: ACME.name,
      timezone: 'America/Sao_Paulo',
      locale: 'pt-BR',
    });
    const globex = (await login(globexAgent.email, globexAgent.password)).token;
    expect(await settings(globex)).toMatchObject({ slug: 'globex', name: GLOBEX.name });
  });

  it('lets an admin change time zone, language and name', async () => {
    const res = await api<TenantSettings>('PATCH', '/api/tenant/settings', admin, {
      timezone: 'America/Manaus',
      locale: 'en',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ timezone: 'America/Manaus', locale: 'en', name: ACME.name });
    expect(await settings(agent)).toEqual(res.body);
    const me = await api<{ tenant: TenantSettings }>('GET', '/api/me', agent);
    expect(me.body.tenant.timezone).toBe('America/Manaus');
    const renamed = await api<TenantSettings>('PATCH', '/api/tenant/settings', admin, {
      name: 'Acme Fibra Ltda',
    });
    expect(renamed.body.name).toBe('Acme Fibra Ltda');
  });

  it('rejects bad input with a 400 and changes nothing', async () => {
    const before = await settings(agent);
    for (const body of [{}, { timezone: 'Mars/Olympus' }, { locale: 'fr' }, { name: '' }, { slug: 'x' }]) {
      const res = await api('PATCH', '/api/tenant/settings', admin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    expect(await settings(agent)).toEqual(before);
  });

  it('is changed by admins only (403 for supervisors and agents)', async () => {
    const before = await settings(agent);
    const supervisor = (await login(acmeSupervisor.email, acmeSupervisor.password)).token;
    for (const token of [agent, supervisor]) {
      expect((await api('PATCH', '/api/tenant/settings', token, { name: 'Hackeado' })).status).toBe(403);
    }
    expect(await settings(agent)).toEqual(before);
  });
});
