// Evolution API webhook bodies as v2 sends them: every message kind (unknown ones kept as unsupported with the
// raw item), our own echoes, groups, @lid chats, arrays in `data`, status updates, other events, bad envelopes.
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { flattenEvolutionWebhook, webhookSecretOf } from '../../workers/channels/evolution/webhook-payload';
import type { InboundMessage } from '../../workers/channels/inbound';
import { inboundToMessage } from '../../workers/channels/inbound-event';
import { type Author, Message } from '../../workers/contract';

const AUTHOR: Author = { kind: 'contact', id: null, name: 'Maria' };

const RECEIVED = new Date('2025-06-08T21:00:00.000Z');
const JID = '5531991234567@s.whatsapp.net';

const envelope = (event: string, data: unknown) => ({
  event,
  instance: 'fio-provedor',
  data,
  destination: 'https://fio.example/webhooks/evolution/ch_1',
  date_time: '2025-06-08T17:59:43.000Z',
  sender: '553133334444@s.whatsapp.net',
  server_url: 'https://evo.provedor.com.br',
  apikey: 'B6D711FCDE4D-secret',
});

const upsert = (id: string, message: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  key: { remoteJid: JID, fromMe: false, id },
  pushName: 'Maria Souza',
  message,
  messageType: Object.keys(message)[0],
  messageTimestamp: 1749416383,
  instanceId: 'a1b2',
  source: 'android',
  ...extra,
});

const flatten = (event: string, data: unknown) => flattenEvolutionWebhook(envelope(event, data), RECEIVED);

