// The campaign object's rules against real Postgres and real queues, with its clock moved: control
// transitions (409 otherwise, another tenant's campaign is not found), the daily tier (exactly 250 unique
// phones released, the rest waiting for the window, released once the clock passes it), the schedule and
// quiet hours in the tenant's zone holding everything, RED template quality pausing, cancel skipping the
// queued, and the forward-only events fold (first time of each state, 131050 → marketing opt-out).
// Channels here have no credentials: a released recipient's send fails ("number removed"), which is enough
// to exercise release and fold; real sends are in tests/e2e/campaign-send.test.ts.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignEventJob } from '../../workers/env';
import { campaignObjectName } from '../../workers/services/conversation-names';
import { type FreshTenant, freshTenant, ownerClient } from './fresh-tenant';
import { eventually } from './helpers';

let owner: Client;
let tenant: FreshTenant;
let other: FreshTenant;

beforeAll(async () => {
  owner = await ownerClient();
  tenant = await freshTenant(owner, 'campanha', ['admin']);
  other = await freshTenant(owner, 'outro', ['admin']);
});

afterAll(async () => {
  await owner?.end();
});

async function channel(t: FreshTenant, rate = 1000): Promise<string> {
  const phoneNumberId = `9${Date.now()}${Math.floor(Math.random() * 1e4)}`.slice(0, 15);
  const r = await owner.query<{ id: string }>(
    `insert into channels (tenant_id, kind, name, address, settings, messaging_tier)
     values ($1, 'whatsapp_cloud', 'Campanhas', $2, $3, 'TIER_250') returning id`,
    [t.id, phoneNumberId, JSON.stringify({ phoneNumberId, wabaId: '1234567', ratePerSecond: rate })],
  );
  const id = r.rows[0]?.id as string;
  await owner.query(
    `insert into whatsapp_templates (tenant_id, channel_id, name, language, status, body, quality)
     values ($1, $2, 'vencimento', 'pt_BR', 'APPROVED', 'Olá {{1}}, sua fatura vence amanhã.', 'GREEN')`,
    [t.id, id],
  );
  return id;
}

interface CampaignOpts {
  recipients: number;
  scheduledAt?: string | null;
  quietHours?: { start: string; end: string } | null;
}

async function campaign(t: FreshTenant, channelId: string, o: CampaignOpts): Promise<string> {
  const c = await owner.query<{ id: string }>(
    `insert into campaigns (tenant_id, name, channel_id, templates, audience, scheduled_at, quiet_hours)
     values ($1, 'Lembrete', $2, $3, '{"filter":null,"csv":true}', $4, $5) returning id`,
    [
      t.id,
      channelId,
      JSON.stringify([{ name: 'vencimento', language: 'pt_BR', variables: [{ from: 'name' }] }]),
      o.scheduledAt ?? null,
      o.quietHours ? JSON.stringify(o.quietHours) : null,
    ],
  );
  const id = c.rows[0]?.id as string;
  const base = 5511900000000 + Math.floor(Math.random() * 1e7) * 100;
  await owner.query(
    `insert into campaign_recipients (tenant_id, campaign_id, phone, name, variables)
     select $1, $2, ($3::bigint + g)::text, 'Cliente ' || g, jsonb_build_array('Cliente ' || g)
     from generate_series(1, $4) g`,
    [t.id, id, base, o.recipients],
  );
  return id;
}

function object(t: FreshTenant, campaignId: string) {
  return env.CAMPAIGNS.getByName(campaignObjectName(t.id, campaignId));
}

const control = (t: FreshTenant, id: string, action: 'start' | 'pause' | 'resume' | 'cancel') =>
  object(t, id).control({ tenantId: t.id, campaignId: id, action, by: null });

async function states(campaignId: string): Promise<Record<string, number>> {
  const r = await owner.query<{ state: string; n: number }>(
    'select state, count(*)::int as n from campaign_recipients where campaign_id = $1 group by state',
    [campaignId],
  );
  return Object.fromEntries(r.rows.map((row) => [row.state, row.n]));
}

async function status(campaignId: string) {
  const r = await owner.query<{ status: string; paused_reason: string | null }>(
    'select status, paused_reason from campaigns where id = $1',
    [campaignId],
  );
  return r.rows[0];
}

const dispatched = async (campaignId: string) =>
  (
    await owner.query<{ n: number }>(
      'select count(*)::int as n from campaign_recipients where campaign_id = $1 and dispatched_at is not null',
      [campaignId],
    )
  ).rows[0]?.n ?? 0;

