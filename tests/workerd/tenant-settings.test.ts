// Tenant settings: every agent reads them; only admins change name, time zone and language; an unknown time
// zone is a 400; each tenant sees and changes only its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantSettings } from '../../workers/contract';
import { ACME, GLOBEX } from '../support/fixtures';
import { api, errorCode } from './helpers';
import { signIn, tokenOf } from './sign-in';

const tokens = signIn('admin', 'agent');
let original: TenantSettings;

async function settings(token: string): Promise<TenantSettings> {
  const res = await api<TenantSettings>('GET', '/api/tenant/settings', token);
  expect(res.status).toBe(200);
  return TenantSettings.parse(res.body);
}

beforeAll(async () => {
  original = await settings(tokens.agent);
});

// Other suites share the ACME tenant: leave it as found.
afterAll(async () => {
  const { name, timezone, locale } = original;
  await api('PATCH', '/api/tenant/settings', tokens.admin, { name, timezone, locale });
});

describe('tenant settings', () => {
  it("shows every agent their own tenant's settings", async () => {
    expect(original).toMatchObject({
      slug: 'acme',
      name: ACME.name,
      timezone: 'America/Sao_Paulo',
      locale: 'pt-BR',
    });
    const globex = await tokenOf('globex');
    expect(await settings(globex)).toMatchObject({ slug: 'globex', name: GLOBEX.name });
  });

  it('lets an admin change time zone, language and name', async () => {
    const res = await api<TenantSettings>('PATCH', '/api/tenant/settings', tokens.admin, {
      timezone: 'America/Manaus',
      locale: 'en',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ timezone: 'America/Manaus', locale: 'en', name: ACME.name });
    expect(await settings(tokens.agent)).toEqual(res.body);
    const me = await api<{ tenant: TenantSettings }>('GET', '/api/me', tokens.agent);
    expect(me.body.tenant.timezone).toBe('America/Manaus');
    const renamed = await api<TenantSettings>('PATCH', '/api/tenant/settings', tokens.admin, {
      name: 'Acme Fibra Ltda',
    });
    expect(renamed.body.name).toBe('Acme Fibra Ltda');
  });

  it('rejects bad input with a 400 and changes nothing', async () => {
    const before = await settings(tokens.agent);
    for (const body of [{}, { timezone: 'Mars/Olympus' }, { locale: 'fr' }, { name: '' }, { slug: 'x' }]) {
      const res = await api('PATCH', '/api/tenant/settings', tokens.admin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    expect(await settings(tokens.agent)).toEqual(before);
  });

  it('is changed by admins only (403 for supervisors and agents)', async () => {
    const before = await settings(tokens.agent);
    const supervisor = await tokenOf('supervisor');
    for (const token of [tokens.agent, supervisor]) {
      expect((await api('PATCH', '/api/tenant/settings', token, { name: 'Hackeado' })).status).toBe(403);
    }
    expect(await settings(tokens.agent)).toEqual(before);
  });
});
