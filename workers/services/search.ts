// Search across a tenant's conversations: contacts by name (case- and accent-insensitive contains), phone
// and CPF/CNPJ digits, and messages by Portuguese full-text search (boleto finds "boletos atrasados").
// Private notes are never searched. Contact hits come first, one result per conversation, newest first.
// Every table is filtered by the tenant explicitly, as well as by row-level security.
import { sql } from 'drizzle-orm';
import { type SearchResult, TicketStatus } from '../contract';
import type { Tx } from './db';

/** Digits that look like a phone or CPF/CNPJ being typed: only digits and their usual punctuation. */
const NUMBER_LIKE = /^[\d\s().+\-/]+$/;
const MIN_NUMBER_DIGITS = 3;
/** Terms are found by their stems, so the snippet is plain text around them; clients highlight if they wish. */
const HEADLINE_OPTIONS = 'MaxFragments=1, MaxWords=20, MinWords=8, StartSel="", StopSel=""';

type HitRow = {
  conversation_id: string;
  contact_id: string;
  name: string | null;
  phone: string | null;
  status: string;
  seq: string | number | null;
  snippet: string | null;
  at: Date | string;
};

/** LIKE treats % and _ as wildcards and \\ as the escape: a query's own are matched literally. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');
const likeContains = (s: string) => `%${escapeLike(s)}%`;

function toResult(row: HitRow, matchedIn: SearchResult['matchedIn']): SearchResult {
  return {
    conversationId: row.conversation_id,
    contact: { id: row.contact_id, name: row.name, phone: row.phone },
    status: TicketStatus.parse(row.status),
    matchedIn,
    snippet: row.snippet,
    seq: row.seq === null ? null : Number(row.seq),
    at: new Date(row.at).toISOString(),
  };
}

/** Conversations of contacts whose name, phone or CPF/CNPJ contains the query, newest activity first. */
async function contactHits(tx: Tx, tenantId: string, q: string, limit: number): Promise<SearchResult[]> {
  const digits = NUMBER_LIKE.test(q) ? q.replace(/\D/g, '') : '';
  const byNumber =
    digits.length >= MIN_NUMBER_DIGITS
      ? sql`or c.phone like ${likeContains(digits)} or c.cpf_cnpj like ${likeContains(digits)}`
      : sql``;
  const { rows } = await tx.execute<HitRow>(sql`
    select v.id as conversation_id, c.id as contact_id, c.name, c.phone, v.status,
      null as seq, null as snippet, v.last_activity_at as at
    from contacts c
    join conversations v on v.contact_id = c.id and v.tenant_id = ${tenantId}
    where c.tenant_id = ${tenantId}
      and (fio_search_text(c.name) like '%' || fio_search_text(${escapeLike(q)}) || '%'
      ${byNumber})
    order by v.last_activity_at desc, v.id desc
    limit ${limit}`);
  return rows.map((r) => toResult(r, 'contact'));
}

/**
 * The newest matching message of each conversation, newest first. The match expression is the one the
 * migration indexes (conversation_events_message_fts_idx), so the planner can use it.
 */
async function messageHits(tx: Tx, tenantId: string, q: string, limit: number): Promise<SearchResult[]> {
  const { rows } = await tx.execute<HitRow>(sql`
    with query as (select websearch_to_tsquery('portuguese', ${q}) as tsq),
    newest as (
      select distinct on (e.conversation_id) e.conversation_id, e.seq, e.created_at,
        e.payload->'message'->>'text' as text
      from conversation_events e, query
      where e.tenant_id = ${tenantId}
        and e.type = 'message.created'
        and to_tsvector('portuguese', coalesce(e.payload->'message'->>'text', '')) @@ query.tsq
      order by e.conversation_id, e.created_at desc, e.seq desc
    ),
    page as (select * from newest order by created_at desc, conversation_id limit ${limit})
    select p.conversation_id, c.id as contact_id, c.name, c.phone, v.status, p.seq,
      ts_headline('portuguese', p.text, query.tsq, ${HEADLINE_OPTIONS}) as snippet, p.created_at as at
    from page p
    cross join query
    join conversations v on v.id = p.conversation_id and v.tenant_id = ${tenantId}
    join contacts c on c.id = v.contact_id and c.tenant_id = ${tenantId}
    order by p.created_at desc, p.conversation_id`);
  return rows.map((r) => toResult(r, 'message'));
}

export async function search(tx: Tx, tenantId: string, q: string, limit: number): Promise<SearchResult[]> {
  const byContact = await contactHits(tx, tenantId, q, limit);
  const byMessage = await messageHits(tx, tenantId, q, limit);
  const seen = new Set<string>();
  const merged: SearchResult[] = [];
  for (const hit of [...byContact, ...byMessage]) {
    if (seen.has(hit.conversationId)) continue;
    seen.add(hit.conversationId);
    merged.push(hit);
  }
  return merged.slice(0, limit);
}
