// A website visitor who gave a name (typed in the widget, or carried by the site's identity token) is called
// by it in the inbox summary the list and the conversation header show; a returning visitor's new name and
// an agent's correction reach a conversation whose object already holds the old card.
import type { Client } from '@neondatabase/serverless';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactPanelResponse, InboxSummary } from '../../workers/contract';
import { asTenant, openClient } from './db-helpers';
import { api, login, widgetSession } from './helpers';
import { PEOPLE, signIn } from './sign-in';

const tokens = signIn('admin', 'agent');
let db: Client;
let identitySecret: string;

beforeAll(async () => {
  db = await openClient();
  const { tenantId } = await login(PEOPLE.admin.email, PEOPLE.admin.password);
  const widgetChannelId = await asTenant(db, tenantId, async () => {
    const r = await db.query<{ id: string }>(
      `select id from channels where kind = 'widget' order by created_at limit 1`,
    );
    return r.rows[0]?.id as string;
  });
  const res = await api<{ identitySecret: string }>(
    'POST',
    `/api/channels/${widgetChannelId}/identity-secret`,
    tokens.admin,
  );
  expect(res.status).toBe(201);
  identitySecret = res.body.identitySecret;
});
afterAll(() => db.end());

const summary = async (conversationId: string) => {
  const res = await api<InboxSummary>('GET', `/api/conversations/${conversationId}/summary`, tokens.agent);
  expect(res.status).toBe(200);
  return res.body;
};

function identity(sub: string, claims: Record<string, unknown>) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime(Math.floor(Date.now() / 1000) + 3600)
    .sign(new TextEncoder().encode(identitySecret));
}

describe('named website visitors', () => {
  it('a visitor who typed a name is shown by it; giving another on the next visit updates the inbox', async () => {
    const first = await widgetSession('acme', { name: 'Ana Lima' });
    expect((await summary(first.conversationId)).contact).toMatchObject({ name: 'Ana Lima', phone: null });
    // The object now holds its card; the returning visitor's new name must still reach it.
    const again = await widgetSession('acme', { visitorKey: first.visitorKey, name: 'Ana Paula Lima' });
    expect(again.conversationId).toBe(first.conversationId);
    expect((await summary(first.conversationId)).contact.name).toBe('Ana Paula Lima');
    // A visit without a name keeps the one given before.
    await widgetSession('acme', { visitorKey: first.visitorKey });
    expect((await summary(first.conversationId)).contact.name).toBe('Ana Paula Lima');
  });

  it("takes the name from the site's identity token, without undoing an agent's correction later", async () => {
    const customer = `named-${crypto.randomUUID()}`;
    const s = await widgetSession('acme', {
      identityToken: await identity(customer, { name: 'Carlos Souza' }),
    });
    const first = await summary(s.conversationId);
    expect(first.contact.name).toBe('Carlos Souza');

    const panel = await api<ContactPanelResponse>(
      'PATCH',
      `/api/contacts/${first.contact.id}`,
      tokens.agent,
      {
        name: 'Carlos A. Souza',
      },
    );
    expect(panel.status).toBe(200);
    // The agent's correction reaches the conversation's summary (the object re-reads its card).
    expect((await summary(s.conversationId)).contact.name).toBe('Carlos A. Souza');
    // The token's name only fills a contact that has none.
    await widgetSession('acme', { identityToken: await identity(customer, { name: 'Carlos Souza' }) });
    expect((await summary(s.conversationId)).contact.name).toBe('Carlos A. Souza');
  });

  it('a token whose name breaks the text rules still signs the customer in, unnamed', async () => {
    const s = await widgetSession('acme', {
      identityToken: await identity(`odd-${crypto.randomUUID()}`, { name: 'x'.repeat(500) }),
    });
    expect((await summary(s.conversationId)).contact.name).toBeNull();
  });
});
