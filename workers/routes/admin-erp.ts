// The tenant's ERP connection (admins): see it without its credentials, save it (optionally "save and test":
// the ERP is asked first and a refusal stores nothing), test the stored one (the outcome is recorded on the
// row), disconnect it. Saves and disconnects are audited in the same transaction as the change.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { ErpConnectionRequest, ErpDisconnectRequest, type ErpTestResponse } from '../contract';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import { agentActor, clientIp, recordAudit } from '../services/audit';
import { inTenant } from '../services/db';
import {
  deleteErpConnection,
  type ErpTestOutcome,
  getErpConnectionView,
  loadErpConnection,
  recordErpTest,
  resolveErpRequest,
  storeErpConnection,
  testErpConnection,
} from '../services/erp-connection';
import { parseJsonBody } from '../validation';

function testResponse(outcome: ErpTestOutcome, at: Date): ErpTestResponse {
  return { ok: outcome.ok, detail: outcome.detail, code: outcome.code, testedAt: at.toISOString() };
}

export const adminErpRoutes = new Hono<AppEnv>()
  .get('/api/admin/erp', authorize('bot.configure'), async (c) => {
    const tenantId = c.var.agent.tid;
    const connection = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      getErpConnectionView(tx, tenantId),
    );
    return c.json({ connection });
  })
  .put('/api/admin/erp', authorize('bot.configure'), async (c) => {
    const req = await parseJsonBody(c, ErpConnectionRequest);
    const tenantId = c.var.agent.tid;
    const primary = c.var.dbs.primary;
    const connection = await inTenant(primary, tenantId, (tx) => resolveErpRequest(tx, c.env, tenantId, req));
    // Asked outside any transaction (the ERP may take seconds), before anything is written.
    const at = new Date();
    const outcome = req.test ? await testErpConnection(c.env, connection) : null;
    if (outcome && !outcome.ok) {
      throw new AppError('erp_test_failed', `The ERP refused the connection test: ${outcome.detail}`, {
        code: outcome.code,
        detail: outcome.detail,
      });
    }
    const saved = await inTenant(primary, tenantId, async (tx) => {
      const view = await storeErpConnection(
        tx,
        c.env,
        tenantId,
        connection,
        c.var.agent.sub,
        outcome ? { at, ok: true } : null,
      );
      await recordAudit(tx, tenantId, {
        action: 'erp.credentials_changed',
        actor: agentActor(c),
        target: { type: 'erp', id: tenantId },
        ip: clientIp(c),
        // Where and which ERP, and whether the credentials were replaced; never the credentials.
        details: {
          kind: connection.kind,
          baseUrl: connection.baseUrl,
          credentialsReplaced: req.credentials !== undefined,
          tested: req.test,
        },
      });
      return view;
    });
    return c.json({ connection: saved, test: outcome ? testResponse(outcome, at) : null });
  })
  .post('/api/admin/erp/test', authorize('bot.configure'), async (c) => {
    const tenantId = c.var.agent.tid;
    const connection = await loadErpConnection(c.var.dbs.primary, c.env, tenantId);
    if (!connection) throw new AppError('not_found', 'No ERP connection configured');
    const at = new Date();
    const outcome = await testErpConnection(c.env, connection);
    await inTenant(c.var.dbs.primary, tenantId, (tx) => recordErpTest(tx, tenantId, at, outcome.ok));
    return c.json(testResponse(outcome, at));
  })
  .delete('/api/admin/erp', authorize('bot.configure'), async (c) => {
    await parseJsonBody(c, ErpDisconnectRequest);
    const tenantId = c.var.agent.tid;
    await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      const gone = await deleteErpConnection(tx, tenantId);
      if (!gone) throw new AppError('not_found', 'No ERP connection configured');
      await recordAudit(tx, tenantId, {
        action: 'erp.disconnected',
        actor: agentActor(c),
        target: { type: 'erp', id: tenantId },
        ip: clientIp(c),
        details: gone,
      });
    });
    return c.body(null, 204);
  });
