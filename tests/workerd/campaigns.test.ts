// Campaign drafts over REST: created only when the channel is this tenant's WhatsApp number, every template is
// synced, APPROVED, not RED and given as many variables as its body takes, the schedule lies ahead and the
// filter names known attributes; a refusal names the field and stores nothing. Drafts are listed newest first,
// read with counts, edited and deleted; another tenant's ids are 404; agents may not touch campaigns.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignPage, CampaignResponse, type CampaignView } from '../../workers/contract';
import { type CampaignTenant, campaignTenant, countRows, createDraft, draft } from './campaigns-helpers';
import { ownerClient } from './fresh-tenant';
import { api, errorCode } from './helpers';

let owner: Client;
let acme: CampaignTenant;
let globex: CampaignTenant;

beforeAll(async () => {
  owner = await ownerClient();
  acme = await campaignTenant(owner, 'camp');
  globex = await campaignTenant(owner, 'camp-other');
});
afterAll(() => owner.end());

type Details = { path: string; message: string }[];
const details = (body: unknown) => (body as { error: { details: Details } }).error.details;

describe('creating a campaign', () => {
  it('stores a draft with its templates, variables, split, filter, schedule and quiet hours', async () => {
    const scheduledAt = new Date(Date.now() + 3_600_000).toISOString();
    const res = await api<{ campaign: CampaignView }>(
      'POST',
      '/api/campaigns',
      acme.token,
      draft(acme, {
        name: 'Fibra no bairro',
        templates: [
          {
            name: 'promo_fibra',
            language: 'pt_BR',
            variables: [
              { from: 'name', fallback: 'cliente' },
              { from: 'attribute', key: 'neighbourhood' },
            ],
          },
          { name: 'aviso_geral', language: 'pt_BR', variables: [] },
        ],
        splitPercent: 30,
        filter: { tagsAny: ['fibra'], attributes: { city: 'São Paulo' } },
        scheduledAt,
        quietHours: { start: '21:00', end: '08:00' },
      }),
    );
    expect(res.status).toBe(201);
    expect(CampaignResponse.safeParse(res.body).success).toBe(true);
    expect(res.body.campaign).toMatchObject({
      name: 'Fibra no bairro',
      kind: 'marketing',
      status: 'draft',
      splitPercent: 30,
      audience: { filter: { tagsAny: ['fibra'], attributes: { city: 'São Paulo' } }, csv: false },
      scheduledAt: new Date(scheduledAt).toISOString(),
      quietHours: { start: '21:00', end: '08:00' },
      counts: { total: 0 },
      arms: { a: { total: 0 }, b: { total: 0 } },
    });
    const audit = await owner.query<{ action: string; actor_id: string }>(
      `select action, actor_id from audit_log where tenant_id = $1 and target_id = $2`,
      [acme.id, res.body.campaign.id],
    );
    expect(audit.rows).toEqual([{ action: 'campaign.created', actor_id: acme.userIds.supervisor }]);
  });

  it('refuses what cannot be sent, naming the field, and stores nothing', async () => {
    const before = await countRows(owner, acme.id, 'campaigns');
    const past = new Date(Date.now() - 3_600_000).toISOString();
    const one = (name: string, variables: unknown[] = []) => ({
      templates: [{ name, language: 'pt_BR', variables }],
    });
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['wrong variable count', one('promo_fibra', [{ from: 'name' }]), 'templates.0.variables', /takes 2/],
      ['too many variables', one('aviso_geral', [{ from: 'name' }]), 'templates.0.variables', /takes 0/],
      ['not approved', one('pendente', [{ from: 'name' }]), 'templates.0.name', /PENDING/],
      ['RED quality', one('vermelho', [{ from: 'name' }]), 'templates.0.name', /RED/],
      ['unknown template', one('nao_existe'), 'templates.0.name', /no template/],
      ['past schedule', { scheduledAt: past }, 'scheduledAt', /past/],
      ['widget channel', { channelId: acme.widgetId }, 'channelId', /WhatsApp/],
      ['unknown attribute', { filter: { attributes: { plano: 'x' } } }, 'filter.attributes.plano', /custom/],
      [
        'inverted window',
        { filter: { lastContactAfter: '2026-02-01T00:00:00Z', lastContactBefore: '2026-01-01T00:00:00Z' } },
        'filter.lastContactAfter',
        /before/,
      ],
    ];
    for (const [what, over, path, message] of cases) {
      const res = await api('POST', '/api/campaigns', acme.token, draft(acme, over));
      expect(res.status, what).toBe(400);
      expect(errorCode(res.body), what).toBe('validation_failed');
      expect(details(res.body), what).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]),
      );
    }
    // The contract's own refusals: a split out of range, a bad quiet-hours window, no template, a bad source.
    for (const over of [
      { splitPercent: 100, templates: [draft(acme).templates, draft(acme).templates].flat() },
      { quietHours: { start: '22:00', end: '22:00' } },
      { quietHours: { start: '25:00', end: '06:00' } },
      { templates: [] },
      { templates: [{ name: 'fatura', language: 'pt_BR', variables: [{ from: 'sql', value: 'x' }] }] },
      { scheduledAt: '2026-13-01' },
      { name: '   ' },
    ]) {
      const res = await api('POST', '/api/campaigns', acme.token, draft(acme, over as never));
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    // Unknown channel and another tenant's channel: not found, as if it did not exist.
    for (const channelId of [crypto.randomUUID(), globex.channelId]) {
      const res = await api('POST', '/api/campaigns', acme.token, draft(acme, { channelId }));
      expect(res.status).toBe(404);
    }
    // Another tenant's templates are not this number's, even by the same name on its own number.
    expect(await countRows(owner, acme.id, 'campaigns')).toBe(before);
  });

  it('is for supervisors: an agent is refused', async () => {
    const res = await api('POST', '/api/campaigns', acme.tokens.agent as string, draft(acme));
    expect(res.status).toBe(403);
    expect((await api('GET', '/api/campaigns', acme.tokens.agent as string)).status).toBe(403);
  });
});

