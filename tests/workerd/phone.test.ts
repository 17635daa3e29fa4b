// Phone normalisation: one Brazilian customer is one contact whether WhatsApp sends the 9th digit or not.
import { describe, expect, it } from 'vitest';
import { canonicalPhone, normalizePhone, phoneVariants } from '../../workers/channels/phone';

describe('phone numbers', () => {
  it('keeps digits only and refuses what cannot be a number', () => {
    expect(normalizePhone('+55 (11) 98765-4321')).toBe('5511987654321');
    for (const bad of ['', 'abc', '123', '+55 11 9876 5432 1234 5', '55119876543a1']) {
      expect(normalizePhone(bad), bad).toBeNull();
    }
  });

  it('matches a Brazilian mobile with and without the 9th digit, 9-digit form first', () => {
    expect(phoneVariants('5511987654321')).toEqual(['5511987654321', '551187654321']);
    expect(phoneVariants('551187654321')).toEqual(['5511987654321', '551187654321']);
    expect(canonicalPhone('551187654321')).toBe('5511987654321');
    expect(canonicalPhone('+55 31 9 9123-4567')).toBe('5531991234567');
  });

  it('leaves landlines, other countries and non-mobile 9-digit numbers alone', () => {
    expect(phoneVariants('551133334444')).toEqual(['551133334444']); // São Paulo landline
    expect(phoneVariants('16505551234')).toEqual(['16505551234']); // US
    expect(phoneVariants('5511912345678')).toEqual(['5511912345678']); // 9 + 1xxxxxxx is no legacy mobile
  });
});
