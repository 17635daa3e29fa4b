// The one way any part of the product emits an outgoing webhook event: it becomes one delivery per enabled
// endpoint of the tenant that subscribes to its type, stored (so nothing is lost) and then queued. Events with
// the same orderKey (a conversation, a contact, a campaign) reach each endpoint in the order emitted.
// Foundation: the signature is fixed; part E (issue 15) builds the body.
import type { WebhookEventType } from '../contract';
import type { Env } from '../env';

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
 * Stores and queues deliveries for these events (in array order). Never throws for a tenant without
 * endpoints; Postgres errors propagate so a caller with its own retry (a queue consumer, the outbox) retries.
 */
export async function emitWebhookEvents(
  _env: Env,
  _tenantId: string,
  _events: readonly WebhookEventInput[],
): Promise<void> {}
