// Phone numbers as WhatsApp gives them: digits-only E.164 (no '+'). Brazil's mobile numbers gained a 9th
// digit, but WhatsApp ids often still lack it (55 DD 8-digit); one customer must stay one contact, so a
// Brazilian mobile has two forms and lookups match either.

/** Digits only; null when the input cannot be a phone number (E.164 allows 8 to 15 digits). */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s().+-]/g, '');
  if (!/^\d{8,15}$/.test(digits)) return null;
  return digits;
}

/**
 * Every form a number may arrive in, canonical first. For a Brazilian mobile (55 + 2-digit area code +
 * 9XXXXXXXX or its 8-digit legacy form starting 6–9) both forms are returned, the 9-digit one first;
 * landlines (8 digits starting 2–5) and other countries have one form.
 */
export function phoneVariants(input: string): string[] {
  const phone = normalizePhone(input);
  if (!phone) return [];
  const br = /^55([1-9][1-9])(\d{8,9})$/.exec(phone);
  if (!br) return [phone];
  const [, area, local] = br as unknown as [string, string, string];
  if (local.length === 9 && local.startsWith('9') && /^[6-9]/.test(local.slice(1))) {
    return [phone, `55${area}${local.slice(1)}`];
  }
  if (local.length === 8 && /^[6-9]/.test(local)) {
    return [`55${area}9${local}`, phone];
  }
  return [phone];
}

/** The form to store: a Brazilian mobile always with its 9th digit. */
export function canonicalPhone(input: string): string | null {
  return phoneVariants(input)[0] ?? null;
}
