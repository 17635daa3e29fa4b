// LGPD erasure of a contact (the data subject's right to deletion). In order, each step idempotent, so an
// erasure that failed halfway (Postgres or R2 down) is finished by asking again:
//   1. Postgres: the contact's personal fields are removed and `erased_at` set (one transaction). From then on
//      nothing finds them: a message from the same number, or the same widget visitor, starts a new contact.
//   2. Each conversation object redacts its stored events, forgets the customer's address and unsent
//      messages, and pushes a redacted inbox summary (see ConversationDO.redactContent).
//   3. Postgres: the events' content (search follows), previews, AI summaries and quarantined rows.
//   4. R2: every file under the conversations' prefix.
//   5. `erasure_completed_at` and the audit entry `contact.erased`, in one transaction.
// Protocol numbers (tickets), the conversations' skeletons (seq, times, statuses) and the audit log remain.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { contacts, conversations, tickets } from '../../drizzle/schema';
import type { Env } from '../env';
import { AppError } from '../errors';
import { type AuditActor, recordAudit } from './audit';
import {
  conversationFileKeys,
  deleteFiles,
  forgetConversationContent,
  redactInObjects,
  redactInPostgres,
} from './content-redaction';
import { type Database, inTenant } from './db';

export interface ErasureDeps {
  env: Env;
  primary: Database;
  /** The media bucket (a parameter so a test can make it fail). */
  bucket: R2Bucket;
}

export interface ErasureResult {
  contactId: string;
  /** True when an earlier request had already finished it (nothing was done again). */
  alreadyErased: boolean;
  conversations: number;
  protocols: string[];
  redactedEvents: number;
  deletedFiles: number;
}

/** Step 1: personal fields gone and the erasure marked as started. Returns the contact's conversations. */
export async function beginErasure(
  primary: Database,
  tenantId: string,
  contactId: string,
): Promise<{ done: boolean; conversationIds: string[] }> {
  return inTenant(primary, tenantId, async (tx) => {
    const [contact] = await tx
      .select({ erasedAt: contacts.erasedAt, completedAt: contacts.erasureCompletedAt })
      .from(contacts)
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)))
      .for('update');
    if (!contact) throw new AppError('not_found', 'Contact not found');
    if (!contact.erasedAt) {
      await tx
        .update(contacts)
        .set({
          name: null,
          phone: null,
          email: null,
          cpfCnpj: null,
          whatsappUserId: null,
          visitorId: null,
          erasedAt: new Date(),
        })
        .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)));
    }
    const rows = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.tenantId, tenantId), eq(conversations.contactId, contactId)));
    return { done: contact.completedAt !== null, conversationIds: rows.map((r) => r.id) };
  });
}

/** Steps 2–5. `actor` is recorded in the audit entry. */
export async function eraseContact(
  deps: ErasureDeps,
  tenantId: string,
  contactId: string,
  audit: { actor: AuditActor; ip: string | null },
): Promise<ErasureResult> {
  const { done, conversationIds } = await beginErasure(deps.primary, tenantId, contactId);
  const protocols = await protocolsOf(deps.primary, tenantId, conversationIds);
  const base = { contactId, conversations: conversationIds.length, protocols };
  if (done) return { ...base, alreadyErased: true, redactedEvents: 0, deletedFiles: 0 };

  const objectKeys = await redactInObjects(deps.env, tenantId, conversationIds, null, true);
  const pg = await inTenant(deps.primary, tenantId, async (tx) => {
    const redacted = await redactInPostgres(tx, tenantId, conversationIds, null);
    await forgetConversationContent(tx, conversationIds);
    return redacted;
  });
  const keys = [...objectKeys, ...pg.keys];
  for (const id of conversationIds)
    keys.push(...(await conversationFileKeys(deps.bucket, tenantId, id)).map((o) => o.key));
  const deletedFiles = await deleteFiles(deps.bucket, keys);

  const result: ErasureResult = { ...base, alreadyErased: false, redactedEvents: pg.rows, deletedFiles };
  await inTenant(deps.primary, tenantId, async (tx) => {
    const finished = await tx
      .update(contacts)
      .set({ erasureCompletedAt: new Date() })
      .where(
        and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId), isNull(contacts.erasureCompletedAt)),
      )
      .returning({ id: contacts.id });
    // A concurrent request that finished first recorded the entry.
    if (finished.length === 0) return;
    await recordAudit(tx, tenantId, {
      action: 'contact.erased',
      actor: audit.actor,
      target: { type: 'contact', id: contactId },
      ip: audit.ip,
      details: { conversations: base.conversations, protocols, deletedFiles },
    });
  });
  return result;
}

async function protocolsOf(
  primary: Database,
  tenantId: string,
  conversationIds: string[],
): Promise<string[]> {
  if (conversationIds.length === 0) return [];
  return inTenant(primary, tenantId, async (tx) => {
    const rows = await tx
      .select({ protocol: tickets.protocol })
      .from(tickets)
      .where(and(eq(tickets.tenantId, tenantId), inArray(tickets.conversationId, conversationIds)))
      .orderBy(tickets.openedAt);
    return rows.map((r) => r.protocol);
  });
}
