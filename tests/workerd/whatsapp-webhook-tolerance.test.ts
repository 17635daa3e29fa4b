// Webhooks through the real route, Durable Objects and Postgres: a signed Cloud API POST mixing a valid
// message, one with an id that does not fit the schema, a forwarded one, a sender known only by Meta's
// business-scoped user id, a numeric timestamp, a reaction removal and statuses, sent twice: every item with
// an id is stored exactly once. Also the contact found again by user id, and bodies that must never give a
// 500 (nested 20,000 levels deep, not JSON, JSON of another shape). And what customers share (contact cards,
// orders, ad referrals, list descriptions, quotes, forwarded marks) stored with those fields.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../workers/services/secret-hash';
import { ACME, TEST_WHATSAPP_APP_SECRET } from '../support/fixtures';
import { asTenant, openClient } from './db-helpers';
import { call, eventually, login } from './helpers';

const [acmeAdmin] = ACME.users as [(typeof ACME.users)[number]];

let client: Client;
let tenantId: string;

beforeAll(async () => {
  client = await openClient();
  ({ tenantId } = await login(acmeAdmin.email, acmeAdmin.password));
});

afterAll(async () => {
  await client?.end();
});

/** A live channel row, as the admin API would leave it (no credentials: nothing is sent in these tests). */
async function channel(kind: 'whatsapp_cloud' | 'evolution', secret: string | null = null) {
  const address = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const hash = secret ? await sha256Hex(secret) : null;
  const id = await asTenant(client, tenantId, async () => {
    const r = await client.query<{ id: string }>(
      `insert into channels (tenant_id, kind, name, address, webhook_secret_hash)
       values ($1, $2, 'Tolerância', $3, $4) returning id`,
      [tenantId, kind, address, hash],
    );
    return r.rows[0]?.id as string;
  });
  return { id, address };
}

