// Conversation rows in Postgres: existence checks for the DO and the widget's find-or-create of a thread.
import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { channels, contacts, conversations, tickets } from '../../drizzle/schema';
import { AppError } from '../errors';
import { ticketStartStatus } from './bot-start';
import { type Database, inTenant, type Tx } from './db';
import { originAllowed, widgetSettingsOf } from './widget-channels';
import { type ContactDetails, storeContactDetails } from './widget-contact';
import { type VerifiedIdentity, verifyIdentityToken } from './widget-identity';

export async function conversationExists(primary: Database, tenantId: string, conversationId: string) {
  const rows = await inTenant(primary, tenantId, (tx) =>
    tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.tenantId, tenantId), eq(conversations.id, conversationId)))
      .limit(1),
  );
  return rows.length === 1;
}

export interface WidgetThread {
  conversationId: string;
  visitorId: string;
  protocol: string;
  verified: boolean;
  /** A contact got a name or details from this visit: its conversation's card may be stale. */
  renamed: boolean;
}

export interface WidgetVisit {
  /** The widget channel the request names; null: the tenant's first one (clients that name the tenant). */
  channelId: string | null;
  /** Where the visitor's page says it is (hostOrigin, a browser's Origin): each must be on the channel's list. */
  pageOrigins: string[];
  /** The pre-chat (or offline) form's answers, already checked: stored on the visitor's contact. */
  details: ContactDetails;
  /** From a visitor key we issued (already checked), or null for a first visit. */
  visitorId: string | null;
  name: string | undefined;
  identityToken: string | undefined;
}

export interface WidgetThreadOptions {
  secretsKey: string;
  /** Fio's own origins (the admin's preview, the frame itself): always allowed. */
  ownOrigins: string[];
  /** Called with the widget channel before anything is written (its rate limit). */
  beforeWrite: (channelId: string) => Promise<void>;
}

/**
 * Finds or creates the visitor's contact, its conversation on the widget channel and, the first time only, an
 * open ticket with its protocol number, in one transaction. Re-opening the page never creates another: a
 * returning visitor gets their conversation and its newest protocol (a closed ticket stays closed; the
 * customer's next message opens a new one in the conversation object). Refused before anything is written:
 * a page not on the channel's list (403), no identity token on a "verified only" channel (401).
 */
export async function openWidgetThread(
  primary: Database,
  tenantId: string,
  visit: WidgetVisit,
  opts: WidgetThreadOptions,
): Promise<WidgetThread> {
  return inTenant(primary, tenantId, async (tx) => {
    const [channel] = await tx
      .select({ id: channels.id, identitySecret: channels.identitySecret, settings: channels.settings })
      .from(channels)
      .where(
        and(
          eq(channels.tenantId, tenantId),
          eq(channels.kind, 'widget'),
          isNull(channels.removedAt),
          visit.channelId ? eq(channels.id, visit.channelId) : undefined,
        ),
      )
      .orderBy(channels.createdAt)
      .limit(1);
    if (!channel) throw new AppError('not_found', 'Widget channel not found');
    const settings = widgetSettingsOf(channel.settings);
    if (visit.pageOrigins.some((o) => !originAllowed(settings, o, opts.ownOrigins))) {
      throw new AppError('forbidden', 'This site may not embed this widget');
    }
    if (settings.verifiedOnly && !visit.identityToken) {
      throw new AppError('identity_required', 'This chat is for customers signed in on the site');
    }
    const identity = visit.identityToken
      ? await verifyIdentityToken(opts.secretsKey, channel, visit.identityToken)
      : null;
    await opts.beforeWrite(channel.id);

    const contact = identity
      ? await verifiedContact(tx, tenantId, visit, identity)
      : await anonymousContact(tx, tenantId, visit);
    // The site's claims fill what the contact lacks; what the visitor typed now replaces.
    const filled = identity
      ? await storeContactDetails(tx, tenantId, contact.id, identity.details, false)
      : false;
    const typed = await storeContactDetails(tx, tenantId, contact.id, visit.details, true);

    await tx
      .insert(conversations)
      .values({ tenantId, channelId: channel.id, contactId: contact.id })
      .onConflictDoNothing({
        target: [conversations.tenantId, conversations.channelId, conversations.contactId],
      });
    const [conversation] = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.tenantId, tenantId),
          eq(conversations.channelId, channel.id),
          eq(conversations.contactId, contact.id),
        ),
      )
      .limit(1);
    if (!conversation) throw new Error('conversation upsert returned nothing');

    const [newest] = await tx
      .select({ protocol: tickets.protocol })
      .from(tickets)
      .where(and(eq(tickets.tenantId, tenantId), eq(tickets.conversationId, conversation.id)))
      .orderBy(desc(tickets.openedAt))
      .limit(1);
    const protocol = newest?.protocol ?? (await ensureOpenTicket(tx, tenantId, conversation.id));
    return {
      conversationId: conversation.id,
      visitorId: contact.visitorId,
      protocol,
      verified: contact.verified,
      renamed: contact.renamed || filled || typed,
    };
  });
}

