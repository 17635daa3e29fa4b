// The tenant's bot flow as versions: every save is a new draft row (checked first; a refused flow stores
// nothing), publishing one retires the live one in the same transaction (the partial unique index keeps at
// most one published), and rolling back is publishing an older version again: the same row goes live once
// more (its publishedAt becomes the restore's time; the audit log keeps every publish, in order). Versions are
// history: never edited, never deleted. The bot runtime reads the live one with loadPublishedFlow.
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { botFlowVersions, users } from '../../drizzle/schema';
import { BotFlow, type FlowVersionSummary, type FlowVersionView } from '../contract';
import { AppError } from '../errors';
import { type AuditActor, recordAudit } from './audit';
import { checkTenantFlow } from './bot-flow-check';
import { type Database, inTenant, type Tx } from './db';
import { log } from './log';
import { isUniqueViolation } from './pg-errors';

export const ONE_PUBLISHED_INDEX = 'bot_flow_versions_one_published_key';
const VERSION_KEY = 'bot_flow_versions_tenant_id_version_pk';

/** The live flow of a tenant, for the bot runtime; null when none is published. */
export async function loadPublishedFlow(
  db: Database,
  tenantId: string,
): Promise<{ version: number; flow: BotFlow } | null> {
  const rows = await inTenant(db, tenantId, (tx) =>
    tx
      .select({ version: botFlowVersions.version, definition: botFlowVersions.definition })
      .from(botFlowVersions)
      .where(and(eq(botFlowVersions.tenantId, tenantId), eq(botFlowVersions.state, 'published'))),
  );
  const row = rows[0];
  if (!row) return null;
  // Stored only after the checker passed it; a flow that no longer parses (a contract change without a
  // migration) must not crash the bot: the tenant runs without a flow and the log says why.
  const parsed = BotFlow.safeParse(row.definition);
  if (!parsed.success) {
    log('error', 'published bot flow does not parse; running without a flow', {
      tenantId,
      version: row.version,
    });
    return null;
  }
  return { version: row.version, flow: parsed.data };
}

const summaryColumns = {
  version: botFlowVersions.version,
  state: botFlowVersions.state,
  createdAt: botFlowVersions.createdAt,
  publishedAt: botFlowVersions.publishedAt,
  createdById: users.id,
  createdByName: users.name,
};
type SummaryRow = {
  version: number;
  state: 'draft' | 'published' | 'retired';
  createdAt: Date;
  publishedAt: Date | null;
  createdById: string | null;
  createdByName: string | null;
};

