// The knowledge base the LLM answers from: articles (title, body, tags, published) kept by admins and
// supervisors, listed newest first or by a search, and found for the bot by searchKnowledge (the retrieval
// lives in knowledge-search.ts). Every query names the tenant as well as running under RLS.
import { and, desc, eq, sql } from 'drizzle-orm';
import { knowledgeArticles } from '../../drizzle/schema';
import type { KnowledgeArticleRequest, KnowledgeArticleSummary, KnowledgeArticleView } from '../contract';
import { AppError } from '../errors';
import type { Tx } from './db';

export { searchKnowledge, searchKnowledgeIn } from './knowledge-search';

type ArticleRow = typeof knowledgeArticles.$inferSelect;

const EXCERPT = 160;
const LIST_MAX = 500;
const NOT_FOUND = 'Knowledge base article not found';

export function articleView(row: ArticleRow): KnowledgeArticleView {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    tags: row.tags,
    published: row.published,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function summaryOf(row: Omit<ArticleRow, 'searchVector'>): KnowledgeArticleSummary {
  const flat = row.body.replace(/\s+/g, ' ').trim();
  return {
    id: row.id,
    title: row.title,
    tags: row.tags,
    published: row.published,
    excerpt: flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1).trimEnd()}…` : flat,
    bodyLength: row.body.length,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const own = (tenantId: string, id: string) =>
  and(eq(knowledgeArticles.tenantId, tenantId), eq(knowledgeArticles.id, id));

const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/**
 * Every article (published or not), newest first; with `q`, those whose words match (stemmed, best first) or
 * whose title or tags contain it as typed (so a half-typed word still finds its article).
 */
export async function listArticles(
  tx: Tx,
  tenantId: string,
  q: string | undefined,
): Promise<KnowledgeArticleSummary[]> {
  const base = tx
    .select({
      id: knowledgeArticles.id,
      tenantId: knowledgeArticles.tenantId,
      title: knowledgeArticles.title,
      body: knowledgeArticles.body,
      tags: knowledgeArticles.tags,
      published: knowledgeArticles.published,
      createdBy: knowledgeArticles.createdBy,
      createdAt: knowledgeArticles.createdAt,
      updatedAt: knowledgeArticles.updatedAt,
    })
    .from(knowledgeArticles);
  if (!q) {
    const rows = await base
      .where(eq(knowledgeArticles.tenantId, tenantId))
      .orderBy(desc(knowledgeArticles.updatedAt), knowledgeArticles.id)
      .limit(LIST_MAX);
    return rows.map(summaryOf);
  }
  const tsq = sql`websearch_to_tsquery('portuguese', ${q})`;
  const like = `%${escapeLike(q)}%`;
  const rows = await base
    .where(
      and(
        eq(knowledgeArticles.tenantId, tenantId),
        sql`(${knowledgeArticles.searchVector} @@ ${tsq}
          or fio_search_text(${knowledgeArticles.title}) like fio_search_text(${like})
          or exists (select 1 from unnest(${knowledgeArticles.tags}) t where t ilike ${like}))`,
      ),
    )
    .orderBy(
      desc(sql`ts_rank(${knowledgeArticles.searchVector}, ${tsq})`),
      desc(knowledgeArticles.updatedAt),
      knowledgeArticles.id,
    )
    .limit(LIST_MAX);
  return rows.map(summaryOf);
}

export async function getArticle(tx: Tx, tenantId: string, id: string): Promise<KnowledgeArticleView> {
  const [row] = await tx.select().from(knowledgeArticles).where(own(tenantId, id)).limit(1);
  if (!row) throw new AppError('not_found', NOT_FOUND);
  return articleView(row);
}

export async function createArticle(
  tx: Tx,
  tenantId: string,
  req: KnowledgeArticleRequest,
  by: string,
): Promise<KnowledgeArticleView> {
  const [row] = await tx
    .insert(knowledgeArticles)
    .values({ tenantId, ...req, createdBy: by })
    .returning();
  if (!row) throw new Error('knowledge article insert returned nothing');
  return articleView(row);
}

export async function replaceArticle(
  tx: Tx,
  tenantId: string,
  id: string,
  req: KnowledgeArticleRequest,
): Promise<KnowledgeArticleView> {
  const [row] = await tx
    .update(knowledgeArticles)
    .set({ ...req, updatedAt: new Date() })
    .where(own(tenantId, id))
    .returning();
  if (!row) throw new AppError('not_found', NOT_FOUND);
  return articleView(row);
}

/** Deletes an article; its title, for the audit entry. */
export async function deleteArticle(tx: Tx, tenantId: string, id: string): Promise<string> {
  const [gone] = await tx
    .delete(knowledgeArticles)
    .where(own(tenantId, id))
    .returning({ title: knowledgeArticles.title });
  if (!gone) throw new AppError('not_found', NOT_FOUND);
  return gone.title;
}
