// Fixtures for the campaign suites: a fresh tenant with a supervisor and an agent, a WhatsApp Cloud number
// with synced templates (approved, pending, RED-rated), its site widget, contacts with phones, tags and
// attributes, and direct reads of what Postgres holds (RLS as the tenant) to prove what was or was not stored.
import type { Client } from '@neondatabase/serverless';
import type { CreateCampaignRequest } from '../../workers/contract';
import { asTenant } from './db-helpers';
import { type FreshTenant, freshTenant } from './fresh-tenant';
import { api } from './helpers';

export interface CampaignTenant extends FreshTenant {
  channelId: string;
  widgetId: string;
  token: string;
}

let counter = 0;
/** A Brazilian mobile in canonical form, unique per call. */
export function mobile(): string {
  counter++;
  return `55119${String(Date.now() % 1e4).padStart(4, '0')}${String(counter).padStart(4, '0')}`;
}

export async function campaignTenant(owner: Client, label: string): Promise<CampaignTenant> {
  const t = await freshTenant(owner, label, ['supervisor', 'agent']);
  const phoneNumberId = `8${`${Date.now()}${Math.floor(Math.random() * 1e6)}`.slice(-12)}`;
  const ch = await owner.query<{ id: string }>(
    `insert into channels (tenant_id, kind, name, address, settings) values ($1, 'whatsapp_cloud', 'Vendas', $2, $3)
     returning id`,
    [t.id, phoneNumberId, JSON.stringify({ phoneNumberId, wabaId: `waba-${phoneNumberId}` })],
  );
  const channelId = ch.rows[0]?.id as string;
  const w = await owner.query<{ id: string }>(
    `insert into channels (tenant_id, kind, name) values ($1, 'widget', 'Site') returning id`,
    [t.id],
  );
  const templates: [string, string, string, string][] = [
    ['promo_fibra', 'APPROVED', 'GREEN', 'Olá {{1}}, a fibra de {{2}} chegou no seu bairro!'],
    ['aviso_geral', 'APPROVED', 'UNKNOWN', 'Aviso da Provedor: manutenção programada hoje.'],
    ['fatura', 'APPROVED', 'GREEN', 'Olá {{1}}, sua fatura de {{2}} vence dia {{3}}.'],
    ['pendente', 'PENDING', 'UNKNOWN', 'Olá {{1}}'],
    ['vermelho', 'APPROVED', 'RED', 'Olá {{1}}'],
  ];
  for (const [name, status, quality, body] of templates) {
    await owner.query(
      `insert into whatsapp_templates (tenant_id, channel_id, name, language, status, quality, category, body)
       values ($1, $2, $3, 'pt_BR', $4, $5, 'MARKETING', $6)`,
      [t.id, channelId, name, status, quality, body],
    );
  }
  return { ...t, channelId, widgetId: w.rows[0]?.id as string, token: t.tokens.supervisor as string };
}

export interface ContactSeed {
  name?: string | null;
  phone: string;
  tags?: string[];
  attributes?: Record<string, unknown>;
  erased?: boolean;
}

export async function addContacts(owner: Client, tenantId: string, seeds: ContactSeed[]): Promise<string[]> {
  const ids: string[] = [];
  for (const s of seeds) {
    const r = await owner.query<{ id: string }>(
      `insert into contacts (tenant_id, name, phone, tags, attributes, erased_at)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [
        tenantId,
        s.name ?? null,
        s.phone,
        s.tags ?? [],
        JSON.stringify(s.attributes ?? {}),
        s.erased ? new Date() : null,
      ],
    );
    ids.push(r.rows[0]?.id as string);
  }
  return ids;
}

/** A campaign request with the one-variable-free template, overridable field by field. */
export function draft(t: CampaignTenant, over: Partial<CreateCampaignRequest> = {}): Record<string, unknown> {
  return {
    name: 'Promoção de verão',
    channelId: t.channelId,
    templates: [{ name: 'aviso_geral', language: 'pt_BR', variables: [] }],
    ...over,
  };
}

export async function createDraft(
  t: CampaignTenant,
  over: Partial<CreateCampaignRequest> = {},
): Promise<string> {
  const res = await api<{ campaign: { id: string } }>('POST', '/api/campaigns', t.token, draft(t, over));
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.campaign.id;
}

export async function countRows(client: Client, tenantId: string, table: string): Promise<number> {
  return asTenant(client, tenantId, async () => {
    const r = await client.query<{ n: number }>(
      `select count(*)::int as n from ${table} where tenant_id = $1`,
      [tenantId],
    );
    return r.rows[0]?.n ?? 0;
  });
}

export interface StoredRecipient {
  phone: string;
  name: string | null;
  state: string;
  skip_reason: string | null;
  arm: string;
  variables: string[];
  contact_id: string | null;
}

export async function storedRecipients(client: Client, tenantId: string, campaignId: string) {
  return asTenant(client, tenantId, async () => {
    const r = await client.query<StoredRecipient>(
      `select phone, name, state, skip_reason, arm, variables, contact_id from campaign_recipients
       where campaign_id = $1 order by phone`,
      [campaignId],
    );
    return r.rows;
  });
}
