// The pre-chat and offline forms' checks in the browser, so a mistake is said at once (the server checks
// again: CPF check digits, phone to E.164). Returns the problem's words, or null when the answer is fine.
import { digitsOnly, isValidCpf } from '../../../workers/contract/documents';
import type { PrechatFieldName } from '../../../workers/contract/widget';
import { t } from './i18n';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function phoneProblem(v: string): string | null {
  const d = digitsOnly(v);
  return /^[\d\s()+.-]+$/.test(v) && d.length >= 10 && d.length <= 15 ? null : t().badPhone;
}

export function emailProblem(v: string): string | null {
  return EMAIL.test(v) && v.length <= 254 ? null : t().badEmail;
}

export function cpfProblem(v: string): string | null {
  const d = digitsOnly(v);
  return /^[\d\s.-]+$/.test(v) && d.length === 11 && isValidCpf(d) ? null : t().badCpf;
}

/** One field's problem: empty and required, or filled and wrong. */
export function fieldProblem(field: PrechatFieldName, value: string, required: boolean): string | null {
  const v = value.trim();
  if (!v) return required ? t().required : null;
  if (field === 'phone') return phoneProblem(v);
  if (field === 'email') return emailProblem(v);
  if (field === 'cpf') return cpfProblem(v);
  return v.length > 120 ? t().required : null;
}
