// SLA policies: targets in business minutes per priority and optionally team and channel. The team and
// channel a policy names must be the tenant's own (RLS hides the others, so another tenant's id reads as
// unknown: 404, nothing stored). Every query names the tenant as well as running under RLS.
import { and, asc, eq, sql } from 'drizzle-orm';
import { channels, slaPolicies, teams } from '../../drizzle/schema';
import type { SlaPolicy, SlaPolicyInput } from '../contract';
import { AppError } from '../errors';
import type { Tx } from './db';

type PolicyRow = typeof slaPolicies.$inferSelect;

function policyView(row: PolicyRow): SlaPolicy {
  return {
    id: row.id,
    name: row.name,
    priority: row.priority as SlaPolicy['priority'],
    teamId: row.teamId,
    channelId: row.channelId,
    firstResponseMinutes: row.firstResponseMinutes,
    nextResponseMinutes: row.nextResponseMinutes,
    resolutionMinutes: row.resolutionMinutes,
  };
}

export async function listSlaPolicies(tx: Tx, tenantId: string): Promise<SlaPolicy[]> {
  const rows = await tx
    .select()
    .from(slaPolicies)
    .where(eq(slaPolicies.tenantId, tenantId))
    // The most urgent first (as the inbox lists tickets), "any priority" last, then by name.
    .orderBy(
      sql`${slaPolicies.priority} desc nulls last`,
      sql`lower(${slaPolicies.name})`,
      asc(slaPolicies.createdAt),
    );
  return rows.map(policyView);
}

/** The team and channel named must exist in this tenant: a 404 naming the field otherwise. */
async function checkScope(tx: Tx, tenantId: string, req: SlaPolicyInput): Promise<void> {
  if (req.teamId !== null) {
    const [team] = await tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.tenantId, tenantId), eq(teams.id, req.teamId)));
    if (!team)
      throw new AppError('not_found', 'Team not found', [{ path: 'teamId', message: 'Team not found' }]);
  }
  if (req.channelId !== null) {
    const [channel] = await tx
      .select({ id: channels.id })
      .from(channels)
      .where(and(eq(channels.tenantId, tenantId), eq(channels.id, req.channelId)));
    if (!channel)
      throw new AppError('not_found', 'Channel not found', [
        { path: 'channelId', message: 'Channel not found' },
      ]);
  }
}

export async function createSlaPolicy(tx: Tx, tenantId: string, req: SlaPolicyInput): Promise<SlaPolicy> {
  await checkScope(tx, tenantId, req);
  const [row] = await tx
    .insert(slaPolicies)
    .values({ tenantId, ...req })
    .returning();
  if (!row) throw new Error('SLA policy insert returned nothing');
  return policyView(row);
}

const own = (tenantId: string, id: string) => and(eq(slaPolicies.tenantId, tenantId), eq(slaPolicies.id, id));

/** Replaces the policy whole (every field of SlaPolicyInput), so a cleared team or target is really cleared. */
export async function updateSlaPolicy(
  tx: Tx,
  tenantId: string,
  id: string,
  req: SlaPolicyInput,
): Promise<SlaPolicy> {
  const [existing] = await tx.select({ id: slaPolicies.id }).from(slaPolicies).where(own(tenantId, id));
  if (!existing) throw new AppError('not_found', 'SLA policy not found');
  await checkScope(tx, tenantId, req);
  const [row] = await tx.update(slaPolicies).set(req).where(own(tenantId, id)).returning();
  if (!row) throw new AppError('not_found', 'SLA policy not found');
  return policyView(row);
}

export async function deleteSlaPolicy(tx: Tx, tenantId: string, id: string): Promise<SlaPolicy> {
  const [row] = await tx.delete(slaPolicies).where(own(tenantId, id)).returning();
  if (!row) throw new AppError('not_found', 'SLA policy not found');
  return policyView(row);
}
