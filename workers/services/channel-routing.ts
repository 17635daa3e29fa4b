// Webhook routing before a tenant is known: which channel (and so which tenant) a provider's webhook is for,
// and which conversation a customer belongs to (contact found by any Brazilian form of their number or by
// Meta's business-scoped user id, or created with an open ticket). Answers are cached per isolate so a burst
// of webhooks costs no queries.
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { contacts, conversations } from '../../drizzle/schema';
import { canonicalPhone, phoneVariants } from '../channels/phone';
import { ensureOpenTicket } from './conversations';
import { inTenant, type PrimaryAccess } from './db';
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
  dbs: PrimaryAccess,
  phoneNumberId: string,
): Promise<ChannelRoute | null> {
  const cached = cloudRoutes.get(phoneNumberId);
  if (cached !== undefined) return cached;
  const { rows } = await dbs.primary.execute<{ channel_id: string; tenant_id: string }>(
    sql`select channel_id, tenant_id from fio_find_channel_by_address('whatsapp_cloud', ${phoneNumberId})`,
  );
  const row = rows[0];
  const route = row ? { tenantId: row.tenant_id, channelId: row.channel_id } : null;
  cloudRoutes.set(phoneNumberId, route, route ? ROUTE_TTL_MS : MISS_TTL_MS);
  return route;
}

