// The outgoing webhooks queue's consumer: one message = one attempt of one delivery (services/webhook-delivery).
// A message for a delivery that is not due or not at the head of its key is simply acknowledged: the delivery
// is not lost (the one before it queues it when done, and the sweeper re-queues anything overdue). A Postgres
// failure retries the message through the queue.
import type { Env, WebhookDeliveryJob } from '../env';
import { openDatabases } from '../services/db';
import { errorFields, log } from '../services/log';
import { attemptDelivery } from '../services/webhook-delivery';

export const WEBHOOK_QUEUE = 'fio-webhook-deliveries';

export async function consumeWebhookDeliveries(
  batch: MessageBatch<WebhookDeliveryJob>,
  env: Env,
): Promise<void> {
  const dbs = openDatabases(env);
  try {
    // Different keys go in parallel; one slow receiver holds only its own attempt (10 s at most).
    await Promise.all(
      batch.messages.map(async (msg) => {
        try {
          await attemptDelivery(env, dbs.primary, msg.body.tenantId, msg.body.deliveryId);
          msg.ack();
        } catch (err) {
          log('warn', 'webhook delivery attempt could not be recorded; retrying', {
            deliveryId: msg.body.deliveryId,
            ...errorFields(err),
          });
          msg.retry({ delaySeconds: 5 });
        }
      }),
    );
  } finally {
    await dbs.close();
  }
}