interface WidgetContact {
  id: string;
  visitorId: string;
  verified: boolean;
  renamed: boolean;
}

/** No identity token: the visitor's contact (created on first visit); a verified one refuses (401). */
async function anonymousContact(tx: Tx, tenantId: string, visit: WidgetVisit): Promise<WidgetContact> {
  const visitorId = visit.visitorId ?? crypto.randomUUID();
  const [contact] = await tx
    .insert(contacts)
    .values({ tenantId, visitorId, name: visit.name ?? null })
    .onConflictDoUpdate({
      target: [contacts.tenantId, contacts.visitorId],
      set: { name: sql`coalesce(excluded.name, ${contacts.name})` },
    })
    .returning({ id: contacts.id, widgetIdentity: contacts.widgetIdentity });
  if (!contact) throw new Error('contact upsert returned nothing');
  // Throwing rolls the name change back too.
  if (contact.widgetIdentity !== null) {
    throw new AppError('identity_required', 'Sign in on the site again to resume this conversation');
  }
  return { id: contact.id, visitorId, verified: false, renamed: visit.visitorId !== null && !!visit.name };
}

/**
 * A valid identity token: the contact already verified as this customer (from any browser), else the
 * visitor's own contact if it is not verified as someone else (it becomes verified), else a new one.
 */
async function verifiedContact(
  tx: Tx,
  tenantId: string,
  visit: WidgetVisit,
  verified: VerifiedIdentity,
): Promise<WidgetContact> {
  const identity = verified.customerId;
  // A name typed in the widget replaces the stored one (as for anonymous visitors); the site's name from the
  // token only fills a contact that has none, so an agent's correction is not undone on every visit.
  const name =
    visit.name !== undefined
      ? visit.name
      : verified.name !== undefined
        ? sql`coalesce(${contacts.name}, ${verified.name})`
        : undefined;
  const byIdentity = () =>
    tx
      .select({ id: contacts.id, visitorId: contacts.visitorId })
      .from(contacts)
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.widgetIdentity, identity)))
      .limit(1);
  const [known] = await byIdentity();
  if (known?.visitorId) {
    if (name !== undefined) {
      await tx
        .update(contacts)
        .set({ name })
        .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, known.id)));
    }
    return { id: known.id, visitorId: known.visitorId, verified: true, renamed: name !== undefined };
  }

  const verify = { widgetIdentity: identity, widgetVerifiedAt: new Date() };
  if (visit.visitorId) {
    const [mine] = await tx
      .update(contacts)
      .set({ ...verify, name: name ?? sql`${contacts.name}` })
      .where(
        and(
          eq(contacts.tenantId, tenantId),
          eq(contacts.visitorId, visit.visitorId),
          isNull(contacts.widgetIdentity),
        ),
      )
      .returning({ id: contacts.id });
    if (mine) return { id: mine.id, visitorId: visit.visitorId, verified: true, renamed: name !== undefined };
  }
  const visitorId = crypto.randomUUID();
  await tx
    .insert(contacts)
    .values({ tenantId, visitorId, name: visit.name ?? verified.name ?? null, ...verify })
    .onConflictDoNothing();
  const [created] = await byIdentity();
  if (!created?.visitorId) throw new Error('verified contact was not created');
  return { id: created.id, visitorId: created.visitorId, verified: true, renamed: false };
}

/**
 * The conversation's open ticket's protocol, opening one (status `bot` on a bot channel with a published flow,
 * else `queued`; the conversation row takes the same status) when none is open.
 */
export async function ensureOpenTicket(tx: Tx, tenantId: string, conversationId: string): Promise<string> {
  const open = () =>
    tx
      .select({ protocol: tickets.protocol })
      .from(tickets)
      .where(
        and(
          eq(tickets.tenantId, tenantId),
          eq(tickets.conversationId, conversationId),
          ne(tickets.status, 'closed'),
        ),
      )
      .limit(1);
  const [existing] = await open();
  if (existing) return existing.protocol;
  const status = await ticketStartStatus(tx, tenantId, conversationId);
  const inserted = await tx
    .insert(tickets)
    .values({ tenantId, conversationId, protocol: sql`fio_next_protocol(${tenantId}::uuid)`, status })
    .onConflictDoNothing()
    .returning({ id: tickets.id });
  if (inserted.length > 0) {
    await tx
      .update(conversations)
      .set({ status })
      .where(and(eq(conversations.tenantId, tenantId), eq(conversations.id, conversationId)));
  }
  const [created] = await open();
  if (!created) throw new Error('ticket was not created');
  return created.protocol;
}
