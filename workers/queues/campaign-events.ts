// The campaign events queue's consumer: folds what conversation objects report about campaign messages
// (accepted, delivered, read, replied, failed) into campaign_recipients, forward-only. Foundation skeleton:
// part B2 fills it in.
import type { CampaignEventJob, Env } from '../env';

export const CAMPAIGN_EVENTS_QUEUE = 'fio-campaign-events';

export async function consumeCampaignEvents(batch: MessageBatch<CampaignEventJob>, _env: Env): Promise<void> {
  for (const msg of batch.messages) msg.ack();
}
