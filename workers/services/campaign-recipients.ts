// Writing recipients: each person gets an arm, the arm's template values and a state: queued, or skipped as
// opted_out (on the suppression list for the campaign's consent category, in any form of their number) or as
// invalid (a template value missing). Inserts are ON CONFLICT (campaign, phone) DO NOTHING, so a second start
// or import adds nobody twice.
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { campaignRecipients } from '../../drizzle/schema';
import { phoneVariants } from '../channels/phone';
import type { CampaignKind, CampaignTemplate, SkipReason } from '../contract';
import { armFor, type RecipientFacts, resolveVariables } from './campaign-variables';
import type { Queryable } from './db';
import { suppressedPhones } from './opt-outs';

export interface CampaignShape {
  id: string;
  kind: CampaignKind;
  templates: CampaignTemplate[];
  splitPercent: number;
}

export interface Person extends RecipientFacts {
  contactId: string | null;
  /** Canonical E.164 digits. */
  phone: string;
}

/** Which of these phones are suppressed for the kind, in any of their Brazilian forms. */
export async function suppressedAmong(
  tx: Queryable,
  tenantId: string,
  phones: readonly string[],
  kind: CampaignKind,
): Promise<Set<string>> {
  const variants = new Map<string, string>();
  for (const p of phones) for (const v of phoneVariants(p)) variants.set(v, p);
  const hit = await suppressedPhones(tx, tenantId, [...variants.keys()], kind);
  return new Set([...hit].map((v) => variants.get(v) ?? v));
}

/** Inserts the people as recipients; returns how many rows were new. */
export async function insertRecipients(
  tx: Queryable,
  tenantId: string,
  campaign: CampaignShape,
  people: readonly Person[],
): Promise<number> {
  if (people.length === 0) return 0;
  const suppressed = await suppressedAmong(
    tx,
    tenantId,
    people.map((p) => p.phone),
    campaign.kind,
  );
  const rows = people.map((p) => {
    const arm = armFor(campaign.id, p.phone, campaign.templates.length, campaign.splitPercent);
    const template = campaign.templates[arm === 'b' ? 1 : 0] as CampaignTemplate;
    const resolved = resolveVariables(template, p);
    const skip: SkipReason | null = suppressed.has(p.phone) ? 'opted_out' : resolved.ok ? null : 'invalid';
    return {
      tenantId,
      campaignId: campaign.id,
      contactId: p.contactId,
      phone: p.phone,
      name: p.name,
      variables: resolved.ok ? resolved.values : [],
      arm,
      state: skip ? 'skipped' : 'queued',
      skipReason: skip,
    };
  });
  const inserted = await tx
    .insert(campaignRecipients)
    .values(rows)
    .onConflictDoNothing({ target: [campaignRecipients.campaignId, campaignRecipients.phone] })
    .returning({ id: campaignRecipients.id });
  return inserted.length;
}

/** Phones already recipients of the campaign (an import's duplicates across uploads). */
export async function existingPhones(
  tx: Queryable,
  campaignId: string,
  phones: readonly string[],
): Promise<Set<string>> {
  if (phones.length === 0) return new Set();
  const rows = await tx
    .select({ phone: campaignRecipients.phone })
    .from(campaignRecipients)
    .where(
      and(eq(campaignRecipients.campaignId, campaignId), inArray(campaignRecipients.phone, [...phones])),
    );
  return new Set(rows.map((r) => r.phone));
}

const PAGE = 1000;

/**
 * Queued recipients who opted out since they were added (between an import and the start) become skipped;
 * returns how many.
 */
export async function skipNewlySuppressed(
  tx: Queryable,
  tenantId: string,
  campaign: CampaignShape,
): Promise<number> {
  let after: string | null = null;
  let skipped = 0;
  for (;;) {
    const page: { id: string; phone: string }[] = await tx
      .select({ id: campaignRecipients.id, phone: campaignRecipients.phone })
      .from(campaignRecipients)
      .where(
        and(
          eq(campaignRecipients.campaignId, campaign.id),
          eq(campaignRecipients.state, 'queued'),
          after ? gt(campaignRecipients.id, after) : undefined,
        ),
      )
      .orderBy(asc(campaignRecipients.id))
      .limit(PAGE);
    if (page.length === 0) return skipped;
    const suppressed = await suppressedAmong(
      tx,
      tenantId,
      page.map((r) => r.phone),
      campaign.kind,
    );
    const ids = page.filter((r) => suppressed.has(r.phone)).map((r) => r.id);
    if (ids.length > 0) {
      await tx
        .update(campaignRecipients)
        .set({ state: 'skipped', skipReason: 'opted_out', updatedAt: sql`now()` })
        .where(and(inArray(campaignRecipients.id, ids), eq(campaignRecipients.state, 'queued')));
      skipped += ids.length;
    }
    after = page.at(-1)?.id ?? null;
  }
}