function summaryView(row: SummaryRow): FlowVersionSummary {
  return {
    version: row.version,
    state: row.state,
    createdAt: row.createdAt.toISOString(),
    createdBy:
      row.createdById && row.createdByName !== null ? { id: row.createdById, name: row.createdByName } : null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

const creator = (tenantId: string) =>
  and(eq(users.id, botFlowVersions.createdBy), eq(users.tenantId, tenantId));
const own = (tenantId: string, version: number) =>
  and(eq(botFlowVersions.tenantId, tenantId), eq(botFlowVersions.version, version));

/** Every version, newest first (a flow has tens of versions, not thousands: no paging). */
export async function listFlowVersions(tx: Tx, tenantId: string): Promise<FlowVersionSummary[]> {
  const rows = await tx
    .select(summaryColumns)
    .from(botFlowVersions)
    .leftJoin(users, creator(tenantId))
    .where(eq(botFlowVersions.tenantId, tenantId))
    .orderBy(desc(botFlowVersions.version));
  return rows.map(summaryView);
}

export async function getFlowVersion(tx: Tx, tenantId: string, version: number): Promise<FlowVersionView> {
  const [row] = await tx
    .select({ ...summaryColumns, definition: botFlowVersions.definition })
    .from(botFlowVersions)
    .leftJoin(users, creator(tenantId))
    .where(own(tenantId, version));
  if (!row) throw new AppError('not_found', 'Flow version not found');
  // A version stored before a contract change may no longer parse: shown as stored (the editor's check
  // then says what to fix) rather than a 500 that would hide the history.
  const parsed = BotFlow.safeParse(row.definition);
  if (!parsed.success) log('warn', 'stored bot flow version does not parse', { tenantId, version });
  return { ...summaryView(row), flow: parsed.success ? parsed.data : (row.definition as BotFlow) };
}

function refuse(issues: { stepId: string | null; path: string; message: string }[]): never {
  throw new AppError('flow_invalid', 'The flow has problems; nothing was saved', { issues });
}

/** Checks and stores a new draft; a flow with any issue is refused (422) and nothing is written. */
export async function saveFlowDraft(
  tx: Tx,
  tenantId: string,
  input: unknown,
  actor: AuditActor,
): Promise<FlowVersionSummary> {
  const checked = await checkTenantFlow(tx, tenantId, input);
  if (!checked.ok) refuse(checked.issues);
  const [next] = await tx
    .select({ version: sql<number>`coalesce(max(${botFlowVersions.version}), 0) + 1` })
    .from(botFlowVersions)
    .where(eq(botFlowVersions.tenantId, tenantId));
  const version = Number(next?.version ?? 1);
  const [row] = await tx
    .insert(botFlowVersions)
    .values({ tenantId, version, definition: checked.flow, state: 'draft', createdBy: actor.id ?? null })
    .returning({ version: botFlowVersions.version });
  if (!row) throw new Error('flow version insert returned nothing');
  await recordAudit(tx, tenantId, {
    action: 'bot_flow.saved',
    actor,
    target: { type: 'bot_flow', id: String(version) },
    details: { version, name: checked.flow.name, steps: checked.flow.steps.length },
  });
  return (await listFlowVersions(tx, tenantId)).find((v) => v.version === version) as FlowVersionSummary;
}

/** A save or publish that raced another one of the same tenant (same number, two published): 409, try again. */
export function flowRaced(err: unknown): never {
  if (isUniqueViolation(err, VERSION_KEY) || isUniqueViolation(err, ONE_PUBLISHED_INDEX)) {
    throw new AppError('conflict', 'Another change to the flow happened at the same time; try again');
  }
  throw err;
}

/**
 * Makes `version` the live flow: the published one becomes retired, this one published, one transaction.
 * A draft goes live for the first time; a retired one is a roll back. It is checked again first (a team it
 * names may have been deleted since). Publishing the live version again changes nothing.
 */
export async function publishFlowVersion(
  tx: Tx,
  tenantId: string,
  version: number,
  actor: AuditActor,
): Promise<FlowVersionSummary> {
  const [target] = await tx
    .select({ state: botFlowVersions.state, definition: botFlowVersions.definition })
    .from(botFlowVersions)
    .where(own(tenantId, version))
    .for('update');
  if (!target) throw new AppError('not_found', 'Flow version not found');
  if (target.state !== 'published') {
    const checked = await checkTenantFlow(tx, tenantId, target.definition);
    if (!checked.ok) refuse(checked.issues);
    const retired = await tx
      .update(botFlowVersions)
      .set({ state: 'retired' })
      .where(
        and(
          eq(botFlowVersions.tenantId, tenantId),
          eq(botFlowVersions.state, 'published'),
          ne(botFlowVersions.version, version),
        ),
      )
      .returning({ version: botFlowVersions.version });
    await tx
      .update(botFlowVersions)
      .set({ state: 'published', publishedAt: new Date() })
      .where(own(tenantId, version));
    await recordAudit(tx, tenantId, {
      action: 'bot_flow.published',
      actor,
      target: { type: 'bot_flow', id: String(version) },
      details: { version, previous: retired[0]?.version ?? null, restored: target.state === 'retired' },
    });
  }
  return (await listFlowVersions(tx, tenantId)).find((v) => v.version === version) as FlowVersionSummary;
}
