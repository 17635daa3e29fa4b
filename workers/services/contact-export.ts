// LGPD export of a contact (the data subject's right of access): everything the database holds about them as
// one JSON document. The tables are found from the catalog, not listed here: every table (not partition) with
// a `contact_id` or `conversation_id` column is dumped for the contact and their conversations, so a table
// added later is exported without anyone remembering to. Events the conversation objects hold that have not
// reached Postgres yet are added from the objects, and the files under each conversation's R2 prefix are
// listed with their metadata, a download path and (within a size budget) their bytes in base64.
import { sql } from 'drizzle-orm';
import type { StoredEvent } from '../contract';
import type { Env } from '../env';
import { AppError } from '../errors';
import { type AuditActor, recordAudit } from './audit';
import { conversationFileKeys } from './content-redaction';
import { conversationObjectName } from './conversation-names';
import { type Database, inTenant, type Tx } from './db';

/** Files are embedded until their total reaches this; beyond it they are listed with their download path. */
const EMBED_BUDGET_BYTES = 20 * 1024 * 1024;
const OBJECT_PAGE = 500;

export interface ExportedFile {
  conversationId: string;
  key: string;
  size: number;
  contentType: string | null;
  uploadedAt: string;
  /** GET it with an agent token (the conversation's files route). */
  downloadPath: string;
  /** The bytes, when they fit the export's budget. */
  base64: string | null;
}

export interface ContactExport {
  format: 'fio.contact-export.v1';
  exportedAt: string;
  tenantId: string;
  contactId: string;
  contact: Record<string, unknown>;
  /** Every row of every table that references the contact or one of their conversations, by table. */
  tables: Record<string, Record<string, unknown>[]>;
  /** Each conversation's whole event log (Postgres plus what only its object holds yet), ascending. */
  events: StoredEvent[];
  files: ExportedFile[];
}

/** Tables (not partitions) with a column naming a contact or a conversation, as the catalog says. */
export async function referencingTables(tx: Tx): Promise<{ table: string; column: string }[]> {
  const { rows } = await tx.execute<{ table: string; column: string }>(sql`
    select c.relname as "table", a.attname as "column"
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
      and a.attname in ('contact_id', 'conversation_id')
    order by c.relname, a.attname`);
  return rows;
}

export async function exportContact(
  env: Env,
  primary: Database,
  tenantId: string,
  contactId: string,
  audit: { actor: AuditActor; ip: string | null },
): Promise<ContactExport> {
  const dump = await inTenant(primary, tenantId, async (tx) => {
    const contact = await tx.execute<Record<string, unknown>>(
      sql`select * from contacts where tenant_id = ${tenantId} and id = ${contactId}`,
    );
    const row = contact.rows[0];
    if (!row) throw new AppError('not_found', 'Contact not found');
    const convs = await tx.execute<{ id: string }>(
      sql`select id from conversations where tenant_id = ${tenantId} and contact_id = ${contactId} order by created_at`,
    );
    const conversationIds = convs.rows.map((r) => r.id);
    const ids = sql`${`{${conversationIds.join(',')}}`}::uuid[]`;
    const tables: ContactExport['tables'] = {};
    for (const { table, column } of await referencingTables(tx)) {
      const match =
        column === 'contact_id'
          ? sql`${sql.identifier(column)} = ${contactId}`
          : sql`${sql.identifier(column)} = any(${ids})`;
      const order = table === 'conversation_events' ? sql`order by conversation_id, seq` : sql``;
      const { rows } = await tx.execute<Record<string, unknown>>(
        sql`select * from ${sql.identifier(table)} where tenant_id = ${tenantId} and ${match} ${order}`,
      );
      // A table with both columns is dumped once, with the rows of either.
      tables[table] = dedupe([...(tables[table] ?? []), ...rows]);
    }
    return { contact: row, conversationIds, tables };
  });

  const events: StoredEvent[] = [];
  const files: ExportedFile[] = [];
  let budget = EMBED_BUDGET_BYTES;
  for (const conversationId of dump.conversationIds) {
    const archived = (dump.tables.conversation_events ?? [])
      .filter((r) => r.conversation_id === conversationId)
      .map((r) => ({
        seq: Number(r.seq),
        conversationId,
        createdAt: new Date(String(r.created_at)).toISOString(),
        event: r.payload as StoredEvent['event'],
      }));
    const archivedTop = archived.reduce((m, e) => Math.max(m, e.seq), 0);
    events.push(...archived, ...(await heldAbove(env, tenantId, conversationId, archivedTop)));
    for (const object of await conversationFileKeys(env.MEDIA, tenantId, conversationId)) {
      let base64: string | null = null;
      if (object.size <= budget) {
        const body = await env.MEDIA.get(object.key);
        if (body) {
          base64 = toBase64(new Uint8Array(await body.arrayBuffer()));
          budget -= object.size;
        }
      }
      files.push({
        conversationId,
        key: object.key,
        size: object.size,
        contentType: object.httpMetadata?.contentType ?? null,
        uploadedAt: object.uploaded.toISOString(),
        downloadPath: `/api/conversations/${conversationId}/files/${encodeURIComponent(object.key)}`,
        base64,
      });
    }
  }

  await inTenant(primary, tenantId, (tx) =>
    recordAudit(tx, tenantId, {
      action: 'contact.exported',
      actor: audit.actor,
      target: { type: 'contact', id: contactId },
      ip: audit.ip,
      details: {
        conversations: dump.conversationIds.length,
        events: events.length,
        files: files.length,
        tables: Object.fromEntries(Object.entries(dump.tables).map(([t, rows]) => [t, rows.length])),
      },
    }),
  );
  return {
    format: 'fio.contact-export.v1',
    exportedAt: new Date().toISOString(),
    tenantId,
    contactId,
    contact: dump.contact,
    tables: dump.tables,
    events,
    files,
  };
}

/** Events the conversation object holds above `after` (not in Postgres yet), ascending. */
async function heldAbove(
  env: Env,
  tenantId: string,
  conversationId: string,
  after: number,
): Promise<StoredEvent[]> {
  const ref = { tenantId, conversationId };
  const stub = env.CONVERSATIONS.getByName(conversationObjectName(tenantId, conversationId));
  const out: StoredEvent[] = [];
  let before: number | null = null;
  for (;;) {
    const page = await stub.history(ref, before, OBJECT_PAGE);
    if (!page) break;
    const newer = page.events.filter((e) => e.seq > after);
    out.unshift(...newer);
    const lowest = page.events[0]?.seq;
    if (lowest === undefined || lowest <= after + 1 || newer.length < page.events.length) break;
    before = lowest;
  }
  return out;
}

function dedupe(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = JSON.stringify(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
