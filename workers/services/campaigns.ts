// Campaigns over Postgres: create (the template checked against the synced, approved one; the schedule in the
// future), edit and delete drafts, read with recipient counts, and start (the audience becomes recipients,
// then the campaign's object takes over: schedule, quiet hours, tier, pacing). Pause, resume and cancel are
// the object's too; this module only asks it. The signatures of createCampaign, readCampaign and
// startCampaign are fixed for callers (outages, the public API).
import { and, eq } from 'drizzle-orm';
import { campaigns } from '../../drizzle/schema';
import type { CampaignControl } from '../../durable-objects/campaign/rpc';
import { canonicalPhone } from '../channels/phone';
import type {
  AudienceFilter,
  CampaignKind,
  CampaignTemplate,
  CampaignView,
  CreateCampaignRequest,
  UpdateCampaignRequest,
} from '../contract';
import type { Env } from '../env';
import { AppError } from '../errors';
import { type AuditActor, recordAudit } from './audit';
import {
  attributeKeyProblem,
  audienceCondition,
  audiencePage,
  contactIdsCondition,
} from './campaign-audience';
import { type CampaignShape, insertRecipients, skipNewlySuppressed } from './campaign-recipients';
import { campaignChannel, checkSchedule, checkTemplates, invalid } from './campaign-templates';
import { type CampaignRow, campaignRow, campaignView, recipientCounts } from './campaign-view';
import { campaignObjectName } from './conversation-names';
import { type Databases, inTenant, type Queryable } from './db';

/** What creating a campaign needs beyond the request: who, and (for outage notices) the outage. */
export interface CampaignOrigin {
  /** The user who created it, or null for an API key / the system. */
  by: string | null;
  kind?: CampaignKind;
  outageId?: string | null;
  /** Recipients given directly (an outage's affected contacts), instead of or beside the filter. */
  contactIds?: readonly string[];
  /** How the audit log names the actor (an agent's name, an API key's prefix); derived from `by` otherwise. */
  actor?: AuditActor;
}

function actorOf(by: string | null, actor?: AuditActor): AuditActor {
  return actor ?? (by ? { type: 'user', id: by } : { type: 'system' });
}

function checkFilter(filter: AudienceFilter | null | undefined): void {
  const issues = Object.keys(filter?.attributes ?? {}).flatMap((key) => {
    const problem = attributeKeyProblem(key);
    return problem ? [{ path: `filter.attributes.${key}`, message: problem }] : [];
  });
  const { lastContactAfter: after, lastContactBefore: before } = filter ?? {};
  if (after && before && Date.parse(after) >= Date.parse(before)) {
    issues.push({ path: 'filter.lastContactAfter', message: 'must be before lastContactBefore' });
  }
  if (issues.length > 0) throw invalid(issues);
}

/** Everything a draft's fields must satisfy together, before anything is stored. */
async function checkDraft(
  tx: Queryable,
  tenantId: string,
  d: {
    channelId: string;
    templates: CampaignTemplate[];
    filter: AudienceFilter | null;
    scheduledAt: string | null;
  },
): Promise<void> {
  checkSchedule(d.scheduledAt);
  checkFilter(d.filter);
  if (d.filter?.channelId)
    await campaignChannel(tx, tenantId, d.filter.channelId).catch(() => {
      throw invalid([{ path: 'filter.channelId', message: 'not a WhatsApp number of this account' }]);
    });
  await campaignChannel(tx, tenantId, d.channelId);
  await checkTemplates(tx, tenantId, d.channelId, d.templates);
}

async function viewOf(tx: Queryable, tenantId: string, row: CampaignRow): Promise<CampaignView> {
  return campaignView(row, await recipientCounts(tx, tenantId, row.id));
}

/** Creates a draft campaign; 400 (AppError 'validation_failed') with details when the template does not fit. */
export async function createCampaign(
  _env: Env,
  dbs: Databases,
  tenantId: string,
  request: CreateCampaignRequest,
  origin: CampaignOrigin,
): Promise<CampaignView> {
  const kind = origin.kind ?? request.kind;
  return inTenant(dbs.primary, tenantId, async (tx) => {
    await checkDraft(tx, tenantId, request);
    const [row] = await tx
      .insert(campaigns)
      .values({
        tenantId,
        name: request.name,
        kind,
        channelId: request.channelId,
        templates: request.templates,
        splitPercent: request.templates.length > 1 ? request.splitPercent : 100,
        audience: { filter: request.filter, csv: false, contactIds: origin.contactIds ?? [] },
        scheduledAt: request.scheduledAt ? new Date(request.scheduledAt) : null,
        quietHours: request.quietHours,
        outageId: origin.outageId ?? null,
        createdBy: origin.by,
      })
      .returning();
    if (!row) throw new Error('campaign insert returned nothing');
    await recordAudit(tx, tenantId, {
      action: 'campaign.created',
      actor: actorOf(origin.by, origin.actor),
      target: { type: 'campaign', id: row.id },
      details: { name: row.name, kind, templates: request.templates.map((t) => t.name) },
    });
    return viewOf(tx, tenantId, row);
  });
}

