// Uazapi webhook bodies: the phone from sender_pn when the sender is an @lid, millisecond timestamps, every
// message kind (unknown ones kept as unsupported with the raw message), echoes, groups, receipts in both the
// whatsmeow event form and the message form, other events, bad envelopes.
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { InboundMessage } from '../../workers/channels/inbound';
import { inboundToMessage } from '../../workers/channels/inbound-event';
import { flattenUazapiWebhook, webhookSecretOf } from '../../workers/channels/uazapi/webhook-payload';
import { type Author, Message } from '../../workers/contract';

const AUTHOR: Author = { kind: 'contact', id: null, name: 'Maria' };

const RECEIVED = new Date('2025-06-08T21:00:00.000Z');
const PN = '5531991234567@s.whatsapp.net';
const LID = '131924232282128@lid';

const message = (messageid: string, extra: Record<string, unknown> = {}) => ({
  id: `553133334444:${messageid}`,
  messageid,
  chatid: LID,
  fromMe: false,
  isGroup: false,
  type: 'text',
  messageType: 'Conversation',
  text: 'Olá! A internet caiu de novo 😡 ação urgente',
  messageTimestamp: 1749416383123,
  sender: LID,
  sender_pn: PN,
  senderName: 'João Araújo',
  wasSentByApi: false,
  source: 'android',
  ...extra,
});

const envelope = (EventType: string, extra: Record<string, unknown>) => ({
  EventType,
  BaseUrl: 'https://provedor.uazapi.com',
  instanceName: 'fio-provedor',
  owner: '553133334444',
  token: 'inst-token-123',
  chat: { wa_chatid: PN, name: 'João Araújo', wa_isGroup: false },
  ...extra,
});

const messages = (m: unknown, extra: Record<string, unknown> = {}) =>
  flattenUazapiWebhook(envelope('messages', { message: m, ...extra }), RECEIVED);

