// The tenant's own settings (name, time zone for every date shown, default language, who must use 2FA), read and changed
// through the tenants row that RLS lets a tenant transaction see: its own.
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { tenants } from '../../drizzle/schema';
import { Locale, type TenantSettings, type UpdateTenantSettingsRequest } from '../contract';
import type { Tx } from './db';

type TenantRow = typeof tenants.$inferSelect;

function settingsView(row: TenantRow): TenantSettings {
  // The column is free text; anything unexpected reads as the product's default language.
  const locale = Locale.safeParse(row.locale);
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timezone: row.timezone,
    locale: locale.success ? locale.data : 'pt-BR',
    twoFactorPolicy: row.require2fa,
  };
}

export async function loadTenantSettings(tx: Tx, tenantId: string): Promise<TenantSettings> {
  const [row] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  if (!row) throw new Error('tenant transaction sees no tenant row');
  return settingsView(row);
}

export async function updateTenantSettings(
  tx: Tx,
  tenantId: string,
  change: z.infer<typeof UpdateTenantSettingsRequest>,
): Promise<TenantSettings> {
  const { twoFactorPolicy, ...rest } = change;
  const columns = twoFactorPolicy === undefined ? rest : { ...rest, require2fa: twoFactorPolicy };
  const [row] = await tx.update(tenants).set(columns).where(eq(tenants.id, tenantId)).returning();
  if (!row) throw new Error('tenant transaction sees no tenant row');
  return settingsView(row);
}

/** What an update changed, field by field ({field: {from, to}}), for the audit entry. */
export function settingsChanges(before: TenantSettings, after: TenantSettings): Record<string, unknown> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as (keyof TenantSettings)[]) {
    if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
  }
  return { changes };
}
