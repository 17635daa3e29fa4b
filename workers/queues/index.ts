// One entry for every queue this Worker consumes: each batch goes to its queue's consumer by name.
import type { CampaignEventJob, CampaignSendJob, Env, MediaDownloadJob, WebhookDeliveryJob } from '../env';
import { CAMPAIGN_EVENTS_QUEUE, consumeCampaignEvents } from './campaign-events';
import { CAMPAIGN_QUEUE, consumeCampaignSends } from './campaign-fanout';
import { consumeMediaBatch } from './media-download';
import { consumeWebhookDeliveries, WEBHOOK_QUEUE } from './webhook-delivery';

export type QueueJob = MediaDownloadJob | CampaignSendJob | CampaignEventJob | WebhookDeliveryJob;

export async function consumeQueue(batch: MessageBatch<QueueJob>, env: Env): Promise<void> {
  switch (batch.queue) {
    case CAMPAIGN_QUEUE:
      return consumeCampaignSends(batch as MessageBatch<CampaignSendJob>, env);
    case CAMPAIGN_EVENTS_QUEUE:
      return consumeCampaignEvents(batch as MessageBatch<CampaignEventJob>, env);
    case WEBHOOK_QUEUE:
      return consumeWebhookDeliveries(batch as MessageBatch<WebhookDeliveryJob>, env);
    default:
      // The media queue and its dead-letter queue.
      return consumeMediaBatch(batch as MessageBatch<MediaDownloadJob>, env);
  }
}
