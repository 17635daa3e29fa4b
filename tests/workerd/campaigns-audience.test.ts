// Audiences: filters by tags, places (no case or accents), custom attributes, the channel a contact wrote on
// and when they last wrote, never an erased contact; the wizard's preview counts them and how many are
// suppressed. At start the audience becomes recipients: a marketing campaign skips (and counts) whoever said
// "SAIR", in any form of their number, while a utility notice to the same phone is not skipped; a value the
// template needs and the contact lacks skips them as invalid; running it again adds nobody twice.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AudienceFilter, AudiencePreview } from '../../workers/contract';
import { campaignRow } from '../../workers/services/campaign-view';
import { materialiseRecipients, startCampaign } from '../../workers/services/campaigns';
import { inTenant, openDatabases } from '../../workers/services/db';
import {
  addContacts,
  type CampaignTenant,
  campaignTenant,
  createDraft,
  storedRecipients,
} from './campaigns-helpers';
import { insertEvents, openClient } from './db-helpers';
import { ownerClient } from './fresh-tenant';
import { api, call } from './helpers';

let owner: Client;
let app: Client;
let t: CampaignTenant;
let ids: Record<'ana' | 'bia' | 'caio' | 'davi', string>;

const PHONES = { ana: '5511987660001', bia: '5511987660002', caio: '5519987660003', davi: '5511987660004' };

beforeAll(async () => {
  owner = await ownerClient();
  app = await openClient();
  t = await campaignTenant(owner, 'aud');
  const [ana, bia, caio, davi] = await addContacts(owner, t.id, [
    {
      name: 'Ana',
      phone: PHONES.ana,
      tags: ['fibra', 'cliente'],
      attributes: { city: 'São Paulo', neighbourhood: 'Vila Mariana', pop: 'POP-SP1' },
    },
    { name: 'Bia', phone: PHONES.bia, tags: ['inadimplente'], attributes: { city: ' sao  PAULO ' } },
    { name: 'Caio', phone: PHONES.caio, tags: ['fibra'], attributes: { custom: { plano: '500 Mega' } } },
    { name: 'Davi', phone: PHONES.davi, tags: ['fibra'], attributes: { city: 'São Paulo' }, erased: true },
  ]);
  ids = { ana, bia, caio, davi } as typeof ids;
  await owner.query(`insert into contacts (tenant_id, name, tags) values ($1, 'Sem telefone', '{fibra}')`, [
    t.id,
  ]);
  // Bia wrote on the WhatsApp number two days ago.
  const conv = await owner.query<{ id: string }>(
    `insert into conversations (tenant_id, channel_id, contact_id) values ($1, $2, $3) returning id`,
    [t.id, t.channelId, ids.bia],
  );
  await insertEvents(app, t.id, conv.rows[0]?.id as string, [
    { seq: 1, kind: 'message', text: 'oi', at: new Date(Date.now() - 2 * 86_400_000).toISOString() },
  ]);
  // Ana said SAIR, recorded under the old 8-digit form of her mobile.
  await owner.query(
    `insert into contact_opt_outs (tenant_id, phone, category, source, detail) values ($1, $2, 'marketing', 'keyword', 'SAIR')`,
    [t.id, '551187660001'],
  );
});
afterAll(async () => {
  await owner.end();
  await app.end();
});

async function preview(filter: AudienceFilter | null, kind = 'marketing') {
  const res = await api<AudiencePreview>('POST', '/api/campaigns/preview-audience', t.token, {
    filter,
    kind,
  });
  expect(res.status).toBe(200);
  expect(AudiencePreview.safeParse(res.body).success).toBe(true);
  return res.body;
}

const names = (p: AudiencePreview) => p.sample.map((s) => s.name);

