// The public API's resources, end to end inside workerd with real Postgres: contact upsert (one contact per
// phone, found again by CPF), conversations and their history (no private notes), idempotent sends, the 24 h
// window and template checks, ticket tags and close as the key, and bad input that stores nothing.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../workers/channels/inbound';
import type { V1Contact, V1Ticket } from '../../workers/contract';
import { conversationObjectName } from '../../workers/services/conversation-names';
import { keyWith, raw } from './api-v1-helpers';
import { asTenant, openClient } from './db-helpers';
import { errorCode, login, openSocket, widgetSession } from './helpers';
import { PEOPLE, signIn } from './sign-in';

const tokens = signIn('admin', 'agent');
let key: string;
let db: Client;
let acmeId: string;

beforeAll(async () => {
  db = await openClient();
  acmeId = (await login(PEOPLE.admin.email, PEOPLE.admin.password)).tenantId;
  key = (
    await keyWith(
      tokens.admin,
      'contacts:read',
      'contacts:write',
      'conversations:read',
      'messages:send',
      'tickets:write',
    )
  ).key;
});
afterAll(() => db.end());

const json = (v: unknown) => JSON.stringify(v);
const contactCount = () =>
  asTenant(db, acmeId, async () => Number((await db.query('select count(*) from contacts')).rows[0]?.count));

