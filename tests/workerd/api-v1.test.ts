// The public REST API (/api/v1): every route is in the OpenAPI document and the reference page, only API keys
// get in (none, revoked, a sign-in token: 401; a missing scope: 403), another tenant's ids are 404, and bad
// input is a 400 envelope that stores nothing.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../workers/app';
import type { ApiKeyScope } from '../../workers/contract';
import { apiKeyCan } from '../../workers/contract/permissions';
import { keyWith, raw } from './api-v1-helpers';
import { fillPath, routesOf, ruleOfRoute } from './app-routes';
import { openClient } from './db-helpers';
import { api, errorCode, widgetSession } from './helpers';
import { signIn } from './sign-in';

const tokens = signIn('admin', 'agent', 'globexAdmin');
const SCOPES: ApiKeyScope[] = [
  'conversations:read',
  'contacts:read',
  'contacts:write',
  'messages:send',
  'tickets:write',
  'campaigns:read',
  'campaigns:write',
];
const keys = {} as Record<ApiKeyScope, string>;
let everything: string;
let db: Client;

beforeAll(async () => {
  db = await openClient();
  for (const s of SCOPES) keys[s] = (await keyWith(tokens.admin, s)).key;
  everything = (await keyWith(tokens.admin, ...SCOPES)).key;
});
afterAll(() => db.end());

type Doc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<string, { operationId: string; security?: unknown; responses: Record<string, unknown> }>
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

const v1Routes = () =>
  routesOf(app).filter((r) => r.path.startsWith('/api/v1/') && ruleOfRoute(r).kind === 'permission');
const docPath = (p: string) => p.replace(/:([A-Za-z]+)/g, '{$1}');

describe('the OpenAPI document and the reference page', () => {
  it('describes every /api/v1 route the app serves, and nothing else, with one error envelope', async () => {
    const res = await raw('GET', '/api/v1/openapi.json', null);
    expect(res.status).toBe(200);
    const doc = res.body as Doc;
    expect(doc.openapi).toMatch(/^3\.1\./);
    const served = v1Routes().map((r) => `${r.method} ${docPath(r.path)}`);
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(served.length).toBeGreaterThanOrEqual(15);
    expect(documented.sort()).toEqual(served.sort());
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['apiKey']);
    expect(doc.components.schemas.ErrorEnvelope).toBeDefined();
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        expect(op.security, `${m} ${p}`).toEqual([{ apiKey: [] }]);
        for (const code of ['401', '403', '429', '503']) {
          expect(JSON.stringify(op.responses[code]), `${m} ${p} ${code}`).toContain(
            '#/components/schemas/ErrorEnvelope',
          );
        }
      }
    }
  });

  it('renders the reference page with every operation, under a CSP without scripts', async () => {
    const doc = (await raw('GET', '/api/v1/openapi.json', null)).body as Doc;
    const res = await raw('GET', '/api/v1/docs', null);
    expect(res.status).toBe(200);
    const html = res.body as string;
    expect(html).toContain('<html lang="pt-BR">');
    expect(html).not.toContain('<script');
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) expect(html).toContain(`id="${op.operationId}"`);
    }
  });
});

describe('who gets in', () => {
  const probe = (route: { method: string; path: string }) => fillPath(route.path, () => crypto.randomUUID());

  it('refuses no key, a sign-in token and a revoked key with 401, before anything else', async () => {
    const revoked = await keyWith(tokens.admin, ...SCOPES);
    expect((await api('DELETE', `/api/admin/api-keys/${revoked.id}`, tokens.admin)).status).toBe(204);
    for (const route of v1Routes()) {
      const url = probe(route);
      for (const token of [null, tokens.agent, tokens.admin, revoked.key, 'fio_nothing']) {
        const res = await raw(route.method, url, token, route.method === 'GET' ? undefined : '{}');
        const where = `${route.method} ${route.path} with ${token?.slice(0, 12)}: ${JSON.stringify(res.body)}`;
        expect([res.status, errorCode(res.body)], where).toEqual([401, 'unauthorized']);
      }
    }
  });

  it('refuses a key without the scope (403) and admits one with it', async () => {
    for (const route of v1Routes()) {
      const rule = ruleOfRoute(route);
      if (rule.kind !== 'permission') continue;
      const url = probe(route);
      for (const scope of SCOPES) {
        const res = await raw(route.method, url, keys[scope], route.method === 'GET' ? undefined : '{}');
        const where = `${route.method} ${route.path} with ${scope}: ${res.status} ${JSON.stringify(res.body)}`;
        if (apiKeyCan([scope], rule.permission)) expect([401, 403], where).not.toContain(res.status);
        else expect([res.status, errorCode(res.body)], where).toEqual([403, 'forbidden']);
      }
    }
  });
});

describe("another tenant's ids", () => {
  it('are 404 on every route that names one, for a key holding every scope', async () => {
    const acme = await widgetSession('acme');
    const contact = await raw(
      'PUT',
      '/api/v1/contacts',
      everything,
      JSON.stringify({ phone: '+5531990001111' }),
    );
    const contactId = (contact.body as { contact: { id: string } }).contact.id;
    const ticket = await raw('GET', `/api/v1/conversations/${acme.conversationId}/ticket`, everything);
    expect(ticket.status).toBe(200);
    const ticketRow = await db.query<{ id: string }>(
      'select id from tickets where conversation_id = $1 limit 1',
      [acme.conversationId],
    );
    const ids: Record<string, string> = {
      contacts: contactId,
      conversations: acme.conversationId,
      tickets: ticketRow.rows[0]?.id ?? crypto.randomUUID(),
      campaigns: crypto.randomUUID(),
    };
    const globexKey = (await keyWith(tokens.globexAdmin, ...SCOPES)).key;
    const bodies: Record<string, unknown> = {
      'POST /api/v1/conversations/:id/messages': { clientId: crypto.randomUUID(), text: 'intruso' },
      'POST /api/v1/conversations/:id/ticket/tags': { tags: ['intruso'] },
    };
    const named = v1Routes().filter((r) => r.path.includes(':id'));
    expect(named.length).toBeGreaterThanOrEqual(8);
    for (const route of named) {
      const resource = route.path.split('/')[3] as string;
      const url = fillPath(route.path, () => ids[resource] as string);
      const body =
        route.method === 'GET' ? undefined : JSON.stringify(bodies[`${route.method} ${route.path}`] ?? {});
      const res = await raw(route.method, url, globexKey, body);
      const where = `${route.method} ${url}: ${JSON.stringify(res.body)}`;
      expect([res.status, errorCode(res.body)], where).toEqual([404, 'not_found']);
      expect(JSON.stringify(res.body)).not.toContain('5531990001111');
    }
    // Nothing of acme changed: the ticket is still open, untagged, and nothing was sent.
    const after = (await raw('GET', `/api/v1/conversations/${acme.conversationId}/ticket`, everything)).body;
    expect(after).toEqual(ticket.body);
  });
});