describe('control', () => {
  it('moves only along valid transitions; anything else is a 409 conflict and changes nothing', async () => {
    const ch = await channel(tenant);
    const id = await campaign(tenant, ch, { recipients: 3, quietHours: { start: '00:00', end: '23:59' } });
    await object(tenant, id).setClockForTests('2026-12-09T15:00:00.000Z');
    expect(await control(tenant, id, 'resume')).toMatchObject({ ok: false, code: 'conflict' });
    expect(await control(tenant, id, 'pause')).toMatchObject({ ok: false, code: 'conflict' });
    expect((await status(id))?.status).toBe('draft');
    expect(await control(tenant, id, 'start')).toEqual({ ok: true, status: 'running' });
    expect(await control(tenant, id, 'start')).toMatchObject({ ok: false, code: 'conflict' });
    expect(await control(tenant, id, 'resume')).toMatchObject({ ok: false, code: 'conflict' });
    expect(await control(tenant, id, 'pause')).toEqual({ ok: true, status: 'paused' });
    expect(await control(tenant, id, 'resume')).toEqual({ ok: true, status: 'running' });
    expect(await control(tenant, id, 'cancel')).toEqual({ ok: true, status: 'cancelled' });
    expect(await control(tenant, id, 'start')).toMatchObject({ ok: false, code: 'conflict' });
    expect(await states(id)).toEqual({ skipped: 3 });
    const reasons = await owner.query(
      'select distinct skip_reason from campaign_recipients where campaign_id = $1',
      [id],
    );
    expect(reasons.rows).toEqual([{ skip_reason: 'cancelled' }]);
  });

  it("another tenant's campaign is not found, and nothing changes", async () => {
    const ch = await channel(tenant);
    const id = await campaign(tenant, ch, { recipients: 1 });
    const foreign = env.CAMPAIGNS.getByName(campaignObjectName(other.id, id));
    const res = await foreign.control({ tenantId: other.id, campaignId: id, action: 'start', by: null });
    expect(res).toMatchObject({ ok: false, code: 'not_found' });
    // The right object named with the wrong tenant refuses the claim too.
    const misnamed = await object(tenant, id).control({
      tenantId: other.id,
      campaignId: id,
      action: 'start',
      by: null,
    });
    expect(misnamed).toMatchObject({ ok: false, code: 'not_found' });
    expect((await status(id))?.status).toBe('draft');
  });
});

