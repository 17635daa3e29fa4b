// CPF and CNPJ as the bot validates and shows them: check digits, all-same-digit numbers refused, and only
// ever masked for display (LGPD).
import { describe, expect, it } from 'vitest';
import {
  digitsOnly,
  isValidCnpj,
  isValidCpf,
  maskDocument,
  maskDocumentsIn,
  safeMaskedDocument,
  validDocument,
} from '../../workers/bot/documents';

describe('CPF check digits', () => {
  it.each([
    ['52998224725', true],
    ['11144477735', true],
    ['12345678909', true],
    ['10000000108', true], // first check digit 0 (rest below 2)
    ['00000001910', true], // second check digit 0
    ['52998224726', false], // second check digit wrong
    ['52998224715', false], // first check digit wrong
    ['11111111111', false], // all the same digit: passes the sums, is no one's number
    ['00000000000', false],
    ['99999999999', false],
    ['5299822472', false], // 10 digits
    ['529982247250', false], // 12 digits
    ['529.982.247-25', false], // digits only here; validDocument strips the marks
    ['', false],
  ])('%s → %s', (cpf, ok) => {
    expect(isValidCpf(cpf)).toBe(ok);
  });
});

describe('CNPJ check digits', () => {
  it.each([
    ['11222333000181', true],
    ['11444777000161', true],
    ['04252011000110', true],
    ['45997418000153', true],
    ['11222333000182', false],
    ['11222333000171', false],
    ['11111111111111', false],
    ['00000000000000', false],
    ['1122233300018', false],
    ['52998224725', false], // a CPF is not a CNPJ
  ])('%s → %s', (cnpj, ok) => {
    expect(isValidCnpj(cnpj)).toBe(ok);
  });
});

describe('a document as the customer types it', () => {
  it.each([
    ['529.982.247-25', '52998224725'],
    [' 529 982 247 25 ', '52998224725'],
    ['meu cpf é 529.982.247-25', '52998224725'],
    ['11.222.333/0001-81', '11222333000181'],
    ['529.982.247-26', null],
    ['111.111.111-11', null],
    ['123', null],
    ['cpf', null],
  ])('%s → %s', (typed, digits) => {
    expect(validDocument(typed)).toBe(digits);
  });

  it('digitsOnly keeps every digit in order', () => {
    expect(digitsOnly('a1-2.3/4 5')).toBe('12345');
  });
});

describe('masking', () => {
  it('hides the first block and the check digits of a CPF and a CNPJ', () => {
    expect(maskDocument('52998224725')).toBe('***.982.247-**');
    expect(maskDocument('529.982.247-25')).toBe('***.982.247-**');
    expect(maskDocument('11222333000181')).toBe('**.222.333/0001-**');
    expect(maskDocument('1234')).toBe('***');
  });

  it("re-masks an ERP's 'masked' document that still holds the whole number", () => {
    expect(safeMaskedDocument('175.181.720-20')).toBe('***.181.720-**');
    expect(safeMaskedDocument('***.181.720-**')).toBe('***.181.720-**');
    expect(safeMaskedDocument('11.222.333/0001-81')).toBe('**.222.333/0001-**');
  });

  it('masks valid documents inside a free text and leaves other numbers alone', () => {
    expect(maskDocumentsIn('meu cpf é 529.982.247-25, ok?')).toBe('meu cpf é ***.982.247-**, ok?');
    expect(maskDocumentsIn('CNPJ 11222333000181')).toBe('CNPJ **.222.333/0001-**');
    expect(maskDocumentsIn('telefone 11 98765-4321')).toBe('telefone 11 98765-4321');
    const line = '23790.12345 60000.000001 23456.789012 1 98760000008990';
    expect(maskDocumentsIn(line)).toBe(line);
  });
});
