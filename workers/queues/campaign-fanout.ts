// The campaign fan-out queue's consumer: for each released recipient, the template is appended to that
// customer's conversation through the conversation object (clientId `cmp-<recipient>`, so a redelivered
// message is a duplicate there, never a second send). Suppression is checked again here (the customer may
// have said "SAIR" since the campaign started). The contact and the conversation on the campaign's number
// are found or created; a new conversation starts closed (a campaign message opens no ticket: the customer's
// reply does, as any inbound message). One recipient's failure never holds the others: each message is
// acked or retried on its own.
import { sql } from 'drizzle-orm';
import type { ChannelBinding } from '../../durable-objects/conversation/channel-store';
import { canonicalPhone, phoneVariants } from '../channels/phone';
import type { CampaignTemplate } from '../contract';
import type { CampaignSendJob, Env } from '../env';
import { AppError } from '../errors';
import { renderApprovedTemplate } from '../services/approved-template';
import { conversationObjectName } from '../services/conversation-names';
import { type Database, inTenant, openDatabases } from '../services/db';
import { errorFields, log } from '../services/log';
import { suppressedPhones } from '../services/opt-outs';
import { emitWebhookEvents } from '../services/webhook-events';
import { type MovedRecipient, moveRecipient, type RecipientMove, recipientEvent } from './campaign-events';

export const CAMPAIGN_QUEUE = 'fio-campaign-sends';

/** Recipients handled at once per batch (each is a few queries and one object call). */
const PARALLEL = 10;

/** The clientId of a recipient's message: one per campaign × phone, so the conversation dedupes retries. */
export function campaignClientId(recipientId: string): string {
  return `cmp-${recipientId}`;
}

export async function consumeCampaignSends(batch: MessageBatch<CampaignSendJob>, env: Env): Promise<void> {
  const dbs = openDatabases(env);
  try {
    const messages = [...batch.messages];
    for (let i = 0; i < messages.length; i += PARALLEL) {
      await Promise.all(
        messages.slice(i, i + PARALLEL).map(async (msg) => {
          try {
            await sendOne(env, dbs.primary, msg.body);
            msg.ack();
          } catch (err) {
            log('warn', 'campaign recipient not sent yet', { ...msg.body, ...errorFields(err) });
            msg.retry({ delaySeconds: Math.min(60, 2 ** msg.attempts) });
          }
        }),
      );
    }
  } finally {
    await dbs.close();
  }
}

type Job = {
  state: string;
  phone: string;
  name: string | null;
  variables: unknown;
  arm: 'a' | 'b';
  seq: number | null;
  kind: 'marketing' | 'utility';
  campaign_name: string;
  campaign_status: string;
  templates: CampaignTemplate[];
  channel_id: string;
  channel_kind: ChannelBinding['kind'] | 'widget';
};

