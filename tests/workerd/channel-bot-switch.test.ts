// A channel's "bot answers first" switch: off by default, set when an admin connects a number or flips it
// later (audited as channel.updated); supervisors cannot flip it, bad input and other tenants' or removed
// channels change nothing.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelView } from '../../workers/contract';
import { type FreshTenant, freshTenant, ownerClient } from './fresh-tenant';
import { api, errorCode } from './helpers';

let owner: Client;
let T: FreshTenant;
let other: FreshTenant;
let widgetId: string;

beforeAll(async () => {
  owner = await ownerClient();
  T = await freshTenant(owner, 'bot-switch', ['admin', 'supervisor']);
  other = await freshTenant(owner, 'bot-switch-b', ['admin']);
  const w = await owner.query<{ id: string }>(
    `insert into channels (tenant_id, kind, name) values ($1, 'widget', 'Site') returning id`,
    [T.id],
  );
  widgetId = w.rows[0]?.id as string;
}, 60_000);

afterAll(async () => {
  await owner?.end();
});

const admin = () => T.tokens.admin as string;

async function botEnabled(id: string): Promise<boolean | undefined> {
  const r = await owner.query<{ bot_enabled: boolean }>('select bot_enabled from channels where id = $1', [
    id,
  ]);
  return r.rows[0]?.bot_enabled;
}

describe("a channel's bot switch", () => {
  it('is off by default, and an admin turns it on and off (audited)', async () => {
    const list = await api<{ channels: ChannelView[] }>('GET', '/api/channels', admin());
    expect(list.body.channels.find((c) => c.id === widgetId)?.botEnabled).toBe(false);
    const on = await api<{ channel: ChannelView }>('PATCH', `/api/channels/${widgetId}/bot`, admin(), {
      botEnabled: true,
    });
    expect(on.status).toBe(200);
    expect(on.body.channel.botEnabled).toBe(true);
    expect(await botEnabled(widgetId)).toBe(true);
    const shown = await api<{ channels: ChannelView[] }>(
      'GET',
      '/api/channels',
      T.tokens.supervisor as string,
    );
    expect(shown.body.channels.find((c) => c.id === widgetId)?.botEnabled).toBe(true);
    await api('PATCH', `/api/channels/${widgetId}/bot`, admin(), { botEnabled: false });
    expect(await botEnabled(widgetId)).toBe(false);
    const audit = await owner.query<{ details: Record<string, unknown> }>(
      `select details from audit_log where tenant_id = $1 and action = 'channel.updated' and target_id = $2 order by id`,
      [T.id, widgetId],
    );
    expect(audit.rows.map((r) => r.details.botEnabled)).toEqual([true, false]);
  });

  it('is set when an admin connects a number with it', async () => {
    const created = await api<{ channel: ChannelView }>('POST', '/api/channels', admin(), {
      kind: 'evolution',
      name: 'Evolution com robô',
      baseUrl: env.FIO_TEST_PROVIDER_URL,
      instance: `bot-${crypto.randomUUID().slice(0, 8)}`,
      apiKey: 'chave-evolution-123',
      botEnabled: true,
    });
    expect(created.status).toBe(201);
    expect(created.body.channel.botEnabled).toBe(true);
    expect(await botEnabled(created.body.channel.id)).toBe(true);
    await owner.query('update channels set removed_at = now() where id = $1', [created.body.channel.id]);
    // A removed channel cannot be switched.
    const removed = await api('PATCH', `/api/channels/${created.body.channel.id}/bot`, admin(), {
      botEnabled: false,
    });
    expect(removed.status).toBe(404);
    expect(await botEnabled(created.body.channel.id)).toBe(true);
  });

  it('refuses supervisors, bad input and other tenants, changing nothing', async () => {
    const sup = await api('PATCH', `/api/channels/${widgetId}/bot`, T.tokens.supervisor as string, {
      botEnabled: true,
    });
    expect(sup.status).toBe(403);
    for (const body of [{ botEnabled: 'sim' }, {}, { botEnabled: true, name: 'x' }]) {
      const res = await api('PATCH', `/api/channels/${widgetId}/bot`, admin(), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    const foreign = await api('PATCH', `/api/channels/${widgetId}/bot`, other.tokens.admin as string, {
      botEnabled: true,
    });
    expect(foreign.status).toBe(404);
    expect(await botEnabled(widgetId)).toBe(false);
  });
});
