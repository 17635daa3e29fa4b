// What a tenant's admins read and do with their alerts: the list (open first, newest first within each), the
// count for the badge, and acknowledging one ("I saw it": it stays open until its condition clears).
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { alerts } from '../../drizzle/schema';
import {
  type AlertDetails,
  type AlertKind,
  type AlertListResponse,
  type AlertSeverity,
  type AlertView,
  alertMessage,
  alertTitle,
} from '../contract';
import { AppError } from '../errors';
import type { Tx } from '../services/db';

type AlertRow = typeof alerts.$inferSelect;

export function alertView(row: AlertRow): AlertView {
  const kind = row.kind as AlertKind;
  const details = (row.details ?? {}) as AlertDetails;
  return {
    id: row.id,
    kind,
    severity: row.severity as AlertSeverity,
    subject: row.subject,
    state: row.resolvedAt ? 'resolved' : 'open',
    details,
    title: alertTitle(kind),
    message: alertMessage(kind, details),
    openedAt: row.openedAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: row.acknowledgedBy,
  };
}

export async function listAlerts(
  tx: Tx,
  tenantId: string,
  opts: { state?: 'open' | 'all'; limit?: number },
): Promise<AlertListResponse> {
  const rows = await tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.tenantId, tenantId), opts.state === 'open' ? isNull(alerts.resolvedAt) : undefined))
    .orderBy(sql`(${alerts.resolvedAt} is null) desc`, desc(alerts.openedAt))
    .limit(opts.limit ?? 50);
  const [count] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(alerts)
    .where(and(eq(alerts.tenantId, tenantId), isNull(alerts.resolvedAt), isNull(alerts.acknowledgedAt)));
  return { alerts: rows.map(alertView), unacknowledged: count?.n ?? 0 };
}

/** Marks an alert seen by `userId` (the first acknowledgement is kept); another tenant's id is not found. */
export async function acknowledgeAlert(
  tx: Tx,
  tenantId: string,
  id: string,
  userId: string,
): Promise<AlertView> {
  await tx
    .update(alerts)
    .set({ acknowledgedAt: new Date(), acknowledgedBy: userId })
    .where(and(eq(alerts.id, id), eq(alerts.tenantId, tenantId), isNull(alerts.acknowledgedAt)));
  const [row] = await tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.id, id), eq(alerts.tenantId, tenantId)));
  if (!row) throw new AppError('not_found', 'Alert not found');
  return alertView(row);
}
