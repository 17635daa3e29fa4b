// Outages and planned maintenance over Postgres: list by state, create, read and resolve, each write audited
// in its transaction. The state is computed from the times (a maintenance starting later is `scheduled`, an
// unresolved one already started is `active`, `resolved_at` ends it), never stored, so it cannot go stale.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { outageConversations, outages } from '../../drizzle/schema';
import {
  type CreateOutageRequest,
  OutageArea,
  type OutageKind,
  type OutageState,
  type OutageView,
} from '../contract';
import { AppError } from '../errors';
import { type AuditActor, recordAudit } from './audit';
import type { Queryable } from './db';

type OutageRow = typeof outages.$inferSelect;

export function outageState(row: Pick<OutageRow, 'startsAt' | 'resolvedAt'>, now = new Date()): OutageState {
  if (row.resolvedAt) return 'resolved';
  return row.startsAt.getTime() > now.getTime() ? 'scheduled' : 'active';
}

function view(row: OutageRow, conversationCount: number): OutageView {
  const area = OutageArea.safeParse(row.area);
  return {
    id: row.id,
    kind: row.kind as OutageKind,
    title: row.title,
    area: area.success ? area.data : { cities: [], neighbourhoods: [], pops: [], contracts: [] },
    startsAt: row.startsAt.toISOString(),
    expectedEndAt: row.expectedEndAt?.toISOString() ?? null,
    message: row.message,
    state: outageState(row),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolutionMessage: row.resolutionMessage,
    noticeCampaignId: row.noticeCampaignId,
    resolutionCampaignId: row.resolutionCampaignId,
    conversationCount,
    createdAt: row.createdAt.toISOString(),
  };
}

const told = sql<number>`(select count(*)::int from outage_conversations oc where oc.outage_id = ${outages.id})`;

const STATE_WHERE: Record<OutageState, ReturnType<typeof sql>> = {
  resolved: sql`${outages.resolvedAt} is not null`,
  scheduled: sql`${outages.resolvedAt} is null and ${outages.startsAt} > now()`,
  active: sql`${outages.resolvedAt} is null and ${outages.startsAt} <= now()`,
};

/** Newest first; resolved ones are the long tail, so at most 200. Call inside `inTenant`. */
export async function listOutages(
  tx: Queryable,
  tenantId: string,
  state: OutageState | null,
): Promise<OutageView[]> {
  const rows = await tx
    .select({ row: outages, told })
    .from(outages)
    .where(and(eq(outages.tenantId, tenantId), state ? STATE_WHERE[state] : undefined))
    .orderBy(sql`${outages.startsAt} desc`)
    .limit(200);
  return rows.map((r) => view(r.row, Number(r.told)));
}

export async function readOutage(tx: Queryable, tenantId: string, id: string): Promise<OutageView | null> {
  const [r] = await tx
    .select({ row: outages, told })
    .from(outages)
    .where(and(eq(outages.tenantId, tenantId), eq(outages.id, id)));
  return r ? view(r.row, Number(r.told)) : null;
}

export async function requireOutage(tx: Queryable, tenantId: string, id: string): Promise<OutageView> {
  const found = await readOutage(tx, tenantId, id);
  if (!found) throw new AppError('not_found', 'Outage not found');
  return found;
}

export async function insertOutage(
  tx: Queryable,
  tenantId: string,
  req: CreateOutageRequest,
  actor: AuditActor,
  ids: { id: string; noticeCampaignId: string | null },
): Promise<OutageView> {
  const [row] = await tx
    .insert(outages)
    .values({
      id: ids.id,
      noticeCampaignId: ids.noticeCampaignId,
      tenantId,
      kind: req.kind,
      title: req.title,
      area: req.area,
      startsAt: new Date(req.startsAt),
      expectedEndAt: req.expectedEndAt ? new Date(req.expectedEndAt) : null,
      message: req.message,
      createdBy: actor.type === 'user' ? (actor.id ?? null) : null,
    })
    .returning();
  if (!row) throw new Error('outage insert returned nothing');
  await recordAudit(tx, tenantId, {
    action: 'outage.created',
    actor,
    target: { type: 'outage', id: row.id },
    details: { kind: req.kind, title: req.title, noticeCampaignId: ids.noticeCampaignId },
  });
  return view(row, 0);
}

/** Marks it resolved; 409 when it already was (a second click changes nothing and notifies nobody). */
export async function markResolved(
  tx: Queryable,
  tenantId: string,
  id: string,
  message: string,
  actor: AuditActor,
): Promise<OutageView> {
  const [row] = await tx
    .update(outages)
    .set({ resolvedAt: new Date(), resolutionMessage: message })
    .where(and(eq(outages.tenantId, tenantId), eq(outages.id, id), isNull(outages.resolvedAt)))
    .returning();
  if (!row) {
    await requireOutage(tx, tenantId, id);
    throw new AppError('conflict', 'This outage is already resolved');
  }
  await recordAudit(tx, tenantId, {
    action: 'outage.resolved',
    actor,
    target: { type: 'outage', id },
    details: { title: row.title },
  });
  return (await readOutage(tx, tenantId, id)) as OutageView;
}

/** Stores the notice or resolution campaign sent for an outage. */
export async function setOutageCampaign(
  tx: Queryable,
  tenantId: string,
  id: string,
  which: 'notice' | 'resolution',
  campaignId: string,
): Promise<void> {
  await tx
    .update(outages)
    .set(which === 'notice' ? { noticeCampaignId: campaignId } : { resolutionCampaignId: campaignId })
    .where(and(eq(outages.tenantId, tenantId), eq(outages.id, id)));
}

/** The conversations (and their customers) the bot told about this outage. */
export async function toldAbout(tx: Queryable, tenantId: string, outageId: string) {
  return tx
    .select({ contactId: outageConversations.contactId, conversationId: outageConversations.conversationId })
    .from(outageConversations)
    .where(and(eq(outageConversations.tenantId, tenantId), eq(outageConversations.outageId, outageId)));
}
