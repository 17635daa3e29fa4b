// Outgoing webhook endpoints (admins, `webhooks.manage`): create (the signing secret is returned once and stored
// sealed with the row id as associated data), list with health, update, delete, rotate the secret. Every change
// is audited in the same transaction, and the emit cache forgets the tenant so the next event sees the change.
import { and, desc, eq, sql } from 'drizzle-orm';
import { webhookEndpoints } from '../../drizzle/schema';
import type {
  CreateWebhookRequest,
  UpdateWebhookRequest,
  WebhookEndpointView,
  WebhookEventType,
} from '../contract';
import { AppError } from '../errors';
import { type AuditActor, recordAudit } from './audit';
import type { Tx } from './db';
import { openSecret, sealSecret } from './secret-box';
import { forgetTenantEndpoints } from './webhook-events';
import { generateWebhookSecret } from './webhook-signing';

export interface AuditBy {
  actor: AuditActor;
  ip: string | null;
}

type Row = typeof webhookEndpoints.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The associated data that binds a sealed secret to its endpoint row. */
export const secretAad = (endpointId: string) => `webhook_endpoint:${endpointId}`;

const counts = {
  pending: sql<number>`(select count(*)::int from webhook_deliveries d
    where d.endpoint_id = ${webhookEndpoints.id} and d.status = 'pending')`,
  dead: sql<number>`(select count(*)::int from webhook_deliveries d
    where d.endpoint_id = ${webhookEndpoints.id} and d.status = 'dead')`,
};

function view(r: Row, pending: number, dead: number): WebhookEndpointView {
  const health: WebhookEndpointView['health'] =
    dead > 0 ? 'dead' : r.consecutiveFailures > 0 ? 'failing' : r.lastSuccessAt ? 'healthy' : 'idle';
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    events: r.events as WebhookEventType[],
    enabled: r.enabled,
    health,
    lastSuccessAt: iso(r.lastSuccessAt),
    lastFailureAt: iso(r.lastFailureAt),
    lastError: r.lastError,
    pending,
    dead,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listWebhookEndpoints(tx: Tx, tenantId: string): Promise<WebhookEndpointView[]> {
  const rows = await tx
    .select({ e: webhookEndpoints, ...counts })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.tenantId, tenantId))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
  return rows.map((r) => view(r.e, r.pending, r.dead));
}

export async function readWebhookEndpoint(
  tx: Tx,
  tenantId: string,
  id: string,
): Promise<WebhookEndpointView> {
  const [r] = await tx
    .select({ e: webhookEndpoints, ...counts })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)));
  if (!r) throw new AppError('not_found', 'Webhook endpoint not found');
  return view(r.e, r.pending, r.dead);
}

/** The endpoint's URL and opened secret, for a delivery or a test (404 when not this tenant's). */
export async function endpointForDelivery(
  tx: Tx,
  secretsKey: string,
  tenantId: string,
  id: string,
): Promise<{ url: string; secret: string; enabled: boolean }> {
  const [r] = await tx
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)));
  if (!r) throw new AppError('not_found', 'Webhook endpoint not found');
  return {
    url: r.url,
    enabled: r.enabled,
    secret: await openSecret(secretsKey, r.secretCiphertext, secretAad(id)),
  };
}

export async function createWebhookEndpoint(
  tx: Tx,
  secretsKey: string,
  tenantId: string,
  req: CreateWebhookRequest,
  by: AuditBy,
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const id = crypto.randomUUID();
  const secret = generateWebhookSecret();
  const [row] = await tx
    .insert(webhookEndpoints)
    .values({
      id,
      tenantId,
      url: req.url,
      description: req.description,
      events: req.events,
      secretCiphertext: await sealSecret(secretsKey, secret, secretAad(id)),
    })
    .returning();
  if (!row) throw new Error('webhook endpoint insert returned nothing');
  await recordAudit(tx, tenantId, {
    action: 'webhook.created',
    actor: by.actor,
    target: { type: 'webhook_endpoint', id },
    ip: by.ip,
    details: { url: row.url, events: row.events },
  });
  forgetTenantEndpoints(tenantId);
  return { endpoint: view(row, 0, 0), secret };
}

export async function updateWebhookEndpoint(
  tx: Tx,
  tenantId: string,
  id: string,
  req: UpdateWebhookRequest,
  by: AuditBy,
): Promise<{ endpoint: WebhookEndpointView; reenabled: boolean }> {
  const [before] = await tx
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)))
    .for('update');
  if (!before) throw new AppError('not_found', 'Webhook endpoint not found');
  const set: Partial<typeof webhookEndpoints.$inferInsert> = {};
  if (req.url !== undefined) set.url = req.url;
  if (req.description !== undefined) set.description = req.description;
  if (req.events !== undefined) set.events = req.events;
  if (req.enabled !== undefined) set.enabled = req.enabled;
  if (Object.keys(set).length > 0) {
    await tx.update(webhookEndpoints).set(set).where(eq(webhookEndpoints.id, id));
    await recordAudit(tx, tenantId, {
      action: 'webhook.updated',
      actor: by.actor,
      target: { type: 'webhook_endpoint', id },
      ip: by.ip,
      details: { ...req },
    });
    forgetTenantEndpoints(tenantId);
  }
  return {
    endpoint: await readWebhookEndpoint(tx, tenantId, id),
    reenabled: !before.enabled && req.enabled === true,
  };
}

export async function deleteWebhookEndpoint(
  tx: Tx,
  tenantId: string,
  id: string,
  by: AuditBy,
): Promise<void> {
  const [row] = await tx
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)))
    .returning();
  if (!row) throw new AppError('not_found', 'Webhook endpoint not found');
  await recordAudit(tx, tenantId, {
    action: 'webhook.deleted',
    actor: by.actor,
    target: { type: 'webhook_endpoint', id },
    ip: by.ip,
    details: { url: row.url },
  });
  forgetTenantEndpoints(tenantId);
}

/** A new secret replaces the old at once (deliveries from now on are signed with it); returned once. */
export async function rotateWebhookSecret(
  tx: Tx,
  secretsKey: string,
  tenantId: string,
  id: string,
  by: AuditBy,
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const secret = generateWebhookSecret();
  const [row] = await tx
    .update(webhookEndpoints)
    .set({ secretCiphertext: await sealSecret(secretsKey, secret, secretAad(id)) })
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)))
    .returning({ id: webhookEndpoints.id });
  if (!row) throw new AppError('not_found', 'Webhook endpoint not found');
  await recordAudit(tx, tenantId, {
    action: 'webhook.secret_rotated',
    actor: by.actor,
    target: { type: 'webhook_endpoint', id },
    ip: by.ip,
  });
  return { endpoint: await readWebhookEndpoint(tx, tenantId, id), secret };
}
