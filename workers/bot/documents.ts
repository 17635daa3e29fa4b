// CPF and CNPJ as the bot asks for them: digits only, check digits validated, shown only masked (LGPD: the
// full number is never echoed back to the customer, nor put in a line agents or logs read).

// The validator and masks are the contract's, shared with the API and the agent client.
import { digitsOnly, isValidCnpj, isValidCpf, maskDocument } from '../contract/documents';

export { digitsOnly, isValidCnpj, isValidCpf, maskDocument, validDocument } from '../contract/documents';

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
