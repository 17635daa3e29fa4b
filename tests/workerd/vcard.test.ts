// The one vCard reader both gateways use for shared contact cards: names from FN or N, phones with WhatsApp's
// waid, e-mails, company; folded lines, Apple's item groups, escapes, vCard 2.1 bare types, several cards.
import { describe, expect, it } from 'vitest';
import { parseVCards, whatsAppCards } from '../../workers/channels/vcard';

const WHATSAPP_CARD = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'N:Silva;Maria;;;',
  'FN:Maria Silva',
  'ORG:Provedor Fibra;Suporte',
  'item1.TEL;waid=5531991234567:+55 31 99123-4567',
  'item1.X-ABLabel:Celular',
  'TEL;type=WORK;type=VOICE:+55 31 3333-4444',
  'EMAIL;type=INTERNET:maria@provedor.com.br',
  'END:VCARD',
].join('\n');

describe('vCard reader', () => {
  it('reads a card as WhatsApp writes it', () => {
    expect(parseVCards(WHATSAPP_CARD)).toEqual([
      {
        name: 'Maria Silva',
        phones: [
          { phone: '+55 31 99123-4567', type: null, waId: '5531991234567' },
          { phone: '+55 31 3333-4444', type: 'WORK', waId: null },
        ],
        emails: ['maria@provedor.com.br'],
        organization: 'Provedor Fibra · Suporte',
      },
    ]);
  });

  it('unfolds lines, unescapes values, takes N or the display name when FN is missing', () => {
    const text = [
      'BEGIN:VCARD\r\nVERSION:2.1\r\nN:Araújo;João;Pedro\r\nTEL;CELL:+55 11 9\r\n',
      ' 8888-7777\r\nORG:Souza\\, Lima & Cia\r\nEND:VCARD\r\n',
      'BEGIN:VCARD\nVERSION:4.0\nTEL;VALUE=uri;TYPE=cell:tel:+5521977776666\nEND:VCARD',
    ].join('');
    expect(parseVCards(text, 'Contato')).toEqual([
      {
        name: 'João Pedro Araújo',
        phones: [{ phone: '+55 11 98888-7777', type: 'CELL', waId: null }],
        emails: [],
        organization: 'Souza, Lima & Cia',
      },
      {
        name: 'Contato',
        phones: [{ phone: '+5521977776666', type: 'CELL', waId: null }],
        emails: [],
        organization: null,
      },
    ]);
  });

  it('reads nothing from text that is no card, and skips a card with neither name nor phone', () => {
    expect(parseVCards('olá, tudo bem?')).toEqual([]);
    expect(parseVCards('BEGIN:VCARD\nVERSION:3.0\nEND:VCARD')).toEqual([]);
    expect(whatsAppCards({ displayName: 'x' })).toEqual([]);
    expect(whatsAppCards('BEGIN:VCARD')).toEqual([]);
  });

  it('reads a gateway contact message and a contacts-array message', () => {
    expect(whatsAppCards({ displayName: 'Maria', vcard: WHATSAPP_CARD })).toHaveLength(1);
    const array = {
      displayName: '2 contatos',
      contacts: [
        { displayName: 'Maria', vcard: WHATSAPP_CARD },
        { displayName: 'Sem cartão' },
        { displayName: 'Zé', vcard: 'BEGIN:VCARD\nTEL;waid=5531900001111:+55 31 90000-1111\nEND:VCARD' },
      ],
    };
    expect(whatsAppCards(array).map((c) => c.name)).toEqual(['Maria Silva', 'Zé']);
  });
});
