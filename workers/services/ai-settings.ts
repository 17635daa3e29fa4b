// The tenant's LLM settings for the bot runtime (stand-in until the admin's AI settings service lands; same
// names): the key pool opened from its sealed form (bound to `ai:<tenant id>`), or null when never set.
import { eq } from 'drizzle-orm';
import { aiSettings } from '../../drizzle/schema';
import type { Env } from '../env';
import { type Database, inTenant } from './db';
import { openJson } from './secret-box';

export interface AiSettings {
  enabled: boolean;
  baseUrl: string;
  model: string;
  keys: string[];
  deadlineMs: number;
}

export async function loadAiSettings(db: Database, env: Env, tenantId: string): Promise<AiSettings | null> {
  const [row] = await inTenant(db, tenantId, (tx) =>
    tx.select().from(aiSettings).where(eq(aiSettings.tenantId, tenantId)).limit(1),
  );
  if (!row) return null;
  const keys = (await openJson(env.CHANNEL_SECRETS_KEY, row.keys, `ai:${tenantId}`)) as string[];
  return { enabled: row.enabled, baseUrl: row.baseUrl, model: row.model, keys, deadlineMs: row.deadlineMs };
}
