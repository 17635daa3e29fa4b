// Reading the audit log (GET /api/admin/audit): owners and admins only, their tenant only; filters by action,
// actor, target and time; keyset pages that neither repeat nor skip; bad filters and cursors refused with
// 400. Also the entries the wired routes write: channels, tenant settings, ticket transfers and closes.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditListResponse, DirectoryResponse } from '../../workers/contract';
import { asTenant, openClient } from './db-helpers';
import { api, errorCode, login, widgetSession } from './helpers';
import { PEOPLE, signIn } from './sign-in';

const tokens = signIn('admin', 'agent', 'supervisor', 'globexAdmin');
let client: Client;
let acmeId: string;

beforeAll(async () => {
  client = await openClient();
  acmeId = (await login(PEOPLE.admin.email, PEOPLE.admin.password)).tenantId;
});
afterAll(async () => {
  await client?.end();
});

/** Entries written straight into the log (as recordAudit would), oldest first, one per millisecond. */
async function seed(target: string, entries: { action: string; actorId?: string; at: string }[]) {
  await asTenant(client, acmeId, async () => {
    for (const e of entries) {
      await client.query(
        `insert into audit_log (tenant_id, at, actor_type, actor_id, action, target_type, target_id)
         values ($1, $2, 'user', $3, $4, 'contact', $5)`,
        [acmeId, e.at, e.actorId ?? null, e.action, target],
      );
    }
  });
}

const list = (token: string, query: string) =>
  api<AuditListResponse>('GET', `/api/admin/audit?${query}`, token);

