// The proactive side of an outage, through the campaign service (part B1) over real Postgres: registering
// with `notify` creates and starts a utility campaign to exactly the affected contacts (places compared
// without case or accents, contracts by id; a marketing opt-out does not silence it), tied to the outage;
// a template whose variables do not fit is a 400 with no outage and no campaign stored; resolving with
// `notify` sends the resolution to those notified, on the same number and template.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignView, OutageView } from '../../workers/contract';
import {
  addContacts,
  type CampaignTenant,
  campaignTenant,
  countRows,
  mobile,
  storedRecipients,
} from './campaigns-helpers';
import { ownerClient } from './fresh-tenant';
import { api, errorCode } from './helpers';

let owner: Client;
let t: CampaignTenant;
const phones = {
  centro: mobile(),
  centroAccents: mobile(),
  contract: mobile(),
  optedOut: mobile(),
  elsewhere: mobile(),
};

beforeAll(async () => {
  owner = await ownerClient();
  t = await campaignTenant(owner, 'outage-notice');
  await owner.query(
    `insert into whatsapp_templates (tenant_id, channel_id, name, language, status, quality, category, body)
     values ($1, $2, 'aviso_queda', 'pt_BR', 'APPROVED', 'GREEN', 'UTILITY', 'Aviso importante: {{1}}')`,
    [t.id, t.channelId],
  );
  await addContacts(owner, t.id, [
    { name: 'Ana', phone: phones.centro, attributes: { neighbourhood: 'Centro' } },
    { name: 'Bia', phone: phones.centroAccents, attributes: { neighbourhood: '  CÉNTRO ' } },
    {
      name: 'Caio',
      phone: phones.contract,
      attributes: { neighbourhood: 'Outro', contracts: ['9001', '7001'] },
    },
    { name: 'Dani', phone: phones.optedOut, attributes: { neighbourhood: 'centro' } },
    { name: 'Edu', phone: phones.elsewhere, attributes: { neighbourhood: 'Savassi', contracts: ['7002'] } },
  ]);
  // Dani said SAIR to marketing: an outage notice is utility and still reaches her.
  await owner.query(
    `insert into contact_opt_outs (tenant_id, phone, category, source, detail) values ($1, $2, 'marketing', 'keyword', 'SAIR')`,
    [t.id, phones.optedOut],
  );
});
afterAll(() => owner?.end());

const notify = (templateName = 'aviso_queda') => ({
  channelId: t.channelId,
  templateName,
  language: 'pt_BR',
});
const outageBody = (over: Record<string, unknown> = {}) => ({
  title: 'Fibra rompida',
  area: { neighbourhoods: ['Centro'], contracts: ['7001'] },
  startsAt: new Date(Date.now() - 3600_000).toISOString(),
  expectedEndAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
  message: 'Rompimento de fibra no Centro; previsão de retorno às 18h.',
  ...over,
});

describe('outage notices as utility campaigns', () => {
  it('a template with the wrong variable count is a 400: no outage, no campaign', async () => {
    const before = {
      outages: await countRows(owner, t.id, 'outages'),
      campaigns: await countRows(owner, t.id, 'campaigns'),
    };
    const res = await api('POST', '/api/outages', t.token, outageBody({ notify: notify('fatura') }));
    expect(res.status).toBe(400);
    expect(errorCode(res.body)).toBe('validation_failed');
    const unknown = await api('POST', '/api/outages', t.token, outageBody({ notify: notify('nao_existe') }));
    expect(unknown.status).toBe(400);
    expect(await countRows(owner, t.id, 'outages')).toBe(before.outages);
    expect(await countRows(owner, t.id, 'campaigns')).toBe(before.campaigns);
  });

  it('notify creates and starts a utility campaign to exactly the affected contacts; resolve notifies them again', async () => {
    const res = await api<{ outage: OutageView }>(
      'POST',
      '/api/outages',
      t.token,
      outageBody({ notify: notify() }),
    );
    expect(res.status).toBe(201);
    const outage = res.body.outage;
    expect(outage.noticeCampaignId).toBeTruthy();
    const campaign = await api<{ campaign: CampaignView }>(
      'GET',
      `/api/campaigns/${outage.noticeCampaignId}`,
      t.token,
    );
    expect(campaign.status).toBe(200);
    expect(campaign.body.campaign).toMatchObject({
      kind: 'utility',
      outageId: outage.id,
      channelId: t.channelId,
    });
    expect(campaign.body.campaign.status).not.toBe('draft');
    const affected = [phones.centro, phones.centroAccents, phones.contract, phones.optedOut].sort();
    const recipients = await storedRecipients(owner, t.id, outage.noticeCampaignId as string);
    expect(recipients.map((r) => r.phone).sort()).toEqual(affected);
    expect(recipients.every((r) => r.variables[0] === outageBody().message)).toBe(true);
    expect(recipients.find((r) => r.phone === phones.optedOut)?.state).not.toBe('skipped');

    const resolved = await api<{ outage: OutageView }>('POST', `/api/outages/${outage.id}/resolve`, t.token, {
      message: 'Conexão normalizada no Centro. Obrigado pela paciência!',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.outage.state).toBe('resolved');
    const resolutionId = resolved.body.outage.resolutionCampaignId as string;
    expect(resolutionId).toBeTruthy();
    expect(resolutionId).not.toBe(outage.noticeCampaignId);
    const resolution = await storedRecipients(owner, t.id, resolutionId);
    expect(resolution.map((r) => r.phone).sort()).toEqual(affected);
    expect(resolution[0]?.variables[0]).toBe('Conexão normalizada no Centro. Obrigado pela paciência!');
  });

  it('nobody affected: the outage is stored and no campaign is created', async () => {
    const campaigns = await countRows(owner, t.id, 'campaigns');
    const res = await api<{ outage: OutageView }>(
      'POST',
      '/api/outages',
      t.token,
      outageBody({ area: { cities: ['Cidade Sem Clientes'] }, notify: notify() }),
    );
    expect(res.status).toBe(201);
    expect(res.body.outage.noticeCampaignId).toBeNull();
    expect(await countRows(owner, t.id, 'campaigns')).toBe(campaigns);
  });
});
