// SQL metacharacters in every filter, sort, cursor, search and path parameter of the list and search routes,
// and in every text field those lists show: each value is either refused with a 400 (404 as a path id)
// or stored and used inertly — it round-trips exactly, a search for it finds only what literally holds it,
// and nothing else (another tenant's rows, every row) comes back.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactPanelResponse, SearchResult } from '../../workers/contract';
import { insertThread, openClient } from './db-helpers';
import { api, errorCode } from './helpers';
import { signIn } from './sign-in';

const PAYLOADS = [
  "'",
  '"',
  ';',
  '--',
  '/*',
  '*/',
  '\\',
  '%',
  '_',
  "' OR '1'='1",
  "'; drop table contacts; --",
  '" or ""="',
  '$$',
  '$1',
  '%_%',
  "\\'",
  'a%b_c',
  '’ ‘ “ ” ＇',
  '1) or (1=1',
  "') union select id, email from users --",
];

const tokens = signIn('admin', 'globexAdmin');
let client: Client;
let acme: string;
const label = (i: number) => `Injeção${i}`;

beforeAll(async () => {
  client = await openClient();
  const me = await api<{ user: { tenantId: string } }>('GET', '/api/me', tokens.admin);
  acme = me.body.user.tenantId;
});
afterAll(async () => {
  await client.end();
});

/** Globex's contacts as its own admin sees them through search: must be the same before and after. */
async function globexView(): Promise<string> {
  const res = await api<{ results: SearchResult[] }>(
    'GET',
    '/api/search?q=Globex&limit=50',
    tokens.globexAdmin,
  );
  return JSON.stringify(res.body);
}

describe('SQL metacharacters in list and search parameters', () => {
  it.each(PAYLOADS.map((p, i) => [p, i] as const))('%s: refused (400/404) or inert', async (payload, i) => {
    const before = await globexView();
    const q = encodeURIComponent(payload);
    const agent = tokens.admin;

    // Filters, cursors and paging of the conversation list: not values we issued, so 400.
    for (const param of ['status', 'cursor', 'limit']) {
      const res = await api('GET', `/api/conversations?${param}=${q}`, agent);
      expect([param, res.status, errorCode(res.body)]).toEqual([param, 400, 'validation_failed']);
    }
    // History paging, as a path id too (a malformed id names nothing: 404).
    const { conversationId, contactId } = await insertThread(client, acme, { name: `${label(i)} base` });
    for (const param of ['before', 'limit']) {
      const res = await api('GET', `/api/conversations/${conversationId}/events?${param}=${q}`, agent);
      expect([param, res.status]).toEqual([param, 400]);
    }
    for (const path of [
      `/api/conversations/${q}/events`,
      `/api/contacts/${q}`,
      `/api/conversations/${q}/summary`,
    ]) {
      expect([path, (await api('GET', path, agent)).status]).toEqual([path, 404]);
    }
    expect((await api('GET', `/api/search?q=abc&limit=${q}`, agent)).status).toBe(400);

    // Stored inertly: a contact named with it round-trips exactly...
    const name = `${label(i)} ${payload} fim`;
    const patched = await api<ContactPanelResponse>('PATCH', `/api/contacts/${contactId}`, agent, { name });
    expect(patched.status).toBe(200);
    expect(patched.body.contact.name).toBe(name);
    expect(
      (await api<ContactPanelResponse>('GET', `/api/contacts/${contactId}`, agent)).body.contact.name,
    ).toBe(name);
    // ...and searching for the value itself finds only contacts that literally hold it (wildcards and quotes
    // match themselves); one character alone is refused as too short.
    const search = await api<{ results: SearchResult[] }>('GET', `/api/search?q=${q}&limit=50`, agent);
    if (payload.trim().length < 2) {
      expect([search.status, errorCode(search.body)]).toEqual([400, 'validation_failed']);
    } else {
      expect(search.status).toBe(200);
      const hits = search.body.results.filter((r) => r.matchedIn === 'contact');
      expect(hits.map((h) => h.contact.id)).toContain(contactId);
      for (const hit of hits) expect(hit.contact.name?.toLowerCase()).toContain(payload.trim().toLowerCase());
    }
    // The exact name finds exactly that contact.
    const exact = await api<{ results: SearchResult[] }>(
      'GET',
      `/api/search?q=${encodeURIComponent(name)}&limit=50`,
      agent,
    );
    expect(exact.body.results.filter((r) => r.matchedIn === 'contact').map((r) => r.contact.id)).toEqual([
      contactId,
    ]);

    // Team names and canned responses (the admin screens' and composer's lists) round-trip as well.
    const team = await api<{ id: string; name: string }>('POST', '/api/teams', agent, { name });
    expect([team.status, team.body.name]).toEqual([201, name]);
    const teams = await api<{ teams: { id: string; name: string }[] }>('GET', '/api/teams', agent);
    expect(teams.body.teams.find((t) => t.id === team.body.id)?.name).toBe(name);
    expect((await api('DELETE', `/api/teams/${team.body.id}`, agent)).status).toBe(204);
    const canned = await api<{ id: string; title: string; body: string }>(
      'POST',
      '/api/canned-responses',
      agent,
      {
        shortcut: `inj${i}`,
        title: name,
        body: `${payload} {{contact.name}}`,
      },
    );
    expect([canned.status, canned.body.title, canned.body.body]).toEqual([
      201,
      name,
      `${payload} {{contact.name}}`,
    ]);
    expect((await api('DELETE', `/api/canned-responses/${canned.body.id}`, agent)).status).toBe(204);

    // Another tenant saw nothing change.
    expect(await globexView()).toBe(before);
  });

  it('the database is intact afterwards: every seeded agent still listed, no stray rows', async () => {
    const directory = await api<{ agents: { name: string }[] }>('GET', '/api/directory', tokens.admin);
    expect(directory.status).toBe(200);
    expect(directory.body.agents.map((a) => a.name)).toEqual(
      expect.arrayContaining(['Acme Admin', 'Acme Agent', 'Acme Supervisor']),
    );
    const teams = await api<{ teams: { name: string }[] }>('GET', '/api/teams', tokens.admin);
    expect(teams.body.teams.filter((t) => t.name.startsWith('Injeção'))).toEqual([]);
  });
});
