// Cloud API webhook bodies as Meta sends them: several entries, changes and messages per POST, every message
// type (unknown ones kept as unsupported with the raw payload), statuses with errors, and bad envelopes.
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { flattenCloudWebhook } from '../../workers/channels/whatsapp-cloud/webhook-payload';

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
