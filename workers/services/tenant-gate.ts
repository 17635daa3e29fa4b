// Whether a tenant may be served: the platform operator can suspend one (tenants.status). The answer comes
// from the tenant's access object (which the operator's change reaches at once) and is kept per isolate for
// GATE_TTL_MS, so a burst of webhooks or widget requests costs one RPC, and another isolate learns of a
// suspension within that time. Fails open: an access object or Postgres that cannot answer must not turn an
// outage into a suspension (agents' own session checks fail closed separately).
import type { TenantGateStatus } from '../../durable-objects/tenant-access/rpc';
import type { Env } from '../env';
import { AppError } from '../errors';
import { accessName } from './conversation-names';
import { errorFields, log } from './log';
import { TtlCache } from './ttl-cache';

export const GATE_TTL_MS = 5_000;

const known = new TtlCache<TenantGateStatus>(GATE_TTL_MS, 20_000);

/** The words every refusal carries (pt-BR first: clients show the message as is). */
export const SUSPENDED_MESSAGE =
  'Esta organização está suspensa. Fale com o suporte do Fio. / This organisation is suspended; contact Fio support.';

export function suspendedError(): AppError {
  return new AppError('tenant_suspended', SUSPENDED_MESSAGE);
}

export async function tenantGateStatus(env: Env, tenantId: string): Promise<TenantGateStatus> {
  const cached = known.get(tenantId);
  if (cached) return cached;
  try {
    const status = await env.TENANT_ACCESS.getByName(accessName(tenantId)).tenantStatus(tenantId);
    if (status !== 'unverified') known.set(tenantId, status);
    return status;
  } catch (err) {
    log('warn', 'tenant status check failed: let through', { tenantId, ...errorFields(err) });
    return 'unverified';
  }
}

/** True unless the operator suspended (or deleted) the tenant. */
export async function tenantActive(env: Env, tenantId: string): Promise<boolean> {
  const status = await tenantGateStatus(env, tenantId);
  return status === 'active' || status === 'unverified';
}

/** 403 `tenant_suspended` for a suspended tenant (a deleted one too: it has nothing left to serve). */
export async function assertTenantActive(env: Env, tenantId: string): Promise<void> {
  if (!(await tenantActive(env, tenantId))) throw suspendedError();
}

/** This isolate forgets what it knew (the operator's route changed it here). */
export function forgetTenantStatus(tenantId: string): void {
  known.delete(tenantId);
}