async function signed(body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(TEST_WHATSAPP_APP_SECRET),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body)));
  return `sha256=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

async function postCloud(body: string): Promise<Response> {
  return call('/webhooks/whatsapp', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': await signed(body) },
    body,
  });
}

interface StoredRow {
  external_id: string;
  n: string;
  payload: {
    message: {
      text: string;
      forwarded?: boolean;
      reaction?: { emoji: string | null };
      unsupported?: { type: string; raw: string };
    };
  };
}

/** Message events in Postgres by provider id, for a channel's conversations (as the archive wrote them). */
async function storedByExternalId(channelId: string): Promise<Map<string, StoredRow>> {
  const rows = await asTenant(client, tenantId, () =>
    client.query<StoredRow>(
      `select e.payload->'message'->>'externalId' as external_id, count(*) over (
                partition by e.payload->'message'->>'externalId') as n, e.payload
         from conversation_events e join conversations c on c.id = e.conversation_id
        where c.channel_id = $1 and e.type = 'message.created'`,
      [channelId],
    ),
  );
  return new Map(rows.rows.map((r) => [r.external_id, r]));
}

const contactRows = (channelId: string) =>
  asTenant(client, tenantId, () =>
    client.query<{ phone: string | null; whatsapp_user_id: string | null; name: string | null }>(
      `select k.phone, k.whatsapp_user_id, k.name from contacts k
         join conversations c on c.contact_id = k.id where c.channel_id = $1 order by k.created_at`,
      [channelId],
    ),
  );

const value = (phoneNumberId: string, extra: Record<string, unknown>) => ({
  messaging_product: 'whatsapp',
  metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
  ...extra,
});
const hook = (...values: unknown[]) =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: values.map((v) => ({ field: 'messages', value: v })) }],
  });

describe('Cloud API webhook, item by item', () => {
  it('stores every item with an id exactly once from a mixed webhook sent twice, one bad item included', async () => {
    const { id: channelId, address } = await channel('whatsapp_cloud');
    const now = Math.floor(Date.now() / 1000);
    const phone = '5531990000001';
    const bsuid = `BR.${crypto.randomUUID().replaceAll('-', '')}`;
    const body = hook(
      value(address, {
        contacts: [{ profile: { name: 'Maria Souza' }, wa_id: phone }],
        messages: [
          { from: phone, id: 'wamid.tol.valid', timestamp: `${now}`, type: 'text', text: { body: 'oi' } },
          // Has an id, but its text is not text: kept as unsupported with its raw JSON.
          { from: phone, id: 'wamid.tol.malformed', timestamp: `${now}`, type: 'text', text: { body: 42 } },
          {
            from: phone,
            id: 'wamid.tol.forwarded',
            timestamp: `${now}`,
            type: 'text',
            text: { body: 'olha isso' },
            context: { forwarded: true },
          },
          { from: phone, id: 'wamid.tol.numeric', timestamp: now, type: 'text', text: { body: 'número' } },
          {
            from: phone,
            id: 'wamid.tol.unreact',
            timestamp: `${now}`,
            type: 'reaction',
            reaction: { message_id: 'wamid.tol.valid', emoji: '' },
          },
          // No id: cannot be stored; ignored, and takes nothing with it.
          { from: phone, timestamp: `${now}`, type: 'text', text: { body: 'sem id' } },
        ],
        statuses: [
          { id: 'wamid.not-ours', status: 'read', timestamp: `${now}`, recipient_id: phone },
          { status: 'read', timestamp: `${now}` },
        ],
      }),
      value(address, {
        contacts: [{ profile: { name: 'Usuária' }, user_id: bsuid }],
        messages: [
          { id: 'wamid.tol.bsuid', timestamp: `${now}`, type: 'text', text: { body: 'sem número' } },
        ],
      }),
    );
    const first = await postCloud(body);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      stored: 6,
      duplicates: 0,
      malformed: 1,
      unrouted: 0,
      ignored: 2,
    });
    const again = await postCloud(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ stored: 0, duplicates: 6 });

    const ids = ['valid', 'malformed', 'forwarded', 'numeric', 'unreact', 'bsuid'].map(
      (s) => `wamid.tol.${s}`,
    );
    const stored = await eventually('six archived messages', async () => {
      const found = await storedByExternalId(channelId);
      return ids.every((id) => found.has(id)) ? found : null;
    });
    expect([...stored.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(Number(stored.get(id)?.n), id).toBe(1);
    const malformed = stored.get('wamid.tol.malformed')?.payload.message.unsupported;
    expect(malformed?.type).toBe('text');
    expect(JSON.parse(malformed?.raw ?? 'null')).toMatchObject({
      id: 'wamid.tol.malformed',
      text: { body: 42 },
    });
    expect(stored.get('wamid.tol.forwarded')?.payload.message).toMatchObject({
      text: 'olha isso',
      forwarded: true,
    });
    expect(stored.get('wamid.tol.numeric')?.payload.message.text).toBe('número');
    expect(stored.get('wamid.tol.unreact')?.payload.message.reaction).toEqual({
      toExternalId: 'wamid.tol.valid',
      emoji: null,
    });
    expect((await contactRows(channelId)).rows).toEqual([
      { phone, whatsapp_user_id: null, name: 'Maria Souza' },
      { phone: null, whatsapp_user_id: bsuid, name: 'Usuária' },
    ]);
  });

  it('finds a contact known only by business-scoped user id again by it, and records a phone seen later', async () => {
    const { id: channelId, address } = await channel('whatsapp_cloud');
    const now = Math.floor(Date.now() / 1000);
    const bsuid = `BR.${crypto.randomUUID().replaceAll('-', '')}`;
    const fromUser = (id: string, contact: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      hook(
        value(address, {
          contacts: [{ profile: { name: 'Joana' }, ...contact }],
          messages: [{ id, timestamp: `${now}`, type: 'text', text: { body: id }, ...extra }],
        }),
      );
    expect((await postCloud(fromUser('wamid.bs.1', { user_id: bsuid }))).status).toBe(200);
    expect((await postCloud(fromUser('wamid.bs.2', { user_id: bsuid }))).status).toBe(200);
    // The same person, now with a number too: both are kept on the one contact.
    const both = fromUser(
      'wamid.bs.3',
      { user_id: bsuid, wa_id: '5531990000002' },
      { from: '5531990000002' },
    );
    expect((await postCloud(both)).status).toBe(200);
    await eventually('three archived messages', async () => {
      const found = await storedByExternalId(channelId);
      return found.size === 3 ? found : null;
    });
    const conversations = await asTenant(client, tenantId, () =>
      client.query<{ n: string }>('select count(*) as n from conversations where channel_id = $1', [
        channelId,
      ]),
    );
    expect(Number(conversations.rows[0]?.n)).toBe(1);
    expect((await contactRows(channelId)).rows).toEqual([
      { phone: '5531990000002', whatsapp_user_id: bsuid, name: 'Joana' },
    ]);
  });
});

describe('what a customer shares, stored for the agent', () => {
  it('stores contact cards, orders, ad referrals, list descriptions, quotes and forwarded marks from every provider', async () => {
    const { id: channelId, address } = await channel('whatsapp_cloud');
    const now = `${Math.floor(Date.now() / 1000)}`;
    const phone = '5531990000011';
    const m = (id: string, body: Record<string, unknown>) => ({ from: phone, id, timestamp: now, ...body });
    const res = await postCloud(
      hook(
        value(address, {
          contacts: [{ profile: { name: 'Cliente Partilha' }, wa_id: phone }],
          messages: [
            m('wamid.sh.card', {
              type: 'contacts',
              contacts: [
                {
                  name: { formatted_name: 'Técnico João' },
                  phones: [{ phone: '+55 31 99123-4567', type: 'CELL', wa_id: '5531991234567' }],
                  org: { company: 'Provedor Fibra' },
                },
              ],
            }),
            m('wamid.sh.order', {
              type: 'order',
              order: {
                catalog_id: 'CAT',
                product_items: [
                  { product_retailer_id: 'plano-500', quantity: 1, item_price: 99.9, currency: 'BRL' },
                ],
              },
            }),
            m('wamid.sh.ad', {
              type: 'text',
              text: { body: 'Vi o anúncio' },
              referral: { source_url: 'https://fb.me/ad1', source_type: 'ad', headline: 'Fibra 500 Mega' },
            }),
            m('wamid.sh.list', {
              type: 'interactive',
              interactive: {
                type: 'list_reply',
                list_reply: { id: 'p300', title: '300 Mega', description: 'R$ 89,90 por mês' },
              },
              context: { from: '15550783881', id: 'wamid.sh.card' },
            }),
            m('wamid.sh.badcard', { type: 'contacts', contacts: 'x' }),
          ],
        }),
      ),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stored: 5, malformed: 1 });
    const ids = ['card', 'order', 'ad', 'list', 'badcard'].map((s) => `wamid.sh.${s}`);
    const stored = await eventually('five archived messages', async () => {
      const found = await storedByExternalId(channelId);
      return ids.every((id) => found.has(id)) ? found : null;
    });
    const message = (id: string) => stored.get(id)?.payload.message as Record<string, unknown>;
    expect(message('wamid.sh.card')).toMatchObject({
      text: 'Técnico João',
      contacts: [
        {
          name: 'Técnico João',
          phones: [{ phone: '+55 31 99123-4567', type: 'CELL', waId: '5531991234567' }],
          emails: [],
          organization: 'Provedor Fibra',
        },
      ],
    });
    expect(message('wamid.sh.order').order).toEqual({
      catalogId: 'CAT',
      note: null,
      items: [{ productId: 'plano-500', quantity: 1, price: 99.9, currency: 'BRL' }],
    });
    expect(message('wamid.sh.ad')).toMatchObject({
      text: 'Vi o anúncio',
      referral: { sourceUrl: 'https://fb.me/ad1', sourceType: 'ad', headline: 'Fibra 500 Mega' },
    });
    expect(message('wamid.sh.list')).toMatchObject({
      replyToExternalId: 'wamid.sh.card',
      choice: { id: 'p300', title: '300 Mega', description: 'R$ 89,90 por mês' },
    });
    expect(message('wamid.sh.badcard').unsupported).toMatchObject({ type: 'contacts' });

    // A gateway's contact card (vCard) and a forwarded quote, through the Evolution route.
    const secret = 'shared-content-secret';
    const evo = await channel('evolution', secret);
    const upsert = (id: string, message: Record<string, unknown>) =>
      call(`/webhooks/evolution/${evo.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-fio-webhook-secret': secret },
        body: JSON.stringify({
          event: 'messages.upsert',
          instance: evo.address,
          data: {
            key: { remoteJid: `${phone}@s.whatsapp.net`, fromMe: false, id },
            pushName: 'Cliente Partilha',
            message,
            messageTimestamp: Number(now),
          },
        }),
      });
    const vcard =
      'BEGIN:VCARD\nVERSION:3.0\nFN:Ana Vizinha\nitem1.TEL;waid=5531988887777:+55 31 98888-7777\nEND:VCARD';
    expect((await upsert('EVO-CARD', { contactMessage: { displayName: 'Ana', vcard } })).status).toBe(200);
    const quoted = {
      extendedTextMessage: { text: 'vê isso', contextInfo: { stanzaId: 'EVO-CARD', isForwarded: true } },
    };
    expect((await upsert('EVO-FWD', quoted)).status).toBe(200);
    const gateway = await eventually('two archived gateway messages', async () => {
      const found = await storedByExternalId(evo.id);
      return found.size === 2 ? found : null;
    });
    expect(gateway.get('EVO-CARD')?.payload.message).toMatchObject({
      contacts: [{ name: 'Ana Vizinha', phones: [{ phone: '+55 31 98888-7777', waId: '5531988887777' }] }],
    });
    expect(gateway.get('EVO-FWD')?.payload.message).toMatchObject({
      text: 'vê isso',
      forwarded: true,
      replyToExternalId: 'EVO-CARD',
    });
  });
});

