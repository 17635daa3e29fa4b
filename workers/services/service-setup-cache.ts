// The tenant's service setup shared by every conversation object of that tenant in this isolate: single flight
// (shared-reads.ts: values cross objects, never promises) and fresh for a few seconds, so a burst of
// conversations (an outage morning) reads it once, not once each.
// The admin routes forget a tenant's entry when they change it (same isolate locally; elsewhere it ages out).
import type { Env } from '../env';
import { openDatabases, withTimeout } from './db';
import { loadServiceSetup, type ServiceSetup } from './service-setup';
import { SharedReads } from './shared-reads';

const FRESH_MS = 15_000;
const POSTGRES_DEADLINE_MS = 3_000;
/** After 15 s the next caller still gets the last setup at once while one read refreshes it (shared-reads.ts). */
const STALE_MS = 5 * 60_000;

/** Keyed by tenant id: an entry only ever holds that tenant's rows, read in that tenant's transaction. */
const shared = new SharedReads<ServiceSetup>({
  freshMs: FRESH_MS,
  waitMs: POSTGRES_DEADLINE_MS,
  staleMs: STALE_MS,
});

export function cachedServiceSetup(
  env: Env,
  tenantId: string,
  waitUntil: (p: Promise<unknown>) => void,
): Promise<ServiceSetup> {
  return shared.get(
    tenantId,
    async () => {
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
    },
    waitUntil,
  );
}

/** The tenant's settings changed: the next read goes to Postgres. */
export function forgetServiceSetup(tenantId: string): void {
  shared.forget(tenantId);
}
