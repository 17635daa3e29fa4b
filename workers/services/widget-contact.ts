// What a website visitor tells us about themselves — the pre-chat (or offline) form's answers, or the claims
// of the ISP's identity token — made storable: phone as digits-only E.164 (a Brazilian number may be typed
// without +55; a mobile always gets its 9th digit), CPF by its check digits, e-mail as given. Stored on the
// visitor's own contact, never creating another.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { contacts } from '../../drizzle/schema';
import { canonicalPhone, phoneVariants } from '../channels/phone';
import type { PrechatAnswers } from '../contract';
import { digitsOnly, isValidCpf } from '../contract/documents';
import { AppError } from '../errors';
import type { Tx } from './db';

/** Checked details, ready to store. */
export interface ContactDetails {
  phone?: string;
  email?: string;
  cpf?: string;
}

/**
 * A phone as people type it, as E.164 digits: "+351 912 345 678" as given; without a "+", 10 or 11 digits
 * are a Brazilian area code and number ("(11) 98765-4321"), 12 or 13 starting 55 already carry the country.
 */
export function widgetPhone(typed: string): string | null {
  if (/[^\d\s().+-]/.test(typed)) return null;
  const digits = digitsOnly(typed);
  const international = typed.trim().startsWith('+');
  let e164: string;
  if (international) e164 = digits;
  else if (/^[1-9]{2}\d{8,9}$/.test(digits)) e164 = `55${digits}`;
  else if (/^55[1-9]{2}\d{8,9}$/.test(digits)) e164 = digits;
  else return null;
  if (e164.startsWith('55') && !/^55[1-9]{2}\d{8,9}$/.test(e164)) return null;
  return canonicalPhone(e164);
}

/** A CPF's 11 digits when its check digits match (punctuation allowed), else null. */
export function widgetCpf(typed: string): string | null {
  if (/[^\d.\-\s]/.test(typed)) return null;
  const d = digitsOnly(typed);
  return isValidCpf(d) ? d : null;
}

/** The form's answers checked, or 400 naming each bad one (nothing is stored then). */
export function checkedAnswers(answers: PrechatAnswers | undefined): ContactDetails {
  if (!answers) return {};
  const problems: { path: string; message: string }[] = [];
  const out: ContactDetails = {};
  if (answers.phone !== undefined) {
    const phone = widgetPhone(answers.phone);
    if (phone) out.phone = phone;
    else
      problems.push({
        path: 'contact.phone',
        message: 'Telefone inválido: DDD e número (a phone number with its area code)',
      });
  }
  if (answers.cpf !== undefined) {
    const cpf = widgetCpf(answers.cpf);
    if (cpf) out.cpf = cpf;
    else
      problems.push({
        path: 'contact.cpf',
        message: 'CPF inválido: os dígitos verificadores não conferem (invalid CPF: check digits)',
      });
  }
  if (answers.email !== undefined) out.email = answers.email.toLowerCase();
  if (problems.length > 0) throw new AppError('validation_failed', 'Invalid body', problems);
  return out;
}

/**
 * Stores details on the contact. `replace`: typed by the visitor now (replaces what was there); otherwise
 * (claims of an identity token) only fills what is empty, so an agent's correction is not undone each visit.
 * A phone another contact of the tenant already has is left out (one number, one contact): the agent sees
 * the other contact through the phone search. Returns whether anything was written.
 */
export async function storeContactDetails(
  tx: Tx,
  tenantId: string,
  contactId: string,
  details: ContactDetails,
  replace: boolean,
): Promise<boolean> {
  const keep = <T>(column: T, value: string) => (replace ? value : sql`coalesce(${column}, ${value})`);
  const set: Record<string, unknown> = {};
  if (details.email) set.email = keep(contacts.email, details.email);
  if (details.cpf) set.cpfCnpj = keep(contacts.cpfCnpj, details.cpf);
  if (details.phone) {
    const taken = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(
        and(
          eq(contacts.tenantId, tenantId),
          ne(contacts.id, contactId),
          inArray(contacts.phone, phoneVariants(details.phone)),
        ),
      )
      .limit(1);
    if (taken.length === 0) set.phone = keep(contacts.phone, details.phone);
  }
  if (Object.keys(set).length === 0) return false;
  await tx
    .update(contacts)
    .set(set)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)));
  return true;
}
