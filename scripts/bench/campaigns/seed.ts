// What the campaign bench sends to, seeded straight into Postgres (10,000 contacts in one statement): a number
// of the bench's own on the demo tenant (the limit under test as its pacing, tier unlimited, no bot), a
// marketing template approved at the simulator and synced, the audience's contacts under one tag, and the
// agent probe's customers, who write first so their 24 h window is open.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Stack } from '../../lib/stack';
import { seedCloudNumber } from '../../seed';
import type { SimTemplate } from '../../whatsapp-simulator/server';
import { DEFAULT_TEMPLATES } from '../../whatsapp-simulator/templates';
import { conversationOf } from '../bot/channels';
import { pooled } from '../pool';

/** The bench's own number (no other seed uses it). */
export const BENCH_NUMBER = {
  name: 'WhatsApp Campanhas (bench)',
  phoneNumberId: '100000000000088',
  wabaId: '200000000000088',
  displayPhoneNumber: '5511900000088',
};

/** The campaign's template: marketing, one variable (the contact's name). */
export const BENCH_TEMPLATE: Required<SimTemplate> = {
  name: 'oferta_bench',
  language: 'pt_BR',
  status: 'APPROVED',
  category: 'MARKETING',
  body: 'Olá {{1}}, este mês a Fibra Demo dobra sua velocidade sem custo. Responda SAIR para não receber mais.',
};

/** Every contact of the audience carries it; nothing else in the tenant does. */
export const AUDIENCE_TAG = 'bench-campanha';

/**
 * Audience phones: 55 + area 31 + a 9-digit mobile starting 95; the probe's customers start 94. Apart from
 * the other benches' (97, 98, 991…) and the ERP simulator's customers.
 */
export const audiencePhone = (i: number) => `553195${String(i).padStart(7, '0')}`;
export const probePhone = (i: number) => `553194${String(i).padStart(7, '0')}`;

export interface BenchSeed {
  tenantId: string;
  channelId: string;
  /** The audience's phones (digits), for telling campaign sends from the probe's at the simulator. */
  audience: Set<string>;
  probes: { phone: string; conversationId: string }[];
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function seedBench(
  stack: Stack,
  opts: { recipients: number; ratePerSecond: number; probes: number },
): Promise<BenchSeed> {
  const tenantId = stack.demo.tenantId;
  const accessToken = randomBytes(24).toString('base64url');
  stack.whatsapp.registerNumber({ ...BENCH_NUMBER, accessToken, verifiedName: 'Provedor Demo' });
  stack.whatsapp.setTemplates(BENCH_NUMBER.wabaId, [...DEFAULT_TEMPLATES, BENCH_TEMPLATE]);
  const channelId = await seedCloudNumber(
    stack.ownerUrl,
    tenantId,
    { ...BENCH_NUMBER, accessToken },
    stack.secrets.channelSecretsKey,
  );
  await withClient(stack.ownerUrl, async (c) => {
    await c.query('begin');
    // The limit under test; Meta's per-recipient pacing stays as configured (each person gets one message).
    await c.query(
      `update channels set bot_enabled = false, messaging_tier = 'TIER_UNLIMITED',
         settings = settings || jsonb_build_object('ratePerSecond', $2::int) where id = $1`,
      [channelId, opts.ratePerSecond],
    );
    const t = BENCH_TEMPLATE;
    await c.query(
      `insert into whatsapp_templates (tenant_id, channel_id, name, language, status, category, body, components,
         quality)
       values ($1, $2, $3, $4, $5, $6, $7, $8, 'GREEN') on conflict do nothing`,
      [
        tenantId,
        channelId,
        t.name,
        t.language,
        t.status,
        t.category,
        t.body,
        JSON.stringify([{ type: 'BODY', text: t.body }]),
      ],
    );
    await c.query(
      `insert into contacts (tenant_id, name, phone, tags, attributes)
       select $1, 'Cliente ' || lpad(i::text, 5, '0'), '553195' || lpad(i::text, 7, '0'), array[$3::text],
              jsonb_build_object('city', 'Belo Horizonte')
         from generate_series(0, $2::int - 1) i`,
      [tenantId, opts.recipients, AUDIENCE_TAG],
    );
    await c.query('commit');
  });
  const audience = new Set(Array.from({ length: opts.recipients }, (_, i) => audiencePhone(i)));

  // The probe's customers write first (a real webhook each), which opens their conversation and its window.
  const probes = await pooled(
    Array.from({ length: opts.probes }, (_, i) => async () => {
      const phone = probePhone(i);
      const res = await stack.whatsapp.inbound({
        phoneNumberId: BENCH_NUMBER.phoneNumberId,
        from: phone,
        name: `Sonda ${i}`,
        text: 'Oi, minha internet está lenta',
      });
      if (res.status !== 200) throw new Error(`probe customer ${phone}: webhook HTTP ${res.status}`);
      return { phone, conversationId: await conversationOf(stack.ownerUrl, channelId, phone, 30_000) };
    }),
    4,
  );
  return { tenantId, channelId, audience, probes };
}
