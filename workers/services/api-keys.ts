// API key administration (admins): create (the key is returned once), list, revoke; each change is
// audited in the same transaction.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { apiKeys } from '../../drizzle/schema';
import type { ApiKeyScope, ApiKeyView, CreateApiKeyRequest } from '../contract';
import { AppError } from '../errors';
import { generateApiKey } from './api-key-auth';
import { type AuditActor, recordAudit } from './audit';
import type { Tx } from './db';

type Row = typeof apiKeys.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function view(r: Row): ApiKeyView {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes as ApiKeyScope[],
    createdAt: r.createdAt.toISOString(),
    expiresAt: iso(r.expiresAt),
    lastUsedAt: iso(r.lastUsedAt),
    revokedAt: iso(r.revokedAt),
  };
}

export async function listApiKeys(tx: Tx, tenantId: string): Promise<ApiKeyView[]> {
  const rows = await tx
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.tenantId, tenantId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map(view);
}

export async function createApiKey(
  tx: Tx,
  tenantId: string,
  req: CreateApiKeyRequest,
  by: { userId: string; actor: AuditActor; ip: string | null },
): Promise<{ key: string; apiKey: ApiKeyView }> {
  const { key, prefix, secretHash } = await generateApiKey();
  const [row] = await tx
    .insert(apiKeys)
    .values({
      tenantId,
      name: req.name,
      prefix,
      secretHash,
      scopes: req.scopes,
      createdBy: by.userId,
      expiresAt: req.expiresAt ? new Date(req.expiresAt) : null,
    })
    .returning();
  if (!row) throw new Error('api key insert returned nothing');
  await recordAudit(tx, tenantId, {
    action: 'api_key.created',
    actor: by.actor,
    target: { type: 'api_key', id: row.id },
    ip: by.ip,
    details: { name: row.name, prefix, scopes: row.scopes, expiresAt: iso(row.expiresAt) },
  });
  return { key, apiKey: view(row) };
}

/** Revokes a live key (404 when unknown in this tenant or already revoked). */
export async function revokeApiKey(
  tx: Tx,
  tenantId: string,
  id: string,
  by: { actor: AuditActor; ip: string | null },
): Promise<void> {
  const [row] = await tx
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  if (!row) throw new AppError('not_found', 'API key not found');
  await recordAudit(tx, tenantId, {
    action: 'api_key.revoked',
    actor: by.actor,
    target: { type: 'api_key', id: row.id },
    ip: by.ip,
    details: { name: row.name, prefix: row.prefix },
  });
}
