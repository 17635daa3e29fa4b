// The contact panel: any agent reads a contact with every ticket and protocol number, and corrects the
// contact's name, email and CPF/CNPJ (stored as digits). The answer to a change is the refreshed panel.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { UpdateContactRequest } from '../contract';
import { authorize } from '../middleware/authorize';
import { loadContactPanel, updateContact } from '../services/contact-panel';
import { inTenant } from '../services/db';
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
    const panel = await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      await updateContact(tx, tenantId, id, req);
      return loadContactPanel(tx, tenantId, id);
    });
    return c.json(panel);
  });
