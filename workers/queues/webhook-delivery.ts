// The outgoing webhooks queue's consumer: delivers one pending delivery (signed), in order per order key,
// retrying with backoff for a day and then marking it dead. Foundation skeleton: part E fills it in.
import type { Env, WebhookDeliveryJob } from '../env';

export const WEBHOOK_QUEUE = 'fio-webhook-deliveries';

export async function consumeWebhookDeliveries(
  batch: MessageBatch<WebhookDeliveryJob>,
  _env: Env,
): Promise<void> {
  for (const msg of batch.messages) msg.ack();
}