describe('bodies that must never give a 500', () => {
  it('answers 400 with the error envelope to JSON nested 20,000 levels deep, from Meta or a gateway', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const cloud = await postCloud(deep);
    expect(cloud.status).toBe(400);
    expect(await cloud.json()).toMatchObject({ error: { code: 'invalid_json' } });
    const secret = 'tolerance-gateway-secret';
    const { id } = await channel('evolution', secret);
    // A well-formed message whose content nests 20,000 levels: before the depth check, the raw item reached
    // the structured clone to the conversation object and JSON.stringify, and overflowed the stack (500).
    const key = '{"remoteJid":"5531990000003@s.whatsapp.net","fromMe":false,"id":"3EB0DEEP"}';
    const nested = `{"event":"messages.upsert","instance":"x","data":{"key":${key},"messageTimestamp":1749416383,"message":{"x":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}}}`;
    const gateway = await call(`/webhooks/evolution/${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-fio-webhook-secret': secret },
      body: nested,
    });
    expect(gateway.status).toBe(400);
    expect(await gateway.json()).toMatchObject({ error: { code: 'invalid_json' } });
  });

  it('answers 400 to a body that is not JSON, and 200 (ignored, counted) to JSON of another shape', async () => {
    const broken = await postCloud('{"object":');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { code: 'invalid_json' } });
    for (const other of ['{"object":"page","entry":[]}', '[]', '42', '{"entry":{"not":"a list"}}']) {
      const res = await postCloud(other);
      expect(res.status, other).toBe(200);
      expect(await res.json(), other).toMatchObject({ stored: 0, ignored: 1 });
    }
  });
});
