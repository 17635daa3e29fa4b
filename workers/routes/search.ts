// GET /api/search?q=&limit=: contacts (name, phone, CPF/CNPJ) and message text for any agent, read from a
// replica (a result a moment old is fine; the conversation itself opens from its live object).
import { Hono } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../app-env';
import { SearchQuery, type SearchResponse } from '../contract';
import { authorize } from '../middleware/authorize';
import { inTenant, replicaOf } from '../services/db';
import { search } from '../services/search';
import { parseQuery } from '../validation';

export const searchRoutes = new Hono<AppEnv>().get(
  '/api/search',
  authorize('conversations.read'),
  async (c) => {
    const q = parseQuery(c, SearchQuery);
    const results = await inTenant(replicaOf(c.var.dbs.db), c.var.agent.tid, (tx) =>
      search(tx, q.q, q.limit),
    );
    const body: z.infer<typeof SearchResponse> = { results };
    return c.json(body);
  },
);
