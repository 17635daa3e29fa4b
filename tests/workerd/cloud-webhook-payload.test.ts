// Cloud API webhook bodies as Meta sends them: several entries, changes and messages per POST, every message
// type (unknown ones kept as unsupported with the raw payload), statuses with errors, and bad envelopes.
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { InboundMessage } from '../../workers/channels/inbound';
import { inboundToMessage } from '../../workers/channels/inbound-event';
import { flattenCloudWebhook } from '../../workers/channels/whatsapp-cloud/webhook-payload';
import { type Author, Message } from '../../workers/contract';

const AUTHOR: Author = { kind: 'contact', id: null, name: 'Maria' };

const value = (phoneNumberId: string, extra: Record<string, unknown>) => ({
  messaging_product: 'whatsapp',
  metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
  ...extra,
});
const msg = (id: string, type: string, body: Record<string, unknown>, from = '5531991234567') => ({
  from,
  id,
  timestamp: '1749416383',
  type,
  ...body,
});

describe('Cloud API webhook payload', () => {
  it('flattens several entries, changes and messages, with the routing number and the contact name', () => {
    const out = flattenCloudWebhook({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA_1',
          changes: [
            {
              field: 'messages',
              value: value('111', {
                contacts: [{ profile: { name: 'Maria Souza' }, wa_id: '5531991234567' }],
                messages: [
                  msg('wamid.A', 'text', { text: { body: 'Olá, estou sem internet 😢' } }),
                  msg('wamid.B', 'image', {
                    image: { id: 'media-1', mime_type: 'image/jpeg', sha256: 'x', caption: 'luz vermelha' },
                  }),
                ],
              }),
            },
            {
              field: 'messages',
              value: value('111', {
                messages: [
                  msg('wamid.C', 'interactive', {
                    interactive: {
                      type: 'button_reply',
                      button_reply: { id: 'segunda-via', title: '2ª via' },
                    },
                    context: { from: '15550783881', id: 'wamid.OURS' },
                  }),
                ],
              }),
            },
          ],
        },
        {
          id: 'WABA_2',
          changes: [
            {
              field: 'messages',
              value: value('222', {
                messages: [msg('wamid.D', 'reaction', { reaction: { message_id: 'wamid.A', emoji: '👍' } })],
              }),
            },
          ],
        },
      ],
    });
    expect(out.ignored).toBe(0);
    expect(out.messages.map((m) => [m.address, m.externalId, m.content.kind])).toEqual([
      ['111', 'wamid.A', 'text'],
      ['111', 'wamid.B', 'image'],
      ['111', 'wamid.C', 'choice'],
      ['222', 'wamid.D', 'reaction'],
    ]);
    const [text, image, choice] = out.messages;
    expect(text).toMatchObject({
      profileName: 'Maria Souza',
      from: '5531991234567',
      content: { text: 'Olá, estou sem internet 😢' },
    });
    expect(text?.sentAt.toISOString()).toBe('2025-06-08T20:59:43.000Z');
    expect(image?.content).toEqual({
      kind: 'image',
      mediaId: 'media-1',
      mimeType: 'image/jpeg',
      caption: 'luz vermelha',
      filename: null,
    });
    expect(choice).toMatchObject({
      replyToExternalId: 'wamid.OURS',
      content: { kind: 'choice', id: 'segunda-via', title: '2ª via' },
    });
  });

  it('keeps a message type it does not know as unsupported, with the raw payload', () => {
    const order = msg('wamid.E', 'order', { order: { catalog_id: 'c1', product_items: [] } });
    const out = flattenCloudWebhook({
      object: 'whatsapp_business_account',
      entry: [{ id: 'W', changes: [{ field: 'messages', value: value('111', { messages: [order] }) }] }],
    });
    expect(out.messages[0]?.content).toEqual({ kind: 'unsupported', type: 'order' });
    expect(out.messages[0]?.raw).toEqual(order);
  });

  it('reads statuses with their errors and the reference we put in biz_opaque_callback_data', () => {
    const out = flattenCloudWebhook({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'W',
          changes: [
            {
              field: 'messages',
              value: value('111', {
                statuses: [
                  { id: 'wamid.X', status: 'read', timestamp: '1749416400', recipient_id: '5531991234567' },
                  {
                    id: 'wamid.Y',
                    status: 'failed',
                    timestamp: '1749416401',
                    recipient_id: '5531991234567',
                    biz_opaque_callback_data: 'conv-1:42',
                    errors: [
                      {
                        code: 131047,
                        title: 'Re-engagement message',
                        message: 'More than 24 hours',
                        error_data: { details: 'outside window' },
                      },
                    ],
                  },
                  {
                    id: 'wamid.Z',
                    status: 'deleted',
                    timestamp: '1749416402',
                    recipient_id: '5531991234567',
                  },
                ],
              }),
            },
          ],
        },
      ],
    });
    expect(out.statuses.map((s) => [s.externalId, s.status])).toEqual([
      ['wamid.X', 'read'],
      ['wamid.Y', 'failed'],
      ['wamid.Z', 'unknown'],
    ]);
    expect(out.statuses[1]).toMatchObject({
      reference: 'conv-1:42',
      errors: [
        {
          code: 131047,
          title: 'Re-engagement message',
          message: 'More than 24 hours',
          details: 'outside window',
        },
      ],
    });
  });

  it('refuses what is not a Cloud API webhook, and reads every item of one on its own', () => {
    for (const bad of [
      null,
      {},
      { object: 'page', entry: [] },
      { object: 'whatsapp_business_account' },
      'x',
    ]) {
      expect(() => flattenCloudWebhook(bad)).toThrow(ZodError);
    }
    const out = flattenCloudWebhook({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'W',
          changes: [
            { field: 'account_update', value: { event: 'x' } },
            { field: 'messages', value: { no: 'metadata' } },
            {
              field: 'messages',
              value: value('111', {
                messages: [
                  { id: 'no-from' },
                  { from: '5531991234567', type: 'text', text: { body: 'sem id' } },
                  msg('wamid.OK', 'text', { text: { body: 'oi' } }),
                ],
              }),
            },
          ],
        },
      ],
    });
    // An id is enough to keep a message (as unsupported, with what did not fit); without one it is ignored.
    expect(out.messages.map((m) => [m.externalId, m.content.kind, Boolean(m.malformed)])).toEqual([
      ['no-from', 'unsupported', true],
      ['wamid.OK', 'text', false],
    ]);
    expect(out.ignored).toBe(3);
    expect(out.notes.map((n) => n.reason)).toEqual([
      // An account_update is read (number-events-payload.ts); this one changes no number's health.
      'account update that changes no health',
      'messages change without a readable value',
      'message item without an id',
    ]);
  });
});

