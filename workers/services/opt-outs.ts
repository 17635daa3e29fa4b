// The tenant's suppression list (contact_opt_outs): who said "SAIR" (or tapped a template's opt-out button,
// or whom Meta refused with 131050) gets no campaigns of that consent category. Utility messages (due dates,
// outages) are a separate category that these opt-outs do not touch.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { contactOptOuts } from '../../drizzle/schema';
import type { OptOutCategory, OptOutSource } from '../contract';
import type { Queryable } from './db';

export interface OptOutInput {
  phone: string;
  category: OptOutCategory;
  source: OptOutSource;
  /** The word or code that did it ("SAIR", "131050"). */
  detail: string | null;
  contactId: string | null;
}

/**
 * Puts a phone on the list; true only the first time (so the customer is confirmed once). Call inside
 * `inTenant` (RLS).
 */
export async function recordOptOut(tx: Queryable, tenantId: string, input: OptOutInput): Promise<boolean> {
  const inserted = await tx
    .insert(contactOptOuts)
    .values({ tenantId, ...input })
    .onConflictDoNothing()
    .returning({ phone: contactOptOuts.phone });
  return inserted.length > 0;
}

/** Takes a phone off the list (the customer asked to hear from the ISP again); true when it was there. */
export async function removeOptOut(
  tx: Queryable,
  tenantId: string,
  phone: string,
  category: OptOutCategory,
): Promise<boolean> {
  const removed = await tx
    .delete(contactOptOuts)
    .where(
      and(
        eq(contactOptOuts.tenantId, tenantId),
        eq(contactOptOuts.phone, phone),
        eq(contactOptOuts.category, category),
      ),
    )
    .returning({ phone: contactOptOuts.phone });
  return removed.length > 0;
}

/** Which of these phones are suppressed for the category. */
export async function suppressedPhones(
  tx: Queryable,
  tenantId: string,
  phones: readonly string[],
  category: OptOutCategory,
): Promise<Set<string>> {
  if (phones.length === 0) return new Set();
  const rows = await tx
    .select({ phone: contactOptOuts.phone })
    .from(contactOptOuts)
    .where(
      and(
        eq(contactOptOuts.tenantId, tenantId),
        eq(contactOptOuts.category, category),
        inArray(contactOptOuts.phone, [...phones]),
      ),
    );
  return new Set(rows.map((r) => r.phone));
}

/** SQL condition "this phone column is not suppressed for the category", for audience queries. */
export function notSuppressed(tenantId: string, phoneColumn: unknown, category: OptOutCategory) {
  return sql`not exists (select 1 from contact_opt_outs o where o.tenant_id = ${tenantId}
    and o.phone = ${phoneColumn} and o.category = ${category})`;
}
