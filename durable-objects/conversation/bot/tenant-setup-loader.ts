// One read of a tenant's bot setup (published flow, team names, ERP connection, AI settings) shared by every
// conversation object of that tenant in this isolate: single flight (shared-reads.ts) and fresh for a few
// seconds. Without it, a burst of new conversations (an outage morning) opened one Postgres connection each
// just to read the same four rows, and those connections competed with the webhooks' own (bench:bot, 200
// conversations).
import { sql } from 'drizzle-orm';
import type { Env } from '../../../workers/env';
import { type AiSettings, loadAiSettings } from '../../../workers/services/ai-settings';
import { loadPublishedFlow } from '../../../workers/services/bot-flows';
import { type Database, inTenant, openDatabases, withTimeout } from '../../../workers/services/db';
import { type ErpConnection, loadErpConnection } from '../../../workers/services/erp-connection';
import { SharedReads } from '../../../workers/services/shared-reads';

/** How long one read serves the tenant's other conversations (a published flow shows up within this). */
const SHARED_FRESH_MS = 15_000;
const POSTGRES_DEADLINE_MS = 3_000;

export interface TenantBotSetup {
  published: Awaited<ReturnType<typeof loadPublishedFlow>>;
  teams: Record<string, string>;
  erp: ErpConnection | null;
  ai: AiSettings | null;
}

/** Keyed by tenant id: an entry only ever holds that tenant's rows, read in that tenant's transaction. */
// No stale answers here (unlike the service setup): nothing tells this cache that a flow was published, so its
// 15 s are the promise that a published flow reaches new conversations.
const shared = new SharedReads<TenantBotSetup>({ freshMs: SHARED_FRESH_MS, waitMs: POSTGRES_DEADLINE_MS });

export function loadTenantBotSetup(
  env: Env,
  tenantId: string,
  waitUntil: (p: Promise<unknown>) => void,
): Promise<TenantBotSetup> {
  return shared.get(tenantId, () => read(env, tenantId, waitUntil));
}

async function read(
  env: Env,
  tenantId: string,
  waitUntil: (p: Promise<unknown>) => void,
): Promise<TenantBotSetup> {
  const dbs = openDatabases(env);
  try {
    const db = dbs.primary;
    const [published, teams, erp, ai] = await withTimeout(
      Promise.all([
        loadPublishedFlow(db, tenantId),
        teamNames(db, tenantId),
        loadErpConnection(db, env, tenantId),
        loadAiSettings(db, env, tenantId),
      ]),
      POSTGRES_DEADLINE_MS,
      'bot setup',
    );
    return { published, teams, erp, ai };
  } finally {
    waitUntil(dbs.close());
  }
}

async function teamNames(db: Database, tenantId: string): Promise<Record<string, string>> {
  const { rows } = await inTenant(db, tenantId, (tx) =>
    tx.execute<{ id: string; name: string }>(
      sql`select id, name from teams where tenant_id = ${tenantId}::uuid`,
    ),
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}
