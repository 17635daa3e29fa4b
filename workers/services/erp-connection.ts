// The tenant's ERP connection (IXC or SGP): one row per tenant, the credentials sealed with the channel
// secrets key bound to `erp:<tenant id>` (a ciphertext copied to another tenant's row does not open).
// Admins save, test and remove it; the bot runtime reads it decrypted with loadErpConnection and builds the
// adapter's ErpConnectionConfig with erpConfigOf. Credentials never leave this module except into that config.
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { erpConnections } from '../../drizzle/schema';
import { baseUrlProblem } from '../channels/egress';
import {
  ERP_CREDENTIAL_FIELDS,
  type ErpConnectionRequest,
  type ErpConnectionView,
  type ErpErrorCode,
  type ErpKind,
  IxcCredentials,
  SgpCredentials,
} from '../contract';
import { type Env, providerPrivateOrigins } from '../env';
import { createErpTools } from '../erp';
import type { ErpConnectionConfig } from '../erp/tools';
import { AppError } from '../errors';
import { type Database, inTenant, type Tx } from './db';
import { openJson, sealJson } from './secret-box';

export interface ErpConnection {
  kind: ErpKind;
  baseUrl: string;
  /** IXC: { user, token }; SGP: { token, app }. Decrypted: keep it out of logs, events and responses. */
  credentials: Record<string, string>;
}

type ErpRow = typeof erpConnections.$inferSelect;

const aad = (tenantId: string) => `erp:${tenantId}`;
const CREDENTIALS: Record<ErpKind, z.ZodType<Record<string, string>>> = {
  ixc: IxcCredentials,
  sgp: SgpCredentials,
};

/** A base URL the ERP adapter's every call would be refused at: said up front, with nothing stored. */
export function assertErpBaseUrl(env: Env, baseUrl: string): void {
  const problem = baseUrlProblem(baseUrl, providerPrivateOrigins(env));
  if (!problem) return;
  throw new AppError('validation_failed', 'Invalid body', [
    { path: 'baseUrl', message: `Endereço do ERP não permitido (ERP address not allowed): ${problem}` },
  ]);
}

/** No trailing slash: adapters append their own paths (`/webservice/v1/…`, `/api/ura/…`). */
function normaliseBaseUrl(raw: string): string {
  return raw.replace(/\/+$/, '');
}

async function rowOf(tx: Tx, tenantId: string): Promise<ErpRow | null> {
  const [row] = await tx.select().from(erpConnections).where(eq(erpConnections.tenantId, tenantId)).limit(1);
  return row ?? null;
}

async function openRow(env: Env, row: ErpRow): Promise<ErpConnection> {
  const credentials = CREDENTIALS[row.kind].parse(
    await openJson(env.CHANNEL_SECRETS_KEY, row.credentials, aad(row.tenantId)),
  );
  return { kind: row.kind, baseUrl: row.baseUrl, credentials };
}

/** The tenant's ERP connection, decrypted, or null when none is configured. For the bot runtime. */
export async function loadErpConnection(
  db: Database,
  env: Env,
  tenantId: string,
): Promise<ErpConnection | null> {
  const row = await inTenant(db, tenantId, (tx) => rowOf(tx, tenantId));
  return row ? openRow(env, row) : null;
}

/** What the ERP adapters need, from a connection: this deployment's allowed private origins, the fetch. */
export function erpConfigOf(env: Env, connection: ErpConnection): ErpConnectionConfig {
  return {
    kind: connection.kind,
    baseUrl: connection.baseUrl,
    credentials: connection.credentials,
    privateOrigins: providerPrivateOrigins(env),
    fetch: globalThis.fetch.bind(globalThis),
  };
}

export interface ErpTestOutcome {
  ok: boolean;
  detail: string;
  code: ErpErrorCode | null;
}

/**
 * The adapters' failure in words an admin can act on: refused credentials said as such (the adapters report
 * them as erp_unavailable, right for the bot, misleading on a settings screen), else the ERP's or our message
 * with the adapter's detail (HTTP status, "timeout"…: never a secret, by the tool contract).
 */
