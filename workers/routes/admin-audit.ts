// GET /api/admin/audit: owners and admins read their tenant's audit log, filtered and paginated.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { AuditListQuery } from '../contract';
import { authorize } from '../middleware/authorize';
import { listAudit } from '../services/audit-list';
import { inTenant } from '../services/db';
import { parseQuery } from '../validation';

export const adminAuditRoutes = new Hono<AppEnv>().get(
  '/api/admin/audit',
  authorize('audit.read'),
  async (c) => {
    const q = parseQuery(c, AuditListQuery);
    const tenantId = c.var.agent.tid;
    return c.json(await inTenant(c.var.dbs.primary, tenantId, (tx) => listAudit(tx, tenantId, q)));
  },
);
