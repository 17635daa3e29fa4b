// Canned responses: every agent reads them sorted by shortcut; admins and supervisors create, replace and
// delete; a shortcut is unique per tenant (409); bad input stores nothing; other tenants see nothing.
import { describe, expect, it } from 'vitest';
import { CannedResponse } from '../../workers/contract';
import { api, errorCode } from './helpers';
import { signIn } from './sign-in';

const tokens = signIn('admin', 'agent', 'supervisor', 'globex', 'globexAdmin');

async function canned(token: string): Promise<CannedResponse[]> {
  const res = await api<{ cannedResponses: CannedResponse[] }>('GET', '/api/canned-responses', token);
  expect(res.status).toBe(200);
  return res.body.cannedResponses.map((c) => CannedResponse.parse(c));
}

const shortcut = () => `t-${crypto.randomUUID().slice(0, 8)}`;

describe('canned responses', () => {
  it('lists the seeded reply to any agent, sorted by shortcut', async () => {
    await api('POST', '/api/canned-responses', tokens.admin, {
      shortcut: 'aaa-primeiro',
      title: 'A',
      body: 'a',
    });
    const list = await canned(tokens.agent);
    expect(list.find((c) => c.shortcut === 'ola')?.body).toContain('{{contact.name}}');
    const shortcuts = list.map((c) => c.shortcut);
    expect(shortcuts).toEqual([...shortcuts].sort());
    expect(shortcuts[0]).toBe('aaa-primeiro');
    expect(
      (await canned(tokens.globex)).some((c) => c.shortcut === 'ola' || c.shortcut === 'aaa-primeiro'),
    ).toBe(false);
  });

  it('lets a supervisor create, replace and delete a reply', async () => {
    const s = shortcut();
    const created = await api<CannedResponse>('POST', '/api/canned-responses', tokens.supervisor, {
      shortcut: s,
      title: 'Segunda via',
      body: 'A segunda via do boleto está no app, {{contact.name}}.',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ shortcut: s, title: 'Segunda via' });
    const replaced = await api<CannedResponse>(
      'PUT',
      `/api/canned-responses/${created.body.id}`,
      tokens.supervisor,
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
    expect((await canned(tokens.agent)).find((c) => c.id === created.body.id)?.body).toBe(
      'Enviei a segunda via por e-mail.',
    );
    expect((await api('DELETE', `/api/canned-responses/${created.body.id}`, tokens.admin)).status).toBe(204);
    expect((await canned(tokens.agent)).some((c) => c.id === created.body.id)).toBe(false);
  });

  it('refuses a shortcut the tenant already has (409); another tenant may use it', async () => {
    const dup = await api('POST', '/api/canned-responses', tokens.admin, {
      shortcut: 'ola',
      title: 'Outro',
      body: 'x',
    });
    expect(dup.status).toBe(409);
    expect(errorCode(dup.body)).toBe('conflict');
    const other = await api<CannedResponse>('POST', '/api/canned-responses', tokens.admin, {
      shortcut: shortcut(),
      title: 'Outro',
      body: 'x',
    });
    const clash = await api('PUT', `/api/canned-responses/${other.body.id}`, tokens.admin, {
      shortcut: 'ola',
      title: 'Outro',
      body: 'x',
    });
    expect(clash.status).toBe(409);
    expect((await canned(tokens.agent)).filter((c) => c.shortcut === 'ola')).toHaveLength(1);
    const theirs = await api('POST', '/api/canned-responses', tokens.globexAdmin, {
      shortcut: 'ola',
      title: 'Oi',
      body: 'Oi!',
    });
    expect(theirs.status).toBe(201);
  });

  it('rejects bad input with a 400 and stores nothing', async () => {
    const before = await canned(tokens.admin);
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
      const res = await api('POST', '/api/canned-responses', tokens.admin, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    const ola = before.find((c) => c.shortcut === 'ola') as CannedResponse;
    expect(
      (await api('PUT', `/api/canned-responses/${ola.id}`, tokens.admin, { title: 'só título' })).status,
    ).toBe(400);
    expect(await canned(tokens.admin)).toEqual(before);
  });

  it('is read-only for agents (403) and invisible to other tenants (404)', async () => {
    const ola = (await canned(tokens.agent)).find((c) => c.shortcut === 'ola') as CannedResponse;
    const body = { shortcut: shortcut(), title: 'x', body: 'x' };
    expect((await api('POST', '/api/canned-responses', tokens.agent, body)).status).toBe(403);
    expect((await api('PUT', `/api/canned-responses/${ola.id}`, tokens.agent, body)).status).toBe(403);
    expect((await api('DELETE', `/api/canned-responses/${ola.id}`, tokens.agent)).status).toBe(403);
    expect((await api('PUT', `/api/canned-responses/${ola.id}`, tokens.globexAdmin, body)).status).toBe(404);
    expect((await api('DELETE', `/api/canned-responses/${ola.id}`, tokens.globexAdmin)).status).toBe(404);
    expect((await canned(tokens.agent)).find((c) => c.id === ola.id)).toEqual(ola);
  });
});
