// Outgoing webhooks: what an integration subscribes to, how each delivery is signed and shaped, and the admin's
// views of endpoints and deliveries.
import { z } from 'zod';
import { Uuid } from './ids';
import { VisibleText } from './text';

export const WebhookEventType = z.enum([
  'message.created',
  'message.status',
  'conversation.changed',
  'ticket.changed',
  'csat.received',
  'campaign.recipient',
  'contact.changed',
]);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** http(s) only, at most 2,000 characters, no credentials in the URL. */
export const WebhookUrl = z
  .string()
  .trim()
  .max(2_000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'must be an http(s) URL without credentials');

export const CreateWebhookRequest = z.strictObject({
  url: WebhookUrl,
  description: VisibleText.trim().max(200).nullable().default(null),
  events: z
    .array(WebhookEventType)
    .min(1)
    .refine((e) => new Set(e).size === e.length, 'each event once'),
});
export type CreateWebhookRequest = z.infer<typeof CreateWebhookRequest>;

export const UpdateWebhookRequest = z.strictObject({
  url: WebhookUrl.optional(),
  description: VisibleText.trim().max(200).nullable().optional(),
  events: CreateWebhookRequest.shape.events.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateWebhookRequest = z.infer<typeof UpdateWebhookRequest>;

/**
 * Headers on every delivery. The signature is hex HMAC-SHA256 with the endpoint's secret over
 * `${timestamp}.${rawBody}` (timestamp in seconds), sent as `v1=<hex>`.
 */
export const WEBHOOK_HEADERS = {
  id: 'fio-delivery-id',
  timestamp: 'fio-timestamp',
  signature: 'fio-signature',
  event: 'fio-event',
} as const;

/** The JSON body of a delivery. */
export const WebhookPayload = z.object({
  id: Uuid,
  type: WebhookEventType,
  tenantId: Uuid,
  /** ISO time the event happened. */
  occurredAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;

export const DeliveryState = z.enum(['pending', 'delivered', 'dead']);
export type DeliveryState = z.infer<typeof DeliveryState>;

export const WebhookEndpointView = z.object({
  id: Uuid,
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(WebhookEventType),
  enabled: z.boolean(),
  /** healthy (last attempt ok), failing (retrying), dead (dead letters waiting), idle (nothing yet). */
  health: z.enum(['healthy', 'failing', 'dead', 'idle']),
  lastSuccessAt: z.string().nullable(),
  lastFailureAt: z.string().nullable(),
  lastError: z.string().nullable(),
  pending: z.number().int(),
  dead: z.number().int(),
  createdAt: z.string(),
});
export type WebhookEndpointView = z.infer<typeof WebhookEndpointView>;

/** Shown once, at creation and on rotation. */
export const WebhookSecretResponse = z.object({ endpoint: WebhookEndpointView, secret: z.string() });

export const WebhookDeliveryView = z.object({
  id: Uuid,
  eventType: WebhookEventType,
  status: DeliveryState,
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export type WebhookDeliveryView = z.infer<typeof WebhookDeliveryView>;

/** The body of a test delivery (`POST /api/webhooks/:id/test`): not stored, not retried. */
export const WebhookPingPayload = z.object({
  id: Uuid,
  type: z.literal('ping'),
  tenantId: Uuid,
  occurredAt: z.string(),
  data: z.object({ endpointId: Uuid }),
});
export type WebhookPingPayload = z.infer<typeof WebhookPingPayload>;

/** What a test delivery got back from the receiver. */
export const WebhookTestResult = z.object({
  ok: z.boolean(),
  /** The receiver's HTTP status, null when no answer came (refused, timeout, network). */
  status: z.number().int().nullable(),
  latencyMs: z.number().int(),
  error: z.string().nullable(),
});
export type WebhookTestResult = z.infer<typeof WebhookTestResult>;

/** `GET /api/webhooks/:id/deliveries?status=&limit=`: newest first. */
export const WebhookDeliveriesQuery = z.strictObject({
  status: DeliveryState.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type WebhookDeliveriesQuery = z.infer<typeof WebhookDeliveriesQuery>;
