// Tenant isolation, generated from the app itself: every route the Hono app registers (app.routes), every
// socket and every webhook is called with tenant B's credentials (admin, agent, widget visitor) and tenant
// A's real ids, filled by parameter name, so a route added anywhere is covered without editing this file (and
// a parameter it cannot fill fails it loudly). Each answer is 404 (or 401/403 where no tenant applies),
// carries none of A's ids or names, and A's rows in every table are the same before and after. Then every
// table of the public schema: with tenant_id, the app role under B reads none of A's rows with a raw
// `select *` that forgets the filter, and has row-level security forced; without tenant_id, it must be in
// the allow-list below with a reason. Two tenants of its own, so other suites never move A's rows meanwhile.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../workers/app';
import { hashPassword } from '../../workers/services/passwords';
import { sha256Hex } from '../../workers/services/secret-hash';
import { PNG } from '../support/file-samples';
import { type AppRoute, fillPath, paramsOf, routesOf, ruleOfRoute } from './app-routes';
import { asTenant, openClient } from './db-helpers';
import { api, call, eventually, login, openInbox, openSocket, widgetSession } from './helpers';

/** Tables without tenant_id, each with why that is safe (a new one fails the suite until it is listed). */
const NO_TENANT_ID: Record<string, string> = {
  tenants: 'the tenant itself: row-level security on id = app.tenant_id (checked below like the others)',
  alert_deliveries:
    "the operator's deliveries of alert transitions (each names its alert, which has tenant_id): the app role has no grant at all; only the cron's security-definer functions (fio_auth) read and write it",
};

const PASSWORD = 'isolamento-senha-123';
const rand = () => crypto.randomUUID().slice(0, 8);

interface Tenant {
  id: string;
  slug: string;
  tokens: { admin: string; agent: string; visitor: string; owner?: string };
}

interface TenantA extends Tenant {
  conversationId: string;
  contactId: string;
  userId: string;
  teamId: string;
  cannedId: string;
  knowledgeId: string;
  /** A pending invitation of A (the invited user's id). */
  invitedUserId: string;
  channels: { widget: string; evolution: string; uazapi: string; cloud: string };
  phoneNumberId: string;
  fileKey: string;
  /** Every id and name of A that must never show in an answer to B. */
  secrets: string[];
}

let owner: Client;
let appRole: Client;
let A: TenantA;
let B: Tenant & { evolutionSecret: string; email: string };
const A_GATEWAY_SECRET = `segredo-a-${rand()}`;
const B_GATEWAY_SECRET = `segredo-b-${rand()}`;

async function one<T>(client: Client, sql: string, values: unknown[]): Promise<T> {
  const r = await client.query(sql, values);
  const row = r.rows[0] as T | undefined;
  if (!row) throw new Error(`no row from ${sql}`);
  return row;
}

/** A tenant with a widget channel and users, written as the database owner (as the seed does). */
async function createTenant(label: string, roles: string[]) {
  const slug = `iso-${label}-${rand()}`;
  const { id } = await one<{ id: string }>(
    owner,
    'insert into tenants (slug, name) values ($1, $2) returning id',
    [slug, `Isolamento ${label.toUpperCase()} ${slug}`],
  );
  const widget = await one<{ id: string }>(
    owner,
    `insert into channels (tenant_id, kind, name) values ($1, 'widget', $2) returning id`,
    [id, `Site ${slug}`],
  );
  const hash = hashPassword(PASSWORD);
  const users: Record<string, { id: string; email: string; name: string }> = {};
  for (const role of roles) {
    const email = `${role}@${slug}.test`;
    const name = `${role} ${slug}`;
    const u = await one<{ id: string }>(
      owner,
      `insert into users (tenant_id, email, name, role, password_hash) values ($1, $2, $3, $4, $5) returning id`,
      [id, email, name, role, hash],
    );
    users[role] = { id: u.id, email, name };
  }
  return { id, slug, widget: widget.id, users };
}

async function tokenFor(email: string): Promise<string> {
  return (await login(email, PASSWORD)).token;
}

