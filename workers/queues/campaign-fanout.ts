// The campaign fan-out queue's consumer: for each released recipient, the template is appended to that
// customer's conversation through the conversation object (clientId `campaign:<campaign>:<recipient>`, so a
// redelivered message is a duplicate there, never a second send). Foundation skeleton: part B2 fills it in.
import type { CampaignSendJob, Env } from '../env';

export const CAMPAIGN_QUEUE = 'fio-campaign-sends';

export async function consumeCampaignSends(batch: MessageBatch<CampaignSendJob>, _env: Env): Promise<void> {
  for (const msg of batch.messages) msg.ack();
}
