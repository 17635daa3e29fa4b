// The admin's view of an endpoint's deliveries (the dead-letter list is `?status=dead`), redelivery with the
// same delivery id (receivers dedupe by it), and the heads of an endpoint's pending keys to queue again when
// it is switched back on.
import { and, desc, eq, sql } from 'drizzle-orm';
import { webhookDeliveries, webhookEndpoints } from '../../drizzle/schema';
import type {
  DeliveryState,
  WebhookDeliveriesQuery,
  WebhookDeliveryView,
  WebhookEventType,
} from '../contract';
import { AppError } from '../errors';
import { recordAudit } from './audit';
import type { Tx } from './db';
import type { AuditBy } from './webhook-endpoints';

type Row = typeof webhookDeliveries.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function view(r: Row): WebhookDeliveryView {
  return {
    id: r.id,
    eventType: r.eventType as WebhookEventType,
    status: r.status as DeliveryState,
    attempts: r.attempts,
    lastStatus: r.lastStatus,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    deliveredAt: iso(r.deliveredAt),
    nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt.toISOString() : null,
  };
}

async function assertEndpoint(tx: Tx, tenantId: string, endpointId: string): Promise<void> {
  const [row] = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, endpointId)));
  if (!row) throw new AppError('not_found', 'Webhook endpoint not found');
}

export async function listWebhookDeliveries(
  tx: Tx,
  tenantId: string,
  endpointId: string,
  query: WebhookDeliveriesQuery,
): Promise<WebhookDeliveryView[]> {
  await assertEndpoint(tx, tenantId, endpointId);
  const rows = await tx
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        eq(webhookDeliveries.endpointId, endpointId),
        query.status ? eq(webhookDeliveries.status, query.status) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.ordinal))
    .limit(query.limit);
  return rows.map(view);
}

/**
 * A dead (or delivered) delivery goes again with the same id and payload: pending, due now, a fresh retry
 * schedule. 404 for another endpoint's or tenant's id; 409 while it is still pending.
 */
export async function redeliverWebhook(
  tx: Tx,
  tenantId: string,
  endpointId: string,
  deliveryId: string,
  by: AuditBy,
): Promise<WebhookDeliveryView> {
  await assertEndpoint(tx, tenantId, endpointId);
  const [current] = await tx
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        eq(webhookDeliveries.endpointId, endpointId),
        eq(webhookDeliveries.id, deliveryId),
      ),
    )
    .for('update');
  if (!current) throw new AppError('not_found', 'Webhook delivery not found');
  if (current.status === 'pending') throw new AppError('conflict', 'This delivery is still being attempted');
  const [row] = await tx
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, deliveredAt: null })
    .where(eq(webhookDeliveries.id, deliveryId))
    .returning();
  if (!row) throw new Error('redelivery update returned nothing');
  await recordAudit(tx, tenantId, {
    action: 'webhook.redelivered',
    actor: by.actor,
    target: { type: 'webhook_endpoint', id: endpointId },
    ip: by.ip,
    details: { deliveryId, eventType: row.eventType, was: current.status },
  });
  return view(row);
}

/** The oldest pending delivery of each key of an endpoint: what to queue when it is enabled again. */
export async function pendingHeads(tx: Tx, endpointId: string): Promise<string[]> {
  const { rows } = await tx.execute<{ id: string }>(sql`
    select distinct on (order_key) id from webhook_deliveries
    where endpoint_id = ${endpointId} and status = 'pending' order by order_key, ordinal limit 1000`);
  return rows.map((r) => r.id);
}
