// WhatsApp in: Meta-shaped webhooks (several entries and messages per POST, retried three times, statuses out
// of order), signatures on the raw bytes, media copied to R2 after a failed download, Evolution and Uazapi
// payloads producing the same events, and bad input changing nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type Stack } from '../../scripts/lib/stack';
import { PNG } from '../support/file-samples';
import { ACME } from '../support/fixtures';
import { agentToken, api, eventually, startE2eStack } from './stack';
import {
  connectCloudNumber,
  conversationOf,
  events,
  messages,
  ownerQuery,
  statuses,
  type TestNumber,
} from './whatsapp-helpers';

let stack: Stack;
let admin: string;
let agent: string;
let number: TestNumber;

const [adminUser, agentUser] = ACME.users as [(typeof ACME.users)[0], (typeof ACME.users)[0]];

beforeAll(async () => {
  stack = await startE2eStack('whatsapp-inbound');
  admin = await agentToken(stack, adminUser.email, adminUser.password);
  agent = await agentToken(stack, agentUser.email, agentUser.password);
  number = await connectCloudNumber(stack, admin);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

const countRows = async (sql: string, values: unknown[]) =>
  Number((await ownerQuery<{ n: string }>(stack, sql, values))[0]?.n ?? 0);

describe('Cloud API webhooks', () => {
  it('answers Meta’s verification only with the right token', async () => {
    const q = (token: string) =>
      `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`;
    const ok = await fetch(`${stack.workerUrl}${q(stack.secrets.whatsappVerifyToken)}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await fetch(`${stack.workerUrl}${q('wrong-token')}`)).status).toBe(403);
  });

  it('stores every message of a multi-entry webhook once, even when Meta sends it three times', async () => {
    const other = await connectCloudNumber(stack, admin);
    const phoneA = '5531991110001';
    const phoneB = '5531991110002';
    const body = stack.whatsapp.metaJson({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: number.wabaId,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '5511911110000', phone_number_id: number.phoneNumberId },
                contacts: [{ profile: { name: 'Maria Souza' }, wa_id: phoneA }],
                messages: [
                  {
                    from: phoneA,
                    id: 'wamid.multi.1',
                    timestamp: `${Math.floor(Date.now() / 1000)}`,
                    type: 'text',
                    text: { body: 'Olá, estou sem internet 😢' },
                  },
                  {
                    from: phoneA,
                    id: 'wamid.multi.2',
                    timestamp: `${Math.floor(Date.now() / 1000)}`,
                    type: 'text',
                    text: { body: 'Ação: reiniciei o roteador' },
                  },
                ],
              },
            },
          ],
        },
        {
          id: other.wabaId,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '5511911110001', phone_number_id: other.phoneNumberId },
                contacts: [{ profile: { name: 'João' }, wa_id: phoneB }],
                messages: [
                  {
                    from: phoneB,
                    id: 'wamid.multi.3',
                    timestamp: `${Math.floor(Date.now() / 1000)}`,
                    type: 'order',
                    order: { catalog_id: 'c1' },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    for (let i = 0; i < 3; i++) {
      const res = await stack.whatsapp.postRaw('/webhooks/whatsapp', body, {
        'x-hub-signature-256': stack.whatsapp.sign(body),
        'content-type': 'application/json',
      });
      expect(res.status).toBe(200);
    }
    const a = await conversationOf(stack, number.channelId, phoneA);
    const b = await conversationOf(stack, other.channelId, phoneB);
    const fromA = messages(await events(stack, agent, a));
    expect(fromA.map((m) => [m.externalId, m.text, m.author.kind])).toEqual([
      ['wamid.multi.1', 'Olá, estou sem internet 😢', 'contact'],
      ['wamid.multi.2', 'Ação: reiniciei o roteador', 'contact'],
    ]);
    expect(fromA[0]?.author.name).toBe('Maria Souza');
    const fromB = messages(await events(stack, agent, b));
    expect(fromB).toHaveLength(1);
    expect(fromB[0]?.unsupported?.type).toBe('order');
    expect(JSON.parse(fromB[0]?.unsupported?.raw ?? '{}')).toMatchObject({ order: { catalog_id: 'c1' } });
    // And exactly once in Postgres.
    await eventually(
      'rows in Postgres',
      async () =>
        (await countRows(`select count(*) as n from conversation_events where conversation_id = $1`, [a])) ===
        2,
    );
  });

  it('matches a customer without the 9th digit to the same contact', async () => {
    await stack.whatsapp.inbound({
      phoneNumberId: number.phoneNumberId,
      from: '5531987650001',
      text: 'com nove',
    });
    await stack.whatsapp.inbound({
      phoneNumberId: number.phoneNumberId,
      from: '553187650001',
      text: 'sem nove',
    });
    const id = await conversationOf(stack, number.channelId, '5531987650001');
    const texts = messages(await events(stack, agent, id)).map((m) => m.text);
    expect(texts).toEqual(['com nove', 'sem nove']);
    expect(
      await countRows(
        `select count(*) as n from contacts where phone in ('5531987650001', '553187650001')`,
        [],
      ),
    ).toBe(1);
  });

  it('refuses a wrong or missing signature with 401 and stores nothing', async () => {
    const body = stack.whatsapp.metaJson({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: number.wabaId,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '1', phone_number_id: number.phoneNumberId },
                messages: [
                  {
                    from: '5531991110099',
                    id: 'wamid.forged',
                    timestamp: '1749416383',
                    type: 'text',
                    text: { body: 'forjado ção' },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    const bad = await stack.whatsapp.postRaw('/webhooks/whatsapp', body, {
      'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
      'content-type': 'application/json',
    });
    expect(bad.status).toBe(401);
    expect(JSON.parse(bad.body).error.code).toBe('unauthorized');
    const missing = await stack.whatsapp.postRaw('/webhooks/whatsapp', body, {
      'content-type': 'application/json',
    });
    expect(missing.status).toBe(401);
    // Signed over different bytes (re-serialised JSON): also refused.
    const reserialised = JSON.stringify(JSON.parse(body));
    const mismatch = await stack.whatsapp.postRaw('/webhooks/whatsapp', reserialised, {
      'x-hub-signature-256': stack.whatsapp.sign(body),
      'content-type': 'application/json',
    });
    expect(mismatch.status).toBe(401);
    expect(await countRows(`select count(*) as n from contacts where phone = '5531991110099'`, [])).toBe(0);
  });

  it('refuses a signed body that is not JSON, and acknowledges JSON of another shape, storing nothing', async () => {
    const post = (body: string) =>
      stack.whatsapp.postRaw('/webhooks/whatsapp', body, {
        'x-hub-signature-256': stack.whatsapp.sign(body),
        'content-type': 'application/json',
      });
    expect((await post('{not json')).status).toBe(400);
    // Meta would redeliver anything but a 2xx for days: an unknown shape is counted and logged instead.
    for (const body of ['{"object":"page","entry":[]}', '[]']) {
      const res = await post(body);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ stored: 0, ignored: 1 });
    }
  });

  it('acknowledges a number no tenant owns without storing anything (Meta would retry forever)', async () => {
    // Known to the simulator (Meta), not to any tenant here.
    stack.whatsapp.registerNumber({
      phoneNumberId: '999999999999',
      wabaId: '999999999998',
      accessToken: 'tok-nobody-here',
      displayPhoneNumber: '1',
    });
    const res = await stack.whatsapp.inbound({
      phoneNumberId: '999999999999',
      from: '5531991110098',
      text: 'perdido',
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).unrouted).toBe(1);
    expect(await countRows(`select count(*) as n from contacts where phone = '5531991110098'`, [])).toBe(0);
  });
});

describe('delivery statuses', () => {
  it('keeps the furthest status whatever the order, and shows Meta’s error on failures', async () => {
    const phone = '5531991110003';
    await stack.whatsapp.inbound({ phoneNumberId: number.phoneNumberId, from: phone, text: 'oi' });
    const id = await conversationOf(stack, number.channelId, phone);
    for (const text of ['primeira', 'segunda']) {
      const res = await api(stack, `/api/conversations/${id}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${agent}` },
        body: JSON.stringify({ clientId: crypto.randomUUID(), text }),
      });
      expect(res.status).toBe(201);
    }
    const sent = await stack.whatsapp.whenSent(2, { to: phone }, 15_000);
    const first = sent[0] as (typeof sent)[0];
    const second = sent[1] as (typeof sent)[0];
    const up = (
      externalId: string,
      status: 'sent' | 'delivered' | 'read' | 'failed',
      errors?: { code: number; title: string; details?: string }[],
    ) => ({ externalId, status, recipient: phone, ...(errors ? { errors } : {}) });
    // read before delivered; failed then delivered; and the whole webhook delivered twice.
    for (let i = 0; i < 2; i++) {
      const res = await stack.whatsapp.statuses(number.phoneNumberId, [
        up(first.externalId, 'read'),
        up(first.externalId, 'delivered'),
        up(first.externalId, 'sent'),
        up(second.externalId, 'failed', [
          {
            code: 131026,
            title: 'Message undeliverable',
            details: 'Receiver is incapable of receiving this message',
          },
        ]),
      ]);
      expect(res.status).toBe(200);
    }
    let s = statuses(await events(stack, agent, id));
    const seqOf = async (externalId: string) =>
      (await events(stack, agent, id)).find(
        (e) =>
          e.event.type === 'message.status' &&
          e.event.externalId === externalId &&
          e.event.status === 'accepted',
      )?.event;
    const firstSeq = ((await seqOf(first.externalId)) as { messageSeq: number }).messageSeq;
    const secondSeq = ((await seqOf(second.externalId)) as { messageSeq: number }).messageSeq;
    expect(s.get(firstSeq)?.status).toBe('read');
    expect(s.get(secondSeq)).toEqual({
      status: 'failed',
      error: {
        code: 131026,
        title: 'Message undeliverable',
        message: 'Receiver is incapable of receiving this message',
      },
    });
    await stack.whatsapp.statuses(number.phoneNumberId, [up(second.externalId, 'delivered')]);
    s = statuses(await events(stack, agent, id));
    expect(s.get(secondSeq)?.status).toBe('delivered');
    // One status event per forward move, no duplicates from the repeated webhook.
    const all = await events(stack, agent, id);
    const moves = all
      .filter((e) => e.event.type === 'message.status' && e.event.messageSeq === firstSeq)
      .map((e) => (e.event as { status: string }).status);
    expect(moves).toEqual(['accepted', 'read']);
  });
});

describe('media', () => {
  it('copies an inbound image into R2 after one failed download, then shows it ready', async () => {
    const phone = '5531991110004';
    // Real PNG bytes: the stored type is sniffed from them (a string here would be UTF-8, not a PNG).
    const bytes = Buffer.from(PNG);
    stack.whatsapp.injectFaults('media', [{ status: 500, code: 131000, title: 'Something went wrong' }]);
    const res = await stack.whatsapp.inbound({
      phoneNumberId: number.phoneNumberId,
      from: phone,
      media: { kind: 'image', mimeType: 'image/png', bytes, caption: 'luz vermelha piscando' },
    });
    expect(res.status).toBe(200);
    const id = await conversationOf(stack, number.channelId, phone);
    let key: string | null = null;
    await eventually(
      'attachment ready',
      async () => {
        const ready = (await events(stack, agent, id)).find((e) => e.event.type === 'message.attachment');
        if (ready?.event.type === 'message.attachment' && ready.event.attachment.state === 'ready')
          key = ready.event.attachment.key;
        return key !== null;
      },
      60_000,
    );
    const [message] = messages(await events(stack, agent, id));
    expect(message?.text).toBe('luz vermelha piscando');
    expect(message?.attachment?.state).toBe('pending');
    const file = await fetch(`${stack.workerUrl}/api/conversations/${id}/files/${key}`, {
      headers: { authorization: `Bearer ${agent}` },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);
    // The injected failure really happened, and was retried rather than marked failed.
    const log = readFileSync(join(ROOT, '.fio', 'test-e2e-whatsapp-inbound', 'worker.log'), 'utf8');
    expect(log).toContain('media download step failed; will retry');
  });
});

describe('gateways', () => {
  it('turns Evolution and Uazapi payloads into the same events as Cloud API ones', async () => {
    const evo = await api<{ channel: { id: string } }>(stack, '/api/channels', {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        kind: 'evolution',
        name: 'Evolution',
        baseUrl: `${stack.whatsapp.url}/evolution`,
        instance: 'acme-evo',
        apiKey: 'evo-api-key-123',
      }),
    });
    const uaz = await api<{ channel: { id: string } }>(stack, '/api/channels', {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        kind: 'uazapi',
        name: 'Uazapi',
        baseUrl: `${stack.whatsapp.url}/uazapi`,
        instanceName: 'acme-uaz',
        instanceToken: 'uaz-token-123',
      }),
    });
    expect([evo.status, uaz.status]).toEqual([201, 201]);
    const text = 'Boleto vencido? Preciso da 2ª via 🙏';
    const cloud = await stack.whatsapp.inbound({
      phoneNumberId: number.phoneNumberId,
      from: '5531991110005',
      name: 'Cli Cloud',
      text,
    });
    const e = await stack.whatsapp.evolutionInbound({
      channelId: evo.body.channel.id,
      instance: 'acme-evo',
      apiKey: 'evo-api-key-123',
      from: '5531991110006',
      name: 'Cli Evo',
      text,
    });
    const u = await stack.whatsapp.uazapiInbound({
      channelId: uaz.body.channel.id,
      instanceToken: 'uaz-token-123',
      from: '5531991110007',
      name: 'Cli Uaz',
      text,
    });
    expect([cloud.status, e.status, u.status]).toEqual([200, 200, 200]);
    // Our own messages echoed back by a gateway are not customer messages.
    const echo = await stack.whatsapp.evolutionInbound({
      channelId: evo.body.channel.id,
      instance: 'acme-evo',
      apiKey: 'evo-api-key-123',
      from: '5531991110006',
      text: 'eco',
      fromMe: true,
    });
    expect(echo.status).toBe(200);
    const shapes = [];
    for (const [channel, phone] of [
      [number.channelId, '5531991110005'],
      [evo.body.channel.id, '5531991110006'],
      [uaz.body.channel.id, '5531991110007'],
    ] as const) {
      const id = await conversationOf(stack, channel, phone);
      const all = await events(stack, agent, id);
      shapes.push(
        all.map((x) =>
          x.event.type === 'message.created'
            ? { type: x.event.type, text: x.event.message.text, author: x.event.message.author.kind }
            : x.event.type,
        ),
      );
    }
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);
    expect(shapes[0]).toEqual([{ type: 'message.created', text, author: 'contact' }]);
    // A wrong secret is 401 and stores nothing; an unknown channel is 404.
    const wrong = await stack.whatsapp.evolutionInbound({
      channelId: evo.body.channel.id,
      instance: 'acme-evo',
      apiKey: 'not-the-key',
      from: '5531991110008',
      text: 'x',
    });
    expect(wrong.status).toBe(401);
    const unknown = await stack.whatsapp.uazapiInbound({
      channelId: crypto.randomUUID(),
      instanceToken: 'uaz-token-123',
      from: '5531991110008',
      text: 'x',
    });
    expect(unknown.status).toBe(404);
    expect(await countRows(`select count(*) as n from contacts where phone = '5531991110008'`, [])).toBe(0);
  });
});
