// CPF and CNPJ, the one implementation the bot, the API and the agent client share: digits only, both check
// digits validated (mod 11), all-same-digit numbers refused, and the two ways to show one — whole with its
// punctuation (to whoever may edit it) or partly hidden (everywhere it is only read). Pure; imports only zod.
import { z } from 'zod';

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

/** Why a typed document is refused, or null when it is a valid CPF or CNPJ (punctuation allowed). */
export type DocumentProblem = 'characters' | 'length' | 'cpf_digits' | 'cnpj_digits';

export function documentProblem(text: string): DocumentProblem | null {
  if (/[^\d.\-/\s]/.test(text)) return 'characters';
  const d = digitsOnly(text);
  if (d.length === 11) return isValidCpf(d) ? null : 'cpf_digits';
  if (d.length === 14) return isValidCnpj(d) ? null : 'cnpj_digits';
  return 'length';
}

/** The API's words for each problem (the agent client says the same in its own language). */
export const DOCUMENT_PROBLEMS: Record<DocumentProblem, string> = {
  characters: 'a CPF or CNPJ has only digits (dots, dashes and slashes allowed)',
  length: 'a CPF has 11 digits and a CNPJ 14',
  cpf_digits: 'this CPF is invalid: its check digits do not match',
  cnpj_digits: 'this CNPJ is invalid: its check digits do not match',
};

/** A valid CPF or CNPJ as digits, from a customer's answer to the bot (its digits, whatever is around them). */
export function validDocument(text: string): string | null {
  const d = digitsOnly(text);
  return isValidCpf(d) || isValidCnpj(d) ? d : null;
}

/** A CPF/CNPJ field of the API: stored as digits, refused (with the reason) unless its check digits match. */
export const CpfCnpj = z
  .string()
  .max(32)
  .superRefine((s, ctx) => {
    const problem = documentProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: DOCUMENT_PROBLEMS[problem], params: { problem } });
  })
  .transform(digitsOnly);

/** `123.456.789-09` / `12.345.678/0001-95`: the whole number, punctuated as it is printed. */
export function formatDocument(document: string): string {
  const d = digitsOnly(document);
  if (d.length === 11) return d.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4');
  if (d.length === 14) return d.replace(/^(\d{2})(\d{3})(\d{3})(\d{4})(\d{2})$/, '$1.$2.$3/$4-$5');
  return document;
}

/**
 * The punctuation put in while someone types: up to 11 digits read as a CPF (123.456.789-09), 12 to 14 as a
 * CNPJ (12.345.678/0001-95); digits beyond 14 are dropped, anything that is not a digit ignored.
 */
export function maskDocumentInput(typed: string): string {
  const d = digitsOnly(typed).slice(0, 14);
  if (d.length <= 11) {
    return (
      [d.slice(0, 3), d.slice(3, 6), d.slice(6, 9)].filter(Boolean).join('.') +
      (d.length > 9 ? `-${d.slice(9)}` : '')
    );
  }
  return `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}${d.length > 12 ? `-${d.slice(12)}` : ''}`;
}

/**
 * The document for display where it is only read: the first block and the check digits hidden (CPF
 * ***.456.789-**, CNPJ **.345.678/0001-**). Anything else (a partial number) becomes *** rather than
 * leaking its digits.
 */
export function maskDocument(document: string): string {
  const d = digitsOnly(document);
  if (d.length === 11) return `***.${d.slice(3, 6)}.${d.slice(6, 9)}-**`;
  if (d.length === 14) return `**.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-**`;
  return '***';
}
