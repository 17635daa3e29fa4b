// The campaign events queue's consumer: folds what conversation objects report about campaign messages
// (accepted → sent, delivered, read, replied, failed with Meta's code) into campaign_recipients,
// forward-only (`recipientMayMove`), keeping the first time of each state even when reports arrive out of
// order. Meta's 131050 (the user stopped marketing messages) also puts the phone on the marketing opt-out
// list. Every move becomes a `campaign.recipient` webhook event, ordered per campaign.
import { sql } from 'drizzle-orm';
import { type RecipientState, recipientMayMove, RecipientState as States } from '../contract';
import type { CampaignEventJob, Env } from '../env';
import { inTenant, openDatabases, type Tx } from '../services/db';
import { errorFields, log } from '../services/log';
import { recordOptOut } from '../services/opt-outs';
import { emitWebhookEvents } from '../services/webhook-events';

export const CAMPAIGN_EVENTS_QUEUE = 'fio-campaign-events';

/** Meta: the user has opted out of marketing messages from this business. */
export const META_MARKETING_OPT_OUT = 131050;

const AT_COLUMN: Partial<Record<RecipientState, string>> = {
  sent: 'sent_at',
  delivered: 'delivered_at',
  read: 'read_at',
  replied: 'replied_at',
  failed: 'failed_at',
};

export interface RecipientMove {
  to: RecipientState;
  at: number;
  externalId?: string | null;
  error?: { code: number | null; title: string } | null;
  skipReason?: string | null;
  conversationId?: string | null;
}

export interface MovedRecipient {
  id: string;
  campaignId: string;
  phone: string;
  contactId: string | null;
  state: RecipientState;
  moved: boolean;
}

/**
 * Moves one recipient forward (or only records the time when the state may not move, e.g. a late
 * "delivered" after "read"). Returns null for an unknown recipient.
 */
export async function moveRecipient(
  tx: Tx,
  tenantId: string,
  recipientId: string,
  m: RecipientMove,
): Promise<MovedRecipient | null> {
  const from = States.options.filter((s) => recipientMayMove(s, m.to));
  const column = AT_COLUMN[m.to];
  const at = sql`to_timestamp(${m.at}::double precision / 1000)`;
  const allowed = sql`state in (${sql.join(
    from.map((s) => sql`${s}`),
    sql`, `,
  )})`;
  const { rows } = await tx.execute<{
    id: string;
    campaign_id: string;
    phone: string;
    contact_id: string | null;
    state: RecipientState;
    before: RecipientState;
  }>(sql`update campaign_recipients r set
      state = case when ${allowed} then ${m.to} else state end,
      ${column ? sql`${sql.raw(column)} = coalesce(${sql.raw(column)}, ${at}),` : sql``}
      external_id = coalesce(external_id, ${m.externalId ?? null}),
      error_code = case when ${allowed} and ${m.to} = 'failed' then ${m.error?.code ?? null}::int else error_code end,
      error_title = case when ${allowed} and ${m.to} = 'failed' then ${m.error?.title ?? null} else error_title end,
      skip_reason = case when ${allowed} and ${m.to} = 'skipped' then ${m.skipReason ?? null} else skip_reason end,
      conversation_id = coalesce(conversation_id, ${m.conversationId ?? null}::uuid),
      updated_at = now()
    from (select id, state as before from campaign_recipients where id = ${recipientId}::uuid
          and tenant_id = ${tenantId}::uuid for update) old
    where r.id = old.id
    returning r.id, r.campaign_id, r.phone, r.contact_id, r.state, old.before`);
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    campaignId: row.campaign_id,
    phone: row.phone,
    contactId: row.contact_id,
    state: row.state,
    moved: row.state !== row.before,
  };
}

/** The webhook event for a recipient that moved. */
export function recipientEvent(r: MovedRecipient, at: number, m: RecipientMove) {
  return {
    type: 'campaign.recipient' as const,
    orderKey: `campaign:${r.campaignId}`,
    occurredAt: at,
    data: {
      campaignId: r.campaignId,
      recipientId: r.id,
      phone: r.phone,
      contactId: r.contactId,
      state: r.state,
      errorCode: m.error?.code ?? null,
      skipReason: m.skipReason ?? null,
    },
  };
}

export async function consumeCampaignEvents(batch: MessageBatch<CampaignEventJob>, env: Env): Promise<void> {
  const dbs = openDatabases(env);
  try {
    for (const msg of batch.messages) {
      try {
        await fold(env, dbs.primary, msg.body);
        msg.ack();
      } catch (err) {
        log('warn', 'campaign event not folded yet', { ...msg.body, ...errorFields(err) });
        msg.retry({ delaySeconds: Math.min(60, 2 ** msg.attempts) });
      }
    }
  } finally {
    await dbs.close();
  }
}

async function fold(env: Env, db: Parameters<typeof inTenant>[0], job: CampaignEventJob): Promise<void> {
  const move: RecipientMove = {
    to: job.state,
    at: job.at,
    externalId: job.externalId ?? null,
    error: job.error,
  };
  const moved = await inTenant(db, job.tenantId, async (tx) => {
    const r = await moveRecipient(tx, job.tenantId, job.recipientId, move);
    if (r && job.state === 'failed' && job.error?.code === META_MARKETING_OPT_OUT) {
      await recordOptOut(tx, job.tenantId, {
        phone: r.phone,
        category: 'marketing',
        source: 'meta_131050',
        detail: String(META_MARKETING_OPT_OUT),
        contactId: r.contactId,
      });
    }
    return r;
  });
  if (moved?.moved) await emitWebhookEvents(env, job.tenantId, [recipientEvent(moved, job.at, move)]);
}