describe('Uazapi webhook payload', () => {
  it('reads a text message, the phone from sender_pn, the time from milliseconds', () => {
    const m = message('3EB0AA');
    const out = messages(m);
    expect(out).toMatchObject({ echoes: 0, ignored: 0, statuses: [] });
    expect(out.messages).toEqual([
      {
        address: 'fio-provedor',
        externalId: '3EB0AA',
        from: '5531991234567',
        profileName: 'João Araújo',
        sentAt: new Date('2025-06-08T20:59:43.123Z'),
        replyToExternalId: null,
        content: { kind: 'text', text: 'Olá! A internet caiu de novo 😡 ação urgente' },
        raw: m,
      },
    ]);
  });

  it('falls back to a phone chatid, to the owner as address, and reads seconds as seconds', () => {
    const m = message('3EB0AB', {
      chatid: PN,
      sender: PN,
      sender_pn: undefined,
      messageTimestamp: 1749416383,
    });
    const body = { ...envelope('messages', { message: m }), instanceName: undefined };
    const [read] = flattenUazapiWebhook(body).messages;
    expect(read).toMatchObject({ address: '553133334444', from: '5531991234567' });
    expect(read?.sentAt.toISOString()).toBe('2025-06-08T20:59:43.000Z');
  });

  it('counts our own messages as echoes and ignores groups and @lid senders without a phone', () => {
    expect(messages(message('E1', { fromMe: true }))).toMatchObject({ echoes: 1, messages: [] });
    expect(messages(message('E2', { wasSentByApi: true }))).toMatchObject({ echoes: 1, messages: [] });
    expect(messages(message('G1', { isGroup: true, chatid: '1203630@g.us' }))).toMatchObject({ ignored: 1 });
    expect(messages(message('G2', { chatid: '1203630@g.us' }))).toMatchObject({ ignored: 1, messages: [] });
    expect(messages(message('L1', { sender_pn: undefined }))).toMatchObject({ ignored: 1, messages: [] });
    expect(messages({ messageid: 'no-chat' })).toMatchObject({ ignored: 1, messages: [] });
  });

  it('reads media, locations, reactions, choices and replies', () => {
    const image = message('I1', {
      type: 'media',
      messageType: 'ImageMessage',
      mediaType: 'image',
      text: 'modem com luz vermelha',
      content: {
        URL: 'https://mmg.whatsapp.net/enc',
        mimetype: 'image/jpeg',
        caption: 'modem com luz vermelha',
      },
    });
    expect(messages(image).messages[0]?.content).toEqual({
      kind: 'image',
      mediaId: 'I1',
      mimeType: 'image/jpeg',
      caption: 'modem com luz vermelha',
      filename: null,
    });
    const doc = message('D1', {
      type: 'media',
      messageType: 'DocumentMessage',
      mediaType: 'document',
      text: '',
      mimetype: 'application/pdf',
      fileURL: 'https://provedor.uazapi.com/files/D1.pdf',
      content: { fileName: 'comprovante – junho.pdf', mimetype: 'application/pdf' },
    });
    expect(messages(doc).messages[0]?.content).toEqual({
      kind: 'document',
      mediaId: 'https://provedor.uazapi.com/files/D1.pdf',
      mimeType: 'application/pdf',
      caption: null,
      filename: 'comprovante – junho.pdf',
    });
    const voice = message('A1', { type: 'media', messageType: 'AudioMessage', mediaType: 'ptt', text: '' });
    expect(messages(voice).messages[0]?.content).toMatchObject({
      kind: 'audio',
      mediaId: 'A1',
      caption: null,
    });
    const location = message('L1', {
      messageType: 'LocationMessage',
      text: '',
      content: { degreesLatitude: -19.92, degreesLongitude: -43.94, name: 'Savassi', address: 'BH' },
    });
    expect(messages(location).messages[0]?.content).toEqual({
      kind: 'location',
      latitude: -19.92,
      longitude: -43.94,
      name: 'Savassi',
      address: 'BH',
    });
    const reaction = message('R1', { messageType: 'ReactionMessage', reaction: 'OURS-1', text: '❤️' });
    expect(messages(reaction).messages[0]?.content).toEqual({
      kind: 'reaction',
      toExternalId: 'OURS-1',
      emoji: '❤️',
    });
    const choice = message('C1', {
      messageType: 'ListResponseMessage',
      buttonOrListid: 'p500',
      text: 'Plano 500 Mega',
    });
    expect(messages(choice).messages[0]?.content).toEqual({
      kind: 'choice',
      id: 'p500',
      title: 'Plano 500 Mega',
    });
    const reply = message('Q1', { messageType: 'ExtendedTextMessage', text: 'isso mesmo', quoted: 'OURS-2' });
    expect(messages(reply).messages[0]).toMatchObject({
      replyToExternalId: 'OURS-2',
      content: { kind: 'text', text: 'isso mesmo' },
    });
  });

  it('keeps a kind it does not know as unsupported, with the raw message', () => {
    const poll = message('P1', { messageType: 'PollCreationMessageV3', text: 'Qual horário?' });
    const out = messages(poll);
    expect(out.messages[0]?.content).toEqual({ kind: 'unsupported', type: 'PollCreationMessageV3' });
    expect(out.messages[0]?.raw).toEqual(poll);
  });

  it('reads receipts in the event form (several ids) and the message form', () => {
    const receipt = (event: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      flattenUazapiWebhook(envelope('messages_update', { type: 'ReadReceipt', event, ...extra }), RECEIVED);
    const read = receipt({
      Chat: PN,
      Sender: PN,
      IsFromMe: false,
      MessageIDs: ['W1', 'W2'],
      Timestamp: '2025-06-08T21:01:02Z',
      Type: 'read',
    });
    expect(read.statuses).toEqual(
      ['W1', 'W2'].map((externalId) => ({
        address: 'fio-provedor',
        externalId,
        status: 'read',
        at: new Date('2025-06-08T21:01:02Z'),
        recipient: '5531991234567',
        reference: null,
        errors: [],
      })),
    );
    // `state` names the receipt when present; a missing timestamp means the time we received it.
    const delivered = receipt({ Chat: LID, MessageIDs: ['W3'], Type: '' }, { state: 'Delivered' });
    expect(delivered.statuses).toMatchObject([
      { externalId: 'W3', status: 'delivered', at: RECEIVED, recipient: '' },
    ]);
    expect(receipt({ MessageIDs: ['W4'], Type: 'ReadReceipt' }).statuses[0]?.status).toBe('read');
    expect(receipt({ MessageIDs: ['W5'], Type: 'retry' }).statuses[0]?.status).toBe('unknown');
    expect(receipt({ MessageIDs: ['W6'], Type: 'server-error' }).statuses[0]).toMatchObject({
      status: 'failed',
      errors: [{ code: null }],
    });
    // Receipts about the customer's messages (our own reads) are not statuses of ours.
    expect(receipt({ MessageIDs: ['C1'], Type: 'read-self' })).toMatchObject({ statuses: [], ignored: 1 });
    expect(receipt({ MessageIDs: ['C2'], Type: 'read', IsFromMe: true })).toMatchObject({
      statuses: [],
      ignored: 1,
    });

    const update = (m: Record<string, unknown>) =>
      flattenUazapiWebhook(envelope('messages_update', { message: m }), RECEIVED);
    expect(update({ messageid: 'W7', chatid: PN, fromMe: true, status: 'Read' }).statuses).toMatchObject([
      { externalId: 'W7', status: 'read', recipient: '5531991234567' },
    ]);
    expect(update({ messageid: 'W8', state: 'sent' }).statuses[0]?.status).toBe('sent');
    expect(update({ messageid: 'C3', fromMe: false, status: 'Read' })).toMatchObject({
      statuses: [],
      ignored: 1,
    });
    expect(update({ no: 'id' })).toMatchObject({ statuses: [], ignored: 1 });
  });

  it('ignores other events without failing (connection: number-events.test.ts)', () => {
    for (const type of ['presence', 'chats', 'history', 'call']) {
      expect(flattenUazapiWebhook(envelope(type, { status: 'connected' }))).toMatchObject({
        messages: [],
        statuses: [],
        echoes: 0,
        ignored: 1,
      });
    }
  });

  it('refuses what is not a Uazapi webhook, and counts an unreadable message in one as ignored', () => {
    for (const bad of [null, 'x', {}, [], { event: 'messages.upsert' }]) {
      expect(() => flattenUazapiWebhook(bad)).toThrow(ZodError);
    }
    // The channel comes from the webhook URL: a body naming no instance is still read.
    expect(flattenUazapiWebhook({ EventType: 'messages', message: {} })).toMatchObject({
      messages: [],
      ignored: 1,
    });
  });

  it('finds the webhook secret in token', () => {
    expect(webhookSecretOf(envelope('messages', {}))).toBe('inst-token-123');
    for (const body of [null, 'x', {}, { token: '' }, { token: 1 }]) expect(webhookSecretOf(body)).toBeNull();
  });
});

describe('Uazapi webhook payload: what a customer shares', () => {
  const CARD =
    'BEGIN:VCARD\nVERSION:3.0\nFN:Técnico João\nitem1.TEL;waid=5531991112222:+55 31 99111-2222\nEND:VCARD';
  const one = (m: Record<string, unknown>) => {
    const out = messages(m);
    expect(out.messages).toHaveLength(1);
    const read = out.messages[0] as InboundMessage;
    expect(Message.safeParse(inboundToMessage(read, AUTHOR)).success).toBe(true);
    return read;
  };

  it('reads contact cards (one and several) from the decoded content', () => {
    const card = one(
      message('K1', {
        type: 'text',
        messageType: 'ContactMessage',
        text: 'Técnico João',
        content: { displayName: 'Técnico João', vcard: CARD },
      }),
    );
    expect(card.content).toEqual({
      kind: 'contacts',
      contacts: [
        {
          name: 'Técnico João',
          phones: [{ phone: '+55 31 99111-2222', type: null, waId: '5531991112222' }],
          emails: [],
          organization: null,
        },
      ],
    });
    const many = one(
      message('K2', {
        messageType: 'ContactsArrayMessage',
        text: '',
        content: {
          displayName: '2 contatos',
          contacts: [
            { displayName: 'Técnico João', vcard: CARD },
            { displayName: 'Ana', vcard: 'BEGIN:VCARD\nTEL:+55 31 3333-0000\nEND:VCARD' },
          ],
        },
      }),
    );
    expect(many.content.kind === 'contacts' && many.content.contacts.map((c) => c.name)).toEqual([
      'Técnico João',
      'Ana',
    ]);
  });

  it('reads a list reply’s description, live locations, forwarded marks and quotes in the content', () => {
    const list = one(
      message('LR1', {
        messageType: 'ListResponseMessage',
        buttonOrListid: 'plano-300',
        text: '300 Mega',
        content: {
          title: '300 Mega',
          description: 'R$ 89,90 por mês',
          singleSelectReply: { selectedRowID: 'plano-300' },
          contextInfo: { stanzaID: 'MENU-1' },
        },
      }),
    );
    expect(list).toMatchObject({
      replyToExternalId: 'MENU-1',
      content: { kind: 'choice', id: 'plano-300', title: '300 Mega', description: 'R$ 89,90 por mês' },
    });
    const forwarded = one(
      message('FW1', {
        messageType: 'ExtendedTextMessage',
        text: 'olha isso',
        content: { text: 'olha isso', contextInfo: { isForwarded: true, forwardingScore: 2 } },
      }),
    );
    expect(forwarded).toMatchObject({ forwarded: true, replyToExternalId: null });
    const live = one(
      message('LL1', {
        messageType: 'LiveLocationMessage',
        text: '',
        content: { degreesLatitude: -19.9, degreesLongitude: -43.9 },
      }),
    );
    expect(live.content).toMatchObject({ kind: 'location', latitude: -19.9, longitude: -43.9 });
  });

  it('keeps a contact message without a readable card as unsupported', () => {
    const bad = one(
      message('KB', { messageType: 'ContactMessage', text: '', content: { displayName: 'x' } }),
    );
    expect(bad.content).toEqual({ kind: 'unsupported', type: 'ContactMessage' });
  });
});
