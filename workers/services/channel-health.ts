// A number's health as admins see it: the limiter object decides when a number turns unhealthy or heals;
// this records the change on the channel row and as an alert (the tenant inbox shows alerts to admins).
import { and, eq } from 'drizzle-orm';
import { channelAlerts, channels } from '../../drizzle/schema';
import type { Env } from '../env';
import { inTenant, openDatabases } from './db';
import { log } from './log';

export interface HealthChange {
  status: 'healthy' | 'unhealthy';
  tokenValid: boolean;
  reason: string;
}

export async function recordHealthChange(
  env: Env,
  tenantId: string,
  channelId: string,
  change: HealthChange,
): Promise<void> {
  log(change.status === 'unhealthy' ? 'warn' : 'info', 'channel health changed', {
    tenantId,
    channelId,
    ...change,
  });
  const dbs = openDatabases(env);
  try {
    await inTenant(dbs.primary, tenantId, async (tx) => {
      await tx
        .update(channels)
        .set({
          healthStatus: change.status,
          healthReason: change.reason,
          healthChangedAt: new Date(),
          tokenValid: change.tokenValid,
        })
        .where(and(eq(channels.id, channelId), eq(channels.tenantId, tenantId)));
      await tx
        .insert(channelAlerts)
        .values({ tenantId, channelId, status: change.status, reason: change.reason });
    });
  } finally {
    await dbs.close();
  }
}

/** Human-readable reason for a health report, for the alert row and the admin screen. */
export function healthReason(report: {
  status: 'healthy' | 'unhealthy';
  tokenValid: boolean;
  errorRate: number;
  sent: number;
  lastError: { code: number | null } | null;
}): string {
  if (report.status === 'healthy') return 'sending normally';
  if (!report.tokenValid) return 'access token is invalid or expired (Graph error 190)';
  const pct = Math.round(report.errorRate * 100);
  return `${pct}% of the last ${report.sent} sends failed (last error ${report.lastError?.code ?? 'timeout/network'})`;
}
