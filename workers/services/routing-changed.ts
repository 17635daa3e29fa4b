// After an admin changes routing, capacities, team members, hours, SLA or service settings: this isolate's
// cached setup is dropped and the tenant inbox reads its own again and drains the queue with the new rules.
import type { Env } from '../env';
import { inboxName } from './conversation-names';
import { errorFields, log } from './log';
import { forgetServiceSetup } from './service-setup-cache';

export async function routingChanged(env: Env, tenantId: string): Promise<void> {
  forgetServiceSetup(tenantId);
  try {
    await env.TENANT_INBOX.getByName(inboxName(tenantId)).routingChanged(tenantId);
  } catch (err) {
    // The change is stored; the inbox reads it again on its next drain or wake.
    log('warn', 'inbox not told about a routing change', { tenantId, ...errorFields(err) });
  }
}
