// The tenant's service setup shared by every conversation object of that tenant in this isolate: single flight
// and fresh for a few seconds, so a burst of conversations (an outage morning) reads it once, not once each.
// The admin routes forget a tenant's entry when they change it (same isolate locally; elsewhere it ages out).
import type { Env } from '../env';
import { openDatabases, withTimeout } from './db';
import { loadServiceSetup, type ServiceSetup } from './service-setup';

const FRESH_MS = 15_000;
const POSTGRES_DEADLINE_MS = 3_000;

/** Keyed by tenant id: an entry only ever holds that tenant's rows, read in that tenant's transaction. */
const shared = new Map<string, { fetchedMs: number; setup: Promise<ServiceSetup> }>();

export function cachedServiceSetup(
  env: Env,
  tenantId: string,
  waitUntil: (p: Promise<unknown>) => void,
): Promise<ServiceSetup> {
  const hit = shared.get(tenantId);
  if (hit && Date.now() - hit.fetchedMs < FRESH_MS) return hit.setup;
  const setup = (async () => {
    const dbs = openDatabases(env);
    try {
      return await withTimeout(
        loadServiceSetup(dbs.primary, tenantId),
        POSTGRES_DEADLINE_MS,
        'service setup',
      );
    } finally {
      waitUntil(dbs.close());
    }
  })();
  shared.set(tenantId, { fetchedMs: Date.now(), setup });
  // A failed read is not shared: the next caller tries Postgres again.
  setup.catch(() => {
    if (shared.get(tenantId)?.setup === setup) shared.delete(tenantId);
  });
  return setup;
}

/** The tenant's settings changed: the next read goes to Postgres. */
export function forgetServiceSetup(tenantId: string): void {
  shared.delete(tenantId);
}
