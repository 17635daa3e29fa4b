// The proactive side of an outage: the notice to every affected customer and the resolution notice to those
// notified or told by the bot, each a utility campaign (consent category utility: a marketing opt-out does not
// silence it) created and started through the campaign service, so the limiter, the daily tier, the
// per-recipient state machine and at-most-once sending are the campaigns' and nowhere else.
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { campaignRecipients, contacts } from '../../drizzle/schema';
import type { CampaignView, CreateCampaignRequest, OutageArea, OutageNotify } from '../contract';
import type { Env } from '../env';
import { createCampaign, readCampaign, startCampaign } from './campaigns';
import { type Databases, inTenant } from './db';
import { areaCondition } from './outage-area';
import { toldAbout } from './outages';

/** Contacts with a phone whose attributes the area covers. */
export async function affectedContactIds(
  dbs: Databases,
  tenantId: string,
  area: OutageArea,
): Promise<string[]> {
  const rows = await inTenant(dbs.primary, tenantId, (tx) =>
    tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(
        and(
          eq(contacts.tenantId, tenantId),
          isNotNull(contacts.phone),
          areaCondition(area, sql`${contacts.attributes}`),
        ),
      ),
  );
  return rows.map((r) => r.id);
}

function noticeRequest(name: string, via: OutageNotify, message: string): CreateCampaignRequest {
  return {
    name: name.slice(0, 120),
    kind: 'utility',
    channelId: via.channelId,
    templates: [
      { name: via.templateName, language: via.language, variables: [{ from: 'text', value: message }] },
    ],
    splitPercent: 50,
    filter: null,
    scheduledAt: null,
    quietHours: null,
  };
}

/**
 * Creates the utility campaign (the template checked by the campaign service: a wrong one is its 400) and
 * starts it. Returns null when there is nobody to tell: no campaign is created for an empty audience.
 */
export async function sendOutageCampaign(
  env: Env,
  dbs: Databases,
  tenantId: string,
  opts: {
    outageId: string;
    name: string;
    via: OutageNotify;
    message: string;
    contactIds: string[];
    by: string | null;
  },
): Promise<{ created: CampaignView; start: () => Promise<CampaignView> } | null> {
  if (opts.contactIds.length === 0) return null;
  const created = await createCampaign(env, dbs, tenantId, noticeRequest(opts.name, opts.via, opts.message), {
    by: opts.by,
    kind: 'utility',
    outageId: opts.outageId,
    contactIds: opts.contactIds,
  });
  // Started by the caller once the outage row names it: a failure in between leaves only a draft.
  return { created, start: () => startCampaign(env, dbs, tenantId, created.id, opts.by) };
}

/**
 * Who hears that it is over: the notice campaign's recipients and the customers the bot told, once each.
 * The number and template default to the notice's.
 */
export async function resolutionAudience(
  env: Env,
  dbs: Databases,
  tenantId: string,
  outageId: string,
  noticeCampaignId: string | null,
): Promise<{ contactIds: string[]; notice: CampaignView | null }> {
  const notice = noticeCampaignId ? await readCampaign(env, dbs, tenantId, noticeCampaignId) : null;
  const ids = await inTenant(dbs.primary, tenantId, async (tx) => {
    const told = await toldAbout(tx, tenantId, outageId);
    const notified = noticeCampaignId
      ? await tx
          .select({ contactId: campaignRecipients.contactId })
          .from(campaignRecipients)
          .where(
            and(
              eq(campaignRecipients.tenantId, tenantId),
              eq(campaignRecipients.campaignId, noticeCampaignId),
            ),
          )
      : [];
    return [...notified, ...told].flatMap((r) => (r.contactId ? [r.contactId] : []));
  });
  return { contactIds: [...new Set(ids)], notice };
}
