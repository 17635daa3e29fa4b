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
  .get('/api/contacts/:id', authorize('contacts.read'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Contact');
    return c.json(await inTenant(c.var.dbs.primary, c.var.agent.tid, (tx) => loadContactPanel(tx, id)));
  })
  .patch('/api/contacts/:id', authorize('contacts.write'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Contact');
    const req = await parseJsonBody(c, UpdateContactRequest);
    const panel = await inTenant(c.var.dbs.primary, c.var.agent.tid, async (tx) => {
      await updateContact(tx, id, req);
      return loadContactPanel(tx, id);
    });
    return c.json(panel);
  });