describe('Evolution webhook payload', () => {
  it('reads a text message with accents and emoji, the instance as address', () => {
    const item = upsert('3EB0A1', { conversation: 'Olá, estou sem internet 😢 desde às 8h' });
    const out = flatten('messages.upsert', item);
    expect(out).toMatchObject({ echoes: 0, ignored: 0, statuses: [] });
    expect(out.messages).toEqual([
      {
        address: 'fio-provedor',
        externalId: '3EB0A1',
        from: '5531991234567',
        profileName: 'Maria Souza',
        sentAt: new Date('2025-06-08T20:59:43.000Z'),
        replyToExternalId: null,
        content: { kind: 'text', text: 'Olá, estou sem internet 😢 desde às 8h' },
        raw: item,
      },
    ]);
  });

  it('reads every message kind it knows, from an array in data', () => {
    const out = flatten('messages.upsert', [
      upsert(
        'M1',
        { extendedTextMessage: { text: 'e agora? 🤔' } },
        { contextInfo: { stanzaId: 'OURS-1', participant: '553133334444@s.whatsapp.net' } },
      ),
      upsert('M2', {
        imageMessage: {
          url: 'https://mmg.whatsapp.net/o1/v/t62.7118-24/enc',
          mimetype: 'image/jpeg',
          caption: 'luz vermelha piscando',
          mediaKey: 'x',
        },
      }),
      upsert('M3', {
        documentMessage: {
          url: 'https://mmg.whatsapp.net/enc',
          mimetype: 'application/pdf',
          fileName: 'boleto.pdf',
        },
        mediaUrl: 'https://s3.provedor.com.br/evolution/M3.pdf',
      }),
      upsert('M4', { audioMessage: { mimetype: 'audio/ogg; codecs=opus', seconds: 7, ptt: true } }),
      upsert('M5', {
        locationMessage: {
          degreesLatitude: -19.9167,
          degreesLongitude: -43.9345,
          name: 'Praça da Liberdade',
          address: 'Belo Horizonte – MG',
        },
      }),
      upsert('M6', { reactionMessage: { key: { id: 'OURS-2', fromMe: true }, text: '👍' } }),
      upsert('M7', { reactionMessage: { key: { id: 'OURS-2' }, text: '' } }),
      upsert('M8', {
        buttonsResponseMessage: { selectedButtonId: 'segunda-via', selectedDisplayText: '2ª via' },
      }),
      upsert('M9', {
        listResponseMessage: { title: 'Plano 500 Mega', singleSelectReply: { selectedRowId: 'p500' } },
      }),
      upsert('M10', { stickerMessage: { mimetype: 'image/webp' } }),
      upsert('M11', { videoMessage: { mimetype: 'video/mp4', caption: 'olha o roteador' } }),
    ]);
    expect(out.ignored).toBe(0);
    const byId = Object.fromEntries(out.messages.map((m) => [m.externalId, m]));
    expect(byId.M1).toMatchObject({
      replyToExternalId: 'OURS-1',
      content: { kind: 'text', text: 'e agora? 🤔' },
    });
    // The CDN url is encrypted: the message id is what Evolution can turn into bytes.
    expect(byId.M2?.content).toEqual({
      kind: 'image',
      mediaId: 'M2',
      mimeType: 'image/jpeg',
      caption: 'luz vermelha piscando',
      filename: null,
    });
    expect(byId.M3?.content).toEqual({
      kind: 'document',
      mediaId: 'https://s3.provedor.com.br/evolution/M3.pdf',
      mimeType: 'application/pdf',
      caption: null,
      filename: 'boleto.pdf',
    });
    expect(byId.M4?.content).toMatchObject({
      kind: 'audio',
      mediaId: 'M4',
      mimeType: 'audio/ogg; codecs=opus',
    });
    expect(byId.M5?.content).toEqual({
      kind: 'location',
      latitude: -19.9167,
      longitude: -43.9345,
      name: 'Praça da Liberdade',
      address: 'Belo Horizonte – MG',
    });
    expect(byId.M6?.content).toEqual({ kind: 'reaction', toExternalId: 'OURS-2', emoji: '👍' });
    expect(byId.M7?.content).toEqual({ kind: 'reaction', toExternalId: 'OURS-2', emoji: null });
    expect(byId.M8?.content).toEqual({ kind: 'choice', id: 'segunda-via', title: '2ª via' });
    expect(byId.M9?.content).toEqual({ kind: 'choice', id: 'p500', title: 'Plano 500 Mega' });
    expect(byId.M10?.content).toMatchObject({ kind: 'sticker', mediaId: 'M10' });
    expect(byId.M11?.content).toMatchObject({ kind: 'video', caption: 'olha o roteador' });
  });

  it('keeps a kind it does not know as unsupported, with the raw item', () => {
    const poll = upsert('P1', { pollCreationMessageV3: { name: 'Qual horário?', options: [] } });
    const out = flatten('messages.upsert', poll);
    expect(out.messages[0]?.content).toEqual({ kind: 'unsupported', type: 'pollCreationMessageV3' });
    expect(out.messages[0]?.raw).toEqual(poll);
    // A known kind with an unexpected shape is kept too, never dropped.
    const odd = upsert('P2', { locationMessage: { degreesLatitude: 'north' } });
    expect(flatten('messages.upsert', odd).messages[0]?.content).toEqual({
      kind: 'unsupported',
      type: 'locationMessage',
    });
  });

  it('counts our own messages as echoes and ignores groups, broadcasts and @lid chats without a phone', () => {
    const out = flatten('messages.upsert', [
      upsert('E1', { conversation: 'enviado pelo Fio' }, { key: { remoteJid: JID, fromMe: true, id: 'E1' } }),
      upsert(
        'G1',
        { conversation: 'oi grupo' },
        { key: { remoteJid: '1203630@g.us', fromMe: false, id: 'G1' } },
      ),
      upsert(
        'B1',
        { conversation: 'status' },
        { key: { remoteJid: 'status@broadcast', fromMe: false, id: 'B1' } },
      ),
      upsert('L1', { conversation: 'sem número' }, { key: { remoteJid: '131924232282128@lid', id: 'L1' } }),
      upsert(
        'L2',
        { conversation: 'com número' },
        { key: { remoteJid: '131924232282128@lid', remoteJidAlt: JID, addressingMode: 'lid', id: 'L2' } },
      ),
      upsert(
        'D1',
        { conversation: 'de outro aparelho' },
        { key: { remoteJid: '5531991234567:12@s.whatsapp.net', id: 'D1' } },
      ),
      { key: { id: 'no-jid' }, messageTimestamp: 1 },
    ]);
    expect(out.echoes).toBe(1);
    expect(out.ignored).toBe(4);
    expect(out.messages.map((m) => [m.externalId, m.from])).toEqual([
      ['L2', '5531991234567'],
      ['D1', '5531991234567'],
    ]);
  });

  it('reads status updates (single or array) and maps Evolution states', () => {
    const update = (keyId: string, status: string, extra: Record<string, unknown> = {}) => ({
      messageId: 'cm0db-row-id',
      keyId,
      remoteJid: JID,
      fromMe: true,
      participant: null,
      status,
      instanceId: 'a1b2',
      ...extra,
    });
    const out = flatten('messages.update', [
      update('S1', 'SERVER_ACK'),
      update('S2', 'DELIVERY_ACK'),
      update('S3', 'READ'),
      update('S4', 'PLAYED'),
      update('S5', 'ERROR'),
      update('S6', 'PENDING'),
      { key: { id: 'S7', remoteJid: JID, fromMe: true }, update: { status: 3 } },
      update('C1', 'READ', { fromMe: false }),
      { status: 'READ' },
    ]);
    expect(out.statuses.map((s) => [s.externalId, s.status])).toEqual([
      ['S1', 'sent'],
      ['S2', 'delivered'],
      ['S3', 'read'],
      ['S4', 'read'],
      ['S5', 'failed'],
      ['S6', 'unknown'],
      ['S7', 'delivered'],
    ]);
    expect(out.ignored).toBe(2);
    expect(out.statuses[0]).toEqual({
      address: 'fio-provedor',
      externalId: 'S1',
      status: 'sent',
      at: RECEIVED,
      recipient: '5531991234567',
      reference: null,
      errors: [],
    });
    expect(out.statuses[4]?.errors).toHaveLength(1);
    expect(flatten('MESSAGES_UPDATE', update('S8', 'READ')).statuses[0]?.status).toBe('read');
  });

  it('ignores other events without failing (session events: number-events.test.ts)', () => {
    for (const [event, data] of [
      ['presence.update', { id: '5531988887777@s.whatsapp.net', presences: {} }],
      ['send.message', upsert('X', { conversation: 'nosso' })],
      ['messages.upsert', null],
    ] as const) {
      expect(flatten(event, data)).toMatchObject({ messages: [], statuses: [], echoes: 0, ignored: 1 });
    }
  });

  it('refuses what is not an Evolution webhook', () => {
    for (const bad of [
      null,
      'x',
      {},
      { event: 'messages.upsert', data: {} },
      { instance: 'i', data: {} },
      [],
    ]) {
      expect(() => flattenEvolutionWebhook(bad)).toThrow(ZodError);
    }
  });

  it('finds the webhook secret in apikey', () => {
    expect(webhookSecretOf(envelope('messages.upsert', {}))).toBe('B6D711FCDE4D-secret');
    for (const body of [null, 'x', {}, { apikey: '' }, { apikey: 42 }])
      expect(webhookSecretOf(body)).toBeNull();
  });
});

