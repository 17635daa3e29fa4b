// The tenant's live bot flow, for the bot runtime (stand-in until the flow versions service lands; same name
// and shape): the published version's definition parsed with BotFlow, or null.
import { and, eq } from 'drizzle-orm';
import { botFlowVersions } from '../../drizzle/schema';
import { BotFlow } from '../contract';
import { type Database, inTenant } from './db';
import { log } from './log';

export async function loadPublishedFlow(
  db: Database,
  tenantId: string,
): Promise<{ version: number; flow: BotFlow } | null> {
  const rows = await inTenant(db, tenantId, (tx) =>
    tx
      .select({ version: botFlowVersions.version, definition: botFlowVersions.definition })
      .from(botFlowVersions)
      .where(and(eq(botFlowVersions.tenantId, tenantId), eq(botFlowVersions.state, 'published'))),
  );
  const row = rows[0];
  if (!row) return null;
  const parsed = BotFlow.safeParse(row.definition);
  if (!parsed.success) {
    log('error', 'published bot flow does not parse; running without a flow', {
      tenantId,
      version: row.version,
    });
    return null;
  }
  return { version: row.version, flow: parsed.data };
}
