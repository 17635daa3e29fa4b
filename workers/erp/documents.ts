// Documents and phones as the ERPs spell them. CPF/CNPJ leave an adapter masked (at most the middle digits:
// ***.181.720-**), never whole; phones come in as E.164 (+5511988880001) and are searched the ways ERPs store
// them ("(11) 98888-0001", "11988880001").
import { canonicalPhone } from '../channels/phone';

export const digitsOf = (value: string) => value.replace(/\D/g, '');

/** `***.181.720-**` for a CPF, `**.222.333/****-**` for a CNPJ; `***` when it is neither. */
export function maskDocument(value: string): string {
  const d = digitsOf(value);
  if (d.length === 11) return `***.${d.slice(3, 6)}.${d.slice(6, 9)}-**`;
  if (d.length === 14) return `**.${d.slice(2, 5)}.${d.slice(5, 8)}/****-**`;
  return '***';
}

/** `175.181.720-20` / `11.222.333/0001-81`: how IXC stores a document. */
export function punctuatedDocument(digits: string): string {
  if (digits.length === 11) return digits.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4');
  return digits.replace(/^(\d{2})(\d{3})(\d{3})(\d{4})(\d{2})$/, '$1.$2.$3/$4-$5');
}

/**
 * The national number (area code + subscriber: 11988880001) of a Brazilian E.164 phone, a mobile always
 * with its 9th digit (WhatsApp ids often lack it; ERPs store the number as the customer gave it).
 */
export function nationalPhone(e164: string): string {
  const d = canonicalPhone(e164) ?? digitsOf(e164);
  return d.startsWith('55') && d.length >= 12 ? d.slice(2) : d;
}

/** "(11) 98888-0001" (mobile) or "(11) 3888-0001" (landline). */
export function formattedPhone(national: string): string {
  const m = /^(\d{2})(\d{4,5})(\d{4})$/.exec(national);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : national;
}