/** The campaign with its counts, or null when it is not this tenant's. */
export async function readCampaign(
  _env: Env,
  dbs: Databases,
  tenantId: string,
  campaignId: string,
): Promise<CampaignView | null> {
  return inTenant(dbs.primary, tenantId, async (tx) => {
    const row = await campaignRow(tx, tenantId, campaignId);
    return row ? viewOf(tx, tenantId, row) : null;
  });
}

async function draftRow(tx: Queryable, tenantId: string, campaignId: string): Promise<CampaignRow> {
  const row = await campaignRow(tx, tenantId, campaignId);
  if (!row) throw new AppError('not_found', 'Campaign not found');
  if (row.status !== 'draft')
    throw new AppError('conflict', `The campaign is ${row.status}; only a draft changes`);
  return row;
}

/** Changes a draft; the whole result is checked as at create (a new channel re-checks the templates). */
export async function updateDraft(
  dbs: Databases,
  tenantId: string,
  campaignId: string,
  change: UpdateCampaignRequest,
): Promise<CampaignView> {
  return inTenant(dbs.primary, tenantId, async (tx) => {
    const row = await draftRow(tx, tenantId, campaignId);
    const audience = row.audience as { filter: AudienceFilter | null; csv: boolean };
    const next = {
      channelId: change.channelId ?? row.channelId,
      templates: change.templates ?? (row.templates as CampaignTemplate[]),
      filter: change.filter === undefined ? audience.filter : change.filter,
      scheduledAt:
        change.scheduledAt === undefined ? (row.scheduledAt?.toISOString() ?? null) : change.scheduledAt,
    };
    // An unchanged schedule that has since passed is not the edit's fault: only a new one is checked.
    await checkDraft(tx, tenantId, { ...next, scheduledAt: change.scheduledAt ?? null });
    const [updated] = await tx
      .update(campaigns)
      .set({
        ...(change.name !== undefined ? { name: change.name } : {}),
        channelId: next.channelId,
        templates: next.templates,
        splitPercent:
          next.templates.length > 1
            ? (change.splitPercent ?? (row.splitPercent === 100 ? 50 : row.splitPercent))
            : 100,
        audience: { ...audience, filter: next.filter },
        scheduledAt: next.scheduledAt ? new Date(next.scheduledAt) : null,
        ...(change.quietHours !== undefined ? { quietHours: change.quietHours } : {}),
      })
      .where(and(eq(campaigns.id, campaignId), eq(campaigns.status, 'draft')))
      .returning();
    if (!updated) throw new AppError('conflict', 'The campaign is no longer a draft');
    return viewOf(tx, tenantId, updated);
  });
}

/** Deletes a draft and its imported recipients. */
export async function deleteDraft(
  dbs: Databases,
  tenantId: string,
  campaignId: string,
  actor: AuditActor,
): Promise<void> {
  await inTenant(dbs.primary, tenantId, async (tx) => {
    const row = await draftRow(tx, tenantId, campaignId);
    await tx.delete(campaigns).where(and(eq(campaigns.id, campaignId), eq(campaigns.status, 'draft')));
    await recordAudit(tx, tenantId, {
      action: 'campaign.deleted',
      actor,
      target: { type: 'campaign', id: campaignId },
      details: { name: row.name },
    });
  });
}

const PAGE = 1000;

function shapeOf(row: CampaignRow): CampaignShape {
  return {
    id: row.id,
    kind: row.kind === 'utility' ? 'utility' : 'marketing',
    templates: row.templates as CampaignTemplate[],
    splitPercent: row.splitPercent,
  };
}

/**
 * The filter's contacts and the origin's contact ids become recipients (ON CONFLICT on campaign × phone, so a
 * second run adds nobody twice); suppressed ones are skipped as opted_out. Returns the recipients' total.
 */
