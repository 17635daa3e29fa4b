// What campaigns select by, kept where it belongs: the contact panel's PATCH takes tags (≤ 20, lowercased,
// deduplicated) and attributes (places, contracts, the ISP's own keys) and its read returns them; a channel's
// PATCH takes Meta's messaging tier for a WhatsApp number (not for the widget). Bad values store nothing.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChannelView, ContactPanelResponse } from '../../workers/contract';
import { addContacts, type CampaignTenant, campaignTenant } from './campaigns-helpers';
import { freshTenant, ownerClient } from './fresh-tenant';
import { api, errorCode } from './helpers';

let owner: Client;
let t: CampaignTenant;
let admin: string;

beforeAll(async () => {
  owner = await ownerClient();
  t = await campaignTenant(owner, 'fields');
  // Channels are an admin's: a second user of the same tenant with that role.
  const a = await freshTenant(owner, 'fields-admin', ['admin']);
  await owner.query('update users set tenant_id = $1 where id = $2', [t.id, a.userIds.admin]);
  const { login } = await import('./helpers');
  admin = (await login(`admin@${a.slug}.test`, 'tenant-proprio-123')).token;
});
afterAll(() => owner.end());

describe('contact tags and attributes', () => {
  it('are saved by the panel’s PATCH and returned by its read', async () => {
    const [id] = await addContacts(owner, t.id, [{ name: 'Téo', phone: '5511987680001' }]);
    const attributes = {
      city: 'São José dos Campos',
      neighbourhood: 'Jardim Aquarius',
      pop: 'POP-SJC2',
      contracts: ['4512'],
      custom: { plano: '600 Mega', vencimento: '10' },
    };
    const res = await api<ContactPanelResponse>('PATCH', `/api/contacts/${id}`, t.tokens.agent as string, {
      tags: ['Fibra', 'cliente', 'fibra '],
      attributes,
    });
    expect(res.status).toBe(200);
    expect(ContactPanelResponse.safeParse(res.body).success).toBe(true);
    expect(res.body.contact).toMatchObject({ tags: ['fibra', 'cliente'], attributes });
    const read = await api<ContactPanelResponse>('GET', `/api/contacts/${id}`, t.tokens.agent as string);
    expect(read.body.contact).toMatchObject({ tags: ['fibra', 'cliente'], attributes });
  });

  it('refuses bad tags and attributes, storing nothing', async () => {
    const [id] = await addContacts(owner, t.id, [{ name: 'Ugo', phone: '5511987680002', tags: ['antiga'] }]);
    for (const body of [
      { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      { tags: ['com!ponto'] },
      { tags: [''] },
      { attributes: { cidade: 'x' } },
      { attributes: { custom: { Plano: 'x' } } },
      { attributes: { city: 'x'.repeat(121) } },
      { attributes: { contracts: [''] } },
      { name: 'Novo', tags: 'fibra' },
    ]) {
      const res = await api('PATCH', `/api/contacts/${id}`, t.tokens.agent as string, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    const stored = await owner.query('select name, tags, attributes from contacts where id = $1', [id]);
    expect(stored.rows[0]).toEqual({ name: 'Ugo', tags: ['antiga'], attributes: {} });
  });
});

describe('a number’s messaging tier', () => {
  it('is set by the channel PATCH for WhatsApp numbers and shown in the channel view', async () => {
    const before = await api<{ channels: ChannelView[] }>('GET', '/api/channels', admin);
    expect(before.body.channels.find((c) => c.id === t.channelId)?.messagingTier).toBe('TIER_250');
    const res = await api<{ channel: ChannelView }>('PATCH', `/api/channels/${t.channelId}`, admin, {
      messagingTier: 'TIER_10K',
    });
    expect(res.status).toBe(200);
    expect(res.body.channel.messagingTier).toBe('TIER_10K');
    const after = await api<{ channels: ChannelView[] }>('GET', '/api/channels', admin);
    expect(after.body.channels.find((c) => c.id === t.channelId)?.messagingTier).toBe('TIER_10K');
  });

  it('refuses the widget, unknown tiers, other tenants and supervisors', async () => {
    const widget = await api('PATCH', `/api/channels/${t.widgetId}`, admin, { messagingTier: 'TIER_2K' });
    expect(widget.status).toBe(400);
    for (const body of [{ messagingTier: 'TIER_5K' }, {}, { messagingTier: 'TIER_2K', name: 'x' }]) {
      expect((await api('PATCH', `/api/channels/${t.channelId}`, admin, body)).status).toBe(400);
    }
    const other = await campaignTenant(owner, 'fields-other');
    expect(
      (await api('PATCH', `/api/channels/${other.channelId}`, admin, { messagingTier: 'TIER_2K' })).status,
    ).toBe(404);
    expect(
      (await api('PATCH', `/api/channels/${t.channelId}`, t.token, { messagingTier: 'TIER_2K' })).status,
    ).toBe(403);
    const stored = await owner.query(
      'select kind, messaging_tier from channels where id = any($1) order by kind',
      [[t.widgetId, other.channelId, t.channelId]],
    );
    expect(stored.rows.map((r) => r.messaging_tier)).toEqual(['TIER_10K', 'TIER_250', 'TIER_250']);
  });
});
