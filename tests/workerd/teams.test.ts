// Teams: any agent lists them; admins and supervisors create, rename, change members and delete. Names are
// unique per tenant whatever their case, members must be users of the tenant, another tenant's ids are 404.
import { beforeAll, describe, expect, it } from 'vitest';
import { Team } from '../../workers/contract';
import { api, errorCode } from './helpers';
import { signIn } from './sign-in';

const tokens = signIn('admin', 'agent', 'supervisor', 'globex', 'globexAdmin');
let ids: { admin: string; agent: string; supervisor: string; globex: string };

async function me(token: string): Promise<string> {
  return (await api<{ user: { id: string } }>('GET', '/api/me', token)).body.user.id;
}

async function teams(token: string): Promise<Team[]> {
  const res = await api<{ teams: Team[] }>('GET', '/api/teams', token);
  expect(res.status).toBe(200);
  return res.body.teams.map((t) => Team.parse(t));
}

beforeAll(async () => {
  ids = {
    admin: await me(tokens.admin),
    agent: await me(tokens.agent),
    supervisor: await me(tokens.supervisor),
    globex: await me(tokens.globex),
  };
});

describe('teams', () => {
  it('lists the seeded team with its members to any agent', async () => {
    const suporte = (await teams(tokens.agent)).find((t) => t.name === 'Suporte');
    // Other suites may add members to the shared tenant's team; the seeded ones are there.
    expect(suporte?.memberIds).toEqual(expect.arrayContaining([ids.agent, ids.supervisor]));
    expect((await teams(tokens.globex)).some((t) => t.name === 'Suporte')).toBe(false);
  });

  it('lets a supervisor create, rename, re-staff and delete a team', async () => {
    const created = await api<Team>('POST', '/api/teams', tokens.supervisor, {
      name: 'Cobrança',
      memberIds: [ids.agent, ids.agent],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Cobrança', memberIds: [ids.agent] });
    const id = created.body.id;

    const renamed = await api<Team>('PATCH', `/api/teams/${id}`, tokens.supervisor, {
      name: 'Cobrança e boletos',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Cobrança e boletos', memberIds: [ids.agent] });

    const restaffed = await api<Team>('PATCH', `/api/teams/${id}`, tokens.admin, {
      memberIds: [ids.supervisor, ids.admin],
    });
    expect(restaffed.body.memberIds.sort()).toEqual([ids.supervisor, ids.admin].sort());
    const listed = (await teams(tokens.agent)).find((t) => t.id === id);
    expect(listed?.name).toBe('Cobrança e boletos');

    expect((await api('DELETE', `/api/teams/${id}`, tokens.supervisor)).status).toBe(204);
    expect((await teams(tokens.agent)).some((t) => t.id === id)).toBe(false);
    expect((await api('DELETE', `/api/teams/${id}`, tokens.supervisor)).status).toBe(404);
  });

  it('refuses a name the tenant already has, in any case, and changes nothing', async () => {
    const dup = await api('POST', '/api/teams', tokens.admin, { name: 'SUPORTE' });
    expect(dup.status).toBe(409);
    expect(errorCode(dup.body)).toBe('conflict');
    const other = await api<Team>('POST', '/api/teams', tokens.admin, { name: 'Retenção' });
    const rename = await api('PATCH', `/api/teams/${other.body.id}`, tokens.admin, { name: 'suporte' });
    expect(rename.status).toBe(409);
    expect((await teams(tokens.agent)).filter((t) => t.name.toLowerCase() === 'suporte')).toHaveLength(1);
    // Another tenant may use the same name.
    expect((await teams(tokens.globex)).some((t) => t.name === 'Retenção')).toBe(false);
  });

  it('rejects bad input with a 400 and stores nothing', async () => {
    const bodies: unknown[] = [
      {},
      { name: '' },
      { name: '   ' },
      { name: 'x'.repeat(121) },
      { name: 'Id malformado', memberIds: ['not-a-uuid'] },
      { name: 'Membro desconhecido', memberIds: [crypto.randomUUID()] },
      { name: 'Membro de outro tenant', memberIds: [ids.agent, ids.globex] },
    ];
    for (const body of bodies) {
      const res = await api('POST', '/api/teams', tokens.admin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    // Other suites may add teams meanwhile: none of these names may have been stored.
    const names = (await teams(tokens.admin)).map((t) => t.name);
    expect(names.filter((n) => /^(Id malformado|Membro )/.test(n))).toEqual([]);
    expect(names.filter((n) => n.trim() === '' || n.length > 120)).toEqual([]);

    const own = await api<Team>('POST', '/api/teams', tokens.admin, {
      name: 'Plantão',
      memberIds: [ids.agent],
    });
    for (const body of [{}, { name: '' }, { name: 'Plantão 2', memberIds: [ids.globex] }]) {
      const res = await api('PATCH', `/api/teams/${own.body.id}`, tokens.admin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await teams(tokens.admin)).find((t) => t.id === own.body.id)).toEqual(own.body);
  });

  it('is closed to agents for writes (403) and to other tenants entirely (404)', async () => {
    const suporte = (await teams(tokens.agent)).find((t) => t.name === 'Suporte') as Team;
    expect((await api('POST', '/api/teams', tokens.agent, { name: 'Minha equipe' })).status).toBe(403);
    expect((await api('PATCH', `/api/teams/${suporte.id}`, tokens.agent, { name: 'X' })).status).toBe(403);
    expect((await api('DELETE', `/api/teams/${suporte.id}`, tokens.agent)).status).toBe(403);
    expect((await teams(tokens.agent)).some((t) => t.name === 'Minha equipe')).toBe(false);

    expect(
      (await api('PATCH', `/api/teams/${suporte.id}`, tokens.globexAdmin, { name: 'Roubada' })).status,
    ).toBe(404);
    expect((await api('DELETE', `/api/teams/${suporte.id}`, tokens.globexAdmin)).status).toBe(404);
    expect((await teams(tokens.agent)).find((t) => t.id === suporte.id)?.name).toBe('Suporte');
    expect((await api('GET', '/api/teams', 'not-a-token')).status).toBe(401);
  });
});
