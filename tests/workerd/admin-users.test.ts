// Users and roles (admins only): list, create with a password that then logs in, change name, role,
// password and teams; a taken email is a 409 anywhere in the deployment; the last owner keeps the role, and
// only owners touch owners; a tenant with no owner keeps its last admin.
import { beforeAll, describe, expect, it } from 'vitest';
import { AdminUser, type Team } from '../../workers/contract';
import { asTenant, openClient } from './db-helpers';
import { api, errorCode, login, postJson } from './helpers';
import { PEOPLE, signIn, tokenOf } from './sign-in';

const tokens = signIn('admin', 'globexAdmin');
let suporteId: string;

async function users(token: string): Promise<AdminUser[]> {
  const res = await api<{ users: AdminUser[] }>('GET', '/api/admin/users', token);
  expect(res.status).toBe(200);
  return res.body.users.map((u) => AdminUser.parse(u));
}

const unique = () => `u${crypto.randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  const teams = await api<{ teams: Team[] }>('GET', '/api/teams', tokens.admin);
  suporteId = (teams.body.teams.find((t) => t.name === 'Suporte') as Team).id;
});

describe('admin users', () => {
  it("lists the tenant's users with roles and teams, never another tenant's", async () => {
    const list = await users(tokens.admin);
    const emails = list.map((u) => u.email);
    expect(emails).toEqual(
      expect.arrayContaining([PEOPLE.admin.email, PEOPLE.agent.email, PEOPLE.supervisor.email]),
    );
    expect(emails).not.toContain(PEOPLE.globex.email);
    // Other suites may put the agent in more teams meanwhile; the seeded one is there.
    expect(list.find((u) => u.email === PEOPLE.agent.email)).toMatchObject({
      role: 'agent',
      teamIds: expect.arrayContaining([suporteId]),
    });
  });

  it('creates a user who can then sign in, with teams', async () => {
    const email = `${unique()}@acme.test`;
    const res = await api<AdminUser>('POST', '/api/admin/users', tokens.admin, {
      email,
      name: 'Nova Agente',
      role: 'agent',
      password: 'senha-bem-longa',
      teamIds: [suporteId],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email, name: 'Nova Agente', role: 'agent', teamIds: [suporteId] });
    expect(JSON.stringify(res.body)).not.toContain('senha-bem-longa');
    const signedIn = await login(email, 'senha-bem-longa');
    const me = await api<{ user: { id: string }; teams: { id: string }[] }>('GET', '/api/me', signedIn.token);
    expect(me.body.user.id).toBe(res.body.id);
    expect(me.body.teams.map((t) => t.id)).toEqual([suporteId]);
  });

  it('changes name, role, password and teams (teams replace the old ones)', async () => {
    const email = `${unique()}@acme.test`;
    const created = await api<AdminUser>('POST', '/api/admin/users', tokens.admin, {
      email,
      name: 'Temporário',
      role: 'agent',
      password: 'primeira-senha',
      teamIds: [suporteId],
    });
    const id = created.body.id;
    const other = await api<Team>('POST', '/api/teams', tokens.admin, { name: `Equipe ${unique()}` });
    const res = await api<AdminUser>('PATCH', `/api/admin/users/${id}`, tokens.admin, {
      name: 'Supervisora Nova',
      role: 'supervisor',
      password: 'segunda-senha',
      teamIds: [other.body.id],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Supervisora Nova',
      role: 'supervisor',
      teamIds: [other.body.id],
    });
    expect((await postJson('/api/auth/login', { email, password: 'primeira-senha' })).status).toBe(401);
    const signedIn = await login(email, 'segunda-senha');
    // The new role is in force: a supervisor may manage teams.
    expect((await api('POST', '/api/teams', signedIn.token, { name: `Equipe ${unique()}` })).status).toBe(
      201,
    );
    const cleared = await api<AdminUser>('PATCH', `/api/admin/users/${id}`, tokens.admin, { teamIds: [] });
    expect(cleared.body.teamIds).toEqual([]);
  });

  it('refuses an email already used by any user, in any tenant or case (409)', async () => {
    for (const email of [PEOPLE.agent.email, PEOPLE.globex.email.toUpperCase()]) {
      const res = await api('POST', '/api/admin/users', tokens.admin, {
        email,
        name: 'Duplicado',
        role: 'agent',
        password: 'senha-bem-longa',
      });
      expect(res.status).toBe(409);
      expect(errorCode(res.body)).toBe('conflict');
    }
    expect((await users(tokens.admin)).filter((u) => u.name === 'Duplicado')).toEqual([]);
  });

  it('never removes the last owner (409); only an owner grants, revokes or changes owners (403 for admins)', async () => {
    const owner = await tokenOf('owner');
    const self = (await users(owner)).find((u) => u.email === PEOPLE.owner.email) as AdminUser;
    const demote = await api('PATCH', `/api/admin/users/${self.id}`, owner, { role: 'admin' });
    expect(demote.status).toBe(409);
    expect(errorCode(demote.body)).toBe('conflict');
    expect((await users(owner)).find((u) => u.id === self.id)?.role).toBe('owner');

    // An admin may neither touch an owner nor make one, and nothing changes.
    for (const [method, path, body] of [
      ['PATCH', `/api/admin/users/${self.id}`, { role: 'agent' }],
      ['PATCH', `/api/admin/users/${self.id}`, { name: 'Renomeado' }],
      ['PATCH', `/api/admin/users/${self.id}`, { password: 'senha-trocada-123' }],
      [
        'POST',
        '/api/admin/users',
        { email: `${unique()}@acme.test`, name: 'Dono', role: 'owner', password: 'senha-bem-longa' },
      ],
    ] as const) {
      const res = await api(method, path, tokens.admin, body);
      expect(res.status, `${method} ${JSON.stringify(body)}`).toBe(403);
      expect(errorCode(res.body)).toBe('forbidden');
    }
    const agentRow = (await users(owner)).find((u) => u.email === PEOPLE.agent.email) as AdminUser;
    const promote = await api('PATCH', `/api/admin/users/${agentRow.id}`, tokens.admin, { role: 'owner' });
    expect(promote.status).toBe(403);
    const after = await users(owner);
    expect(after.find((u) => u.id === self.id)).toMatchObject({ role: 'owner', name: PEOPLE.owner.name });
    expect(after.find((u) => u.id === agentRow.id)?.role).toBe('agent');
    expect(after.filter((u) => u.name === 'Dono')).toEqual([]);
    await login(PEOPLE.owner.email, PEOPLE.owner.password);

    // An owner makes a second owner, who may then step down (the first one remains).
    const second = await api<AdminUser>('POST', '/api/admin/users', owner, {
      email: `${unique()}@acme.test`,
      name: 'Segunda Dona',
      role: 'owner',
      password: 'senha-bem-longa',
    });
    expect(second.status).toBe(201);
    expect(second.body.role).toBe('owner');
    const down = await api<AdminUser>('PATCH', `/api/admin/users/${second.body.id}`, owner, {
      role: 'admin',
    });
    expect(down.status).toBe(200);
    expect(down.body.role).toBe('admin');

    // Both changes are in the tenant's audit log, by the owner, with the roles.
    const client = await openClient();
    try {
      const { tenantId } = await login(PEOPLE.owner.email, PEOPLE.owner.password);
      const rows = await asTenant(client, tenantId, () =>
        client.query<{ action: string; actor_id: string; details: Record<string, unknown> }>(
          `select action, actor_id, details from audit_log where target_id = $1 order by id`,
          [second.body.id],
        ),
      );
      expect(rows.rows.map((r) => [r.action, r.actor_id === self.id])).toEqual([
        ['user.created', true],
        ['user.role_changed', true],
      ]);
      expect(rows.rows[1]?.details).toMatchObject({ from: 'owner', to: 'admin' });
    } finally {
      await client.end();
    }
  });

  it('keeps the last admin of a tenant without an owner (409), and allows it when another admin exists', async () => {
    const list = await users(tokens.globexAdmin);
    const self = list.find((u) => u.email === PEOPLE.globexAdmin.email) as AdminUser;
    const demote = await api('PATCH', `/api/admin/users/${self.id}`, tokens.globexAdmin, { role: 'agent' });
    expect(demote.status).toBe(409);
    expect((await users(tokens.globexAdmin)).find((u) => u.id === self.id)?.role).toBe('admin');

    const second = await api<AdminUser>('POST', '/api/admin/users', tokens.globexAdmin, {
      email: `${unique()}@globex.test`,
      name: 'Segunda Admin',
      role: 'admin',
      password: 'senha-bem-longa',
    });
    const ok = await api<AdminUser>('PATCH', `/api/admin/users/${second.body.id}`, tokens.globexAdmin, {
      role: 'agent',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.role).toBe('agent');
  });

  it('rejects bad input with a 400 and stores nothing', async () => {
    const emails = async () => (await users(tokens.admin)).map((u) => u.email).sort();
    const before = await emails();
    const base = { email: `${unique()}@acme.test`, name: 'Ok', role: 'agent', password: 'senha-bem-longa' };
    const bodies: unknown[] = [
      {},
      { ...base, email: 'not-an-email' },
      { ...base, name: '' },
      { ...base, role: 'root' },
      { ...base, password: 'curta' },
      { ...base, teamIds: ['nope'] },
      { ...base, teamIds: [crypto.randomUUID()] },
    ];
    for (const body of bodies) {
      const res = await api('POST', '/api/admin/users', tokens.admin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    expect(await emails()).toEqual(before);

    const own = await api<AdminUser>('POST', '/api/admin/users', tokens.admin, {
      ...base,
      email: `${unique()}@acme.test`,
      teamIds: [suporteId],
    });
    for (const body of [
      {},
      { role: 'root' },
      { password: 'curta' },
      { name: 'Ok', teamIds: [crypto.randomUUID()] },
    ]) {
      const res = await api('PATCH', `/api/admin/users/${own.body.id}`, tokens.admin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await users(tokens.admin)).find((u) => u.id === own.body.id)).toEqual(own.body);
  });

  it('is for admins only (403), and another tenant’s user ids are 404', async () => {
    const supervisor = await tokenOf('supervisor');
    const agent = await tokenOf('agent');
    for (const token of [supervisor, agent]) {
      expect((await api('GET', '/api/admin/users', token)).status).toBe(403);
      const create = await api('POST', '/api/admin/users', token, {
        email: `${unique()}@acme.test`,
        name: 'Intruso',
        role: 'admin',
        password: 'senha-bem-longa',
      });
      expect(create.status).toBe(403);
    }
    const acmeAgentId = (await users(tokens.admin)).find((u) => u.email === PEOPLE.agent.email)?.id as string;
    const foreign = await api('PATCH', `/api/admin/users/${acmeAgentId}`, tokens.globexAdmin, {
      name: 'Roubado',
    });
    expect(foreign.status).toBe(404);
    expect(
      (await api('PATCH', `/api/admin/users/${crypto.randomUUID()}`, tokens.admin, { name: 'X' })).status,
    ).toBe(404);
    expect((await api('PATCH', '/api/admin/users/not-a-uuid', tokens.admin, { name: 'X' })).status).toBe(404);
    expect((await users(tokens.admin)).find((u) => u.id === acmeAgentId)?.name).toBe(PEOPLE.agent.name);
    expect((await users(tokens.admin)).some((u) => u.name === 'Intruso')).toBe(false);
  });
});
