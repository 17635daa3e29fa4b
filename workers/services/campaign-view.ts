// A campaign row as the REST view, with its recipients counted per state (and per arm when split) in one
// grouped query, so the admin's live progress costs one round trip however large the campaign.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { campaignRecipients, campaigns } from '../../drizzle/schema';
import {
  CampaignAudience,
  CampaignKind,
  CampaignPauseReason,
  CampaignStatus,
  type CampaignTemplate,
  type CampaignView,
  ImportReport,
  QuietHours,
  type RecipientCounts,
  RecipientState,
} from '../contract';
import type { Queryable } from './db';

export type CampaignRow = typeof campaigns.$inferSelect;

export function emptyCounts(): RecipientCounts {
  return {
    total: 0,
    queued: 0,
    sending: 0,
    sent: 0,
    delivered: 0,
    read: 0,
    replied: 0,
    failed: 0,
    skipped: 0,
  };
}

export interface Tally {
  counts: RecipientCounts;
  arms: Record<'a' | 'b', RecipientCounts>;
}

function emptyTally(): Tally {
  return { counts: emptyCounts(), arms: { a: emptyCounts(), b: emptyCounts() } };
}

/** Counts for several campaigns at once (a list page), in one grouped query. */
export async function recipientCountsOf(
  tx: Queryable,
  tenantId: string,
  campaignIds: readonly string[],
): Promise<Map<string, Tally>> {
  const tallies = new Map(campaignIds.map((id) => [id, emptyTally()]));
  if (campaignIds.length === 0) return tallies;
  const rows = await tx
    .select({
      campaignId: campaignRecipients.campaignId,
      arm: campaignRecipients.arm,
      state: campaignRecipients.state,
      n: sql<number>`count(*)::int`,
    })
    .from(campaignRecipients)
    .where(
      and(
        eq(campaignRecipients.tenantId, tenantId),
        inArray(campaignRecipients.campaignId, [...campaignIds]),
      ),
    )
    .groupBy(campaignRecipients.campaignId, campaignRecipients.arm, campaignRecipients.state);
  for (const r of rows) {
    const state = RecipientState.safeParse(r.state);
    const tally = tallies.get(r.campaignId);
    if (!state.success || !tally) continue;
    const arm = r.arm === 'b' ? tally.arms.b : tally.arms.a;
    tally.counts[state.data] += r.n;
    tally.counts.total += r.n;
    arm[state.data] += r.n;
    arm.total += r.n;
  }
  return tallies;
}

export async function recipientCounts(tx: Queryable, tenantId: string, campaignId: string): Promise<Tally> {
  return (await recipientCountsOf(tx, tenantId, [campaignId])).get(campaignId) ?? emptyTally();
}

/** The stored audience as the view shows it (an outage's contact ids stay internal). */
function audienceOf(stored: unknown) {
  const a = (stored ?? {}) as { filter?: unknown; csv?: unknown };
  return CampaignAudience.parse({ filter: a.filter ?? null, csv: a.csv === true });
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function campaignView(
  row: CampaignRow,
  tally: Tally,
  nextWindowAt: string | null = null,
): CampaignView {
  const templates = row.templates as CampaignTemplate[];
  const report = ImportReport.safeParse(row.importReport);
  const paused = CampaignPauseReason.safeParse(row.pausedReason);
  return {
    id: row.id,
    name: row.name,
    kind: CampaignKind.parse(row.kind),
    status: CampaignStatus.parse(row.status),
    pausedReason: paused.success ? paused.data : null,
    channelId: row.channelId,
    templates,
    splitPercent: row.splitPercent,
    audience: audienceOf(row.audience),
    scheduledAt: iso(row.scheduledAt),
    quietHours: row.quietHours ? QuietHours.parse(row.quietHours) : null,
    outageId: row.outageId,
    importReport: report.success ? report.data : null,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    completedAt: iso(row.completedAt),
    counts: tally.counts,
    arms: templates.length > 1 ? tally.arms : null,
    nextWindowAt,
  };
}

/** The campaign's row, or null when it is not this tenant's (RLS and the explicit filter both say so). */
export async function campaignRow(
  tx: Queryable,
  tenantId: string,
  campaignId: string,
): Promise<CampaignRow | null> {
  const [row] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, campaignId)))
    .limit(1);
  return row ?? null;
}
