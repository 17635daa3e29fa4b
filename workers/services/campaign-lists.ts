// Reading campaigns page by page: the tenant's campaigns newest first with their counts (one grouped query per
// page), and a campaign's recipients filtered by state or arm. Keyset pagination: the cursor is the last id of
// the previous page, read back inside the tenant's transaction, so another tenant's id matches nothing.
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { campaignRecipients, campaigns } from '../../drizzle/schema';
import {
  type CampaignListQuery,
  type CampaignPage,
  type RecipientListQuery,
  type RecipientPage,
  RecipientState,
  type RecipientView,
  SkipReason,
} from '../contract';
import { campaignView, recipientCountsOf, type Tally } from './campaign-view';
import type { Queryable } from './db';

export async function listCampaigns(
  tx: Queryable,
  tenantId: string,
  q: CampaignListQuery,
): Promise<CampaignPage> {
  const after = q.cursor
    ? sql`(${campaigns.createdAt}, ${campaigns.id}) < (select c.created_at, c.id from campaigns c
          where c.tenant_id = ${tenantId} and c.id = ${q.cursor})`
    : undefined;
  const rows = await tx
    .select()
    .from(campaigns)
    .where(
      and(eq(campaigns.tenantId, tenantId), q.status ? eq(campaigns.status, q.status) : undefined, after),
    )
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const tallies = await recipientCountsOf(
    tx,
    tenantId,
    page.map((r) => r.id),
  );
  return {
    campaigns: page.map((r) => campaignView(r, tallies.get(r.id) as Tally)),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

type RecipientRow = typeof campaignRecipients.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function recipientView(r: RecipientRow): RecipientView {
  const skip = SkipReason.safeParse(r.skipReason);
  return {
    id: r.id,
    phone: r.phone,
    name: r.name,
    arm: r.arm === 'b' ? 'b' : 'a',
    state: RecipientState.parse(r.state),
    skipReason: skip.success ? skip.data : null,
    errorCode: r.errorCode,
    errorTitle: r.errorTitle,
    conversationId: r.conversationId,
    sentAt: iso(r.sentAt),
    deliveredAt: iso(r.deliveredAt),
    readAt: iso(r.readAt),
    repliedAt: iso(r.repliedAt),
    failedAt: iso(r.failedAt),
  };
}

/** One page of recipients in id order (stable while states change underneath). */
export async function recipientRows(
  tx: Queryable,
  tenantId: string,
  campaignId: string,
  q: Pick<RecipientListQuery, 'state' | 'arm' | 'cursor'> & { limit: number },
): Promise<RecipientRow[]> {
  return tx
    .select()
    .from(campaignRecipients)
    .where(
      and(
        eq(campaignRecipients.tenantId, tenantId),
        eq(campaignRecipients.campaignId, campaignId),
        q.state ? eq(campaignRecipients.state, q.state) : undefined,
        q.arm ? eq(campaignRecipients.arm, q.arm) : undefined,
        q.cursor ? gt(campaignRecipients.id, q.cursor) : undefined,
      ),
    )
    .orderBy(asc(campaignRecipients.id))
    .limit(q.limit);
}

export async function listRecipients(
  tx: Queryable,
  tenantId: string,
  campaignId: string,
  q: RecipientListQuery,
): Promise<RecipientPage> {
  const rows = await recipientRows(tx, tenantId, campaignId, { ...q, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  return {
    recipients: page.map(recipientView),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
