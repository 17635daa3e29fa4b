// Writes to the append-only audit log. Call inside the same tenant transaction as the change it records,
// so a change and its audit entry commit together (or not at all).
import type { Context } from 'hono';
import { auditLog } from '../../drizzle/schema';
import type { AppEnv } from '../app-env';
import type { AuditAction, AuditActorType } from '../contract';
import { cleanDeep } from '../contract';
import type { Queryable } from './db';

export interface AuditActor {
  type: AuditActorType;
  id?: string | null;
  /** Who it was at the time: an e-mail, a name, an API key's visible prefix. */
  label?: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  actor: AuditActor;
  target?: { type: string; id: string } | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Appends one entry. `tx` must be scoped to `tenantId` (inTenant), which RLS checks on insert. */
export async function recordAudit(tx: Queryable, tenantId: string, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    tenantId,
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    actorLabel: entry.actor.label ?? null,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    ip: entry.ip ?? null,
    details: cleanDeep(entry.details ?? {}) as Record<string, unknown>,
  });
}

/** The client's address as Cloudflare reports it (absent locally unless a test sets the header). */
export function clientIp(c: Context<AppEnv>): string | null {
  return c.req.header('cf-connecting-ip') ?? null;
}

/** The signed-in agent behind a request, as an audit actor. */
export function agentActor(c: Context<AppEnv>): AuditActor {
  const agent = c.var.agent;
  return { type: 'user', id: agent.sub, label: agent.name };
}
