// The one way any part of the product emits an outgoing webhook event: it becomes one delivery per enabled
// endpoint of the tenant that subscribes to its type, stored (so nothing is lost) and then queued. Events with
// the same orderKey (a conversation, a contact, a campaign) reach each endpoint in the order emitted.
// Conversation events do not come through here: the archiver stores their deliveries in the same statement
// that archives them (webhook-conversation-events.ts), so each is emitted exactly once, in seq order.
import { sql } from 'drizzle-orm';
import type { WebhookEventType } from '../contract';
import type { Env } from '../env';
import { inTenant, openDatabases, type Queryable } from './db';
import { errorFields, log } from './log';
import { TtlCache } from './ttl-cache';

export interface WebhookEventInput {
  type: WebhookEventType;
  /** `conversation:<id>`, `contact:<id>`, `campaign:<id>`: deliveries with one key go out in order. */
  orderKey: string;
  /** When it happened (epoch ms). */
  occurredAt: number;
  /** The event's data (the payload's `data`): ids and public fields only, never secrets. */
  data: Record<string, unknown>;
}

/**
 * The event types some enabled endpoint of the tenant subscribes to, remembered briefly per isolate: most
 * tenants have no endpoint, and an emit for them must not cost a Postgres round trip. Changes made in this
 * isolate forget the entry at once; other isolates see them within the TTL.
 */
const subscribed = new TtlCache<ReadonlySet<string>>(10_000, 5_000);

export function forgetTenantEndpoints(tenantId: string): void {
  subscribed.delete(tenantId);
}

/** `db` must be scoped to the tenant (inTenant). */
async function subscribedTypes(db: Queryable, tenantId: string): Promise<ReadonlySet<string>> {
  const hit = subscribed.get(tenantId);
  if (hit) return hit;
  const { rows } = await db.execute<{ type: string }>(
    sql`select distinct unnest(events) as type from webhook_endpoints where tenant_id = ${tenantId} and enabled`,
  );
  const types = new Set(rows.map((r) => r.type));
  subscribed.set(tenantId, types);
  return types;
}

/**
 * Stores the deliveries of `events` in one statement (in array order: `ordinal` follows it) and returns their
 * ids. `tx` must be scoped to the tenant (inTenant). Callers with a transaction of their own use this so the
 * deliveries commit with the change they describe.
 */
export async function storeWebhookDeliveries(
  tx: Queryable,
  tenantId: string,
  events: readonly WebhookEventInput[],
): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = events.map((e, i) => ({
    i,
    event_id: crypto.randomUUID(),
    type: e.type,
    order_key: e.orderKey,
    occurred_at: new Date(e.occurredAt).toISOString(),
    data: e.data,
  }));
  const { rows: inserted } = await tx.execute<{ id: string }>(sql`
    insert into webhook_deliveries (tenant_id, endpoint_id, event_type, order_key, payload)
    select ${tenantId}::uuid, e.id, r.type, r.order_key,
      jsonb_build_object('id', r.event_id, 'type', r.type, 'tenantId', ${tenantId}::uuid,
        'occurredAt', r.occurred_at, 'data', r.data)
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(i int, event_id uuid, type text, order_key text, occurred_at text, data jsonb)
    join webhook_endpoints e on e.tenant_id = ${tenantId}::uuid and e.enabled and r.type = any(e.events)
    order by r.i, e.id
    returning id`);
  return inserted.map((r) => r.id);
}

/** Queues deliveries already stored. A failed send is logged, not thrown: the sweeper re-queues stale rows. */
export async function queueWebhookDeliveries(
  env: Env,
  tenantId: string,
  ids: readonly string[],
): Promise<void> {
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    try {
      await env.WEBHOOK_QUEUE.sendBatch(chunk.map((deliveryId) => ({ body: { tenantId, deliveryId } })));
    } catch (err) {
      log('warn', 'queueing webhook deliveries failed; the sweeper will pick them up', {
        tenantId,
        count: chunk.length,
        ...errorFields(err),
      });
    }
  }
}

/**
 * Stores and queues deliveries for these events (in array order). Never throws for a tenant without
 * endpoints; Postgres errors propagate so a caller with its own retry (a queue consumer, the outbox) retries.
 */
export async function emitWebhookEvents(
  env: Env,
  tenantId: string,
  events: readonly WebhookEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  const dbs = openDatabases(env);
  try {
    const known = subscribed.get(tenantId);
    if (known && !events.some((e) => known.has(e.type))) return;
    // RLS hides every row until the tenant is set: the lookup runs inside the tenant's transaction too.
    const ids = await inTenant(dbs.primary, tenantId, async (tx) => {
      const types = await subscribedTypes(tx, tenantId);
      const wanted = events.filter((e) => types.has(e.type));
      return wanted.length === 0 ? [] : storeWebhookDeliveries(tx, tenantId, wanted);
    });
    if (ids.length === 0) return;
    await queueWebhookDeliveries(env, tenantId, ids);
  } finally {
    await dbs.close();
  }
}

/**
 * After an archive statement committed: queues the webhook deliveries it stored (its `webhook_deliveries`
 * column). Deliveries of the archiver's rarer paths (a refused row isolated, a quarantine) are not queued here;
 * the sweeper finds them within a minute.
 */
export async function queueArchivedDeliveries(env: Env, tenantId: string, rows: unknown): Promise<void> {
  const first = Array.isArray(rows) ? (rows[0] as { webhook_deliveries?: unknown } | undefined) : undefined;
  const ids = first?.webhook_deliveries;
  if (!Array.isArray(ids) || ids.length === 0) return;
  await queueWebhookDeliveries(
    env,
    tenantId,
    ids.filter((id): id is string => typeof id === 'string'),
  );
}
