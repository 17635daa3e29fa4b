// The contact panel: any agent reads a contact with every ticket and protocol number, and corrects the
// contact's name, email and CPF/CNPJ (stored as digits, refused unless its check digits match). The answer
// to a change is the refreshed panel; a new name is pushed to the inbox through the contact's conversations.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { UpdateContactRequest } from '../contract';
import { authorize } from '../middleware/authorize';
import { contactConversationIds, loadContactPanel, updateContact } from '../services/contact-panel';
import { conversationObjectName } from '../services/conversation-names';
import { inTenant } from '../services/db';
import { contactChangedEvent } from '../services/webhook-contact-events';
import { queueWebhookDeliveries, storeWebhookDeliveries } from '../services/webhook-events';
import { parseIdParam, parseJsonBody } from '../validation';

export const contactRoutes = new Hono<AppEnv>()
  .get('/api/contacts/:id', authorize('contacts.read', { apiKeys: true }), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Contact');
    const tenantId = c.var.principal.tid;
    return c.json(await inTenant(c.var.dbs.primary, tenantId, (tx) => loadContactPanel(tx, tenantId, id)));
  })
  .patch('/api/contacts/:id', authorize('contacts.write'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Contact');
    const req = await parseJsonBody(c, UpdateContactRequest);
    const tenantId = c.var.agent.tid;
    const { panel, conversationIds, hooks } = await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      await updateContact(tx, tenantId, id, req);
      const conversationIds = req.name === undefined ? [] : await contactConversationIds(tx, tenantId, id);
      // Outgoing webhooks: stored with the change, queued after it commits.
      const hooks = await storeWebhookDeliveries(tx, tenantId, [
        contactChangedEvent(id, 'updated', Object.keys(req)),
      ]);
      return { panel: await loadContactPanel(tx, tenantId, id), conversationIds, hooks };
    });
    await queueWebhookDeliveries(c.env, tenantId, hooks);
    // A corrected name reaches the inbox list and the conversation header (each object re-reads its card).
    for (const conversationId of conversationIds) {
      await c.env.CONVERSATIONS.getByName(conversationObjectName(tenantId, conversationId)).contactChanged({
        tenantId,
        conversationId,
      });
    }
    return c.json(panel);
  });