describe('drafts', () => {
  it('lists newest first with counts, page by page, only this tenant’s', async () => {
    const ids = [await createDraft(acme, { name: 'Lista 1' }), await createDraft(acme, { name: 'Lista 2' })];
    await createDraft(globex, { name: 'Da outra' });
    const first = await api<CampaignPage>('GET', '/api/campaigns?limit=1', acme.token);
    expect(first.status).toBe(200);
    expect(CampaignPage.safeParse(first.body).success).toBe(true);
    expect(first.body.campaigns.map((c) => c.id)).toEqual([ids[1]]);
    expect(first.body.nextCursor).toBe(ids[1]);
    const second = await api<CampaignPage>('GET', `/api/campaigns?limit=1&cursor=${ids[1]}`, acme.token);
    expect(second.body.campaigns.map((c) => c.id)).toEqual([ids[0]]);
    const all = await api<CampaignPage>('GET', '/api/campaigns?limit=100', acme.token);
    expect(all.body.campaigns.some((c) => c.name === 'Da outra')).toBe(false);
    // Another tenant's cursor names nothing here: the page starts from nowhere (empty), never their rows.
    const foreign = await createDraft(globex);
    const odd = await api<CampaignPage>('GET', `/api/campaigns?cursor=${foreign}`, acme.token);
    expect(odd.body.campaigns).toEqual([]);
    for (const q of ['limit=0', 'limit=101', 'cursor=abc', 'status=sleeping', 'extra=1']) {
      const bad = await api('GET', `/api/campaigns?${q}`, acme.token);
      expect(bad.status, q).toBe(400);
    }
  });

  it('edits a draft with the same checks, and deletes it', async () => {
    const id = await createDraft(acme);
    const edited = await api<{ campaign: CampaignView }>('PATCH', `/api/campaigns/${id}`, acme.token, {
      name: 'Renomeada',
      templates: [
        {
          name: 'fatura',
          language: 'pt_BR',
          variables: [
            { from: 'name' },
            { from: 'csv', column: 'valor' },
            { from: 'csv', column: 'vencimento' },
          ],
        },
      ],
      quietHours: { start: '20:00', end: '09:00' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.campaign).toMatchObject({
      name: 'Renomeada',
      quietHours: { start: '20:00', end: '09:00' },
    });
    const bad = await api('PATCH', `/api/campaigns/${id}`, acme.token, {
      templates: [{ name: 'fatura', language: 'pt_BR', variables: [] }],
    });
    expect(bad.status).toBe(400);
    expect(details(bad.body)[0]?.path).toBe('templates.0.variables');
    expect((await api('PATCH', `/api/campaigns/${id}`, acme.token, {})).status).toBe(400);
    const read = await api<{ campaign: CampaignView }>('GET', `/api/campaigns/${id}`, acme.token);
    expect(read.body.campaign.name).toBe('Renomeada');
    expect(read.body.campaign.templates[0]?.name).toBe('fatura');
    // Not started campaigns only: a running one is the object's.
    await owner.query(`update campaigns set status = 'running' where id = $1`, [id]);
    expect((await api('PATCH', `/api/campaigns/${id}`, acme.token, { name: 'x' })).status).toBe(409);
    expect((await api('DELETE', `/api/campaigns/${id}`, acme.token)).status).toBe(409);
    await owner.query(`update campaigns set status = 'draft' where id = $1`, [id]);
    expect((await api('DELETE', `/api/campaigns/${id}`, acme.token)).status).toBe(204);
    expect((await api('GET', `/api/campaigns/${id}`, acme.token)).status).toBe(404);
  });

  it('answers 404 for another tenant’s campaign on every route, and changes nothing', async () => {
    const theirs = await createDraft(globex, { name: 'Intocada' });
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/campaigns/${theirs}`],
      ['PATCH', `/api/campaigns/${theirs}`, { name: 'hack' }],
      ['DELETE', `/api/campaigns/${theirs}`],
      ['GET', `/api/campaigns/${theirs}/recipients`],
      ['GET', `/api/campaigns/${theirs}/export.csv`],
      ['POST', `/api/campaigns/${theirs}/start`],
      ['POST', `/api/campaigns/${theirs}/pause`],
      ['POST', `/api/campaigns/${theirs}/resume`],
      ['POST', `/api/campaigns/${theirs}/cancel`],
      ['GET', `/api/campaigns/${theirs.toUpperCase()}`],
      ['GET', '/api/campaigns/not-a-uuid'],
    ];
    for (const [method, path, body] of routes) {
      const res = await api(method, path, acme.token, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const stored = await owner.query<{ name: string; status: string }>(
      'select name, status from campaigns where id = $1',
      [theirs],
    );
    expect(stored.rows).toEqual([{ name: 'Intocada', status: 'draft' }]);
  });
});
