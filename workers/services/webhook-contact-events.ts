// `contact.changed` for outgoing webhooks: a thin event (which contact, what kind of change, which fields), so
// no personal data travels that the integration cannot read through the API with its own scoped key. Ordered
// per contact (`contact:<id>`).
import type { WebhookEventInput } from './webhook-events';

export type ContactChange = 'created' | 'updated' | 'erased';

export function contactChangedEvent(
  contactId: string,
  change: ContactChange,
  fields: readonly string[] = [],
  occurredAt = Date.now(),
): WebhookEventInput {
  return {
    type: 'contact.changed',
    orderKey: `contact:${contactId}`,
    occurredAt,
    data: { contactId, change, fields: [...fields].sort() },
  };
}