describe('Evolution webhook payload: what a customer shares', () => {
  const CARD =
    'BEGIN:VCARD\nVERSION:3.0\nN:;Técnico;;;\nFN:Técnico João\nORG:Provedor Fibra;\n' +
    'item1.TEL;waid=5531991112222:+55 31 99111-2222\nitem1.X-ABLabel:Celular\n' +
    'EMAIL:joao@provedor.com.br\nEND:VCARD';
  const one = (item: Record<string, unknown>) => {
    const out = flatten('messages.upsert', item);
    expect(out.messages).toHaveLength(1);
    const m = out.messages[0] as InboundMessage;
    expect(Message.safeParse(inboundToMessage(m, AUTHOR)).success).toBe(true);
    return m;
  };

  it('reads a contact card and a contacts array through the vCard reader', () => {
    const card = one(upsert('K1', { contactMessage: { displayName: 'Técnico João', vcard: CARD } }));
    expect(card.content).toEqual({
      kind: 'contacts',
      contacts: [
        {
          name: 'Técnico João',
          phones: [{ phone: '+55 31 99111-2222', type: null, waId: '5531991112222' }],
          emails: ['joao@provedor.com.br'],
          organization: 'Provedor Fibra',
        },
      ],
    });
    const many = one(
      upsert('K2', {
        contactsArrayMessage: {
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

  it('reads a list reply with its description, a forwarded message and a quote inside the content', () => {
    const list = one(
      upsert(
        'LR1',
        {
          listResponseMessage: {
            title: '300 Mega',
            description: 'R$ 89,90 por mês',
            singleSelectReply: { selectedRowId: 'plano-300' },
            listType: 1,
          },
        },
        { contextInfo: { stanzaId: 'MENU-1' } },
      ),
    );
    expect(list).toMatchObject({
      replyToExternalId: 'MENU-1',
      content: { kind: 'choice', id: 'plano-300', title: '300 Mega', description: 'R$ 89,90 por mês' },
    });
    const forwarded = one(
      upsert('FW1', {
        extendedTextMessage: { text: 'olha isso', contextInfo: { isForwarded: true, forwardingScore: 1 } },
      }),
    );
    expect(forwarded).toMatchObject({ forwarded: true, content: { kind: 'text', text: 'olha isso' } });
    const live = one(
      upsert('LL1', { liveLocationMessage: { degreesLatitude: -19.9, degreesLongitude: -43.9 } }),
    );
    expect(live.content).toEqual({
      kind: 'location',
      latitude: -19.9,
      longitude: -43.9,
      name: null,
      address: null,
    });
  });

  it('keeps a contact message without a readable card as unsupported', () => {
    const bad = one(upsert('KB', { contactMessage: { displayName: 'Sem cartão', vcard: 42 } }));
    expect(bad.content).toEqual({ kind: 'unsupported', type: 'contactMessage' });
    const empty = one(upsert('KE', { contactMessage: { displayName: '', vcard: 'BEGIN:VCARD\nEND:VCARD' } }));
    expect(empty.content).toEqual({ kind: 'unsupported', type: 'contactMessage' });
  });
});
