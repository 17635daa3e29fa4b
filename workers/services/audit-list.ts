// Reading the audit log: filters combined with AND, newest first, keyset pagination. The cursor is the id of
// the last entry of the previous page; its exact (at, id) is read back inside the tenant transaction, so a
// cursor from another tenant matches nothing (RLS hides its row) and microseconds are never rounded away.
import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { auditLog } from '../../drizzle/schema';
import { AuditAction, type AuditEntryView, type AuditListQuery, type AuditListResponse } from '../contract';
import type { Tx } from './db';

type Row = typeof auditLog.$inferSelect;

function view(row: Row): AuditEntryView {
  const action = AuditAction.safeParse(row.action);
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    // Rows are written only through recordAudit with a contract action; an unknown one would be a bug.
    action: action.success ? action.data : ('auth.sign_in' as const),
    targetType: row.targetType,
    targetId: row.targetId,
    ip: row.ip,
    details: row.details,
  };
}

export async function listAudit(tx: Tx, tenantId: string, q: AuditListQuery): Promise<AuditListResponse> {
  const after = q.cursor
    ? sql`(${auditLog.at}, ${auditLog.id}) < (select a.at, a.id from audit_log a
          where a.tenant_id = ${tenantId} and a.id = ${Number(q.cursor)})`
    : undefined;
  const rows = await tx
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, tenantId),
        q.action ? eq(auditLog.action, q.action) : undefined,
        q.actor ? eq(auditLog.actorId, q.actor) : undefined,
        q.target ? eq(auditLog.targetId, q.target) : undefined,
        q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
        q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
        after,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    entries: page.map(view),
    nextCursor: rows.length > q.limit && last ? String(last.id) : null,
  };
}