beforeAll(async () => {
  owner = await openClient(env.FIO_TEST_OWNER_DATABASE_URL);
  appRole = await openClient(env.DATABASE_URL);

  const a = await createTenant('a', ['owner', 'admin', 'agent']);
  const b = await createTenant('b', ['admin', 'agent']);
  const digits = `55${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  const team = await one<{ id: string }>(
    owner,
    `insert into teams (tenant_id, name) values ($1, $2) returning id`,
    [a.id, `Equipe ${a.slug}`],
  );
  await owner.query('insert into team_members (tenant_id, team_id, user_id) values ($1, $2, $3)', [
    a.id,
    team.id,
    a.users.agent?.id,
  ]);
  // Service setup of A: opening hours, settings and an SLA policy scoped to A's team.
  await owner.query(
    `update tenants set business_hours = $2::jsonb, service_settings = '{"defaultCapacity": 7}' where id = $1`,
    [a.id, JSON.stringify({ timezone: null, week: { mon: [{ from: '08:00', to: '18:00' }] }, holidays: [] })],
  );
  const slaPolicy = await one<{ id: string }>(
    owner,
    `insert into sla_policies (tenant_id, name, priority, team_id, first_response_minutes)
     values ($1, $2, 5, $3, 15) returning id`,
    [a.id, `Política secreta ${a.slug}`, team.id],
  );
  const canned = await one<{ id: string }>(
    owner,
    `insert into canned_responses (tenant_id, shortcut, title, body) values ($1, $2, $3, $4) returning id`,
    [a.id, `atalho-${rand()}`, `Resposta ${a.slug}`, `Corpo secreto ${a.slug}`],
  );
  // The bot's settings of A: a knowledge base article, an ERP connection and AI settings (sealed values are
  // never opened here: B must not even reach them).
  const knowledge = await one<{ id: string }>(
    owner,
    `insert into knowledge_articles (tenant_id, title, body) values ($1, $2, $3) returning id`,
    [a.id, `Artigo secreto ${a.slug}`, `Boleto vencido: conteúdo secreto ${a.slug}`],
  );
  await owner.query(
    `insert into erp_connections (tenant_id, kind, base_url, credentials) values ($1, 'ixc', $2, 'v1.x.y')`,
    [a.id, `https://erp-${a.slug}.example.com`],
  );
  await owner.query(
    `insert into ai_settings (tenant_id, enabled, base_url, model, keys) values ($1, true, $2, $3, 'v1.x.y')`,
    [a.id, `https://llm-${a.slug}.example.com/v1`, `modelo-${a.slug}`],
  );
  const gateway = async (tenantId: string, kind: string, secret: string, name: string) =>
    (
      await one<{ id: string }>(
        owner,
        `insert into channels (tenant_id, kind, name, address, webhook_secret_hash)
         values ($1, $2, $3, $4, $5) returning id`,
        [tenantId, kind, name, `${kind}-${rand()}`, await sha256Hex(secret)],
      )
    ).id;
  const evolution = await gateway(a.id, 'evolution', A_GATEWAY_SECRET, `Evolution ${a.slug}`);
  const uazapi = await gateway(a.id, 'uazapi', A_GATEWAY_SECRET, `Uazapi ${a.slug}`);
  const cloud = await one<{ id: string }>(
    owner,
    `insert into channels (tenant_id, kind, name, address) values ($1, 'whatsapp_cloud', $2, $3) returning id`,
    [a.id, `Cloud ${a.slug}`, digits],
  );
  await gateway(b.id, 'evolution', B_GATEWAY_SECRET, `Evolution ${b.slug}`);
  // A bot flow version of A (the route walk names it by number: /api/admin/bot/flows/1).
  await owner.query(
    `insert into bot_flow_versions (tenant_id, version, definition, state) values ($1, 1, $2, 'draft')`,
    [a.id, JSON.stringify({ schema: 1, name: `Fluxo secreto ${a.slug}` })],
  );
  // An API key of A (found by the route walk for /api/admin/api-keys/:id through its table).
  await owner.query(
    `insert into api_keys (tenant_id, name, prefix, secret_hash, scopes) values ($1, $2, $3, $4, $5)`,
    [
      a.id,
      `Chave ${a.slug}`,
      rand()
        .replace(/[^a-z2-7]/g, 'a')
        .padEnd(8, 'a')
        .slice(0, 8),
      'x'.repeat(64),
      ['conversations:read'],
    ],
  );
  // A campaign of A (the public API's /api/v1/campaigns/:id is found through its table).
  await owner.query(
    `insert into campaigns (tenant_id, name, channel_id, templates, audience) values ($1, $2, $3, $4, $5)`,
    [
      a.id,
      `Campanha secreta ${a.slug}`,
      cloud.id,
      JSON.stringify([{ name: 'promo', language: 'pt_BR', variables: [] }]),
      JSON.stringify({ filter: null, csv: false }),
    ],
  );

  // A's outage, webhook endpoint with one delivery, and opted-out phone (issue 15's resources).
  const outage = await one<{ id: string }>(
    owner,
    `insert into outages (tenant_id, title, area, starts_at, message) values ($1, $2, $3, now(), $4)
     returning id::text as id`,
    [a.id, `Queda secreta ${a.slug}`, JSON.stringify({ neighbourhoods: ['Centro'] }), 'Estamos sem sinal'],
  );
  const endpoint = await one<{ id: string }>(
    owner,
    `insert into webhook_endpoints (tenant_id, url, events, secret_ciphertext) values ($1, $2, $3, 'x')
     returning id::text as id`,
    [a.id, `https://hooks.${a.slug}.example/secreto`, ['message.created']],
  );
  const delivery = await one<{ id: string }>(
    owner,
    `insert into webhook_deliveries (tenant_id, endpoint_id, event_type, order_key, payload, status)
     values ($1, $2, 'message.created', 'contact:x', '{}'::jsonb, 'dead') returning id::text as id`,
    [a.id, endpoint.id],
  );
  await owner.query(
    `insert into contact_opt_outs (tenant_id, phone, category, source) values ($1, '5511999990001', 'marketing', 'agent')`,
    [a.id],
  );
  // An open alert of A (issue 16), worded with a name only A may see.
  const alert = await one<{ id: string }>(
    owner,
    `insert into alerts (tenant_id, kind, severity, subject, details) values ($1, 'channel_unhealthy', 'critical',
     $2, $3) returning id::text as id`,
    [a.id, cloud.id, JSON.stringify({ channelName: `Número secreto ${a.slug}`, code: 'invalid_token' })],
  );
  outreachIds.alerts = alert.id;
  outreachIds.outages = outage.id;
  outreachIds.webhooks = endpoint.id;
  outreachIds.delivery = delivery.id;
  outreachIds['opt-outs'] = '5511999990001';

  // A conversation of A with a customer message, a file and an audited change, as A's people make them.
  const contactName = `Cliente secreto ${a.slug}`;
  const session = await widgetSession(a.slug, { name: contactName });
  const visitor = await openSocket(session.conversationId, session.token);
  visitor.send({ type: 'hello', since: 0 });
  await visitor.next('ready');
  visitor.send({ type: 'message.send', clientId: crypto.randomUUID(), text: `Mensagem secreta ${a.slug}` });
  await visitor.next('ack');
  visitor.close();
  const aAgent = await tokenFor(a.users.agent?.email as string);
  const upload = await call(`/api/conversations/${session.conversationId}/attachments?filename=a.png`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${aAgent}`,
      'content-type': 'image/png',
      'content-length': String(PNG.byteLength),
    },
    body: PNG,
  });
  expect(upload.status).toBe(201);
  const fileKey = ((await upload.json()) as { attachment: { key: string } }).attachment.key;
  const aOwner = await tokenFor(a.users.owner?.email as string);
  expect(
    (
      await api('PATCH', `/api/admin/users/${a.users.agent?.id}`, aOwner, {
        role: 'agent',
        name: `Agente ${a.slug}`,
      })
    ).status,
  ).toBe(200);
  const invitation = await api<{ userId: string }>('POST', '/api/admin/invitations', aOwner, {
    email: `convidada@${a.slug}.test`,
    name: `Convidada ${a.slug}`,
    role: 'agent',
  });
  expect(invitation.status).toBe(201);
  const contact = await asTenant(appRole, a.id, () =>
    one<{ contact_id: string }>(appRole, 'select contact_id from conversations where id = $1', [
      session.conversationId,
    ]),
  );
  // Settled before the first snapshot: the message has reached Postgres.
  await eventually('the message in Postgres', async () => {
    const r = await owner.query(
      'select 1 from conversation_events where tenant_id = $1 and conversation_id = $2',
      [a.id, session.conversationId],
    );
    return r.rows.length > 0 ? true : null;
  });

  A = {
    id: a.id,
    slug: a.slug,
    tokens: {
      admin: await tokenFor(a.users.admin?.email as string),
      agent: aAgent,
      visitor: session.token,
      owner: aOwner,
    },
    conversationId: session.conversationId,
    contactId: contact.contact_id,
    userId: a.users.agent?.id as string,
    teamId: team.id,
    cannedId: canned.id,
    knowledgeId: knowledge.id,
    invitedUserId: invitation.body.userId,
    channels: { widget: a.widget, evolution, uazapi, cloud: cloud.id },
    phoneNumberId: digits,
    fileKey,
    secrets: [],
  };
  A.secrets = [
    A.id,
    A.slug,
    A.conversationId,
    A.contactId,
    A.userId,
    A.teamId,
    A.cannedId,
    A.knowledgeId,
    A.invitedUserId,
    ...Object.values(A.channels),
    ...Object.values(a.users).flatMap((u) => [u.id, u.email]),
    contactName,
    `Mensagem secreta ${a.slug}`,
    `Corpo secreto ${a.slug}`,
    `Fluxo secreto ${a.slug}`,
    slaPolicy.id,
    `Política secreta ${a.slug}`,
    `Número secreto ${a.slug}`,
    // Not the protocol number: every tenant counts its own from 1 each day, so B's first one equals A's.
  ];
  const bVisitor = await widgetSession(b.slug);
  B = {
    id: b.id,
    slug: b.slug,
    email: b.users.admin?.email as string,
    evolutionSecret: B_GATEWAY_SECRET,
    tokens: {
      admin: await tokenFor(b.users.admin?.email as string),
      agent: await tokenFor(b.users.agent?.email as string),
      visitor: bVisitor.token,
    },
  };
}, 120_000);

afterAll(async () => {
  await owner?.end();
  await appRole?.end();
});

// ---- filling a route with tenant A's ids -----------------------------------------------------------------

/** The resource a parameter names: its own name when it says (`channelId`), else the path segment before it. */
function resourceOf(path: string, param: string): string {
  const named = /^(.+?)_?id$/i.exec(param)?.[1];
  if (named && named.toLowerCase() !== '') return named.toLowerCase();
  const segs = path.split('/');
  const at = segs.findIndex((s) => s === `:${param}` || s.startsWith(`:${param}{`) || s === `:${param}?`);
  return (segs[at - 1] ?? '').toLowerCase();
}

const tableIds = new Map<string, string>();
/** Tenant A's outage, webhook endpoint, delivery and opted-out phone, by the resource that names them. */
const outreachIds: Record<string, string> = {};

/** Tenant A's id for a parameter, by what it names; a kind it does not know is looked up by table name. */
async function fillParam(route: AppRoute, param: string): Promise<string> {
  if (param === '*') {
    if (route.path.startsWith('/api/conversations/:id/files/')) return A.fileKey;
    throw new Error(`isolation: cannot fill the wildcard of ${route.method} ${route.path}; teach fillParam`);
  }
  const resource = resourceOf(route.path, param);
  const known: Record<string, string> = {
    conversation: A.conversationId,
    conversations: A.conversationId,
    contact: A.contactId,
    contacts: A.contactId,
    user: A.userId,
    users: A.userId,
    team: A.teamId,
    teams: A.teamId,
    'canned-responses': A.cannedId,
    canned: A.cannedId,
    knowledge: A.knowledgeId,
    invitations: A.invitedUserId,
    channel: route.path.includes('/uazapi/') ? A.channels.uazapi : A.channels.evolution,
    channels: A.channels.evolution,
    'widget-channels': A.channels.widget,
    // Flow versions are numbered per tenant: B's version 1 (none) must not be A's.
    flows: '1',
    ...outreachIds,
  };
  const id = known[resource];
  if (id) return id;
  // A new kind: the tenant A row of the table that the resource names (sessions → sessions, api-keys → api_keys).
  const table = resource.replace(/-/g, '_');
  const cached = tableIds.get(table);
  if (cached) return cached;
  const candidates = await owner.query<{ table_name: string }>(
    `select t.table_name from information_schema.columns t
     join information_schema.columns i on i.table_schema = t.table_schema and i.table_name = t.table_name
       and i.column_name = 'id'
     where t.table_schema = 'public' and t.column_name = 'tenant_id'
       and (t.table_name = $1 or t.table_name = $2 or t.table_name like '%\\_' || $1)
     order by length(t.table_name)`,
    [table, table.replace(/s$/, '')],
  );
  for (const { table_name } of candidates.rows) {
    const r = await owner.query<{ id: string }>(
      `select id::text as id from ${JSON.stringify(table_name)} where tenant_id = $1 limit 1`,
      [A.id],
    );
    const found = r.rows[0]?.id;
    if (found) {
      tableIds.set(table, found);
      return found;
    }
  }
  throw new Error(
    `isolation: cannot fill :${param} of ${route.method} ${route.path} with a tenant A id (no table for ` +
      `"${resource}" with a row of A); add a fixture row or teach fillParam`,
  );
}

// ---- what B sends ------------------------------------------------------------------------------------------

/** Minimal valid bodies and queries (a route not listed gets `{}`: still called, checked for leaks). */
function requestFor(route: AppRoute): {
  body?: unknown;
  raw?: BodyInit;
  query?: string;
  headers?: Record<string, string>;
} {
  const key = `${route.method} ${route.path}`;
  const cloudBody = JSON.stringify(cloudPayload(A.phoneNumberId));
  const table: Record<string, ReturnType<typeof requestFor>> = {
    'POST /api/auth/login': { body: { email: B.email, password: 'senha-errada-123' } },
    'POST /api/widget/sessions': { body: { tenant: B.slug } },
    'GET /api/search': { query: `q=${encodeURIComponent('secreto')}` },
    // Reports: a year of days, so every fact A has is in range; B must still see none of it.
    ...Object.fromEntries(
      ['summary', 'volume', 'backlog'].flatMap((r) => [
        [`GET /api/reports/${r}`, { query: 'from=2026-01-01&to=2026-12-31' }],
        [`GET /api/reports/${r}.csv`, { query: 'from=2026-01-01&to=2026-12-31' }],
      ]),
    ),
    'GET /api/reports/table': { query: 'from=2026-01-01&to=2026-12-31&dimension=agent' },
    'GET /api/reports/table.csv': { query: 'from=2026-01-01&to=2026-12-31&dimension=tag' },
    'GET /api/conversations': { query: 'limit=100' },
    'POST /api/conversations/:id/messages': { body: { clientId: crypto.randomUUID(), text: 'intruso' } },
    'POST /api/conversations/:id/ticket': { body: { action: 'take' } },
    // A's conversation continued on A's own other number: as B, neither may be named.
    'POST /api/conversations/:id/continue': {
      body: {
        channelId: A.channels.cloud,
        clientId: crypto.randomUUID(),
        template: { name: 'fatura_disponivel', language: 'pt_BR', parameters: ['Ana', 'maio'] },
      },
    },
    'POST /api/conversations/:id/attachments': {
      raw: PNG,
      headers: { 'content-type': 'image/png', 'content-length': String(PNG.byteLength) },
    },
    'PATCH /api/contacts/:id': { body: { name: 'Intruso' } },
    'POST /api/admin/contacts/:id/erase': { body: { confirm: A.contactId } },
    'PATCH /api/admin/users/:id': { body: { name: 'Intruso', role: 'admin' } },
    'POST /api/admin/users': {
      body: {
        email: `novo-${rand()}@${B.slug}.test`,
        name: 'Novo',
        role: 'agent',
        password: PASSWORD,
        teamIds: [A.teamId],
      },
    },
    'PATCH /api/teams/:id': { body: { name: 'Intrusos', memberIds: [] } },
    'POST /api/teams': { body: { name: `Equipe B ${rand()}`, memberIds: [A.userId] } },
    // Valid routing bodies: B changing A's team or agent must meet a 404, not a validation error.
    'PATCH /api/teams/:id/routing': { body: { mode: 'balanced', defaultCapacity: 7 } },
    'PUT /api/users/:id/capacity': { body: { capacity: 9 } },
    'PUT /api/canned-responses/:id': {
      body: { shortcut: `intruso-${rand()}`, title: 'Intruso', body: 'intruso' },
    },
    'POST /api/canned-responses': { body: { shortcut: `b-${rand()}`, title: 'B', body: 'corpo' } },
    'POST /api/admin/knowledge': { body: { title: 'Artigo de B', body: 'corpo de B' } },
    'PUT /api/admin/knowledge/:id': { body: { title: 'Intruso', body: 'intruso' } },
    // A's own words: B's search must find none of A's articles.
    'POST /api/admin/knowledge/search': { body: { query: 'boleto vencido conteúdo secreto' } },
    'PUT /api/admin/erp': {
      body: { kind: 'ixc', baseUrl: 'https://erp-b.example.com', credentials: { user: '1', token: 'b' } },
    },
    'PUT /api/admin/ai': {
      body: { enabled: false, baseUrl: 'https://llm-b.example.com/v1', model: 'b', keys: [] },
    },
    'PATCH /api/channels/:id/bot': { body: { botEnabled: true } },
    'PATCH /api/channels/:id': { body: { messagingTier: 'TIER_2K' } },
    // Valid bodies for issue 15's writes: B naming A's outage, campaign or endpoint must meet a 404.
    'POST /api/outages/:id/resolve': { body: { message: 'Resolvido por B', notify: false } },
    'PATCH /api/campaigns/:id': { body: { name: 'Campanha de B' } },
    'POST /api/campaigns/:id/recipients': {
      raw: 'phone,name\n5511999990002,Intruso\n',
      headers: { 'content-type': 'text/csv' },
    },
    'PATCH /api/webhooks/:id': { body: { description: 'Intruso' } },
    'DELETE /api/opt-outs/:phone': { query: 'category=marketing' },
    'PATCH /api/tenant/settings': { body: { name: `Isolamento B ${B.slug}` } },
    // B's own hours: stored on B, never on A.
    'PUT /api/settings/service': {
      body: {
        businessHours: { timezone: null, week: { sat: [{ from: '09:00', to: '12:00' }] }, holidays: [] },
      },
    },
    // A policy naming A's team: that team is unknown to B (404).
    'POST /api/sla-policies': { body: slaBody(A.teamId) },
    'PATCH /api/sla-policies/:id': { body: slaBody(null) },
    'POST /api/channels': {
      body: {
        kind: 'evolution',
        name: 'B',
        baseUrl: env.FIO_TEST_PROVIDER_URL,
        instance: `b-${rand()}`,
        apiKey: 'b-key-123456',
      },
    },
    'GET /webhooks/whatsapp': {
      query: `hub.mode=subscribe&hub.verify_token=${B_GATEWAY_SECRET}&hub.challenge=42`,
    },
    'POST /webhooks/whatsapp': {
      raw: cloudBody,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=00' },
    },
    'POST /webhooks/evolution/:channelId': {
      raw: JSON.stringify(evolutionPayload()),
      headers: { 'content-type': 'application/json', 'x-fio-webhook-secret': B_GATEWAY_SECRET },
    },
    'POST /webhooks/uazapi/:channelId': {
      raw: JSON.stringify(uazapiPayload()),
      headers: { 'content-type': 'application/json', 'x-fio-webhook-secret': B_GATEWAY_SECRET },
    },
  };
  return table[key] ?? (route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} });
}

function slaBody(teamId: string | null) {
  return {
    name: 'Intrusa',
    priority: 5,
    teamId,
    channelId: null,
    firstResponseMinutes: 1,
    nextResponseMinutes: null,
    resolutionMinutes: null,
  };
}

function cloudPayload(phoneNumberId: string) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: phoneNumberId, phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: 'Intruso' }, wa_id: '5511988887777' }],
              messages: [
                {
                  from: '5511988887777',
                  id: `wamid.${rand()}`,
                  timestamp: '1700000000',
                  type: 'text',
                  text: { body: 'injetado' },
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

function evolutionPayload() {
  return {
    event: 'messages.upsert',
    instance: 'intruso',
    data: {
      key: { remoteJid: '5511988887777@s.whatsapp.net', fromMe: false, id: `EVO${rand()}` },
      pushName: 'Intruso',
      message: { conversation: 'injetado' },
      messageTimestamp: 1700000000,
    },
  };
}

function uazapiPayload() {
  return {
    EventType: 'messages',
    message: {
      chatid: '5511988887777@s.whatsapp.net',
      fromMe: false,
      id: `UAZ${rand()}`,
      text: 'injetado',
      messageTimestamp: 1700000000000,
    },
  };
}

// ---- tenant A's rows, as the owner sees them ---------------------------------------------------------------

interface TableInfo {
  name: string;
  hasTenantId: boolean;
  isPartition: boolean;
  rls: boolean;
  forced: boolean;
  policies: number;
  appCanSelect: boolean;
}

async function publicTables(): Promise<TableInfo[]> {
  const r = await owner.query<{
    name: string;
    has_tenant_id: boolean;
    is_partition: boolean;
    rls: boolean;
    forced: boolean;
    policies: string;
    app_can_select: boolean;
  }>(
    `select c.relname as name,
            exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as has_tenant_id,
            c.relispartition as is_partition, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
            (select count(*) from pg_policy p where p.polrelid = c.oid) as policies,
            has_table_privilege('fio_app', c.oid, 'SELECT') as app_can_select
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p')
     order by c.relname`,
  );
  return r.rows.map((t) => ({
    name: t.name,
    hasTenantId: t.has_tenant_id,
    isPartition: t.is_partition,
    rls: t.rls,
    forced: t.forced,
    policies: Number(t.policies),
    appCanSelect: t.app_can_select,
  }));
}

/** Every row of tenant A in every table (partitions through their parent), as JSON text per table. */
async function snapshotA(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of await publicTables()) {
    if (t.isPartition) continue;
    const column = t.hasTenantId ? 'tenant_id' : t.name === 'tenants' ? 'id' : null;
    if (!column) continue;
    const r = await owner.query<{ row: string }>(
      `select to_jsonb(x)::text as row from ${JSON.stringify(t.name)} x where ${column} = $1 order by 1`,
      [A.id],
    );
    out[t.name] = r.rows.map((x) => x.row);
  }
  return out;
}

// ---- the walk ----------------------------------------------------------------------------------------------

type Caller = 'admin' | 'agent' | 'visitor';
const CALLERS: readonly Caller[] = ['admin', 'agent', 'visitor'];

/** A's ids and names in an answer, except those the caller sent itself (an error may name its own input). */
function leaks(text: string, sent = ''): string[] {
  return A.secrets.filter((s) => s && text.includes(s) && !sent.includes(s));
}

describe('every route, as tenant B with tenant A ids', () => {
  // A sweep of every route × every caller (hundreds of requests): given more than the default 30 s, which it
  // outgrew on a loaded machine once the widget routes joined.
  it('answers 404 (or 401/403), shows nothing of A and changes nothing of A', {
    timeout: 120_000,
  }, async () => {
    const before = await snapshotA();
    const routes = routesOf(app);
    expect(routes.length).toBeGreaterThan(30);
    const report: string[] = [];
    const unlistedBodies: string[] = [];
    for (const route of routes) {
      const rule = ruleOfRoute(route);
      const params = paramsOf(route.path);
      const filled = new Map<string, string>();
      // The platform operator's routes (/metrics, /api/operator/*) stand outside every tenant: no tenant's token
      // opens them, whatever the id (operator-tenants.test.ts covers them with the operator's token).
      if (rule.kind === 'operator') {
        const url = fillPath(route.path, () => A.id);
        for (const who of CALLERS) {
          const res = await call(url, {
            method: route.method,
            headers: { authorization: `Bearer ${B.tokens[who]}` },
          });
          if (res.status !== 401) report.push(`${route.method} ${route.path} as B ${who}: ${res.status}`);
          await res.body?.cancel();
        }
        continue;
      }
      for (const p of params) filled.set(p, await fillParam(route, p));
      const path = fillPath(route.path, (p) => filled.get(p) as string);
      const req = requestFor(route);
      if (route.method !== 'GET' && route.method !== 'DELETE' && !req.body && !req.raw)
        unlistedBodies.push(route.path);
      for (const who of CALLERS) {
        const token = B.tokens[who];
        const socket = rule.kind === 'permission' && rule.credential === 'socket';
        const query = [req.query, socket ? `token=${encodeURIComponent(token)}` : null]
          .filter(Boolean)
          .join('&');
        const headers: Record<string, string> = { ...(req.headers ?? {}) };
        if (socket) headers.upgrade = 'websocket';
        else headers.authorization = `Bearer ${token}`;
        let body: BodyInit | undefined = req.raw;
        if (req.body !== undefined) {
          body = JSON.stringify(req.body);
          headers['content-type'] = 'application/json';
        }
        const res = await call(`${path}${query ? `?${query}` : ''}`, { method: route.method, headers, body });
        if (res.webSocket) {
          res.webSocket.accept();
          res.webSocket.close(1000, 'isolation probe');
        }
        const text = res.status === 101 ? '' : await res.text();
        // Signing out (everywhere) ends B's own session: B signs in again for the routes after it.
        if (/\/logout/.test(route.path) && who !== 'visitor') {
          B.tokens[who] = await tokenFor(`${who}@${B.slug}.test`);
        }
        const where = `${route.method} ${route.path} as B ${who}: ${res.status} ${text.slice(0, 300)}`;
        report.push(`${route.method} ${route.path} B-${who} → ${res.status}`);
        expect(res.status, where).toBeLessThan(500);
        expect(leaks(text, `${path} ${typeof body === 'string' ? body : ''}`), where).toEqual([]);
        if (params.length > 0) expect([401, 403, 404], where).toContain(res.status);
      }
    }
    console.log(`isolation: ${routes.length} routes × ${CALLERS.length} callers\n${report.join('\n')}`);
    if (unlistedBodies.length)
      console.warn(`isolation: called with {} (no minimal body listed): ${unlistedBodies.join(', ')}`);
    expect(await snapshotA()).toEqual(before);
  });
});

describe('filling parameters', () => {
  it('fills a parameter of a new kind from the table it names, and fails loudly when it cannot', async () => {
    const route = (path: string): AppRoute => ({ method: 'GET', path, rules: [] });
    expect(await fillParam(route('/api/new-things/:id/users/:userId'), 'userId')).toBe(A.userId);
    expect(await fillParam(route('/api/whatever/:teamId'), 'teamId')).toBe(A.teamId);
    // No rule names "tickets": the table does, and it holds A's ticket.
    const ticket = await fillParam(route('/api/tickets/:id'), 'id');
    expect(
      (await owner.query('select 1 from tickets where id = $1 and tenant_id = $2', [ticket, A.id])).rows,
    ).toHaveLength(1);
    await expect(fillParam(route('/api/gadgets/:id'), 'id')).rejects.toThrow(
      /cannot fill :id of GET \/api\/gadgets/,
    );
    await expect(fillParam(route('/api/templates/:name'), 'name')).rejects.toThrow(/cannot fill :name/);
  });
});

describe('sockets, as tenant B', () => {
  it("cannot open A's conversation socket with any of B's tokens (404, no upgrade)", async () => {
    for (const who of CALLERS) {
      const res = await call(
        `/ws/conversations/${A.conversationId}?token=${encodeURIComponent(B.tokens[who])}`,
        {
          headers: { upgrade: 'websocket' },
        },
      );
      expect(res.webSocket, who).toBeFalsy();
      expect(res.status, who).toBe(404);
      expect(leaks(await res.text())).toEqual([]);
    }
  });

  it("sees only B's inbox: nothing of A's conversations in the replay", async () => {
    // A's inbox does hold the conversation (control), B's does not.
    const aInbox = await openInbox(A.tokens.agent);
    aInbox.send({ type: 'hello', since: 0 });
    await aInbox.next('ready');
    expect(JSON.stringify(aInbox.frames)).toContain(A.conversationId);
    aInbox.close();
    const inbox = await openInbox(B.tokens.admin);
    inbox.send({ type: 'hello', since: 0 });
    await inbox.next('ready');
    expect(leaks(JSON.stringify(inbox.frames))).toEqual([]);
    inbox.close();
    const visitor = await call(`/ws/inbox?token=${encodeURIComponent(B.tokens.visitor)}`, {
      headers: { upgrade: 'websocket' },
    });
    expect(visitor.status).toBe(403);
  });
});

describe('webhooks, as tenant B', () => {
  const storedFromIntruder = async () =>
    (
      await owner.query(
        `select 1 from conversation_events where tenant_id = $1 and payload::text like '%injetado%'
         union all select 1 from contacts where tenant_id = $1 and (name = 'Intruso' or phone like '%988887777')`,
        [A.id],
      )
    ).rows.length;

  it("cannot post into A's gateway channels with B's secret, nor into A's Cloud number without Meta's signature", async () => {
    const before = await snapshotA();
    const gateway = (kind: 'evolution' | 'uazapi', secret: string | null) =>
      call(`/webhooks/${kind}/${A.channels[kind]}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(secret ? { 'x-fio-webhook-secret': secret } : {}),
        },
        body: JSON.stringify(kind === 'evolution' ? evolutionPayload() : uazapiPayload()),
      });
    for (const kind of ['evolution', 'uazapi'] as const) {
      for (const secret of [B_GATEWAY_SECRET, null]) {
        const res = await gateway(kind, secret);
        expect(res.status, `${kind} with ${secret ?? 'no secret'}`).toBe(401);
        expect(leaks(await res.text())).toEqual([]);
      }
    }
    // B's own gateway secret on B's own channel id is no key to A's: the channel id decides the tenant.
    const body = JSON.stringify(cloudPayload(A.phoneNumberId));
    for (const signature of [undefined, 'sha256=00', await hmac(B_GATEWAY_SECRET, body)]) {
      const res = await call('/webhooks/whatsapp', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(signature ? { 'x-hub-signature-256': signature } : {}),
        },
        body,
      });
      expect(res.status, signature ?? 'unsigned').toBe(401);
    }
    expect(await storedFromIntruder()).toBe(0);
    expect(await snapshotA()).toEqual(before);
  });
});

