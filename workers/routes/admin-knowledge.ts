// The bot's knowledge base (admins and supervisors): list (newest first, or searched), read, create, replace
// and delete articles, each change audited in its transaction; and "test search": the passages the bot would
// put in the LLM's prompt for a customer's message (published articles only, as the bot sees them).
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { KnowledgeArticleRequest, KnowledgeListQuery, KnowledgeSearchRequest } from '../contract';
import { authorize } from '../middleware/authorize';
import { agentActor, clientIp, recordAudit } from '../services/audit';
import { inTenant } from '../services/db';
import {
  createArticle,
  deleteArticle,
  getArticle,
  listArticles,
  replaceArticle,
  searchKnowledgeIn,
} from '../services/knowledge';
import { parseIdParam, parseJsonBody, parseQuery } from '../validation';

const WHAT = 'Knowledge base article';

export const adminKnowledgeRoutes = new Hono<AppEnv>()
  .get('/api/admin/knowledge', authorize('knowledge.manage'), async (c) => {
    const { q } = parseQuery(c, KnowledgeListQuery);
    const tenantId = c.var.agent.tid;
    const articles = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      listArticles(tx, tenantId, q || undefined),
    );
    return c.json({ articles });
  })
  .post('/api/admin/knowledge/search', authorize('knowledge.manage'), async (c) => {
    const req = await parseJsonBody(c, KnowledgeSearchRequest);
    const tenantId = c.var.agent.tid;
    const passages = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      searchKnowledgeIn(tx, tenantId, req.query, req.limit),
    );
    return c.json({ passages });
  })
  .get('/api/admin/knowledge/:id', authorize('knowledge.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), WHAT);
    const tenantId = c.var.agent.tid;
    return c.json(await inTenant(c.var.dbs.primary, tenantId, (tx) => getArticle(tx, tenantId, id)));
  })
  .post('/api/admin/knowledge', authorize('knowledge.manage'), async (c) => {
    const req = await parseJsonBody(c, KnowledgeArticleRequest);
    const tenantId = c.var.agent.tid;
    const created = await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      const article = await createArticle(tx, tenantId, req, c.var.agent.sub);
      await recordAudit(tx, tenantId, {
        action: 'knowledge.created',
        actor: agentActor(c),
        target: { type: 'knowledge_article', id: article.id },
        ip: clientIp(c),
        details: { title: article.title, published: article.published },
      });
      return article;
    });
    return c.json(created, 201);
  })
  .put('/api/admin/knowledge/:id', authorize('knowledge.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), WHAT);
    const req = await parseJsonBody(c, KnowledgeArticleRequest);
    const tenantId = c.var.agent.tid;
    const replaced = await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      const article = await replaceArticle(tx, tenantId, id, req);
      await recordAudit(tx, tenantId, {
        action: 'knowledge.updated',
        actor: agentActor(c),
        target: { type: 'knowledge_article', id },
        ip: clientIp(c),
        details: { title: article.title, published: article.published },
      });
      return article;
    });
    return c.json(replaced);
  })
  .delete('/api/admin/knowledge/:id', authorize('knowledge.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), WHAT);
    const tenantId = c.var.agent.tid;
    await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      const title = await deleteArticle(tx, tenantId, id);
      await recordAudit(tx, tenantId, {
        action: 'knowledge.deleted',
        actor: agentActor(c),
        target: { type: 'knowledge_article', id },
        ip: clientIp(c),
        details: { title },
      });
    });
    return c.body(null, 204);
  });