function adminDetail(error: { message: string; detail?: string }): string {
  if (error.detail && /credentials refused/i.test(error.detail)) {
    return `Credenciais recusadas pelo ERP (${error.detail})`;
  }
  return error.detail ? `${error.message} [${error.detail}]` : error.message;
}

/** "Test connection": the adapter's cheap authenticated read. Never throws; an adapter bug is a failure too. */
export async function testErpConnection(env: Env, connection: ErpConnection): Promise<ErpTestOutcome> {
  try {
    const result = await createErpTools(erpConfigOf(env, connection)).testConnection();
    if (result.ok) return { ok: true, detail: result.value.detail, code: null };
    return { ok: false, detail: adminDetail(result.error), code: result.error.code };
  } catch {
    return {
      ok: false,
      detail: 'O ERP não respondeu como esperado (unexpected ERP answer)',
      code: 'erp_unavailable',
    };
  }
}

export function erpConnectionView(row: ErpRow): ErpConnectionView {
  return {
    kind: row.kind,
    baseUrl: row.baseUrl,
    // Every field of the kind is required when the row is written, so all of them are set.
    credentialsSet: [...ERP_CREDENTIAL_FIELDS[row.kind]],
    lastTestAt: row.lastTestAt?.toISOString() ?? null,
    lastTestOk: row.lastTestOk,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getErpConnectionView(tx: Tx, tenantId: string): Promise<ErpConnectionView | null> {
  const row = await rowOf(tx, tenantId);
  return row ? erpConnectionView(row) : null;
}

/**
 * The connection a PUT asks for, credentials resolved: the request's own, else the stored ones when the kind
 * is unchanged; a new connection (or a new kind) must bring its credentials.
 */
export async function resolveErpRequest(
  tx: Tx,
  env: Env,
  tenantId: string,
  req: ErpConnectionRequest,
): Promise<ErpConnection> {
  assertErpBaseUrl(env, req.baseUrl);
  const baseUrl = normaliseBaseUrl(req.baseUrl);
  if (req.credentials) return { kind: req.kind, baseUrl, credentials: req.credentials };
  const stored = await rowOf(tx, tenantId);
  if (!stored || stored.kind !== req.kind) {
    throw new AppError('validation_failed', 'Invalid body', [
      {
        path: 'credentials',
        message: 'Informe as credenciais do ERP (the ERP credentials are required)',
      },
    ]);
  }
  return { kind: req.kind, baseUrl, credentials: (await openRow(env, stored)).credentials };
}

/** Stores (inserts or replaces) the tenant's connection; `test` records a test that just ran on it. */
export async function storeErpConnection(
  tx: Tx,
  env: Env,
  tenantId: string,
  connection: ErpConnection,
  by: string,
  test: { at: Date; ok: boolean } | null,
): Promise<ErpConnectionView> {
  const values = {
    kind: connection.kind,
    baseUrl: connection.baseUrl,
    credentials: await sealJson(env.CHANNEL_SECRETS_KEY, connection.credentials, aad(tenantId)),
    // A changed connection's old test result says nothing about the new one.
    lastTestAt: test?.at ?? null,
    lastTestOk: test?.ok ?? null,
    updatedBy: by,
    updatedAt: new Date(),
  };
  const [row] = await tx
    .insert(erpConnections)
    .values({ tenantId, ...values })
    .onConflictDoUpdate({ target: erpConnections.tenantId, set: values })
    .returning();
  if (!row) throw new Error('erp connection upsert returned nothing');
  return erpConnectionView(row);
}

/** Records the outcome of "test connection" on the stored row. */
export async function recordErpTest(tx: Tx, tenantId: string, at: Date, ok: boolean): Promise<void> {
  await tx
    .update(erpConnections)
    .set({ lastTestAt: at, lastTestOk: ok })
    .where(eq(erpConnections.tenantId, tenantId));
}

/** Removes the connection; the removed row's kind and base URL (for the audit entry), or null if none. */
export async function deleteErpConnection(
  tx: Tx,
  tenantId: string,
): Promise<{ kind: ErpKind; baseUrl: string } | null> {
  const [gone] = await tx
    .delete(erpConnections)
    .where(eq(erpConnections.tenantId, tenantId))
    .returning({ kind: erpConnections.kind, baseUrl: erpConnections.baseUrl });
  return gone ?? null;
}