describe('audience filters', () => {
  it('select by tags, places without case or accents, custom attributes, channel and last contact', async () => {
    const day = 86_400_000;
    expect(names(await preview(null))).toEqual(['Ana', 'Bia', 'Caio']);
    expect(names(await preview({ tagsAny: ['fibra'] }))).toEqual(['Ana', 'Caio']);
    expect(names(await preview({ tagsAny: ['FIBRA ', 'inadimplente'] }))).toEqual(['Ana', 'Bia', 'Caio']);
    expect(names(await preview({ attributes: { city: 'SAO PAULO' } }))).toEqual(['Ana', 'Bia']);
    expect(
      names(await preview({ attributes: { city: 'são paulo', neighbourhood: 'vila  mariana' } })),
    ).toEqual(['Ana']);
    expect(names(await preview({ attributes: { pop: 'pop-sp1' } }))).toEqual(['Ana']);
    expect(names(await preview({ attributes: { 'custom.plano': '500 MEGA' } }))).toEqual(['Caio']);
    expect(names(await preview({ channelId: t.channelId }))).toEqual(['Bia']);
    const ago = (n: number) => new Date(Date.now() - n * day).toISOString();
    expect(names(await preview({ lastContactAfter: ago(7) }))).toEqual(['Bia']);
    expect(names(await preview({ lastContactAfter: ago(1) }))).toEqual([]);
    expect(names(await preview({ lastContactBefore: ago(1) }))).toEqual(['Bia']);
    expect(names(await preview({ tagsAny: ['fibra'], attributes: { city: 'Campinas' } }))).toEqual([]);
  });

  it('counts the suppressed for the campaign’s consent category only', async () => {
    // Ana's SAIR was recorded under her number's old 8-digit form: still her.
    expect(await preview({ tagsAny: ['fibra'] })).toMatchObject({ count: 2, suppressed: 1 });
    const utility = await preview({ tagsAny: ['fibra'] }, 'utility');
    expect(utility).toMatchObject({ count: 2, suppressed: 0 });
    // Recorded under the canonical form, the preview counts it too.
    await owner.query(
      `insert into contact_opt_outs (tenant_id, phone, category, source) values ($1, $2, 'marketing', 'agent')`,
      [t.id, PHONES.caio],
    );
    expect(await preview({ tagsAny: ['fibra'] })).toMatchObject({ count: 2, suppressed: 2 });
    await owner.query(`delete from contact_opt_outs where tenant_id = $1 and phone = $2`, [
      t.id,
      PHONES.caio,
    ]);
  });

  it('refuses bad filters with the field named', async () => {
    for (const filter of [
      { tagsAny: ['não pode!'] },
      { attributes: { 'custom.Plano': 'x' } },
      { channelId: 'x' },
      { lastContactAfter: 'ontem' },
      { unknown: 1 },
    ]) {
      const res = await api('POST', '/api/campaigns/preview-audience', t.token, { filter });
      expect(res.status, JSON.stringify(filter)).toBe(400);
    }
  });
});

