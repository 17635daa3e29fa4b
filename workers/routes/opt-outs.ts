// The tenant's suppression list over REST: read it (search by phone, filter by category), add a phone an
// agent was told about (source `agent`), and take one off when the customer asks to hear from the ISP again.
// Phones are taken as people type them and stored as canonical E.164 digits.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { phoneVariants } from '../channels/phone';
import { AddOptOutRequest, OptOutListQuery, RemoveOptOutQuery } from '../contract';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import { agentActor, clientIp, recordAudit } from '../services/audit';
import { invalid } from '../services/campaign-templates';
import { inTenant } from '../services/db';
import { contactIdForPhone, listOptOuts } from '../services/opt-out-list';
import { recordOptOut, removeOptOut } from '../services/opt-outs';
import { widgetPhone } from '../services/widget-contact';
import { parseJsonBody, parseQuery } from '../validation';

function phoneOf(typed: string, path: string): string {
  const phone = widgetPhone(typed);
  if (!phone) throw invalid([{ path, message: 'not a phone number' }]);
  return phone;
}

export const optOutRoutes = new Hono<AppEnv>()
  .get('/api/opt-outs', authorize('campaigns.manage'), async (c) => {
    const q = parseQuery(c, OptOutListQuery);
    const tenantId = c.var.agent.tid;
    return c.json(await inTenant(c.var.dbs.primary, tenantId, (tx) => listOptOuts(tx, tenantId, q)));
  })
  .post('/api/opt-outs', authorize('campaigns.manage'), async (c) => {
    const req = await parseJsonBody(c, AddOptOutRequest);
    const phone = phoneOf(req.phone, 'phone');
    const tenantId = c.var.agent.tid;
    const created = await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      const contactId = await contactIdForPhone(tx, tenantId, phoneVariants(phone));
      const added = await recordOptOut(tx, tenantId, {
        phone,
        category: req.category,
        source: 'agent',
        detail: c.var.agent.name,
        contactId,
      });
      if (added) {
        await recordAudit(tx, tenantId, {
          action: 'opt_out.added',
          actor: agentActor(c),
          target: contactId ? { type: 'contact', id: contactId } : null,
          ip: clientIp(c),
          details: { phone, category: req.category },
        });
      }
      return added;
    });
    return c.json({ phone, category: req.category, created }, created ? 201 : 200);
  })
  .delete('/api/opt-outs/:phone', authorize('campaigns.manage'), async (c) => {
    const { category } = parseQuery(c, RemoveOptOutQuery);
    const typed = c.req.param('phone');
    const phone = widgetPhone(typed) ?? (/^\d{8,15}$/.test(typed) ? typed : null);
    if (!phone) throw new AppError('not_found', 'No such opt-out');
    const tenantId = c.var.agent.tid;
    await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      // Whichever Brazilian form the phone was recorded in.
      let removed = false;
      for (const variant of new Set([phone, ...phoneVariants(phone)])) {
        removed = (await removeOptOut(tx, tenantId, variant, category)) || removed;
      }
      if (!removed) throw new AppError('not_found', 'No such opt-out');
      await recordAudit(tx, tenantId, {
        action: 'opt_out.removed',
        actor: agentActor(c),
        ip: clientIp(c),
        details: { phone, category },
      });
    });
    return c.body(null, 204);
  });
