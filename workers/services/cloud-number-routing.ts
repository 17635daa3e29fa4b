// Which Cloud numbers a NumberEvent is about, before any tenant is known. Message webhooks name a number by
// its phone_number_id (the channel's address); Meta's WABA-level events (account_update, quality updates)
// name it by its display phone within an account, or name the whole account: every live Cloud number of that
// WABA (each tenant that registered a number of it) then hears of it. See number-events-payload.ts.
import { sql } from 'drizzle-orm';
import type { NumberEvent } from '../channels/inbound';
import { type ChannelRoute, findCloudChannel } from './channel-routing';
import type { PrimaryAccess } from './db';

export async function cloudNumberEventRoutes(dbs: PrimaryAccess, e: NumberEvent): Promise<ChannelRoute[]> {
  const kind = e.addressKind ?? 'channel';
  if (kind === 'channel') {
    const route = await findCloudChannel(dbs, e.address);
    return route ? [route] : [];
  }
  const waba = e.waba ?? (kind === 'waba' ? e.address : null);
  const display = kind === 'display_phone' ? e.address : null;
  const { rows } = await dbs.primary.execute<{ channel_id: string; tenant_id: string }>(
    sql`select channel_id, tenant_id from fio_find_cloud_channels(${waba}, ${display})`,
  );
  return rows.map((r) => ({ tenantId: r.tenant_id, channelId: r.channel_id }));
}
