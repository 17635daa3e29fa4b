// CPF and CNPJ as the bot asks for them: digits only, check digits validated, shown only masked (LGPD: the
// full number is never echoed back to the customer, nor put in a line agents or logs read).

/** Every digit of `s`, in order ("123.456.789-09" → "12345678909"). */
export function digitsOnly(s: string): string {
  return s.replace(/\D/g, '');
}

/** "11111111111" and the like pass the check-digit sums but are no one's number. */
function allSame(d: string): boolean {
  return /^(\d)\1*$/.test(d);
}

/** One mod-11 check digit over `digits` with `weights` (both CPF and CNPJ: 0 when the rest is below 2). */
function checkDigit(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * (weights[i] ?? 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

const CPF_W1 = [10, 9, 8, 7, 6, 5, 4, 3, 2];
const CPF_W2 = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_W1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_W2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

/** 11 digits (digits only) whose two check digits are right, not all the same digit. */
export function isValidCpf(d: string): boolean {
  if (!/^\d{11}$/.test(d) || allSame(d)) return false;
  return checkDigit(d, CPF_W1) === Number(d[9]) && checkDigit(d, CPF_W2) === Number(d[10]);
}

/** 14 digits (digits only) whose two check digits are right, not all the same digit. */
export function isValidCnpj(d: string): boolean {
  if (!/^\d{14}$/.test(d) || allSame(d)) return false;
  return checkDigit(d, CNPJ_W1) === Number(d[12]) && checkDigit(d, CNPJ_W2) === Number(d[13]);
}

/** A valid CPF or CNPJ, from what the customer typed (dots, dashes, slashes and spaces allowed). */
export function validDocument(text: string): string | null {
  const d = digitsOnly(text);
  return isValidCpf(d) || isValidCnpj(d) ? d : null;
}

/**
 * The document for display: the first block and the check digits hidden (CPF ***.456.789-**, CNPJ
 * **.345.678/0001-**). Anything else (a partial number) becomes *** rather than leaking its digits.
 */
export function maskDocument(document: string): string {
  const d = digitsOnly(document);
  if (d.length === 11) return `***.${d.slice(3, 6)}.${d.slice(6, 9)}-**`;
  if (d.length === 14) return `**.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-**`;
  return '***';
}

/**
 * An ERP's "masked" document made safe to show: ERPs differ (IXC stores the number formatted but whole,
 * 175.181.720-20), so a value that still carries a whole CPF/CNPJ worth of digits is masked here again.
 */
export function safeMaskedDocument(value: string): string {
  const d = digitsOnly(value);
  return d.length >= 11 ? maskDocument(d) : value;
}

/**
 * Any valid CPF/CNPJ written inside a free text (a customer's answer saved and shown again) masked. Only for
 * such texts: an invoice's codes are long digit runs that must reach the customer untouched.
 */
export function maskDocumentsIn(text: string): string {
  return text.replace(/\d[\d.\-/ ]{9,18}\d/g, (m) => {
    const d = digitsOnly(m);
    return isValidCpf(d) || isValidCnpj(d) ? maskDocument(d) : m;
  });
}
