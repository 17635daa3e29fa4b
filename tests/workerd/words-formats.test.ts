// The agent client's words and formats, as pure functions: CPF/CNPJ check digits and masks (the one
// implementation the bot, the API and the client share), phones written for Brazil and abroad, the
// time-zone search (Brazil first, accents ignored, by offset) and the priorities' names.
import { describe, expect, it } from 'vitest';
import { PRIORITIES, PRIORITY_NAMES, priorityLevel } from '../../app/agent/priority/priority-names';
import { foldText, searchZones, utcOffset, zoneOptions } from '../../app/lib/time-zones';
import { validDocument as botValidDocument } from '../../workers/bot/documents';
import {
  CpfCnpj,
  documentProblem,
  formatDocument,
  formatPhone,
  maskDocument,
  maskDocumentInput,
  UpdateContactRequest,
  validDocument,
} from '../../workers/contract';

describe('CPF/CNPJ in the contract', () => {
  it('accepts valid numbers with or without punctuation and stores digits', () => {
    expect(CpfCnpj.parse('123.456.789-09')).toBe('12345678909');
    expect(CpfCnpj.parse('529 982 247 25')).toBe('52998224725');
    expect(CpfCnpj.parse('12.345.678/0001-95')).toBe('12345678000195');
    expect(CpfCnpj.parse('11222333000181')).toBe('11222333000181');
  });

  it.each([
    ['123.456.789-00', 'cpf_digits'], // wrong check digits
    ['529.982.247-52', 'cpf_digits'],
    ['111.111.111-11', 'cpf_digits'], // all the same digit passes the sums but is no one's
    ['00000000000', 'cpf_digits'],
    ['12.345.678/0001-96', 'cnpj_digits'],
    ['11.111.111/1111-11', 'cnpj_digits'],
    ['123', 'length'],
    ['1234567890123', 'length'], // 13 digits: neither
    ['123456789012345', 'length'],
    ['123.456.789-0a', 'characters'],
    ['', 'length'],
  ])('refuses %s (%s) with a message that says why', (text, problem) => {
    expect(documentProblem(text)).toBe(problem);
    const parsed = CpfCnpj.safeParse(text);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/CPF|CNPJ/);
  });

  it('the contact change request refuses a CPF whose check digits are wrong', () => {
    const bad = UpdateContactRequest.safeParse({ cpfCnpj: '123.456.789-00' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({
      path: ['cpfCnpj'],
      message: expect.stringMatching(/check digits/),
    });
    expect(UpdateContactRequest.parse({ cpfCnpj: null })).toEqual({ cpfCnpj: null });
  });

  it('the bot reads a document out of a sentence with the same check', () => {
    expect(botValidDocument('meu cpf é 529.982.247-25')).toBe('52998224725');
    expect(validDocument('529.982.247-52')).toBeNull();
  });

  it('shows the whole number punctuated, masks while typing and hides it where it is only read', () => {
    expect(formatDocument('12345678909')).toBe('123.456.789-09');
    expect(formatDocument('12345678000195')).toBe('12.345.678/0001-95');
    expect(maskDocumentInput('1234')).toBe('123.4');
    expect(maskDocumentInput('123456789')).toBe('123.456.789');
    expect(maskDocumentInput('123.456.78909')).toBe('123.456.789-09');
    expect(maskDocumentInput('123456789012')).toBe('12.345.678/9012');
    expect(maskDocumentInput('12345678000195 and more 99')).toBe('12.345.678/0001-95');
    expect(maskDocument('12345678909')).toBe('***.456.789-**');
    expect(maskDocument('12345678000195')).toBe('**.345.678/0001-**');
    expect(maskDocument('1234')).toBe('***');
  });
});

describe('phones for display', () => {
  it.each([
    ['5511987654321', '+55 (11) 98765-4321'], // mobile
    ['+5511987654321', '+55 (11) 98765-4321'],
    ['551134567890', '+55 (11) 3456-7890'], // landline
    ['5521912345678', '+55 (21) 91234-5678'],
    ['16505551234', '+1 650 555 1234'], // United States
    ['351912345678', '+351 912 345 678'], // Portugal
    ['5491123456789', '+54 911 2345 6789'], // Argentina
    ['447911123456', '+44 791 112 3456'], // United Kingdom
  ])('%s → %s', (stored, shown) => {
    expect(formatPhone(stored)).toBe(shown);
  });

  it('leaves what is not a phone as it was', () => {
    for (const odd of ['', 'abc', '123', '1234567890123456']) expect(formatPhone(odd)).toBe(odd);
  });
});

describe('time-zone search', () => {
  const all = Intl.supportedValuesOf('timeZone');
  const options = zoneOptions(all, 'America/Sao_Paulo', new Date('2026-07-01T12:00:00Z'));

  it("lists Brazil's zones first by their familiar names, then the rest", () => {
    expect(options[0]).toMatchObject({ id: 'America/Sao_Paulo', offset: 'UTC−3', brazil: true });
    expect(options[0]?.name).toMatch(/^Brasília \(São Paulo, Rio, BH/);
    const firstOther = options.findIndex((o) => !o.brazil);
    expect(options.slice(0, firstOther).map((o) => o.id)).toEqual(
      expect.arrayContaining(['America/Manaus', 'America/Noronha', 'America/Rio_Branco']),
    );
    expect(options.slice(firstOther).every((o) => !o.brazil)).toBe(true);
    expect(new Set(options.map((o) => o.id)).size).toBe(options.length);
  });

  it('finds by city with accents and case ignored, and by offset', () => {
    expect(searchZones(options, 'manaus').map((o) => o.id)).toEqual(['America/Manaus']);
    expect(searchZones(options, 'BRASILIA')[0]?.id).toBe('America/Sao_Paulo');
    expect(searchZones(options, 'sao paulo')[0]?.id).toBe('America/Sao_Paulo');
    expect(searchZones(options, 'noronha')[0]).toMatchObject({ id: 'America/Noronha', offset: 'UTC−2' });
    expect(searchZones(options, 'rio branco')[0]).toMatchObject({
      id: 'America/Rio_Branco',
      offset: 'UTC−5',
    });
    const minus4 = searchZones(options, 'utc-4');
    expect(minus4[0]?.id).toBe('America/Manaus');
    expect(minus4.every((o) => o.offset.startsWith('UTC−4'))).toBe(true);
    expect(searchZones(options, 'lisbon').map((o) => o.id)).toEqual(['Europe/Lisbon']);
    expect(searchZones(options, 'nowhere-at-all')).toEqual([]);
  });

  it('keeps a zone this browser does not list and writes offsets with their minutes', () => {
    expect(zoneOptions(['UTC'], 'Etc/GMT+3').some((o) => o.id === 'Etc/GMT+3')).toBe(true);
    expect(utcOffset('Asia/Kolkata')).toBe('UTC+5:30');
    expect(utcOffset('UTC')).toBe('UTC');
    expect(foldText('Cuiabá −4')).toBe('cuiaba -4');
  });
});

describe('priorities', () => {
  it('are named with 5 as the most urgent, in both languages', () => {
    expect(PRIORITIES.map((p) => PRIORITY_NAMES['pt-BR'][p])).toEqual([
      'Urgente',
      'Alta',
      'Normal',
      'Baixa',
      'Muito baixa',
    ]);
    expect(PRIORITIES.map((p) => PRIORITY_NAMES.en[p])).toEqual([
      'Urgent',
      'High',
      'Normal',
      'Low',
      'Very low',
    ]);
    expect([priorityLevel(0), priorityLevel(9), priorityLevel(Number.NaN)]).toEqual([1, 5, 3]);
  });
});
