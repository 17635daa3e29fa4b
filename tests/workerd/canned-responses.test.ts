// Canned responses: every agent reads them sorted by shortcut; admins and supervisors create, replace and
// delete; a shortcut is unique per tenant (409); bad input stores nothing; other tenants see nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { CannedResponse } from '../../workers/contract';
import { ACME, GLOBEX } from '../support/fixtures';
import { api, errorCode, login } from './helpers';

const [acmeAdmin, acmeAgent, acmeSupervisor] = ACME.users as [
  (typeof ACME.users)[number],
  (typeof ACME.users)[number],
  (typeof ACME.users)[number],
];
const [globexAgent, globexAdminUser] = GLOBEX.users as [
  (typeof GLOBEX.users)[number],
  (typeof GLOBEX.users)[number],
];

let admin: string;
let agent: string;
let supervisor: string;
let globex: string;
let globexAdmin: string;

async function canned(token: string): Promise<CannedResponse[]> {
  const res = await api<{ cannedResponses: CannedResponse[] }>('GET', '/api/canned-responses', token);
  expect(res.status).toBe(200);
  return res.body.cannedResponses.map((c) => CannedResponse.parse(c));
}

const shortcut = () => `t-${crypto.randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  admin = (await login(acmeAdmin.email, acmeAdmin.password)).token;
  agent = (await login(acmeAgent.email, acmeAgent.password)).token;
  supervisor = (await login(acmeSupervisor.email, acmeSupervisor.password)).token;
  globex = (await login(globexAgent.email, globexAgent.password)).token;
  globexAdmin = (await login(globexAdminUser.email, globexAdminUser.password)).token;
});

describe('canned responses', () => {
  it('lists the seeded reply to any agent, sorted by shortcut', async () => {
    await api('POST', '/api/canned-responses', admin, { shortcut: 'aaa-primeiro', title: 'A', body: 'a' });
    const list = await canned(agent);
    expect(list.find((c) => c.shortcut === 'ola')?.body).toContain('{{contact.name}}');
    const shortcuts = list.map((c) => c.shortcut);
    expect(shortcuts).toEqual([...shortcuts].sort());
    expect(shortcuts[0]).toBe('aaa-primeiro');
    expect((await canned(globex)).some((c) => c.shortcut === 'ola' || c.shortcut === 'aaa-primeiro')).toBe(
      false,
    );
  });

  it('lets a supervisor create, replace and delete a reply', async () => {
    const s = shortcut();
    const created = await api<CannedResponse>('POST', '/api/canned-responses', supervisor, {
      shortcut: s,
      title: 'Segunda via',
      body: 'A segunda via do boleto está no app, {{contact.name}}.',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ shortcut: s, title: 'Segunda via' });
    const replaced = await api<CannedResponse>(
      'PUT',
      `/api/canned-responses/${created.body.id}`,
      supervisor,
      {
        shortcut: `${s}-2`,
        title: 'Segunda via do boleto',
        body: 'Enviei a segunda via por e-mail.',
      },
    );
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      id: created.body.id,
      shortcut: `${s}-2`,
      createdAt: created.body.createdAt,
    });
    expect((await canned(agent)).find((c) => c.id === created.body.id)?.body).toBe(
      'Enviei a segunda via por e-mail.',
    );
    expect((await api('DELETE', `/api/canned-responses/${created.body.id}`, admin)).status).toBe(204);
    expect((await canned(agent)).some((c) => c.id === created.body.id)).toBe(false);
  });

  it('refuses a shortcut the tenant already has (409); another tenant may use it', async () => {
    const dup = await api('POST', '/api/canned-responses', admin, {
      shortcut: 'ola',
      title: 'Outro',
      body: 'x',
    });
    expect(dup.status).toBe(409);
    expect(errorCode(dup.body)).toBe('conflict');
    const other = await api<CannedResponse>('POST', '/api/canned-responses', admin, {
      shortcut: shortcut(),
      title: 'Outro',
      body: 'x',
    });
    const clash = await api('PUT', `/api/canned-responses/${other.body.id}`, admin, {
      shortcut: 'ola',
      title: 'Outro',
      body: 'x',
    });
    expect(clash.status).toBe(409);
    expect((await canned(agent)).filter((c) => c.shortcut === 'ola')).toHaveLength(1);
    const theirs = await api('POST', '/api/canned-responses', globexAdmin, {
      shortcut: 'ola',
      title: 'Oi',
      body: 'Oi!',
    });
    expect(theirs.status).toBe(201);
  });

  it('rejects bad input with a 400 and stores nothing', async () => {
    const before = await canned(admin);
    const bodies: unknown[] = [
      {},
      { shortcut: 'Maiúsculo', title: 'x', body: 'x' },
      { shortcut: 'com espaço', title: 'x', body: 'x' },
      { shortcut: '', title: 'x', body: 'x' },
      { shortcut: 'x'.repeat(33), title: 'x', body: 'x' },
      { shortcut: 'ok', title: '', body: 'x' },
      { shortcut: 'ok', title: 'x', body: '   ' },
      { shortcut: 'ok', title: 'x', body: 'x'.repeat(4097) },
    ];
    for (const body of bodies) {
      const res = await api('POST', '/api/canned-responses', admin, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    const ola = before.find((c) => c.shortcut === 'ola') as CannedResponse;
    expect((await api('PUT', `/api/canned-responses/${ola.id}`, admin, { title: 'só título' })).status).toBe(
      400,
    );
    expect(await canned(admin)).toEqual(before);
  });

  it('is read-only for agents (403) and invisible to other tenants (404)', async () => {
    const ola = (await canned(agent)).find((c) => c.shortcut === 'ola') as CannedResponse;
    const body = { shortcut: shortcut(), title: 'x', body: 'x' };
    expect((await api('POST', '/api/canned-responses', agent, body)).status).toBe(403);
    expect((await api('PUT', `/api/canned-responses/${ola.id}`, agent, body)).status).toBe(403);
    expect((await api('DELETE', `/api/canned-responses/${ola.id}`, agent)).status).toBe(403);
    expect((await api('PUT', `/api/canned-responses/${ola.id}`, globexAdmin, body)).status).toBe(404);
    expect((await api('DELETE', `/api/canned-responses/${ola.id}`, globexAdmin)).status).toBe(404);
    expect((await canned(agent)).find((c) => c.id === ola.id)).toEqual(ola);
  });
});