async function hmac(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body)));
  return `sha256=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

// ---- every table ------------------------------------------------------------------------------------------

describe('every table of the public schema', () => {
  it('lists every table without tenant_id in the allow-list, with a reason', async () => {
    const without = (await publicTables()).filter((t) => !t.hasTenantId).map((t) => t.name);
    expect(without.sort()).toEqual(Object.keys(NO_TENANT_ID).sort());
  });

  it('forces row-level security with a policy on every table the app role can read', async () => {
    const weak = (await publicTables())
      .filter((t) => t.appCanSelect && !(t.rls && t.forced && (t.policies > 0 || t.isPartition)))
      .map((t) => `${t.name} (rls ${t.rls}, forced ${t.forced}, policies ${t.policies})`);
    expect(weak).toEqual([]);
  });

  it("gives the app role under B none of A's rows from a raw select * without a filter", async () => {
    const tables = await publicTables();
    const counts: string[] = [];
    const withA: string[] = [];
    for (const t of tables) {
      const column = t.hasTenantId ? 'tenant_id' : 'id';
      const ofA = await owner.query<{ n: string }>(
        `select count(*) as n from ${JSON.stringify(t.name)} where ${column} = $1`,
        [A.id],
      );
      if (Number(ofA.rows[0]?.n) > 0) withA.push(t.name);
      const seen = await asTenant(appRole, B.id, async () => {
        await appRole.query('savepoint probe');
        try {
          const r = await appRole.query<Record<string, unknown>>(`select * from ${JSON.stringify(t.name)}`);
          return r.rows;
        } catch (err) {
          await appRole.query('rollback to savepoint probe');
          // Not readable at all by the app role (a partition read through its parent): nothing to leak.
          if ((err as { code?: string }).code === '42501') return 'denied' as const;
          throw err;
        }
      });
      if (seen === 'denied') {
        counts.push(`${t.name}: not readable`);
        continue;
      }
      const foreign = seen.filter((row) => String(row[column]) !== B.id);
      expect(foreign.length, `${t.name}: rows of other tenants visible under B`).toBe(0);
      expect(JSON.stringify(seen).includes(A.id), `${t.name}: A's id visible under B`).toBe(false);
      counts.push(`${t.name}: A has ${ofA.rows[0]?.n}, B sees ${seen.length}`);
    }
    console.log(`isolation tables:\n${counts.join('\n')}`);
    // The check has something to find: A holds rows in the core tables.
    expect(withA).toEqual(
      expect.arrayContaining([
        'tenants',
        'users',
        'channels',
        'teams',
        'team_members',
        'canned_responses',
        'contacts',
        'conversations',
        'tickets',
        'conversation_events',
        'audit_log',
      ]),
    );
  });
});