describe('audit log API', () => {
  it('pages newest first with a cursor, never repeating or skipping an entry', async () => {
    const target = `page-${crypto.randomUUID()}`;
    const t0 = Date.now() - 60_000;
    // Two entries share a timestamp: the id breaks the tie.
    const at = [0, 1, 2, 2, 3, 4, 5].map((d) => new Date(t0 + d).toISOString());
    await seed(
      target,
      at.map((a) => ({ action: 'user.updated', at: a })),
    );
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(tokens.admin, `target=${target}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.entries.map((e) => e.id));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const all = await list(tokens.admin, `target=${target}`);
    expect(all.body.entries.map((e) => e.id)).toEqual(seen);
    const times = all.body.entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('filters by action, actor, target and time range', async () => {
    const target = `filter-${crypto.randomUUID()}`;
    const actor = crypto.randomUUID();
    const base = Date.parse('2026-01-10T12:00:00.000Z');
    await seed(target, [
      { action: 'channel.created', actorId: actor, at: new Date(base).toISOString() },
      { action: 'channel.removed', actorId: actor, at: new Date(base + 3_600_000).toISOString() },
      { action: 'channel.created', at: new Date(base + 7_200_000).toISOString() },
    ]);
    const ids = async (q: string) => {
      const res = await list(tokens.admin, `target=${target}&${q}`);
      expect(res.status, q).toBe(200);
      return res.body.entries.map((e) => `${e.action}@${e.at}`);
    };
    expect(await ids('action=channel.created')).toHaveLength(2);
    expect(await ids(`actor=${actor}`)).toHaveLength(2);
    expect(await ids(`actor=${actor}&action=channel.created`)).toEqual([
      `channel.created@${new Date(base).toISOString()}`,
    ]);
    const from = encodeURIComponent(new Date(base + 1).toISOString());
    const to = encodeURIComponent(new Date(base + 3_600_000).toISOString());
    expect(await ids(`from=${from}&to=${to}`)).toEqual([
      `channel.removed@${new Date(base + 3_600_000).toISOString()}`,
    ]);
  });

  it('refuses bad filters and cursors with 400 and a named field', async () => {
    const bad = [
      'cursor=abc',
      'cursor=0',
      "cursor=1' or '1'='1",
      'cursor=99999999999999999999',
      'action=nope',
      'action=auth.sign_in%27--',
      'actor=not-a-uuid',
      'target=%27%3B%20drop%20table%20audit_log%3B--',
      'from=yesterday',
      'from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      'limit=0',
      'limit=201',
      'sort=at',
    ];
    for (const q of bad) {
      const res = await list(tokens.admin, q);
      expect(res.status, q).toBe(400);
      expect(errorCode(res.body), q).toBe('validation_failed');
    }
    // The table is still there and readable.
    expect((await list(tokens.admin, 'limit=1')).status).toBe(200);
  });

  it('is for owners and admins: agents and supervisors get 403; another tenant sees none of it', async () => {
    const target = `iso-${crypto.randomUUID()}`;
    await seed(target, [{ action: 'contact.erased', at: new Date().toISOString() }]);
    for (const who of ['agent', 'supervisor'] as const) {
      const res = await list(tokens[who], `target=${target}`);
      expect(res.status, who).toBe(403);
      expect(errorCode(res.body)).toBe('forbidden');
    }
    expect((await list(tokens.admin, `target=${target}`)).body.entries).toHaveLength(1);
    const other = await list(tokens.globexAdmin, `target=${target}`);
    expect(other.status).toBe(200);
    expect(other.body.entries).toEqual([]);
    // Acme's entry id as Globex's cursor: it names nothing there.
    const mine = (await list(tokens.admin, `target=${target}`)).body.entries[0]?.id;
    const foreign = await list(tokens.globexAdmin, `cursor=${mine}`);
    expect(foreign.status).toBe(200);
    expect(foreign.body.entries).toEqual([]);
    expect((await call401()).status).toBe(401);
  });

  it('records tenant settings changes, channels added and removed, ticket transfers and closes', async () => {
    const since = encodeURIComponent(new Date(Date.now() - 1000).toISOString());
    // On Globex, so suites reading Acme's settings at the same time see them unchanged.
    const globex = await login(PEOPLE.globexAdmin.email, PEOPLE.globexAdmin.password);
    const settings = await api('PATCH', '/api/tenant/settings', tokens.globexAdmin, {
      messageRetentionDays: 400,
    });
    expect(settings.status).toBe(200);
    await api('PATCH', '/api/tenant/settings', tokens.globexAdmin, { messageRetentionDays: null });

    const created = await api<{ channel: { id: string } }>('POST', '/api/channels', tokens.admin, {
      kind: 'evolution',
      name: 'Auditoria',
      baseUrl: 'https://evolution.example.com',
      instance: `audit-${crypto.randomUUID()}`,
      apiKey: 'evolution-secret-key-123',
    });
    expect(created.status).toBe(201);
    const channelId = created.body.channel.id;
    expect((await api('DELETE', `/api/channels/${channelId}`, tokens.admin)).status).toBe(204);

    const session = await widgetSession('acme');
    const dir = await api<DirectoryResponse>('GET', '/api/directory', tokens.admin);
    const team = dir.body.teams[0];
    if (!team) throw new Error('acme has a team');
    const act = (body: unknown) =>
      api('POST', `/api/conversations/${session.conversationId}/ticket`, tokens.agent, body);
    expect((await act({ action: 'take' })).status).toBe(200);
    expect((await act({ action: 'transfer', teamId: team.id, assigneeId: null })).status).toBe(200);
    expect((await act({ action: 'close' })).status).toBe(200);

    const res = await list(tokens.admin, `from=${since}&limit=200`);
    const entries = res.body.entries;
    const globexEntries = (await list(tokens.globexAdmin, `from=${since}&action=tenant.settings_changed`))
      .body.entries;
    const settingsChanges = globexEntries
      .filter((e) => e.targetId === globex.tenantId)
      .map((e) => e.details.changes);
    // Newest first: back to "keep", after 400 days.
    expect(settingsChanges.slice(0, 2)).toEqual([
      { messageRetentionDays: { from: 400, to: null } },
      { messageRetentionDays: { from: null, to: 400 } },
    ]);
    const channelEntries = entries.filter((e) => e.targetId === channelId).map((e) => e.action);
    expect(channelEntries.sort()).toEqual(['channel.created', 'channel.removed']);
    // Credentials never reach the log.
    expect(JSON.stringify(entries)).not.toContain('evolution-secret-key-123');
    const ticket = entries.filter((e) => e.targetId === session.conversationId);
    expect(ticket.map((e) => e.action).sort()).toEqual(['ticket.closed', 'ticket.transferred']);
    expect(ticket.find((e) => e.action === 'ticket.transferred')?.details).toMatchObject({
      protocol: session.protocol,
      teamId: team.id,
    });
    // Taking a ticket is not audited.
    expect(
      entries.some(
        (e) =>
          e.targetId === session.conversationId &&
          e.action !== 'ticket.closed' &&
          e.action !== 'ticket.transferred',
      ),
    ).toBe(false);
  });
});

function call401() {
  return api('GET', '/api/admin/audit', 'not-a-token');
}
