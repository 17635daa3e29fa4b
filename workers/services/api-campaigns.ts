// The public API's campaign list: the tenant's campaign ids newest first (keyset cursor on creation time),
// each then read with its counts through the one `readCampaign`, so the API shows what the admin shows.
import { and, desc, eq, sql } from 'drizzle-orm';
import { campaigns } from '../../drizzle/schema';
import type { CampaignStatus, CampaignView } from '../contract';
import type { Env } from '../env';
import { activityCursor } from './activity-cursor';
import { readCampaign } from './campaigns';
import { type Databases, inTenant } from './db';

export async function listCampaigns(
  env: Env,
  dbs: Databases,
  tenantId: string,
  q: { status?: CampaignStatus; cursor?: string; limit: number },
): Promise<{ campaigns: CampaignView[]; nextCursor: string | null }> {
  const after = q.cursor ? activityCursor.decode(q.cursor) : null;
  const rows = await inTenant(dbs.primary, tenantId, (tx) =>
    tx
      .select({ id: campaigns.id, createdAt: campaigns.createdAt })
      .from(campaigns)
      .where(
        and(
          eq(campaigns.tenantId, tenantId),
          q.status ? eq(campaigns.status, q.status) : undefined,
          after
            ? sql`(${campaigns.createdAt}, ${campaigns.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
      .limit(q.limit + 1),
  );
  const page = rows.slice(0, q.limit);
  const views = await Promise.all(page.map((r) => readCampaign(env, dbs, tenantId, r.id)));
  const last = page.at(-1);
  return {
    campaigns: views.filter((v): v is CampaignView => v !== null),
    nextCursor: rows.length > q.limit && last ? activityCursor.encode(last.createdAt, last.id) : null,
  };
}