describe('contacts', () => {
  it('upserts by phone once, finds the same contact by CPF, merges attributes and replaces tags', async () => {
    const phone = `+55319${String(Date.now()).slice(-8)}`;
    const first = await raw(
      'PUT',
      '/api/v1/contacts',
      key,
      json({ phone, name: 'Ana Souza', tags: ['Fibra'], attributes: { city: 'Belo Horizonte' } }),
    );
    expect(first.status).toBe(201);
    const created = (first.body as { contact: V1Contact }).contact;
    expect(created).toMatchObject({ phone: phone.slice(1), name: 'Ana Souza', tags: ['fibra'] });
    const again = await raw(
      'PUT',
      '/api/v1/contacts',
      key,
      json({ phone: phone.slice(1), cpfCnpj: '529.982.247-25' }),
    );
    expect(again.status).toBe(200);
    expect((again.body as { contact: V1Contact; created: boolean }).created).toBe(false);
    const byCpf = await raw(
      'PUT',
      '/api/v1/contacts',
      key,
      json({ cpfCnpj: '52998224725', tags: ['vip'], attributes: { neighbourhood: 'Savassi' } }),
    );
    expect(byCpf.status).toBe(200);
    const updated = (byCpf.body as { contact: V1Contact }).contact;
    expect(updated.id).toBe(created.id);
    expect(updated).toMatchObject({
      cpfCnpj: '52998224725',
      tags: ['vip'],
      attributes: { city: 'Belo Horizonte', neighbourhood: 'Savassi' },
    });
    const found = await raw('GET', `/api/v1/contacts?phone=${encodeURIComponent(phone)}`, key);
    expect((found.body as { contacts: V1Contact[] }).contacts.map((c) => c.id)).toEqual([created.id]);
    const read = await raw('GET', `/api/v1/contacts/${created.id}`, key);
    expect((read.body as { contact: V1Contact }).contact).toEqual(updated);
  });

  it('makes one contact of two upserts of the same phone at once', async () => {
    const phone = `5531${String(Date.now()).slice(-9)}`;
    const both = await Promise.all(
      [1, 2].map(() => raw('PUT', '/api/v1/contacts', key, json({ phone, name: 'Duplo' }))),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    const ids = both.map((r) => (r.body as { contact: V1Contact }).contact.id);
    expect(ids[0]).toBe(ids[1]);
  });

  it('refuses bad input with a 400 envelope and stores nothing', async () => {
    const before = await contactCount();
    for (const body of [
      {},
      { name: 'Sem chave' },
      { phone: '12345' },
      { phone: '+55 31 99999-0000' },
      { phone: '0031999990000' },
      { cpfCnpj: '529.982.247-24' },
      { cpfCnpj: '11111111111' },
      { phone: '+5531999990000', tenantId: crypto.randomUUID() },
      { phone: '+5531999990000', tags: ['ok', ''] },
      { phone: '+5531999990000', attributes: { planet: 'Mars' } },
      { phone: '+5531999990000', email: 'not-an-email' },
    ]) {
      const res = await raw('PUT', '/api/v1/contacts', key, json(body));
      expect([res.status, errorCode(res.body)], json(body)).toEqual([400, 'validation_failed']);
      expect((res.body as { error: { details?: unknown } }).error.details, json(body)).toBeDefined();
    }
    const malformed = await raw('PUT', '/api/v1/contacts', key, '{"phone":');
    expect([malformed.status, errorCode(malformed.body)]).toEqual([400, 'invalid_json']);
    const text = await raw('PUT', '/api/v1/contacts', key, 'phone=1', 'text/plain');
    expect([text.status, errorCode(text.body)]).toEqual([400, 'bad_request']);
    for (const q of ['', 'phone=abc', 'phone=%2B5531999990000&cpfCnpj=52998224725', 'nome=Ana']) {
      const res = await raw('GET', `/api/v1/contacts?${q}`, key);
      expect([res.status, errorCode(res.body)], q).toEqual([400, 'validation_failed']);
    }
    for (const id of ['nope', crypto.randomUUID(), crypto.randomUUID().toUpperCase()]) {
      const res = await raw('GET', `/api/v1/contacts/${id}`, key);
      expect([res.status, errorCode(res.body)]).toEqual([404, 'not_found']);
    }
    expect(await contactCount()).toBe(before);
  });
});

describe('conversations, messages and tickets', () => {
  it('sends once per clientId, and the history leaves private notes out', async () => {
    const { conversationId } = await widgetSession('acme');
    const clientId = crypto.randomUUID();
    const body = json({ clientId, text: 'Sua fatura de maio está disponível.' });
    const sent = await raw('POST', `/api/v1/conversations/${conversationId}/messages`, key, body);
    expect(sent.status).toBe(201);
    const again = await raw('POST', `/api/v1/conversations/${conversationId}/messages`, key, body);
    expect(again).toEqual({ status: 200, body: { ...(sent.body as object), duplicate: true } });

    const socket = await openSocket(conversationId, tokens.agent);
    socket.send({ type: 'note.send', clientId: crypto.randomUUID(), text: 'nota interna secreta' });
    await socket.next('ack');
    socket.close();

    const history = await raw('GET', `/api/v1/conversations/${conversationId}/messages`, key);
    expect(history.status).toBe(200);
    const text = json(history.body);
    expect(text).not.toContain('nota interna secreta');
    const messages = (
      history.body as {
        events: { event: { type: string; message?: { text: string; author: { name: string } } } }[];
      }
    ).events
      .filter((e) => e.event.type === 'message.created')
      .map((e) => [e.event.message?.text, e.event.message?.author.name]);
    expect(messages).toEqual([['Sua fatura de maio está disponível.', expect.stringMatching(/^API · /)]]);

    const listed = await raw('GET', `/api/v1/conversations?limit=100`, key);
    expect(listed.status).toBe(200);
    const conv = await raw('GET', `/api/v1/conversations/${conversationId}`, key);
    expect(conv.status).toBe(200);
    const contactId = (conv.body as { conversation: { contact: { id: string } } }).conversation.contact.id;
    const mine = await raw('GET', `/api/v1/conversations?contactId=${contactId}`, key);
    expect((mine.body as { conversations: { id: string }[] }).conversations.map((c) => c.id)).toEqual([
      conversationId,
    ]);
    for (const q of ['cursor=bm90LWEtY3Vyc29y', 'limit=0', 'status=open', 'contactId=x', 'sort=desc']) {
      const res = await raw('GET', `/api/v1/conversations?${q}`, key);
      expect([res.status, errorCode(res.body)], q).toEqual([400, 'validation_failed']);
    }
  });

  it('refuses free text outside the window (422), a template that does not fit (400), and bad bodies', async () => {
    const { conversationId } = await widgetSession('acme');
    const ref = { tenantId: acmeId, conversationId };
    const stub = env.CONVERSATIONS.getByName(conversationObjectName(acmeId, conversationId));
    const old = new Date(Date.now() - 25 * 60 * 60 * 1000);
    const inbound: InboundMessage = {
      address: '100',
      externalId: `wamid.v1.${crypto.randomUUID()}`,
      from: '5531991234567',
      profileName: 'Maria',
      sentAt: old,
      replyToExternalId: null,
      content: { kind: 'text', text: 'oi' },
      raw: {},
    };
    const binding = { channelId: crypto.randomUUID(), kind: 'whatsapp_cloud' as const, to: '5531991234567' };
    await stub.receiveInbound(ref, binding, inbound);
    const lastSeq = async () => (await stub.history(ref, null, 1))?.lastSeq;
    const before = await lastSeq();
    const url = `/api/v1/conversations/${conversationId}/messages`;
    const late = await raw('POST', url, key, json({ clientId: crypto.randomUUID(), text: 'oi?' }));
    expect([late.status, errorCode(late.body)]).toEqual([422, 'window_closed']);

    // An approved template with two variables on the conversation's channel, sent with one.
    const channel = await asTenant(
      db,
      acmeId,
      async () =>
        (
          await db.query<{ channel_id: string }>('select channel_id from conversations where id = $1', [
            conversationId,
          ])
        ).rows[0]?.channel_id,
    );
    await asTenant(db, acmeId, () =>
      db.query(
        `insert into whatsapp_templates (tenant_id, channel_id, name, language, status, body)
         values ($1, $2, 'fatura_v1', 'pt_BR', 'APPROVED', 'Olá {{1}}, sua fatura de {{2}} chegou')
         on conflict do nothing`,
        [acmeId, channel],
      ),
    );
    const template = (parameters: string[]) =>
      json({ clientId: crypto.randomUUID(), template: { name: 'fatura_v1', language: 'pt_BR', parameters } });
    const wrong = await raw('POST', url, key, template(['Maria']));
    expect([wrong.status, errorCode(wrong.body)]).toEqual([400, 'validation_failed']);
    expect(json(wrong.body)).toMatch(/fatura_v1/);
    for (const body of [
      {},
      { clientId: crypto.randomUUID() },
      { clientId: crypto.randomUUID(), text: '   ' },
      { clientId: crypto.randomUUID(), text: 'a', template: { name: 'fatura_v1', language: 'pt_BR' } },
      { clientId: crypto.randomUUID(), text: 'a', attachmentKey: 'x' },
      { clientId: 'x'.repeat(500), text: 'a' },
    ]) {
      const res = await raw('POST', url, key, json(body));
      expect([res.status, errorCode(res.body)], json(body)).toEqual([400, 'validation_failed']);
    }
    for (const q of ['before=0', 'limit=1000', 'after=3']) {
      const res = await raw('GET', `${url}?${q}`, key);
      expect([res.status, errorCode(res.body)], q).toEqual([400, 'validation_failed']);
    }
    expect(await lastSeq()).toBe(before);
  });

  it('tags and closes the ticket as the key, and reads it by id', async () => {
    const { conversationId } = await widgetSession('acme');
    const base = `/api/v1/conversations/${conversationId}/ticket`;
    const open = await raw('GET', base, key);
    expect(open.status).toBe(200);
    expect((open.body as { ticket: V1Ticket }).ticket.status).not.toBe('closed');
    const tagged = await raw('POST', `${base}/tags`, key, json({ tags: ['Financeiro', 'api'] }));
    expect(tagged.status).toBe(200);
    expect((tagged.body as { ticket: V1Ticket }).ticket.tags.sort()).toEqual(['Financeiro', 'api']);
    const bad = await raw('POST', `${base}/tags`, key, json({ tags: 'financeiro' }));
    expect([bad.status, errorCode(bad.body)]).toEqual([400, 'validation_failed']);
    const closed = await raw('POST', `${base}/close`, key);
    expect(closed.status).toBe(200);
    const ticket = (closed.body as { ticket: V1Ticket }).ticket;
    expect(ticket.status).toBe('closed');
    // The ticket's row reaches Postgres through the outbox; then it is readable by id.
    const id = await expect
      .poll(async () => ((await raw('GET', base, key)).body as { ticket: V1Ticket }).ticket.id, {
        timeout: 15_000,
      })
      .not.toBeNull()
      .then(async () => ((await raw('GET', base, key)).body as { ticket: V1Ticket }).ticket.id);
    await expect
      .poll(
        async () =>
          ((await raw('GET', `/api/v1/tickets/${id}`, key)).body as { ticket?: V1Ticket }).ticket?.status,
        {
          timeout: 15_000,
        },
      )
      .toBe('closed');
    const history = await raw('GET', `/api/v1/conversations/${conversationId}/messages`, key);
    expect(json(history.body)).toContain('API · ');
  });
});