describe('materialising the audience at start', () => {
  const template = {
    name: 'promo_fibra',
    language: 'pt_BR',
    variables: [
      { from: 'name' as const, fallback: 'cliente' },
      { from: 'attribute' as const, key: 'city' },
    ],
  };

  async function materialise(campaignId: string): Promise<number> {
    const dbs = openDatabases(env);
    try {
      return await inTenant(dbs.primary, t.id, async (tx) => {
        const row = await campaignRow(tx, t.id, campaignId);
        if (!row) throw new Error('no campaign');
        return materialiseRecipients(tx, t.id, row);
      });
    } finally {
      await dbs.close();
    }
  }

  it('skips the opted-out for marketing, not for a utility notice, and adds nobody twice', async () => {
    const filter = { tagsAny: ['fibra', 'cliente'] };
    const marketing = await createDraft(t, { templates: [template], filter });
    expect(await materialise(marketing)).toBe(2);
    expect(await materialise(marketing)).toBe(2);
    const rows = await storedRecipients(owner, t.id, marketing);
    expect(rows.map((r) => [r.phone, r.state, r.skip_reason, r.variables])).toEqual([
      [PHONES.ana, 'skipped', 'opted_out', ['Ana', 'São Paulo']],
      // Caio has no city: the template cannot be filled for him.
      [PHONES.caio, 'skipped', 'invalid', []],
    ]);
    expect(rows.map((r) => r.contact_id).sort()).toEqual([ids.ana, ids.caio].sort());

    const utility = await createDraft(t, { kind: 'utility', templates: [template], filter });
    expect(await materialise(utility)).toBe(2);
    const notice = await storedRecipients(owner, t.id, utility);
    expect(notice.find((r) => r.phone === PHONES.ana)).toMatchObject({ state: 'queued', skip_reason: null });

    const view = await api<{ campaign: { counts: Record<string, number> } }>(
      'GET',
      `/api/campaigns/${marketing}`,
      t.token,
    );
    expect(view.body.campaign.counts).toMatchObject({ total: 2, skipped: 2, queued: 0 });
  });

  it('re-checks imported recipients against the list, and counts CSV, filter and given contacts once each', async () => {
    const id = await createDraft(t, {
      templates: [{ name: 'aviso_geral', language: 'pt_BR', variables: [] }],
      filter: { attributes: { city: 'sao paulo' } },
    });
    const csv = await api('POST', `/api/campaigns/${id}/recipients`, t.token, undefined);
    expect(csv.status).toBe(400); // no CSV body
    const res = await fetchCsv(id, `telefone\n${PHONES.bia}\n5511987669999\n`);
    expect(res).toBe(200);
    // The new CSV phone says SAIR between the import and the start.
    await owner.query(
      `insert into contact_opt_outs (tenant_id, phone, category, source) values ($1, '5511987669999', 'marketing', 'keyword')`,
      [t.id],
    );
    expect(await materialise(id)).toBe(3); // Ana (filter), Bia (CSV and filter: once), the CSV's new phone
    const rows = await storedRecipients(owner, t.id, id);
    expect(rows.map((r) => [r.phone, r.state, r.skip_reason])).toEqual([
      [PHONES.ana, 'skipped', 'opted_out'],
      [PHONES.bia, 'queued', null],
      ['5511987669999', 'skipped', 'opted_out'],
    ]);
  });

  it('start asks the campaign object; when it refuses, the answer is its error and the campaign stays a draft', async () => {
    const id = await createDraft(t, { templates: [template], filter: { tagsAny: ['inadimplente'] } });
    const res = await api<{ error?: { code: string }; campaign?: { status: string } }>(
      'POST',
      `/api/campaigns/${id}/start`,
      t.token,
    );
    if (res.status === 200) {
      // The campaign object is built (part B2): it scheduled or started the campaign.
      expect(['scheduled', 'running', 'completed']).toContain(res.body.campaign?.status);
    } else {
      expect(res.status).toBe(503);
      expect(res.body.error?.code).toBe('unavailable');
      const row = await owner.query('select status from campaigns where id = $1', [id]);
      expect(row.rows[0]?.status).toBe('draft');
    }
    // Either way the audience was materialised exactly once, and a second start adds nobody.
    await api('POST', `/api/campaigns/${id}/start`, t.token);
    expect((await storedRecipients(owner, t.id, id)).map((r) => r.phone)).toEqual([PHONES.bia]);
    // The service entry other parts call (outage notices, /api/v1) does the same.
    const dbs = openDatabases(env);
    const again = await startCampaign(env, dbs, t.id, id, null).catch((e: Error) => e);
    await dbs.close();
    expect(again).toBeDefined();
    expect((await storedRecipients(owner, t.id, id)).length).toBe(1);
  });

  it('refuses to start an empty audience and stores nothing', async () => {
    const id = await createDraft(t, { filter: { tagsAny: ['ninguem'] } });
    const res = await api('POST', `/api/campaigns/${id}/start`, t.token);
    expect(res.status).toBe(400);
    expect(await storedRecipients(owner, t.id, id)).toEqual([]);
  });
});

async function fetchCsv(id: string, body: string): Promise<number> {
  const res = await call(`/api/campaigns/${id}/recipients`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.token}`, 'content-type': 'text/csv' },
    body,
  });
  await res.text();
  return res.status;
}
