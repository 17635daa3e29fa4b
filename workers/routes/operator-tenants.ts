// The platform operator's tenant API (Bearer OPERATOR_TOKEN, outside every tenant): create (→ the first
// admin's invitation link), list, show, suspend, reactivate and delete (the slug repeated in `confirm`).
// `npm run tenant` (scripts/tenant.ts) is its command-line client.
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { CreateTenantRequest, DeleteTenantQuery, SuspendTenantRequest } from '../contract/operator';
import { mailerFor } from '../mail/mailer';
import { operatorRoute } from '../middleware/authorize';
import { clientIp } from '../services/audit';
import {
  createTenant,
  getTenant,
  listTenants,
  type OperatorCall,
  setTenantStatus,
} from '../services/operator-tenants';
import { appOrigin } from '../services/password-setting';
import { deleteTenant } from '../services/tenant-deletion';
import { parseIdParam, parseJsonBody, parseQuery } from '../validation';

function call(c: Context<AppEnv>): OperatorCall {
  return {
    primary: c.var.dbs.primary,
    env: c.env,
    origin: appOrigin(c),
    requestId: c.var.requestId,
    ip: clientIp(c),
  };
}

/** Suspend may carry a reason; an empty body is fine. */
async function optionalReason(c: Context<AppEnv>): Promise<string | null> {
  if (!c.req.header('content-type')) return null;
  return (await parseJsonBody(c, SuspendTenantRequest)).reason ?? null;
}

const OPERATOR = 'the platform operator manages tenants';

export const operatorTenantRoutes = new Hono<AppEnv>()
  .post('/api/operator/tenants', operatorRoute(OPERATOR), async (c) => {
    const req = await parseJsonBody(c, CreateTenantRequest);
    return c.json(await createTenant(call(c), mailerFor(c.env), req), 201);
  })
  .get('/api/operator/tenants', operatorRoute(OPERATOR), async (c) => {
    return c.json({ tenants: await listTenants(c.var.dbs.primary) });
  })
  .get('/api/operator/tenants/:id', operatorRoute(OPERATOR), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Tenant');
    return c.json(await getTenant(c.var.dbs.primary, id));
  })
  .post('/api/operator/tenants/:id/suspend', operatorRoute(OPERATOR), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Tenant');
    const reason = await optionalReason(c);
    return c.json(await setTenantStatus(call(c), id, 'suspended', reason));
  })
  .post('/api/operator/tenants/:id/reactivate', operatorRoute(OPERATOR), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Tenant');
    return c.json(await setTenantStatus(call(c), id, 'active', null));
  })
  .delete('/api/operator/tenants/:id', operatorRoute(OPERATOR), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Tenant');
    const { confirm } = parseQuery(c, DeleteTenantQuery);
    return c.json(await deleteTenant(call(c), id, confirm));
  });
