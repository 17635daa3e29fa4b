// The suppression list as the admin reads it: newest first, searchable by any digits of the phone, filtered by
// consent category, with the contact's name. The cursor is "<created µs>:<phone>:<category>", the exact key
// of the last row (microseconds, so no row is skipped or repeated between pages).
import { and, desc, eq, like, sql } from 'drizzle-orm';
import { contactOptOuts, contacts } from '../../drizzle/schema';
import { OptOutCategory, type OptOutListQuery, type OptOutPage, OptOutSource } from '../contract';
import type { Queryable } from './db';

const micros = sql<string>`(extract(epoch from ${contactOptOuts.createdAt}) * 1000000)::bigint::text`;

export async function listOptOuts(tx: Queryable, tenantId: string, q: OptOutListQuery): Promise<OptOutPage> {
  const digits = q.q?.replace(/\D/g, '');
  const [at, phone, category] = q.cursor?.split(':') ?? [];
  const after =
    at && phone && category
      ? sql`((extract(epoch from ${contactOptOuts.createdAt}) * 1000000)::bigint, ${contactOptOuts.phone}, ${contactOptOuts.category})
          < (${at}::bigint, ${phone}, ${category})`
      : undefined;
  const rows = await tx
    .select({ optOut: contactOptOuts, contactName: contacts.name, key: micros })
    .from(contactOptOuts)
    .leftJoin(contacts, and(eq(contacts.id, contactOptOuts.contactId), eq(contacts.tenantId, tenantId)))
    .where(
      and(
        eq(contactOptOuts.tenantId, tenantId),
        q.category ? eq(contactOptOuts.category, q.category) : undefined,
        digits ? like(contactOptOuts.phone, `%${digits}%`) : undefined,
        after,
      ),
    )
    .orderBy(
      desc(sql`(extract(epoch from ${contactOptOuts.createdAt}) * 1000000)::bigint`),
      desc(contactOptOuts.phone),
      desc(contactOptOuts.category),
    )
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    optOuts: page.map(({ optOut: o, contactName }) => ({
      phone: o.phone,
      category: OptOutCategory.parse(o.category),
      contactId: o.contactId,
      contactName,
      source: OptOutSource.parse(o.source),
      detail: o.detail,
      createdAt: o.createdAt.toISOString(),
    })),
    nextCursor:
      rows.length > q.limit && last ? `${last.key}:${last.optOut.phone}:${last.optOut.category}` : null,
  };
}

/** The contact owning a phone (any Brazilian form), so an opt-out added by hand names them. */
export async function contactIdForPhone(
  tx: Queryable,
  tenantId: string,
  variants: string[],
): Promise<string | null> {
  if (variants.length === 0) return null;
  const [row] = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), sql`${contacts.phone} = any(${sql.param(variants)}::text[])`))
    .limit(1);
  return row?.id ?? null;
}
