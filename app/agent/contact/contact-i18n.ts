// The contact panel's words for CPF/CNPJ checks (pt-BR first, English of the same shape).
import type { DocumentProblem } from '../../../workers/contract/documents';
import { locale } from '../i18n';

const pt = {
  documentProblem: {
    characters: 'CPF/CNPJ aceita só números (pontos, traço e barra são opcionais).',
    length: 'CPF tem 11 dígitos e CNPJ tem 14. Confira o número.',
    cpf_digits: 'CPF inválido: os dígitos verificadores não conferem. Nada foi salvo.',
    cnpj_digits: 'CNPJ inválido: os dígitos verificadores não conferem. Nada foi salvo.',
  } satisfies Record<DocumentProblem, string>,
  documentHint: 'CPF 000.000.000-00 ou CNPJ 00.000.000/0000-00',
};

const en: typeof pt = {
  documentProblem: {
    characters: 'A CPF/CNPJ has only digits (dots, dash and slash are optional).',
    length: 'A CPF has 11 digits and a CNPJ 14. Check the number.',
    cpf_digits: 'Invalid CPF: its check digits do not match. Nothing was saved.',
    cnpj_digits: 'Invalid CNPJ: its check digits do not match. Nothing was saved.',
  },
  documentHint: 'CPF 000.000.000-00 or CNPJ 00.000.000/0000-00',
};

export const ct = () => (locale() === 'en' ? en : pt);
