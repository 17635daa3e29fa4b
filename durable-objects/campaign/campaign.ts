// One Durable Object per campaign (named by `campaignObjectName`): the campaign's clock. It decides when
// recipients may be released to the fan-out queue (schedule, quiet hours in the tenant's zone, the channel's
// daily tier of unique recipients, the number's throughput in the low-priority lane, template quality) and
// carries pause, resume and cancel. Foundation skeleton: part B2 of issue 15 fills it in.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../../workers/env';
import type { CampaignControl, CampaignControlResult } from './rpc';

export class CampaignDO extends DurableObject<Env> {
  /** start | pause | resume | cancel, as asked by a person, the API or the object itself. */
  async control(input: CampaignControl): Promise<CampaignControlResult> {
    return { ok: false, code: 'unavailable', message: `campaign ${input.action} is not built yet` };
  }
}
