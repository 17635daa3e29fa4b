// The scale run's idle conversations, copied in SQL from conversations the run created for real. Creating
// 20,000 conversations through the webhook path takes two hours on this machine (measured twice: README,
// "the full-size scale run, second attempt"), which left no time for the sockets and the steady phase. The
// run creates for real every conversation it will watch or send to, and fills the rest of each tenant's
// 200 with copies of those: a contact with the next customer's phone, its conversation, the same events and
// an open ticket with its own protocol (`fio_next_protocol`, as the product numbers them). Every column is
// copied from the real row (to_jsonb → jsonb_populate_record), so a copy is what the product wrote, not what
// this file believes it writes. Their objects do not exist yet: touched later, an object wakes empty and
// continues from Postgres (durable-objects/conversation/storage-recovery.ts), as after an eviction.
// Copies keep their template's archived_at, so the reports' rollup does not count them (a rollup of 17,000
// conversations at once would have landed in the measured phase).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { type ScaleTenant, scalePhone } from './tenants';

/** A copy of `from` with `changes` over it, as a row of `table` (every column, whatever the schema has). */
const copyOf = (table: string, from: string, changes: string) =>
  `(jsonb_populate_record(null::${table}, to_jsonb(${from}) || ${changes})).*`;

/**
 * Copies each tenant's first `real` conversations (customers 0 … real − 1) into customers real … perTenant − 1,
 * one transaction per tenant. Returns how many conversations it wrote.
 */
export async function cloneConversations(
  ownerUrl: string,
  tenants: ScaleTenant[],
  real: number,
  perTenant: number,
): Promise<number> {
  if (real >= perTenant) return 0;
  const client = new pg.Client({ connectionString: ownerUrl });
  client.on('error', () => {});
  await client.connect();
  let written = 0;
  try {
    for (const t of tenants) {
      const templates = (
        await client.query<{ id: string }>(
          `select c.id from conversations c join contacts k on k.id = c.contact_id
            where c.tenant_id = $1 and k.phone = any($2::text[]) order by k.phone`,
          [t.tenantId, Array.from({ length: real }, (_, c) => scalePhone(t.index, c))],
        )
      ).rows.map((r) => r.id);
      if (templates.length === 0) throw new Error(`tenant ${t.slug}: no real conversation to copy`);
      const phones: string[] = [];
      const from: string[] = [];
      const contactIds: string[] = [];
      const conversationIds: string[] = [];
      for (let c = real; c < perTenant; c++) {
        phones.push(scalePhone(t.index, c));
        from.push(templates[c % templates.length] as string);
        contactIds.push(randomUUID());
        conversationIds.push(randomUUID());
      }
      const input = `unnest($2::text[], $3::uuid[], $4::uuid[], $5::uuid[]) as u (phone, tpl, contact, conv)`;
      const args = [t.tenantId, phones, from, contactIds, conversationIds];
      await client.query('begin');
      await client.query(
        `insert into contacts
         select ${copyOf('contacts', 'k', `jsonb_build_object('id', u.contact, 'phone', u.phone, 'name', 'Cliente ' || u.phone, 'whatsapp_user_id', case when k.whatsapp_user_id is null then null else u.phone end)`)}
           from ${input} join conversations c on c.id = u.tpl join contacts k on k.id = c.contact_id
          where c.tenant_id = $1`,
        args,
      );
      await client.query(
        `insert into conversations
         select ${copyOf('conversations', 'c', `jsonb_build_object('id', u.conv, 'contact_id', u.contact)`)}
           from ${input} join conversations c on c.id = u.tpl where c.tenant_id = $1`,
        args,
      );
      await client.query(
        `insert into conversation_events
         select ${copyOf('conversation_events', 'e', `jsonb_build_object('conversation_id', u.conv)`)}
           from ${input} join conversation_events e on e.conversation_id = u.tpl where e.tenant_id = $1`,
        args,
      );
      await client.query(
        `insert into tickets
         select ${copyOf('tickets', 'x', `jsonb_build_object('id', gen_random_uuid(), 'conversation_id', u.conv, 'protocol', fio_next_protocol($1::uuid))`)}
           from ${input} join tickets x on x.conversation_id = u.tpl where x.tenant_id = $1`,
        args,
      );
      await client.query('commit');
      written += phones.length;
    }
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
  return written;
}

/**
 * Proof that a copy is a working conversation: a customer message to the last copied customer of `tenant`
 * lands in that copy (no new conversation) and its object, waking empty, continues the copy's seqs from
 * Postgres (storage recovery). Throws with what went wrong; the run stops before measuring anything.
 */
export async function checkClone(
  ownerUrl: string,
  tenant: ScaleTenant,
  customer: number,
  send: () => Promise<{ status: number; error?: string }>,
): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    const state = async () =>
      (
        await client.query<{ conversations: number; id: string | null; seqs: number; top: number | null }>(
          `select (select count(*)::int from conversations where tenant_id = $1) as conversations,
                  c.id, (select count(*)::int from conversation_events e where e.conversation_id = c.id) as seqs,
                  (select max(seq)::int from conversation_events e where e.conversation_id = c.id) as top
             from contacts k join conversations c on c.contact_id = k.id
            where k.tenant_id = $1 and k.phone = $2`,
          [tenant.tenantId, scalePhone(tenant.index, customer)],
        )
      ).rows[0];
    const before = await state();
    if (!before?.id) throw new Error(`copied customer ${customer} of ${tenant.slug} has no conversation`);
    const sent = await send();
    if (sent.status !== 200)
      throw new Error(`a message to a copied conversation answered ${sent.status}: ${sent.error ?? ''}`);
    for (let i = 0; i < 50; i++) {
      const now = await state();
      if (now && now.conversations !== before.conversations)
        throw new Error('a message to a copied conversation opened a new conversation');
      // Flushed (archived) with seqs continuing after the copy's, none reused.
      if (now && (now.top ?? 0) > (before.top ?? 0) && now.seqs === now.top) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(
      `a message to a copied conversation (${before.id}) did not reach Postgres after its seqs`,
    );
  } finally {
    await client.end();
  }
}