describe('Cloud API webhook payload: what a customer shares', () => {
  const one = (message: Record<string, unknown>) => {
    const out = flattenCloudWebhook({
      object: 'whatsapp_business_account',
      entry: [{ id: 'W', changes: [{ field: 'messages', value: value('111', { messages: [message] }) }] }],
    });
    expect(out.messages).toHaveLength(1);
    const m = out.messages[0] as InboundMessage;
    // Whatever was read must be storable as the contract's Message.
    expect(Message.safeParse(inboundToMessage(m, AUTHOR)).success).toBe(true);
    return m;
  };

  it('reads contact cards: name, phones with their WhatsApp id, e-mails, company', () => {
    const m = one(
      msg('wamid.K', 'contacts', {
        contacts: [
          {
            name: { formatted_name: 'Técnico João', first_name: 'João' },
            phones: [
              { phone: '+55 31 99123-4567', type: 'CELL', wa_id: '5531991234567' },
              { phone: '+55 31 3333-4444', type: 'WORK' },
            ],
            emails: [{ email: 'joao@provedor.com.br', type: 'WORK' }],
            org: { company: 'Provedor Fibra' },
          },
          { name: { first_name: 'Ana' }, phones: [{ wa_id: '5531988887777' }] },
        ],
      }),
    );
    expect(m.content).toEqual({
      kind: 'contacts',
      contacts: [
        {
          name: 'Técnico João',
          phones: [
            { phone: '+55 31 99123-4567', type: 'CELL', waId: '5531991234567' },
            { phone: '+55 31 3333-4444', type: 'WORK', waId: null },
          ],
          emails: ['joao@provedor.com.br'],
          organization: 'Provedor Fibra',
        },
        {
          name: 'Ana',
          phones: [{ phone: '+5531988887777', type: null, waId: '5531988887777' }],
          emails: [],
          organization: null,
        },
      ],
    });
  });

  it('clips an oversized card to the contract limits instead of refusing it', () => {
    const m = one(
      msg('wamid.KK', 'contacts', {
        contacts: [
          {
            name: { formatted_name: `${'N'.repeat(499)}😀tail` },
            phones: Array.from({ length: 30 }, (_, i) => ({
              phone: `+55 31 9${String(i).padStart(8, '0')}`,
            })),
            emails: [{ email: `${'e'.repeat(400)}@x.com` }],
          },
        ],
      }),
    );
    const c = m.content.kind === 'contacts' ? m.content.contacts[0] : null;
    expect(c?.name).toBe('N'.repeat(499)); // never half an emoji
    expect(c?.phones).toHaveLength(20);
    expect(c?.emails[0]).toHaveLength(320);
  });

  it('reads an order from the catalogue, quantities and prices as numbers or strings', () => {
    const m = one(
      msg('wamid.O', 'order', {
        order: {
          catalog_id: 'CAT-1',
          text: 'Quero instalar amanhã',
          product_items: [
            { product_retailer_id: 'plano-500', quantity: 1, item_price: 99.9, currency: 'BRL' },
            { product_retailer_id: 'roteador', quantity: '2', item_price: '150.00', currency: 'BRL' },
          ],
        },
      }),
    );
    expect(m.content).toEqual({
      kind: 'order',
      order: {
        catalogId: 'CAT-1',
        note: 'Quero instalar amanhã',
        items: [
          { productId: 'plano-500', quantity: 1, price: 99.9, currency: 'BRL' },
          { productId: 'roteador', quantity: 2, price: 150, currency: 'BRL' },
        ],
      },
    });
  });

  it('keeps the ad a customer clicked beside the message’s own content', () => {
    const m = one(
      msg('wamid.R', 'text', {
        text: { body: 'Vi o anúncio do plano de 500 mega' },
        referral: {
          source_url: 'https://fb.me/abc123',
          source_id: '120210000000',
          source_type: 'ad',
          headline: 'Fibra 500 Mega por R$ 99,90',
          body: 'Instalação grátis',
          media_type: 'image',
          image_url: 'https://scontent.example/ad.jpg',
          ctwa_clid: 'ARA…',
        },
      }),
    );
    expect(m.content).toEqual({ kind: 'text', text: 'Vi o anúncio do plano de 500 mega' });
    expect(m.referral).toEqual({
      sourceUrl: 'https://fb.me/abc123',
      sourceType: 'ad',
      sourceId: '120210000000',
      headline: 'Fibra 500 Mega por R$ 99,90',
      body: 'Instalação grátis',
      mediaUrl: 'https://scontent.example/ad.jpg',
    });
    // A referral link that is not http(s) is not kept (the agent may click it).
    const odd = one(
      msg('wamid.R2', 'text', {
        text: { body: 'oi' },
        referral: { source_url: 'javascript:alert(1)', headline: 'Promo' },
      }),
    );
    expect(odd.referral).toMatchObject({ sourceUrl: null, headline: 'Promo' });
  });

  it('reads a list reply with its description, a forwarded message and a reply’s quoted id', () => {
    const m = one(
      msg('wamid.L', 'interactive', {
        interactive: {
          type: 'list_reply',
          list_reply: { id: 'plano-300', title: '300 Mega', description: 'R$ 89,90 por mês' },
        },
        context: { from: '15550783881', id: 'wamid.MENU' },
      }),
    );
    expect(m.content).toEqual({
      kind: 'choice',
      id: 'plano-300',
      title: '300 Mega',
      description: 'R$ 89,90 por mês',
    });
    expect(m.replyToExternalId).toBe('wamid.MENU');
    const f = one(msg('wamid.F', 'text', { text: { body: 'olha isso' }, context: { forwarded: true } }));
    expect(f).toMatchObject({ forwarded: true, replyToExternalId: null });
  });

  it('keeps malformed contacts and orders as unsupported, never dropped', () => {
    const c = one(msg('wamid.BADK', 'contacts', { contacts: 'João' }));
    expect(c.content).toEqual({ kind: 'unsupported', type: 'contacts' });
    expect(c.malformed).toMatch(/^contacts/);
    const o = one(msg('wamid.BADO', 'order', { order: { product_items: [{ quantity: -1 }] } }));
    expect(o.content).toEqual({ kind: 'unsupported', type: 'order' });
    const empty = one(msg('wamid.EMPTYK', 'contacts', { contacts: [{ name: {}, phones: [] }] }));
    expect(empty.content).toEqual({ kind: 'unsupported', type: 'contacts' });
  });
});
