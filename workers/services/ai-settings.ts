// The tenant's LLM mode: an OpenAI-compatible endpoint, model, a pool of API keys and the per-reply deadline.
// The pool is one sealed JSON array bound to `ai:<tenant id>`; admins see only how many keys there are and
// each one's last four characters. The bot runtime reads it decrypted with loadAiSettings.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { aiSettings } from '../../drizzle/schema';
import { baseUrlProblem } from '../channels/egress';
import { AI_KEYS_MAX, type AiSettingsRequest, type AiSettingsView } from '../contract';
import { type Env, providerPrivateOrigins } from '../env';
import { AppError } from '../errors';
import { type Database, inTenant, type Tx } from './db';
import { openJson, sealJson } from './secret-box';

export interface AiSettings {
  enabled: boolean;
  baseUrl: string;
  model: string;
  /** Decrypted: keep them out of logs, events and responses. */
  keys: string[];
  deadlineMs: number;
}

type AiRow = typeof aiSettings.$inferSelect;

const aad = (tenantId: string) => `ai:${tenantId}`;
const SealedKeys = z.array(z.string().min(1)).max(AI_KEYS_MAX);

async function rowOf(tx: Tx, tenantId: string): Promise<AiRow | null> {
  const [row] = await tx.select().from(aiSettings).where(eq(aiSettings.tenantId, tenantId)).limit(1);
  return row ?? null;
}

async function keysOf(env: Env, row: AiRow): Promise<string[]> {
  return SealedKeys.parse(await openJson(env.CHANNEL_SECRETS_KEY, row.keys, aad(row.tenantId)));
}

/** The tenant's LLM settings, keys decrypted, or null when never configured. For the bot runtime. */
export async function loadAiSettings(db: Database, env: Env, tenantId: string): Promise<AiSettings | null> {
  const row = await inTenant(db, tenantId, (tx) => rowOf(tx, tenantId));
  if (!row) return null;
  return {
    enabled: row.enabled,
    baseUrl: row.baseUrl,
    model: row.model,
    keys: await keysOf(env, row),
    deadlineMs: row.deadlineMs,
  };
}

function viewOf(row: AiRow, keys: readonly string[]): AiSettingsView {
  return {
    enabled: row.enabled,
    baseUrl: row.baseUrl,
    model: row.model,
    deadlineMs: row.deadlineMs,
    keys: { count: keys.length, endings: keys.map((k) => k.slice(-4)) },
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getAiSettingsView(tx: Tx, env: Env, tenantId: string): Promise<AiSettingsView | null> {
  const row = await rowOf(tx, tenantId);
  return row ? viewOf(row, await keysOf(env, row)) : null;
}

function refuse(path: string, message: string): never {
  throw new AppError('validation_failed', 'Invalid body', [{ path, message }]);
}

/**
 * Saves the settings: `keys` replaces the pool when given, else the stored pool stays. Returns the view and
 * what changed (for the audit entry: names of fields, never a key).
 */
export async function saveAiSettings(
  tx: Tx,
  env: Env,
  tenantId: string,
  req: AiSettingsRequest,
  by: string,
): Promise<{ view: AiSettingsView; changed: string[] }> {
  const problem = baseUrlProblem(req.baseUrl, providerPrivateOrigins(env));
  if (problem) {
    refuse('baseUrl', `Endereço do modelo não permitido (model endpoint not allowed): ${problem}`);
  }
  const before = await rowOf(tx, tenantId);
  const storedKeys = before ? await keysOf(env, before) : [];
  const keys = req.keys ? [...new Set(req.keys)] : storedKeys;
  if (req.enabled && keys.length === 0) {
    refuse('keys', 'Informe ao menos uma chave para ligar a IA (at least one key to enable the AI)');
  }
  const baseUrl = req.baseUrl.replace(/\/+$/, '');
  const values = {
    enabled: req.enabled,
    baseUrl,
    model: req.model,
    keys: await sealJson(env.CHANNEL_SECRETS_KEY, keys, aad(tenantId)),
    deadlineMs: req.deadlineMs,
    updatedBy: by,
    updatedAt: new Date(),
  };
  const [row] = await tx
    .insert(aiSettings)
    .values({ tenantId, ...values })
    .onConflictDoUpdate({ target: aiSettings.tenantId, set: values })
    .returning();
  if (!row) throw new Error('ai settings upsert returned nothing');
  const changed = before
    ? [
        ...(before.enabled !== req.enabled ? ['enabled'] : []),
        ...(before.baseUrl !== baseUrl ? ['baseUrl'] : []),
        ...(before.model !== req.model ? ['model'] : []),
        ...(before.deadlineMs !== req.deadlineMs ? ['deadlineMs'] : []),
        ...(req.keys ? ['keys'] : []),
      ]
    : ['enabled', 'baseUrl', 'model', 'deadlineMs', 'keys'];
  return { view: viewOf(row, keys), changed };
}
