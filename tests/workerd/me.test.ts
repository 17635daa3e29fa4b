// GET /api/me and GET /api/directory: the signed-in agent with their teams and tenant settings, and the
// tenant's agents and teams for assignment menus; only the caller's tenant, only for agents.
import { describe, expect, it } from 'vitest';
import { DirectoryResponse, MeResponse } from '../../workers/contract';
import { ACME, GLOBEX } from '../support/fixtures';
import { api, call, login, widgetSession } from './helpers';

const acmeAgent = ACME.users[1] as (typeof ACME.users)[number];
const globexAgent = GLOBEX.users[0] as (typeof GLOBEX.users)[number];

describe('me', () => {
  it('returns the agent, their teams and the tenant settings', async () => {
    const { token, tenantId } = await login(acmeAgent.email, acmeAgent.password);
    const res = await api<MeResponse>('GET', '/api/me', token);
    expect(res.status).toBe(200);
    expect(MeResponse.safeParse(res.body).success).toBe(true);
    expect(res.body.user).toMatchObject({
      tenantId,
      email: acmeAgent.email,
      name: acmeAgent.name,
      role: 'agent',
    });
    expect(res.body.teams.map((t) => t.name)).toContain('Suporte');
    expect(res.body.tenant).toMatchObject({ id: tenantId, slug: 'acme' });
    expect(typeof res.body.tenant.timezone).toBe('string');
  });

  it('is for signed-in agents only', async () => {
    expect((await call('/api/me')).status).toBe(401);
    const visitor = await widgetSession('acme');
    expect((await api('GET', '/api/me', visitor.token)).status).toBe(403);
    expect((await api('GET', '/api/directory', visitor.token)).status).toBe(403);
  });
});

describe('directory', () => {
  it("lists the tenant's agents with their teams and every team, and nothing of other tenants", async () => {
    const { token } = await login(acmeAgent.email, acmeAgent.password);
    const res = await api<DirectoryResponse>('GET', '/api/directory', token);
    expect(res.status).toBe(200);
    expect(DirectoryResponse.safeParse(res.body).success).toBe(true);
    const suporte = res.body.teams.find((t) => t.name === 'Suporte');
    expect(suporte).toBeDefined();
    const agent = res.body.agents.find((a) => a.name === acmeAgent.name);
    expect(agent).toMatchObject({ role: 'agent', teamIds: expect.arrayContaining([suporte?.id]) });
    for (const u of ACME.users) expect(res.body.agents.map((a) => a.name)).toContain(u.name);
    expect(res.body.agents.map((a) => a.name)).not.toContain(globexAgent.name);

    const globex = (await login(globexAgent.email, globexAgent.password)).token;
    const theirs = await api<DirectoryResponse>('GET', '/api/directory', globex);
    expect(theirs.body.teams.some((t) => t.id === suporte?.id)).toBe(false);
    expect(theirs.body.agents.map((a) => a.name)).not.toContain(acmeAgent.name);
  });
});
