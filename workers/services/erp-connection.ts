// The tenant's ERP connection for the bot runtime (stand-in until the admin's ERP connection service lands;
// same names): the credentials opened from their sealed form (bound to `erp:<tenant id>`), and the
// adapter's config built from it.
import { eq } from 'drizzle-orm';
import { erpConnections } from '../../drizzle/schema';
import { type Env, providerPrivateOrigins } from '../env';
import type { ErpConnectionConfig } from '../erp/tools';
import { type Database, inTenant } from './db';
import { openJson } from './secret-box';

export interface ErpConnection {
  kind: 'ixc' | 'sgp';
  baseUrl: string;
  credentials: Record<string, string>;
}

export async function loadErpConnection(
  db: Database,
  env: Env,
  tenantId: string,
): Promise<ErpConnection | null> {
  const [row] = await inTenant(db, tenantId, (tx) =>
    tx.select().from(erpConnections).where(eq(erpConnections.tenantId, tenantId)).limit(1),
  );
  if (!row) return null;
  const credentials = (await openJson(env.CHANNEL_SECRETS_KEY, row.credentials, `erp:${tenantId}`)) as Record<
    string,
    string
  >;
  return { kind: row.kind, baseUrl: row.baseUrl, credentials };
}

export function erpConfigOf(env: Env, connection: ErpConnection): ErpConnectionConfig {
  return {
    kind: connection.kind,
    baseUrl: connection.baseUrl,
    credentials: connection.credentials,
    privateOrigins: providerPrivateOrigins(env),
    fetch: globalThis.fetch.bind(globalThis),
  };
}
