// The campaign object's Postgres side: the campaign as the runner needs it, its status, the channel's daily
// tier usage (unique phones released on that number in the rolling 24 h, across the tenant's campaigns),
// releasing queued recipients (marked `sending` before they are queued, so a crash re-releases rather than
// forgets), re-releasing those whose queue message was lost, and cancel. Times are the object's clock
// (epoch ms), so a test that moves the clock moves the tier window too.
import { sql } from 'drizzle-orm';
import type { CampaignStatus, CampaignTemplate, MessagingTier, QuietHours } from '../../workers/contract';
import { PacingSettings } from '../../workers/contract/channels';
import type { Tx } from '../../workers/services/db';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface RunnerCampaign {
  status: CampaignStatus;
  kind: 'marketing' | 'utility';
  channelId: string;
  scheduledAtMs: number | null;
  quietHours: QuietHours | null;
  templates: CampaignTemplate[];
  timezone: string;
  tier: MessagingTier;
  ratePerSecond: number;
  startedAt: boolean;
}

const ts = (ms: number) => sql`to_timestamp(${ms}::double precision / 1000)`;

export async function loadCampaign(
  tx: Tx,
  tenantId: string,
  campaignId: string,
): Promise<RunnerCampaign | null> {
  const { rows } = await tx.execute<{
    status: CampaignStatus;
    kind: 'marketing' | 'utility';
    channel_id: string;
    scheduled_ms: string | null;
    quiet_hours: QuietHours | null;
    templates: CampaignTemplate[];
    timezone: string;
    messaging_tier: MessagingTier;
    settings: unknown;
    started: boolean;
  }>(sql`select c.status, c.kind, c.channel_id, (extract(epoch from c.scheduled_at) * 1000)::bigint as scheduled_ms,
        c.quiet_hours, c.templates, t.timezone, ch.messaging_tier, ch.settings, c.started_at is not null as started
      from campaigns c join tenants t on t.id = c.tenant_id
      join channels ch on ch.id = c.channel_id and ch.tenant_id = c.tenant_id
      where c.tenant_id = ${tenantId}::uuid and c.id = ${campaignId}::uuid`);
  const r = rows[0];
  if (!r) return null;
  const pacing = PacingSettings.safeParse(r.settings ?? {});
  return {
    status: r.status,
    kind: r.kind,
    channelId: r.channel_id,
    scheduledAtMs: r.scheduled_ms === null ? null : Number(r.scheduled_ms),
    quietHours: r.quiet_hours,
    templates: r.templates,
    timezone: r.timezone,
    tier: r.messaging_tier,
    ratePerSecond: pacing.success ? pacing.data.ratePerSecond : 80,
    startedAt: r.started,
  };
}

export interface StatusPatch {
  status: CampaignStatus;
  pausedReason?: string | null;
  startedAtMs?: number;
  completedAtMs?: number;
}

/** Moves the status only from one of `from` (the object is the one writer, this guards a stale instance). */
export async function setStatus(
  tx: Tx,
  tenantId: string,
  campaignId: string,
  from: readonly CampaignStatus[],
  patch: StatusPatch,
): Promise<boolean> {
  const { rows } = await tx.execute<{ id: string }>(sql`update campaigns set status = ${patch.status},
      paused_reason = ${patch.pausedReason ?? null},
      started_at = ${patch.startedAtMs === undefined ? sql`started_at` : sql`coalesce(started_at, ${ts(patch.startedAtMs)})`},
      completed_at = ${patch.completedAtMs === undefined ? sql`completed_at` : ts(patch.completedAtMs)}
    where tenant_id = ${tenantId}::uuid and id = ${campaignId}::uuid
      and status in (${sql.join(
        from.map((f) => sql`${f}`),
        sql`, `,
      )}) returning id`);
  return rows.length > 0;
}

/** True when one of the campaign's templates is rated RED on its number. */
export async function qualityRed(tx: Tx, tenantId: string, c: RunnerCampaign): Promise<boolean> {
  const names = c.templates.map((t) => sql`(${t.name}, ${t.language})`);
  const { rows } = await tx.execute<{ n: number }>(sql`select count(*)::int as n from whatsapp_templates
      where tenant_id = ${tenantId}::uuid and channel_id = ${c.channelId}::uuid and quality = 'RED'
        and (name, language) in (${sql.join(names, sql`, `)})`);
  return (rows[0]?.n ?? 0) > 0;
}

const windowPhones = (tenantId: string, channelId: string, sinceMs: number) => sql`
  select r.phone, max(r.dispatched_at) as last from campaign_recipients r
    join campaigns c on c.id = r.campaign_id and c.tenant_id = r.tenant_id
  where r.tenant_id = ${tenantId}::uuid and c.channel_id = ${channelId}::uuid
    and r.dispatched_at > ${ts(sinceMs)} and r.state <> 'skipped'
  group by r.phone`;

