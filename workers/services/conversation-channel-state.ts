// The conversation's number as the agent's screen needs it: its name, kind and health (with the code the
// client words), and, when it is unhealthy, the tenant's other healthy WhatsApp numbers the customer can be
// continued on (number-pool.ts). One read of the channel row plus one of the pool, only when unhealthy.
import { and, eq } from 'drizzle-orm';
import { channels, conversations } from '../../drizzle/schema';
import type { ChannelStateResponse } from '../contract';
import { healthCodeOf, healthParamsOf } from './channel-admin';
import { type Database, inTenant } from './db';
import { healthyAlternatives } from './number-pool';

export type ConversationNumberState = Pick<ChannelStateResponse, 'channel' | 'alternatives'>;

export async function conversationNumberState(
  db: Database,
  tenantId: string,
  conversationId: string,
): Promise<ConversationNumberState> {
  const [row] = await inTenant(db, tenantId, (tx) =>
    tx
      .select({
        id: channels.id,
        name: channels.name,
        kind: channels.kind,
        health: channels.healthStatus,
        code: channels.healthCode,
        params: channels.healthParams,
        removedAt: channels.removedAt,
      })
      .from(conversations)
      .innerJoin(channels, and(eq(channels.id, conversations.channelId), eq(channels.tenantId, tenantId)))
      .where(and(eq(conversations.tenantId, tenantId), eq(conversations.id, conversationId)))
      .limit(1),
  );
  if (!row) return {};
  // A removed number cannot send either: shown as unhealthy so the agent is offered another one.
  const health = row.removedAt ? 'unhealthy' : row.health;
  const channel = {
    id: row.id,
    name: row.name,
    kind: row.kind,
    health,
    code: healthCodeOf(row.code),
    params: healthParamsOf(row.params),
  } as const;
  if (health === 'healthy' || row.kind === 'widget') return { channel };
  return { channel, alternatives: await healthyAlternatives(db, tenantId, row.id) };
}