/** A live gateway channel by id (Evolution / Uazapi webhooks carry it in the URL). */
export async function findGatewayChannel(
  dbs: PrimaryAccess,
  channelId: string,
): Promise<GatewayChannel | null> {
  const cached = gatewayRoutes.get(channelId);
  if (cached !== undefined) return cached;
  const { rows } = await dbs.primary.execute<{
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
 * Forgets where this customer's messages went: their contact was erased (LGPD), and the next message must
 * find (or create) a new contact. Other isolates learn it the same way, from the erased conversation object.
 */
export function forgetThread(channelId: string, who: CustomerIdentity): void {
  const id = normalised(who);
  if (id) for (const key of cacheKeys(channelId, id)) threads.delete(key);
}

/** How a provider names a customer: a phone number, a business-scoped user id (BSUID), or both. */
export interface CustomerIdentity {
  phone: string | null;
  userId: string | null;
}

/** The longest BSUID we keep (Meta: country code, a dot, up to 128 characters). */
const USER_ID_MAX = 160;

/** The identity with a canonical phone (null when absent or malformed) and a sane user id; null when neither. */
function normalised(
  who: CustomerIdentity,
): { canonical: string | null; variants: string[]; userId: string | null } | null {
  const canonical = who.phone ? canonicalPhone(who.phone) : null;
  const userId = who.userId && who.userId.length <= USER_ID_MAX ? who.userId : null;
  if (!canonical && !userId) return null;
  return { canonical, variants: who.phone && canonical ? phoneVariants(who.phone) : [], userId };
}

const cacheKeys = (channelId: string, id: { canonical: string | null; userId: string | null }) => [
  ...(id.canonical ? [`${channelId}:${id.canonical}`] : []),
  ...(id.userId ? [`${channelId}:u:${id.userId}`] : []),
];

/** Contacts matching either identity, phone match first. */
function identityMatch(id: { variants: string[]; userId: string | null }): SQL | undefined {
  const byPhone = id.variants.length > 0 ? inArray(contacts.phone, id.variants) : undefined;
  const byUser = id.userId ? eq(contacts.whatsappUserId, id.userId) : undefined;
  return byPhone && byUser ? or(byPhone, byUser) : (byPhone ?? byUser);
}

/**
 * The conversation between this channel and the customer, created (with its contact and an open ticket) when
 * new. The contact is found by phone (any Brazilian form) or by business-scoped user id; when a message
 * brings both, the one the contact lacked is recorded on it. Every step is an upsert, so concurrent webhooks
 * for a new customer agree on one thread.
 */
export async function resolveThread(
  dbs: PrimaryAccess,
  route: ChannelRoute,
  who: CustomerIdentity,
  profileName: string | null,
): Promise<string | null> {
  const id = normalised(who);
  if (!id) return null;
  const keys = cacheKeys(route.channelId, id);
  // Cached only under every identity at once, so a first message bringing a new one still records it.
  const cached = keys.map((k) => threads.get(k));
  if (cached[0] && cached.every((c) => c === cached[0])) return cached[0];
  const conversationId = await inTenant(dbs.primary, route.tenantId, async (tx) => {
    const found = await tx
      .select({
        id: contacts.id,
        name: contacts.name,
        phone: contacts.phone,
        userId: contacts.whatsappUserId,
      })
      .from(contacts)
      .where(and(eq(contacts.tenantId, route.tenantId), identityMatch(id)))
      .limit(2);
    const contact =
      found.find((c) => c.phone !== null && id.variants.includes(c.phone)) ??
      found.find((c) => id.userId !== null && c.userId === id.userId);
    let contactId = contact?.id;
    if (!contact) {
      const values = {
        tenantId: route.tenantId,
        phone: id.canonical,
        whatsappUserId: id.userId,
        name: profileName,
      };
      const insert = tx.insert(contacts).values(values);
      const [created] = await (id.canonical
        ? insert.onConflictDoUpdate({
            target: [contacts.tenantId, contacts.phone],
            set: {
              name: sql`coalesce(${contacts.name}, excluded.name)`,
              whatsappUserId: sql`coalesce(${contacts.whatsappUserId}, excluded.whatsapp_user_id)`,
            },
          })
        : insert.onConflictDoUpdate({
            target: [contacts.tenantId, contacts.whatsappUserId],
            set: { name: sql`coalesce(${contacts.name}, excluded.name)` },
          })
      ).returning({ id: contacts.id });
      contactId = created?.id;
    } else {
      const set = {
        ...(!contact.name && profileName ? { name: profileName } : {}),
        ...(!contact.phone && id.canonical ? { phone: id.canonical } : {}),
        ...(!contact.userId && id.userId ? { whatsappUserId: id.userId } : {}),
      };
      // The identity it lacked, unless another contact already holds it (two records of one person are
      // left for an agent to merge rather than failing the customer's message).
      const free = and(
        eq(contacts.tenantId, route.tenantId),
        eq(contacts.id, contact.id),
        set.phone
          ? sql`not exists (select 1 from contacts o where o.tenant_id = ${route.tenantId} and o.phone = ${set.phone})`
          : undefined,
        set.whatsappUserId
          ? sql`not exists (select 1 from contacts o where o.tenant_id = ${route.tenantId} and o.whatsapp_user_id = ${set.whatsappUserId})`
          : undefined,
      );
      if (Object.keys(set).length > 0) await tx.update(contacts).set(set).where(free);
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
    // A new ticket (and the conversation's status) starts with the bot or in the queue: decided there.
    await ensureOpenTicket(tx, route.tenantId, conversation.id);
    return conversation.id;
  });
  for (const key of keys) threads.set(key, conversationId);
  return conversationId;
}

/** The existing conversation with this customer on this channel, without creating anything. */
export async function findThread(
  dbs: PrimaryAccess,
  route: ChannelRoute,
  who: CustomerIdentity,
): Promise<string | null> {
  const id = normalised(who);
  if (!id) return null;
  for (const key of cacheKeys(route.channelId, id)) {
    const cached = threads.get(key);
    if (cached) return cached;
  }
  const rows = await inTenant(dbs.primary, route.tenantId, (tx) =>
    tx
      .select({ id: conversations.id })
      .from(conversations)
      .innerJoin(
        contacts,
        and(eq(contacts.id, conversations.contactId), eq(contacts.tenantId, route.tenantId)),
      )
      .where(
        and(
          eq(conversations.tenantId, route.tenantId),
          eq(conversations.channelId, route.channelId),
          identityMatch(id),
        ),
      )
      .limit(1),
  );
  return rows[0]?.id ?? null;
}
