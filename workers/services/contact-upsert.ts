// Contacts as integrations see them (the public API): upsert by phone (E.164 digits) or CPF/CNPJ, read by id,
// find by phone or document. Concurrent upserts of the same phone or document are serialised with
// transaction-scoped advisory locks, so two calls at once still make one contact. Every query names the
// tenant, as well as running under row-level security.
import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { contacts } from '../../drizzle/schema';
import type { V1Contact, V1ContactUpsert } from '../contract';
import { AppError } from '../errors';
import type { Tx } from './db';

type ContactRow = typeof contacts.$inferSelect;

export function contactView(row: ContactRow): V1Contact {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    cpfCnpj: row.cpfCnpj,
    tags: row.tags,
    attributes: (row.attributes ?? {}) as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
  };
}

const live = (tenantId: string, where: SQL) =>
  and(eq(contacts.tenantId, tenantId), isNull(contacts.erasedAt), where);

async function findOne(tx: Tx, tenantId: string, where: SQL): Promise<ContactRow | undefined> {
  const [row] = await tx
    .select()
    .from(contacts)
    .where(live(tenantId, where))
    .orderBy(desc(contacts.createdAt))
    .limit(1);
  return row;
}

/** The contacts with this phone or this document (a document may be shared by a few contacts). */
export async function findContacts(
  tx: Tx,
  tenantId: string,
  by: { phone?: string; cpfCnpj?: string },
): Promise<V1Contact[]> {
  const where =
    by.phone !== undefined ? eq(contacts.phone, by.phone) : eq(contacts.cpfCnpj, by.cpfCnpj ?? '');
  const rows = await tx
    .select()
    .from(contacts)
    .where(live(tenantId, where))
    .orderBy(desc(contacts.createdAt))
    .limit(20);
  return rows.map(contactView);
}

export async function readContact(tx: Tx, tenantId: string, id: string): Promise<V1Contact> {
  const row = await findOne(tx, tenantId, eq(contacts.id, id));
  if (!row) throw new AppError('not_found', 'Contact not found');
  return contactView(row);
}

export interface UpsertOutcome {
  contact: V1Contact;
  created: boolean;
  /** The name changed: the contact's conversations re-read their inbox card. */
  renamed: boolean;
}

/**
 * Finds the contact by phone, else by CPF/CNPJ, and writes the given fields (tags replace, attributes merge
 * key by key); creates it when neither finds one. A phone given to a contact found by its document is set
 * on it (no other contact holds that phone: the phone was looked up first).
 */
export async function upsertContact(tx: Tx, tenantId: string, req: V1ContactUpsert): Promise<UpsertOutcome> {
  // Always phone before document, so two upserts naming both never wait on each other in opposite order.
  for (const key of [req.phone && `phone:${req.phone}`, req.cpfCnpj && `doc:${req.cpfCnpj}`]) {
    if (key)
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${tenantId}:${key}`}, 0))`);
  }
  const found =
    (req.phone !== undefined ? await findOne(tx, tenantId, eq(contacts.phone, req.phone)) : undefined) ??
    (req.cpfCnpj !== undefined ? await findOne(tx, tenantId, eq(contacts.cpfCnpj, req.cpfCnpj)) : undefined);
  const fields = {
    ...(req.name !== undefined ? { name: req.name } : {}),
    ...(req.email !== undefined ? { email: req.email } : {}),
    ...(req.cpfCnpj !== undefined ? { cpfCnpj: req.cpfCnpj } : {}),
    ...(req.phone !== undefined ? { phone: req.phone } : {}),
    ...(req.tags !== undefined ? { tags: [...new Set(req.tags)] } : {}),
  };
  if (!found) {
    const [row] = await tx
      .insert(contacts)
      .values({ tenantId, ...fields, attributes: req.attributes ?? {} })
      .returning();
    if (!row) throw new Error('contact insert returned nothing');
    return { contact: contactView(row), created: true, renamed: false };
  }
  const [row] = await tx
    .update(contacts)
    .set({
      ...fields,
      ...(req.attributes !== undefined
        ? { attributes: sql`${contacts.attributes} || ${JSON.stringify(req.attributes)}::jsonb` }
        : {}),
    })
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, found.id)))
    .returning();
  if (!row) throw new AppError('not_found', 'Contact not found');
  return {
    contact: contactView(row),
    created: false,
    renamed: req.name !== undefined && req.name !== found.name,
  };
}