async function sendOne(env: Env, db: Database, job: CampaignSendJob): Promise<void> {
  const { tenantId, campaignId, recipientId } = job;
  const end = (m: RecipientMove) => finish(env, db, tenantId, recipientId, m);
  const r = await inTenant(db, tenantId, async (tx) => {
    const { rows } = await tx.execute<Job>(sql`select r.state, r.phone, r.name, r.variables, r.arm, r.seq,
        c.kind, c.name as campaign_name, c.status as campaign_status, c.templates, c.channel_id, ch.kind as channel_kind
      from campaign_recipients r join campaigns c on c.id = r.campaign_id and c.tenant_id = r.tenant_id
      join channels ch on ch.id = c.channel_id and ch.tenant_id = c.tenant_id
      where r.tenant_id = ${tenantId}::uuid and r.id = ${recipientId}::uuid and r.campaign_id = ${campaignId}::uuid`);
    return rows[0] ?? null;
  });
  // Gone, or already past `sending` (a redelivery after the outcome was folded): nothing to do.
  if (r?.state !== 'sending' || r.seq !== null) return;
  const now = Date.now();
  if (r.campaign_status === 'cancelled') return end({ to: 'skipped', at: now, skipReason: 'cancelled' });
  const phone = canonicalPhone(r.phone);
  if (!phone || r.channel_kind === 'widget') return end({ to: 'skipped', at: now, skipReason: 'invalid' });
  const suppressed = await inTenant(db, tenantId, (tx) => suppressedPhones(tx, tenantId, [r.phone], r.kind));
  if (suppressed.size > 0) return end({ to: 'skipped', at: now, skipReason: 'opted_out' });
  const template = (r.arm === 'b' ? r.templates[1] : undefined) ?? r.templates[0];
  const parameters = Array.isArray(r.variables) ? r.variables.map(String) : [];
  if (!template)
    return end({ to: 'failed', at: now, error: { code: null, title: 'campaign has no template' } });
  let text: string;
  try {
    text = await renderApprovedTemplate(db, tenantId, r.channel_id, { ...template, parameters });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return end({ to: 'failed', at: now, error: { code: null, title: err.message.slice(0, 500) } });
  }
  const { contactId, conversationId } = await threadFor(db, tenantId, r.channel_id, phone, r.name);
  const ref = { tenantId, conversationId };
  const stub = env.CONVERSATIONS.getByName(conversationObjectName(tenantId, conversationId));
  const posted = await stub.postCampaignMessage(
    ref,
    { channelId: r.channel_id, kind: r.channel_kind, to: phone, userId: null },
    {
      author: { kind: 'bot', id: `campaign:${campaignId}`, name: r.campaign_name },
      clientId: campaignClientId(recipientId),
      text,
      template: { name: template.name, language: template.language, parameters },
    },
    { tenantId, campaignId, recipientId },
  );
  if (!posted) throw new Error('conversation object refused its identity');
  if (!posted.ok) {
    return end({ to: 'failed', at: now, error: { code: null, title: posted.message.slice(0, 500) } });
  }
  await inTenant(db, tenantId, (tx) =>
    tx.execute(sql`update campaign_recipients set conversation_id = ${conversationId}::uuid, seq = ${posted.seq},
        contact_id = coalesce(contact_id, ${contactId}::uuid), updated_at = now()
      where tenant_id = ${tenantId}::uuid and id = ${recipientId}::uuid`),
  );
}

/** The contact with this phone (any of its spellings) and its conversation on the number, created if absent. */
async function threadFor(
  db: Database,
  tenantId: string,
  channelId: string,
  phone: string,
  name: string | null,
): Promise<{ contactId: string; conversationId: string }> {
  return inTenant(db, tenantId, async (tx) => {
    const variants = phoneVariants(phone);
    const found = await tx.execute<{
      id: string;
    }>(sql`select id from contacts where tenant_id = ${tenantId}::uuid
        and phone in (${sql.join(
          variants.map((v) => sql`${v}`),
          sql`, `,
        )}) order by (phone = ${phone}) desc limit 1`);
    let contactId = found.rows[0]?.id;
    if (!contactId) {
      const created = await tx.execute<{ id: string }>(sql`insert into contacts (tenant_id, phone, name)
          values (${tenantId}::uuid, ${phone}, ${name})
          on conflict (tenant_id, phone) do update set name = coalesce(contacts.name, excluded.name)
          returning id`);
      contactId = created.rows[0]?.id;
    }
    if (!contactId) throw new Error('contact upsert returned nothing');
    const conv = await tx.execute<{
      id: string;
    }>(sql`insert into conversations (tenant_id, channel_id, contact_id, status)
        values (${tenantId}::uuid, ${channelId}::uuid, ${contactId}::uuid, 'closed')
        on conflict (tenant_id, channel_id, contact_id) do update set contact_id = excluded.contact_id
        returning id`);
    const conversationId = conv.rows[0]?.id;
    if (!conversationId) throw new Error('conversation upsert returned nothing');
    return { contactId, conversationId };
  });
}

async function finish(env: Env, db: Database, tenantId: string, recipientId: string, m: RecipientMove) {
  const moved: MovedRecipient | null = await inTenant(db, tenantId, (tx) =>
    moveRecipient(tx, tenantId, recipientId, m),
  );
  if (moved?.moved) await emitWebhookEvents(env, tenantId, [recipientEvent(moved, m.at, m)]);
}
