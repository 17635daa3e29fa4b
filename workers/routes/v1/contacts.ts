// /api/v1/contacts: upsert by phone or CPF/CNPJ (contacts:write), read by id and find by phone or document
// (contacts:read). A change is announced to the tenant's webhooks (`contact.changed`) and a new name reaches
// the inbox cards of the contact's conversations, as an agent's correction does.
import { createRoute } from '@hono/zod-openapi';
import {
  V1ContactListResponse,
  V1ContactQuery,
  V1ContactResponse,
  V1ContactUpsert,
  V1ContactUpsertResponse,
} from '../../contract';
import type { Env } from '../../env';
import { authorize } from '../../middleware/authorize';
import { contactConversationIds } from '../../services/contact-panel';
import { findContacts, readContact, upsertContact } from '../../services/contact-upsert';
import { conversationObjectName } from '../../services/conversation-names';
import { inTenant } from '../../services/db';
import { emitWebhookEvents } from '../../services/webhook-events';
import { parseIdParam } from '../../validation';
import { errors, IdParam, jsonBody, jsonRequest, keyOf, ok, security, v1Router } from './common';

const tags = ['Contatos · Contacts'];

const upsert = createRoute({
  method: 'put',
  path: '/api/v1/contacts',
  operationId: 'upsertContact',
  tags,
  summary: 'Create or update a contact by phone or CPF/CNPJ',
  description:
    'Finds the contact by `phone` (E.164), else by `cpfCnpj` (check digits verified), and writes the given ' +
    'fields: `tags` replace, `attributes` merge key by key. 201 when it was created, 200 when it existed.',
  security,
  middleware: [authorize('contacts.write', { apiKeys: 'only' }), jsonBody] as const,
  request: jsonRequest(V1ContactUpsert),
  responses: {
    200: ok(V1ContactUpsertResponse, 'The contact existed and was updated'),
    201: ok(V1ContactUpsertResponse, 'The contact was created'),
    ...errors(400),
  },
});

const find = createRoute({
  method: 'get',
  path: '/api/v1/contacts',
  operationId: 'findContacts',
  tags,
  summary: 'Find contacts by phone or CPF/CNPJ',
  security,
  middleware: [authorize('contacts.read', { apiKeys: 'only' })] as const,
  request: { query: V1ContactQuery },
  responses: { 200: ok(V1ContactListResponse, 'The matching contacts (newest first)'), ...errors(400) },
});

const read = createRoute({
  method: 'get',
  path: '/api/v1/contacts/{id}',
  operationId: 'getContact',
  tags,
  summary: 'Read a contact',
  security,
  middleware: [authorize('contacts.read', { apiKeys: 'only' })] as const,
  request: { params: IdParam },
  responses: { 200: ok(V1ContactResponse, 'The contact'), ...errors(404) },
});

/** A new name reaches every conversation's inbox card (each object re-reads it). */
async function refreshCards(env: Env, tenantId: string, conversationIds: string[]): Promise<void> {
  for (const conversationId of conversationIds) {
    await env.CONVERSATIONS.getByName(conversationObjectName(tenantId, conversationId)).contactChanged({
      tenantId,
      conversationId,
    });
  }
}

export const v1ContactRoutes = v1Router()
  .openapi(upsert, async (c) => {
    const key = keyOf(c);
    const req = c.req.valid('json');
    const { outcome, conversationIds } = await inTenant(c.var.dbs.primary, key.tid, async (tx) => {
      const outcome = await upsertContact(tx, key.tid, req);
      const ids = outcome.renamed ? await contactConversationIds(tx, key.tid, outcome.contact.id) : [];
      return { outcome, conversationIds: ids };
    });
    await refreshCards(c.env, key.tid, conversationIds);
    // After the commit; an emit that fails answers 503 and the caller's retry (an idempotent upsert) emits again.
    await emitWebhookEvents(c.env, key.tid, [
      {
        type: 'contact.changed',
        orderKey: `contact:${outcome.contact.id}`,
        occurredAt: Date.now(),
        data: {
          change: outcome.created ? 'created' : 'updated',
          contact: outcome.contact,
          by: `api:${key.sub}`,
        },
      },
    ]);
    const body = { contact: outcome.contact, created: outcome.created };
    return outcome.created ? c.json(body, 201) : c.json(body, 200);
  })
  .openapi(find, async (c) => {
    const key = keyOf(c);
    const q = c.req.valid('query');
    const found = await inTenant(c.var.dbs.primary, key.tid, (tx) => findContacts(tx, key.tid, q));
    return c.json({ contacts: found }, 200);
  })
  .openapi(read, async (c) => {
    const key = keyOf(c);
    const id = parseIdParam(c.req.valid('param').id, 'Contact');
    const contact = await inTenant(c.var.dbs.primary, key.tid, (tx) => readContact(tx, key.tid, id));
    return c.json({ contact }, 200);
  });