/** Unique phones released on the number since `sinceMs`, and when the first of them leaves the window. */
export async function tierUsage(
  tx: Tx,
  tenantId: string,
  channelId: string,
  sinceMs: number,
): Promise<{ used: number; freesAtMs: number | null }> {
  const { rows } = await tx.execute<{ used: number; first_ms: string | null }>(sql`
    select count(*)::int as used, (extract(epoch from min(w.last)) * 1000)::bigint as first_ms
    from (${windowPhones(tenantId, channelId, sinceMs)}) w`);
  const r = rows[0];
  return { used: r?.used ?? 0, freesAtMs: r?.first_ms ? Number(r.first_ms) + DAY_MS : null };
}

/**
 * Releases up to `limit` queued recipients: phones already counted in the window are free, new ones take
 * from `tierLeft` (null: unlimited). Marked `sending` with dispatched_at in one UPDATE … RETURNING.
 */
export async function release(
  tx: Tx,
  tenantId: string,
  campaignId: string,
  channelId: string,
  nowMs: number,
  limit: number,
  tierLeft: number | null,
): Promise<string[]> {
  const { rows } = await tx.execute<{ id: string; counted: boolean }>(sql`
    with w as (${windowPhones(tenantId, channelId, nowMs - DAY_MS)})
    select r.id, exists (select 1 from w where w.phone = r.phone) as counted
    from campaign_recipients r
    where r.tenant_id = ${tenantId}::uuid and r.campaign_id = ${campaignId}::uuid and r.state = 'queued'
    order by r.id limit ${limit} for update of r skip locked`);
  let left = tierLeft ?? Number.POSITIVE_INFINITY;
  const ids: string[] = [];
  for (const r of rows) {
    if (!r.counted) {
      if (left <= 0) continue;
      left--;
    }
    ids.push(r.id);
  }
  if (ids.length === 0) return [];
  const marked = await tx.execute<{ id: string }>(sql`update campaign_recipients
      set state = 'sending', dispatched_at = ${ts(nowMs)}, updated_at = ${ts(nowMs)}
    where tenant_id = ${tenantId}::uuid and state = 'queued'
      and id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) returning id`);
  return marked.rows.map((r) => r.id);
}

/** Released but never appended (the queue message was lost with a restart): touched and released again. */
export async function staleSending(
  tx: Tx,
  tenantId: string,
  campaignId: string,
  nowMs: number,
  olderThanMs: number,
): Promise<string[]> {
  const { rows } = await tx.execute<{
    id: string;
  }>(sql`update campaign_recipients set updated_at = ${ts(nowMs)}
    where id in (select id from campaign_recipients
      where tenant_id = ${tenantId}::uuid and campaign_id = ${campaignId}::uuid and state = 'sending'
        and seq is null and updated_at < ${ts(nowMs - olderThanMs)}
      order by id limit 500 for update skip locked)
    returning id`);
  return rows.map((r) => r.id);
}

/**
 * Appended to the customer's conversation but no outcome folded for a while (its report may have been lost
 * with a local queue on restart): touched, and returned so the object asks the conversation to report again.
 */
export async function unfolded(
  tx: Tx,
  tenantId: string,
  campaignId: string,
  nowMs: number,
  olderThanMs: number,
): Promise<{ conversationId: string; seq: number }[]> {
  const { rows } = await tx.execute<{
    conversation_id: string;
    seq: number;
  }>(sql`update campaign_recipients set updated_at = ${ts(nowMs)}
    where id in (select id from campaign_recipients
      where tenant_id = ${tenantId}::uuid and campaign_id = ${campaignId}::uuid and state = 'sending'
        and seq is not null and conversation_id is not null and updated_at < ${ts(nowMs - olderThanMs)}
      order by id limit 200 for update skip locked)
    returning conversation_id, seq`);
  return rows.map((r) => ({ conversationId: r.conversation_id, seq: Number(r.seq) }));
}

export async function pendingCounts(
  tx: Tx,
  tenantId: string,
  campaignId: string,
): Promise<{ queued: number; sending: number }> {
  const { rows } = await tx.execute<{ queued: number; sending: number }>(sql`select
      count(*) filter (where state = 'queued')::int as queued,
      count(*) filter (where state = 'sending')::int as sending
    from campaign_recipients where tenant_id = ${tenantId}::uuid and campaign_id = ${campaignId}::uuid`);
  return rows[0] ?? { queued: 0, sending: 0 };
}

/** Cancel: whoever is still queued is skipped (`cancelled`); released ones finish. */
export async function skipQueued(tx: Tx, tenantId: string, campaignId: string): Promise<number> {
  const { rows } = await tx.execute<{ id: string }>(sql`update campaign_recipients
      set state = 'skipped', skip_reason = 'cancelled', updated_at = now()
    where tenant_id = ${tenantId}::uuid and campaign_id = ${campaignId}::uuid and state = 'queued' returning id`);
  return rows.length;
}
