// The tenant's service settings (CSAT, auto-close, after-hours notice, grace after a close, default capacity)
// and its opening hours, as the admin screen reads and writes them. Stored as JSON on the tenant row; the
// read is lenient (readServiceSettings) so an older stored shape never breaks the screen, the write is the
// contract's strict shape, already checked at the boundary.
import { sql } from 'drizzle-orm';
import {
  BusinessHours,
  readServiceSettings,
  type ServiceSettingsResponse,
  type UpdateServiceSettingsRequest,
} from '../contract';
import { AppError } from '../errors';
import type { Tx } from './db';

/** Stored hours that no longer parse read as "always open" (null), as the routing side reads them. */
function storedHours(raw: unknown): BusinessHours | null {
  if (raw === null || raw === undefined) return null;
  const parsed = BusinessHours.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export async function loadServiceSettings(tx: Tx, tenantId: string): Promise<ServiceSettingsResponse> {
  const r = await tx.execute<{ timezone: string; service_settings: unknown; business_hours: unknown }>(
    sql`select timezone, service_settings, business_hours from tenants where id = ${tenantId}::uuid`,
  );
  const row = r.rows[0];
  if (!row) throw new AppError('not_found', 'Tenant not found');
  return {
    settings: readServiceSettings(row.service_settings),
    businessHours: storedHours(row.business_hours),
    timezone: row.timezone,
  };
}

/** Writes what the request carries (settings whole, hours whole or null) and answers the stored result. */
export async function updateServiceSettings(
  tx: Tx,
  tenantId: string,
  req: UpdateServiceSettingsRequest,
): Promise<ServiceSettingsResponse> {
  if (req.settings !== undefined) {
    await tx.execute(
      sql`update tenants set service_settings = ${JSON.stringify(req.settings)}::jsonb where id = ${tenantId}::uuid`,
    );
  }
  if (req.businessHours !== undefined) {
    const hours = req.businessHours === null ? null : JSON.stringify(req.businessHours);
    await tx.execute(sql`update tenants set business_hours = ${hours}::jsonb where id = ${tenantId}::uuid`);
  }
  return loadServiceSettings(tx, tenantId);
}

/** What an update changed, for the audit entry: the setting groups and whether the hours moved. */
export function serviceChanges(
  before: ServiceSettingsResponse,
  after: ServiceSettingsResponse,
): Record<string, unknown> {
  const settings = (Object.keys(after.settings) as (keyof ServiceSettingsResponse['settings'])[]).filter(
    (k) => JSON.stringify(before.settings[k]) !== JSON.stringify(after.settings[k]),
  );
  const hours = JSON.stringify(before.businessHours) !== JSON.stringify(after.businessHours);
  return {
    service: settings,
    ...(hours ? { businessHours: after.businessHours === null ? 'always_open' : 'changed' } : {}),
  };
}
