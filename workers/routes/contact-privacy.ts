// LGPD requests on a contact, for owners and admins: the export of everything held about them (JSON) and
// their erasure. Both are audited (contact.exported, contact.erased). An erasure that fails halfway answers
// 503 and is finished by sending it again (see services/contact-erasure.ts).
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { EraseContactRequest, type EraseContactResponse } from '../contract';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import { agentActor, clientIp } from '../services/audit';
import { eraseContact } from '../services/contact-erasure';
import { exportContact } from '../services/contact-export';
import { isDatabaseUnavailable } from '../services/db';
import { errorFields, log } from '../services/log';
import { contactChangedEvent } from '../services/webhook-contact-events';
import { emitWebhookEvents } from '../services/webhook-events';
import { parseIdParam, parseJsonBody } from '../validation';

export const contactPrivacyRoutes = new Hono<AppEnv>()
  .post('/api/admin/contacts/:id/export', authorize('contacts.export'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Contact');
    const tenantId = c.var.agent.tid;
    const body = await exportContact(c.env, c.var.dbs.primary, tenantId, id, {
      actor: agentActor(c),
      ip: clientIp(c),
    });
    c.header('content-disposition', `attachment; filename="contato-${id}.json"`);
    c.header('cache-control', 'no-store');
    return c.json(body);
  })
  .post('/api/admin/contacts/:id/erase', authorize('contacts.erase'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Contact');
    const req = await parseJsonBody(c, EraseContactRequest);
    if (req.confirm !== id) {
      throw new AppError('validation_failed', 'Invalid body', [
        { path: 'confirm', message: 'must repeat the id of the contact being erased' },
      ]);
    }
    const tenantId = c.var.agent.tid;
    const deps = { env: c.env, primary: c.var.dbs.primary, bucket: c.env.MEDIA };
    const result: EraseContactResponse = await eraseContact(deps, tenantId, id, {
      actor: agentActor(c),
      ip: clientIp(c),
    }).catch((err: unknown) => {
      if (err instanceof AppError || isDatabaseUnavailable(err)) throw err;
      // Objects or R2 failed: what was done stays done, and the same request finishes the rest.
      log('error', 'contact erasure interrupted; send it again to finish', {
        requestId: c.var.requestId,
        contactId: id,
        ...errorFields(err),
      });
      throw new AppError('unavailable', 'The erasure was interrupted; send it again to finish it');
    });
    // Outgoing webhooks: the integration hears it is gone (best effort: the erasure itself is done).
    await emitWebhookEvents(c.env, tenantId, [contactChangedEvent(id, 'erased')]).catch((err: unknown) =>
      log('warn', 'contact.changed webhook for an erasure not stored', {
        contactId: id,
        ...errorFields(err),
      }),
    );
    return c.json(result);
  });