describe('daily tier', () => {
  it('releases exactly 250 unique phones in 24 h, waits for the window, then releases the rest', async () => {
    const ch = await channel(tenant);
    const id = await campaign(tenant, ch, { recipients: 260 });
    const stub = object(tenant, id);
    await stub.setClockForTests('2026-12-07T13:00:00.000Z');
    expect(await control(tenant, id, 'start')).toEqual({ ok: true, status: 'running' });
    await eventually('250 released', async () => ((await dispatched(id)) === 250 ? true : null), 30_000);
    const progress = await eventually('the object waits for the window', async () => {
      const p = await stub.progress();
      return p.nextWindowAt ? p : null;
    });
    // The window frees 24 h after the first release (object time).
    expect(Date.parse(progress.nextWindowAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse('2026-12-08T13:00:00.000Z'),
    );
    expect(Date.parse(progress.nextWindowAt ?? '')).toBeLessThan(Date.parse('2026-12-08T13:01:00.000Z'));
    expect((await states(id)).queued).toBe(10);
    expect(await dispatched(id)).toBe(250);
    // The next day: the rest go, and the campaign completes once every send has an outcome.
    await stub.setClockForTests('2026-12-08T13:05:00.000Z');
    await eventually('the rest released', async () => ((await dispatched(id)) === 260 ? true : null), 30_000);
    // 260 new conversations, each reading Postgres on its first claim (storage recovery): the whole suite's
    // load can stretch this well past a quiet run's half minute.
    await eventually(
      'completed',
      async () => ((await status(id))?.status === 'completed' ? true : null),
      150_000,
    );
    const s = await states(id);
    expect(s.queued ?? 0).toBe(0);
    expect(s.sending ?? 0).toBe(0);
  }, 240_000);
});

describe('holding', () => {
  it('a schedule in the future holds everything until then', async () => {
    const ch = await channel(tenant);
    const id = await campaign(tenant, ch, { recipients: 2, scheduledAt: '2026-12-10T12:00:00.000Z' });
    const stub = object(tenant, id);
    await stub.setClockForTests('2026-12-09T12:00:00.000Z');
    expect(await control(tenant, id, 'start')).toEqual({ ok: true, status: 'scheduled' });
    const p = await eventually('waiting', async () =>
      (await stub.progress()).nextWindowAt ? stub.progress() : null,
    );
    expect(p.nextWindowAt).toBe('2026-12-10T12:00:00.000Z');
    expect(await dispatched(id)).toBe(0);
    await stub.setClockForTests('2026-12-10T12:00:01.000Z');
    await eventually('released', async () => ((await dispatched(id)) === 2 ? true : null));
    expect((await status(id))?.status).not.toBe('scheduled');
  });

  it("quiet hours in the tenant's zone hold sending until they end", async () => {
    const ch = await channel(tenant);
    const id = await campaign(tenant, ch, { recipients: 2, quietHours: { start: '21:00', end: '08:00' } });
    const stub = object(tenant, id);
    // 23:30 in São Paulo (UTC-3).
    await stub.setClockForTests('2026-12-09T02:30:00.000Z');
    expect(await control(tenant, id, 'start')).toEqual({ ok: true, status: 'running' });
    const p = await eventually('waiting', async () =>
      (await stub.progress()).nextWindowAt ? stub.progress() : null,
    );
    expect(p.nextWindowAt).toBe('2026-12-09T11:00:00.000Z');
    expect(await dispatched(id)).toBe(0);
    await stub.setClockForTests('2026-12-09T11:00:05.000Z');
    await eventually('released at 08:00', async () => ((await dispatched(id)) === 2 ? true : null));
  });

  it('a template rated RED pauses the campaign (quality_red); resume is manual', async () => {
    const ch = await channel(tenant);
    const id = await campaign(tenant, ch, { recipients: 2, quietHours: { start: '00:00', end: '23:59' } });
    await object(tenant, id).setClockForTests('2026-12-09T15:00:00.000Z');
    await owner.query(`update whatsapp_templates set quality = 'RED' where channel_id = $1`, [ch]);
    expect(await control(tenant, id, 'start')).toEqual({ ok: true, status: 'running' });
    await eventually('paused', async () => ((await status(id))?.status === 'paused' ? true : null));
    expect(await status(id)).toEqual({ status: 'paused', paused_reason: 'quality_red' });
    expect(await dispatched(id)).toBe(0);
    await owner.query(`update whatsapp_templates set quality = 'GREEN' where channel_id = $1`, [ch]);
    expect(await control(tenant, id, 'resume')).toEqual({ ok: true, status: 'running' });
    expect((await status(id))?.paused_reason).toBeNull();
  });
});

describe('events fold', () => {
  async function sendingRecipient() {
    const ch = await channel(tenant);
    const id = await campaign(tenant, ch, { recipients: 1 });
    const r = await owner.query<{ id: string; phone: string }>(
      `update campaign_recipients set state = 'sending', dispatched_at = now() where campaign_id = $1 returning id, phone`,
      [id],
    );
    return { campaignId: id, recipientId: r.rows[0]?.id as string, phone: r.rows[0]?.phone as string };
  }

  const job = (
    r: { campaignId: string; recipientId: string },
    state: CampaignEventJob['state'],
    at: number,
  ) => ({
    tenantId: tenant.id,
    campaignId: r.campaignId,
    recipientId: r.recipientId,
    state,
    at,
    externalId: 'wamid.x',
    error: null,
  });

  const row = async (id: string) =>
    (
      await owner.query<Record<string, unknown>>(
        'select state, sent_at, delivered_at, read_at, replied_at, error_code from campaign_recipients where id = $1',
        [id],
      )
    ).rows[0];

  it('moves forward only and keeps the first time of each state, whatever the arrival order', async () => {
    const r = await sendingRecipient();
    const t0 = Date.parse('2026-12-04T10:00:00.000Z');
    await env.CAMPAIGN_EVENTS_QUEUE.send(job(r, 'read', t0 + 2000));
    await eventually('read', async () => ((await row(r.recipientId))?.state === 'read' ? true : null));
    await env.CAMPAIGN_EVENTS_QUEUE.send(job(r, 'delivered', t0 + 1000));
    await env.CAMPAIGN_EVENTS_QUEUE.send(job(r, 'sent', t0));
    await eventually('times recorded', async () => ((await row(r.recipientId))?.sent_at ? true : null));
    const after = await row(r.recipientId);
    expect(after?.state).toBe('read');
    expect((after?.delivered_at as Date | undefined)?.toISOString()).toBe('2026-12-04T10:00:01.000Z');
    await env.CAMPAIGN_EVENTS_QUEUE.send(job(r, 'read', t0 + 9000));
    await env.CAMPAIGN_EVENTS_QUEUE.send(job(r, 'replied', t0 + 5000));
    await eventually('replied', async () => ((await row(r.recipientId))?.state === 'replied' ? true : null));
    expect(((await row(r.recipientId))?.read_at as Date | undefined)?.toISOString()).toBe(
      '2026-12-04T10:00:02.000Z',
    );
  });

  it("Meta's 131050 fails the recipient with the code and puts the phone on the marketing opt-out list", async () => {
    const r = await sendingRecipient();
    await env.CAMPAIGN_EVENTS_QUEUE.send({
      ...job(r, 'failed', Date.now()),
      error: { code: 131050, title: 'User has stopped marketing messages' },
    });
    await eventually('failed', async () => ((await row(r.recipientId))?.state === 'failed' ? true : null));
    expect((await row(r.recipientId))?.error_code).toBe(131050);
    const optOut = await owner.query(
      'select category, source from contact_opt_outs where tenant_id = $1 and phone = $2',
      [tenant.id, r.phone],
    );
    expect(optOut.rows).toEqual([{ category: 'marketing', source: 'meta_131050' }]);
  });
});
