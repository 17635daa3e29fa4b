// Webhook routing before a tenant is known: which channel (and so which tenant) a provider's webhook is for,
// and which conversation a customer's number belongs to (contact found by any of its Brazilian forms, or
// created with an open ticket). Answers are cached per isolate so a burst of webhooks costs no queries.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { contacts, conversations } from '../../drizzle/schema';
import { canonicalPhone, phoneVariants } from '../channels/phone';
import { ensureOpenTicket } from './conversations';
import { type Database, inTenant } from './db';
import { TtlCache } from './ttl-cache';

export type GatewayKind = 'evolution' | 'uazapi';

export interface ChannelRoute {
  tenantId: string;
  channelId: string;
}

export interface GatewayChannel extends ChannelRoute {
  kind: string;
  webhookSecretHash: string | null;
}

const ROUTE_TTL_MS = 60_000;
/** An unknown number is remembered briefly, so a misrouted flood does not become a query flood. */
const MISS_TTL_MS = 10_000;
const THREAD_TTL_MS = 10 * 60_000;

const cloudRoutes = new TtlCache<ChannelRoute | null>(ROUTE_TTL_MS);
const gatewayRoutes = new TtlCache<GatewayChannel | null>(ROUTE_TTL_MS);
const threads = new TtlCache<string>(THREAD_TTL_MS, 50_000);

/** The live Cloud API channel for a phone_number_id, across all tenants. */
export async function findCloudChannel(
  primary: Database,
  phoneNumberId: string,
): Promise<ChannelRoute | null> {
  const cached = cloudRoutes.get(phoneNumberId);
  if (cached !== undefined) return cached;
  const { rows } = await primary.execute<{ channel_id: string; tenant_id: string }>(
    sql`select channel_id, tenant_id from fio_find_channel_by_address('whatsapp_cloud', ${phoneNumberId})`,
  );
  const row = rows[0];
  const route = row ? { tenantId: row.tenant_id, channelId: row.channel_id } : null;
  cloudRoutes.set(phoneNumberId, route, route ? ROUTE_TTL_MS : MISS_TTL_MS);
  return route;
}

/** A live gateway channel by id (Evolution / Uazapi webhooks carry it in the URL). */
export async function findGatewayChannel(
  primary: Database,
  channelId: string,
): Promise<GatewayChannel | null> {
  const cached = gatewayRoutes.get(channelId);
  if (cached !== undefined) return cached;
  const { rows } = await primary.execute<{
    tenant_id: string;
    kind: string;
    webhook_secret_hash: string | null;
  }>(sql`select tenant_id, kind, webhook_secret_hash from fio_find_channel(${channelId}::uuid)`);
  const row = rows[0];
  const channel = row
    ? { tenantId: row.tenant_id, channelId, kind: row.kind, webhookSecretHash: row.webhook_secret_hash }
    : null;
  gatewayRoutes.set(channelId, channel, channel ? ROUTE_TTL_MS : MISS_TTL_MS);
  return channel;
}

/** Called when an admin changes or removes a channel, so this isolate stops routing to the old answer. */
export function forgetChannelRoutes(): void {
  cloudRoutes.clear();
  gatewayRoutes.clear();
}

/**
 * The conversation between this channel and the customer at `phone`, created (with its contact and an open
 * ticket) when new. Every step is an upsert, so concurrent webhooks for a new customer agree on one thread.
 */
export async function resolveThread(
  primary: Database,
  route: ChannelRoute,
  phone: string,
  profileName: string | null,
): Promise<string | null> {
  const variants = phoneVariants(phone);
  const canonical = canonicalPhone(phone);
  if (!canonical) return null;
  const cacheKey = `${route.channelId}:${canonical}`;
  const cached = threads.get(cacheKey);
  if (cached) return cached;
  const conversationId = await inTenant(primary, route.tenantId, async (tx) => {
    const [found] = await tx
      .select({ id: contacts.id, name: contacts.name })
      .from(contacts)
      .where(inArray(contacts.phone, variants))
      .limit(1);
    let contactId = found?.id;
    if (!contactId) {
      const [created] = await tx
        .insert(contacts)
        .values({ tenantId: route.tenantId, phone: canonical, name: profileName })
        .onConflictDoUpdate({
          target: [contacts.tenantId, contacts.phone],
          set: { name: sql`coalesce(${contacts.name}, excluded.name)` },
        })
        .returning({ id: contacts.id });
      contactId = created?.id;
    } else if (!found?.name && profileName) {
      await tx.update(contacts).set({ name: profileName }).where(eq(contacts.id, contactId));
    }
    if (!contactId) throw new Error('contact upsert returned nothing');
    const [conversation] = await tx
      .insert(conversations)
      .values({ tenantId: route.tenantId, channelId: route.channelId, contactId })
      .onConflictDoUpdate({
        target: [conversations.tenantId, conversations.channelId, conversations.contactId],
        set: { contactId: sql`excluded.contact_id` },
      })
      .returning({ id: conversations.id, status: conversations.status });
    if (!conversation) throw new Error('conversation upsert returned nothing');
    await ensureOpenTicket(tx, route.tenantId, conversation.id);
    if (conversation.status === 'closed') {
      await tx
        .update(conversations)
        .set({ status: 'queued' })
        .where(and(eq(conversations.id, conversation.id), ne(conversations.status, 'queued')));
    }
    return conversation.id;
  });
  threads.set(cacheKey, conversationId);
  return conversationId;
}

/** The existing conversation with this customer on this channel, without creating anything. */
export async function findThread(
  primary: Database,
  route: ChannelRoute,
  phone: string,
): Promise<string | null> {
  const canonical = canonicalPhone(phone);
  if (!canonical) return null;
  const cached = threads.get(`${route.channelId}:${canonical}`);
  if (cached) return cached;
  const rows = await inTenant(primary, route.tenantId, (tx) =>
    tx
      .select({ id: conversations.id })
      .from(conversations)
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .where(and(eq(conversations.channelId, route.channelId), inArray(contacts.phone, phoneVariants(phone))))
      .limit(1),
  );
  return rows[0]?.id ?? null;
}