export async function materialiseRecipients(
  tx: Queryable,
  tenantId: string,
  row: CampaignRow,
): Promise<number> {
  const shape = shapeOf(row);
  const audience = row.audience as { filter: AudienceFilter | null; csv: boolean; contactIds?: string[] };
  const sources = [
    // No filter, no CSV and no ids: the empty filter, every contact with a phone.
    ...(audience.filter || (!audience.csv && !audience.contactIds?.length)
      ? [audienceCondition(tenantId, audience.filter)]
      : []),
    ...(audience.contactIds?.length ? [contactIdsCondition(tenantId, audience.contactIds)] : []),
  ];
  for (const condition of sources) {
    let after: string | null = null;
    for (;;) {
      const page = await audiencePage(tx, condition, after, PAGE);
      if (page.length === 0) break;
      const people = page.flatMap((c) => {
        const phone = canonicalPhone(c.phone);
        return phone ? [{ contactId: c.id, phone, name: c.name, attributes: c.attributes, csv: null }] : [];
      });
      await insertRecipients(tx, tenantId, shape, people);
      after = page.at(-1)?.id ?? null;
    }
  }
  await skipNewlySuppressed(tx, tenantId, shape);
  return (await recipientCounts(tx, tenantId, row.id)).counts.total;
}

async function askObject(env: Env, control: CampaignControl): Promise<void> {
  const stub = env.CAMPAIGNS.getByName(campaignObjectName(control.tenantId, control.campaignId));
  const result = await stub.control(control);
  if (!result.ok) throw new AppError(result.code, result.message);
}

/** Materialises the audience into recipients and starts (or schedules) sending. */
export async function startCampaign(
  env: Env,
  dbs: Databases,
  tenantId: string,
  campaignId: string,
  by: string | null,
): Promise<CampaignView> {
  return startCampaignAs(env, dbs, tenantId, campaignId, actorOf(by));
}

/** startCampaign with the audit log's name for the actor. */
export async function startCampaignAs(
  env: Env,
  dbs: Databases,
  tenantId: string,
  campaignId: string,
  actor: AuditActor,
): Promise<CampaignView> {
  const row = await inTenant(dbs.primary, tenantId, async (tx) => {
    const row = await campaignRow(tx, tenantId, campaignId);
    if (!row) throw new AppError('not_found', 'Campaign not found');
    if (row.status !== 'draft') return row; // started already: the object answers for what it is doing
    await campaignChannel(tx, tenantId, row.channelId);
    await checkTemplates(tx, tenantId, row.channelId, row.templates as CampaignTemplate[]);
    const total = await materialiseRecipients(tx, tenantId, row);
    if (total === 0)
      throw invalid([{ path: 'audience', message: 'the audience has no contact with a phone' }]);
    return row;
  });
  await askObject(env, {
    tenantId,
    campaignId,
    action: 'start',
    by: actor.type === 'user' ? (actor.id ?? null) : null,
  });
  await inTenant(dbs.primary, tenantId, (tx) =>
    recordAudit(tx, tenantId, {
      action: 'campaign.started',
      actor,
      target: { type: 'campaign', id: campaignId },
      details: { name: row.name },
    }),
  );
  return (await readCampaign(env, dbs, tenantId, campaignId)) as CampaignView;
}

const AUDITED = {
  pause: 'campaign.paused',
  resume: 'campaign.resumed',
  cancel: 'campaign.cancelled',
} as const;

/** Pause, resume or cancel: the campaign's object decides and moves the status; audited here. */
export async function controlCampaign(
  env: Env,
  dbs: Databases,
  tenantId: string,
  campaignId: string,
  action: 'pause' | 'resume' | 'cancel',
  actor: AuditActor,
): Promise<CampaignView> {
  const row = await inTenant(dbs.primary, tenantId, (tx) => campaignRow(tx, tenantId, campaignId));
  if (!row) throw new AppError('not_found', 'Campaign not found');
  if (row.status === 'draft') throw new AppError('conflict', 'A draft has not started; delete it instead');
  await askObject(env, {
    tenantId,
    campaignId,
    action,
    by: actor.type === 'user' ? (actor.id ?? null) : null,
  });
  await inTenant(dbs.primary, tenantId, (tx) =>
    recordAudit(tx, tenantId, {
      action: AUDITED[action],
      actor,
      target: { type: 'campaign', id: campaignId },
      details: { name: row.name },
    }),
  );
  return (await readCampaign(env, dbs, tenantId, campaignId)) as CampaignView;
}
