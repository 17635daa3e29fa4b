// Retrieval for the LLM: the tenant's published articles that best match a customer's message with
// Portuguese full-text search (stemmed, so "boleto vencido" finds "boletos vencidos"), all words first and,
// when no article has them all, any of them. Of each top article only its best passage goes into the prompt:
// the body split into paragraphs (long ones into sentence runs), each ranked against the same query, the
// best one kept (with the next when short), bounded in size. Tenant-scoped twice: RLS and an explicit filter.
import { sql } from 'drizzle-orm';
import type { KnowledgePassage } from '../ai/brain';
import { type Database, inTenant, type Tx } from './db';

/** At most this many characters per passage: several fit in a prompt next to the conversation. */
export const PASSAGE_MAX = 1500;
/** A best paragraph shorter than this takes the next one along (a heading and its steps, say). */
const PASSAGE_SHORT = 300;
const QUERY_MAX = 1000;

type ArticleHit = {
  id: string;
  title: string;
  body: string;
};

/** The query's words (letters and digits), for the any-word fallback; websearch's own `or` left out. */
export function queryWords(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w !== 'or'))].slice(0, 32);
}

/** Splits a body into paragraphs and long paragraphs into runs of whole sentences, each ≤ PASSAGE_MAX. */
export function passagesOf(body: string): string[] {
  const out: string[] = [];
  for (const raw of body.split(/\n\s*\n/)) {
    const paragraph = raw.trim();
    if (!paragraph) continue;
    if (paragraph.length <= PASSAGE_MAX) {
      out.push(paragraph);
      continue;
    }
    let run = '';
    for (const sentence of paragraph.match(/[^.!?\n]+[.!?]*\s*|\n/g) ?? [paragraph]) {
      if (run && run.length + sentence.length > PASSAGE_MAX) {
        out.push(run.trim());
        run = '';
      }
      run += sentence.length > PASSAGE_MAX ? clip(sentence) : sentence;
    }
    if (run.trim()) out.push(run.trim());
  }
  return out;
}

/** Cuts text to PASSAGE_MAX at a word boundary, marking the cut. */
function clip(text: string): string {
  if (text.length <= PASSAGE_MAX) return text;
  const cut = text.slice(0, PASSAGE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > PASSAGE_MAX / 2 ? space : cut.length).trimEnd()}…`;
}

async function topArticles(tx: Tx, tenantId: string, tsquery: ReturnType<typeof sql>, limit: number) {
  const { rows } = await tx.execute<ArticleHit>(sql`
    with q as (select ${tsquery} as tsq)
    select a.id, a.title, a.body
    from knowledge_articles a, q
    where a.tenant_id = ${tenantId} and a.published and a.search_vector @@ q.tsq
    order by ts_rank(a.search_vector, q.tsq) desc, a.updated_at desc, a.id
    limit ${limit}`);
  return rows;
}

/** Ranks every passage of the hits against the query in one statement: [article index, passage index, rank]. */
async function rankPassages(
  tx: Tx,
  tsquery: ReturnType<typeof sql>,
  passages: string[][],
): Promise<Map<string, number>> {
  const flat = passages.flatMap((list, a) => list.map((text, p) => ({ a, p, text })));
  const { rows } = await tx.execute<{ a: number; p: number; rank: number }>(sql`
    with q as (select ${tsquery} as tsq)
    select (x->>'a')::int as a, (x->>'p')::int as p,
      ts_rank(to_tsvector('portuguese', x->>'text'), q.tsq) as rank
    from jsonb_array_elements(${JSON.stringify(flat)}::jsonb) x, q`);
  return new Map(rows.map((r) => [`${r.a}:${r.p}`, Number(r.rank)]));
}

/** The best passage of one article: highest rank (earliest on a tie), with the next one when it is short. */
function bestPassage(list: string[], rankOf: (p: number) => number): string {
  let best = 0;
  for (let p = 1; p < list.length; p++) if (rankOf(p) > rankOf(best)) best = p;
  let text = list[best] ?? '';
  const next = list[best + 1];
  if (text.length < PASSAGE_SHORT && next && text.length + next.length + 2 <= PASSAGE_MAX) {
    text = `${text}\n\n${next}`;
  }
  return clip(text);
}

/** searchKnowledge inside a tenant transaction the caller already holds. */
export async function searchKnowledgeIn(
  tx: Tx,
  tenantId: string,
  query: string,
  limit: number,
): Promise<KnowledgePassage[]> {
  const text = query.slice(0, QUERY_MAX);
  const words = queryWords(text);
  if (words.length === 0 || limit < 1) return [];
  const all = sql`websearch_to_tsquery('portuguese', ${text})`;
  let hits = await topArticles(tx, tenantId, all, limit);
  let used = all;
  if (hits.length === 0) {
    // Only letters and digits joined by websearch's `or`: no operator of the customer's survives.
    used = sql`websearch_to_tsquery('portuguese', ${words.join(' or ')})`;
    hits = await topArticles(tx, tenantId, used, limit);
  }
  if (hits.length === 0) return [];
  const passages = hits.map((h) => passagesOf(h.body));
  const ranks = await rankPassages(tx, used, passages);
  return hits.map((h, a) => ({
    articleId: h.id,
    title: h.title,
    text: bestPassage(passages[a] ?? [], (p) => ranks.get(`${a}:${p}`) ?? 0),
  }));
}

/**
 * The best passages of the tenant's published articles for a customer's message, best article first, at
 * most `limit` (one per article). For the bot runtime and the admin's "test search".
 */
export function searchKnowledge(
  db: Database,
  tenantId: string,
  query: string,
  limit: number,
): Promise<KnowledgePassage[]> {
  return inTenant(db, tenantId, (tx) => searchKnowledgeIn(tx, tenantId, query, limit));
}
