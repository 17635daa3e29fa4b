// Whether a new ticket starts with the bot: its conversation's channel has the bot switched on AND the tenant
// has a published flow. The one place this is decided, for the first ticket of a conversation (webhook
// routing, the widget's session) and for a returning customer's new ticket (the conversation object).
import { sql } from 'drizzle-orm';
import type { Tx } from './db';

export type StartStatus = 'bot' | 'queued';

export async function ticketStartStatus(
  tx: Tx,
  tenantId: string,
  conversationId: string,
): Promise<StartStatus> {
  const { rows } = await tx.execute<{ bot: boolean }>(
    sql`select (
          exists (select 1 from conversations v join channels c on c.tenant_id = v.tenant_id and c.id = v.channel_id
                  where v.tenant_id = ${tenantId}::uuid and v.id = ${conversationId}::uuid and c.bot_enabled)
          and exists (select 1 from bot_flow_versions f
                      where f.tenant_id = ${tenantId}::uuid and f.state = 'published')
        ) as bot`,
  );
  return rows[0]?.bot ? 'bot' : 'queued';
}
