// Redacting message content everywhere it is kept, for LGPD erasure and the retention period alike: the
// conversation object's storage (replay, REST history and the inbox summary read it), the conversation_events
// rows in Postgres (history, search: the full-text index follows the row), the conversation's preview, the
// quarantined originals, and the files in R2. Every step is idempotent, so a run that failed halfway is
// simply run again.
import { and, inArray, isNotNull, sql } from 'drizzle-orm';
import { archiveQuarantine, conversationEvents, conversations, tickets } from '../../drizzle/schema';
import type { ConversationEvent } from '../contract';
import type { Env } from '../env';
import { conversationObjectName } from './conversation-names';
import type { Tx } from './db';
import { attachmentKeyOf, redactEvent } from './redaction';

/** Rows read and rewritten per statement. */
const PAGE = 500;

/** Content events not redacted yet (the jsonb twin of `isRedacted`). */
const UNREDACTED = sql`e.type in ('message.created', 'note.created', 'message.attachment')
  and coalesce(e.payload->'message'->>'redacted', e.payload->'note'->>'redacted',
    e.payload->'attachment'->>'redacted') is null`;

/**
 * Redacts the conversation objects' copies first (so no flush can bring an unredacted row back afterwards),
 * for each conversation: events created before `before`, or all of them. Returns the R2 keys they named.
 */
export async function redactInObjects(
  env: Env,
  tenantId: string,
  conversationIds: string[],
  before: string | null,
  erase: boolean,
): Promise<string[]> {
  const keys: string[] = [];
  for (const conversationId of conversationIds) {
    const ref = { tenantId, conversationId };
    const stub = env.CONVERSATIONS.getByName(conversationObjectName(tenantId, conversationId));
    const result = await stub.redactContent(ref, { before, erase });
    if (result) keys.push(...result.keys);
  }
  return keys;
}

/**
 * Redacts the Postgres copies of these conversations' content events (created before `before`, or all),
 * page by page with the same rule as the objects. Returns the R2 keys the rows named.
 */
export async function redactInPostgres(
  tx: Tx,
  tenantId: string,
  conversationIds: string[],
  before: string | null,
): Promise<{ keys: string[]; rows: number }> {
  const keys: string[] = [];
  let rows = 0;
  if (conversationIds.length === 0) return { keys, rows };
  const ids = sql`array[${sql.join(
    conversationIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  const cutoff = before === null ? sql`` : sql`and e.created_at < ${before}::timestamptz`;
  for (;;) {
    const page = await tx.execute<{
      conversation_id: string;
      seq: string | number;
      created_at: string;
      payload: ConversationEvent;
    }>(sql`
      select e.conversation_id, e.seq, e.created_at::text as created_at, e.payload
      from conversation_events e
      where e.tenant_id = ${tenantId} and e.conversation_id = any(${ids}) and ${UNREDACTED} ${cutoff}
      limit ${PAGE}`);
    if (page.rows.length === 0) break;
    const updates = page.rows.map((r) => {
      const key = attachmentKeyOf(r.payload);
      if (key) keys.push(key);
      return {
        conversation_id: r.conversation_id,
        seq: Number(r.seq),
        created_at: r.created_at,
        payload: redactEvent(r.payload),
      };
    });
    await tx.execute(sql`
      update conversation_events e set payload = u.payload,
        -- the customer's id (phone, user id, visitor id) is also a column of its own
        author_id = case when e.author_kind in ('contact', 'visitor') then null else e.author_id end
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
        as u(conversation_id uuid, seq bigint, created_at timestamptz, payload jsonb)
      where e.tenant_id = ${tenantId} and e.conversation_id = u.conversation_id and e.seq = u.seq and e.created_at = u.created_at`);
    rows += updates.length;
  }
  return { keys, rows };
}

/** Everything else in Postgres that repeats a whole conversation's content (erasure only). */
export async function forgetConversationContent(tx: Tx, conversationIds: string[]): Promise<void> {
  if (conversationIds.length === 0) return;
  await tx
    .update(conversations)
    .set({ lastMessagePreview: null })
    .where(inArray(conversations.id, conversationIds));
  await tx.update(tickets).set({ aiSummary: null }).where(inArray(tickets.conversationId, conversationIds));
  await tx.delete(archiveQuarantine).where(inArray(archiveQuarantine.conversationId, conversationIds));
  // Rows the retention period redacted earlier keep no customer id either.
  await tx
    .update(conversationEvents)
    .set({ authorId: null })
    .where(
      and(
        inArray(conversationEvents.conversationId, conversationIds),
        inArray(conversationEvents.authorKind, ['contact', 'visitor']),
        isNotNull(conversationEvents.authorId),
      ),
    );
}

/** Retention: previews whose last message is older than the cutoff go too. */
export async function forgetOldPreviews(tx: Tx, conversationIds: string[], before: string): Promise<void> {
  if (conversationIds.length === 0) return;
  await tx
    .update(conversations)
    .set({ lastMessagePreview: null })
    .where(
      and(
        inArray(conversations.id, conversationIds),
        sql`${conversations.lastActivityAt} < ${before}::timestamptz`,
      ),
    );
  await tx
    .delete(archiveQuarantine)
    .where(
      and(
        inArray(archiveQuarantine.conversationId, conversationIds),
        sql`${archiveQuarantine.createdAt} < ${before}::timestamptz`,
      ),
    );
}

/** Deletes these R2 objects (a missing one is fine: R2 deletes are idempotent). */
export async function deleteFiles(bucket: R2Bucket, keys: string[]): Promise<number> {
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += 1000) await bucket.delete(unique.slice(i, i + 1000));
  return unique.length;
}

/** Every file stored for a conversation (agents' uploads and inbound media share its prefix). */
export async function conversationFileKeys(
  bucket: R2Bucket,
  tenantId: string,
  conversationId: string,
): Promise<R2Object[]> {
  const objects: R2Object[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({
      prefix: `${tenantId}/${conversationId}/`,
      cursor,
      include: ['httpMetadata'],
    });
    objects.push(...page.objects);
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return objects;
}

/** Conversations of a tenant with content older than the cutoff still unredacted in Postgres. */
export async function conversationsWithOldContent(
  tx: Tx,
  tenantId: string,
  before: string,
  limit: number,
): Promise<string[]> {
  const { rows } = await tx.execute<{ conversation_id: string }>(sql`
    select distinct e.conversation_id from conversation_events e
    where e.tenant_id = ${tenantId} and e.created_at < ${before}::timestamptz and ${UNREDACTED}
    limit ${limit}`);
  return rows.map((r) => r.conversation_id);
}
