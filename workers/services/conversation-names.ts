// Every Durable Object's name, built here and nowhere else: conversations (`tenantId:conversationId`), the
// tenant inbox, archiver shards and number limiters. Each name starts with the tenant id, so one tenant's id
// can never address another tenant's object; and each id must be in its one canonical spelling (a lowercase
// UUID), or a second spelling of the same row would name a second object: a second writer, duplicate seqs.
import { isCanonicalUuid } from '../contract';

/** Which conversation, as the DO and the archive name it. */
export interface ConversationRef {
  tenantId: string;
  conversationId: string;
}

/** Throws for any other spelling: a caller that got this far skipped validation, and must not get an object. */
function canonical(id: string, what: string): string {
  if (!isCanonicalUuid(id)) throw new Error(`refusing to name an object after a non-canonical ${what} id`);
  return id;
}

export function conversationObjectName(tenantId: string, conversationId: string): string {
  return `${canonical(tenantId, 'tenant')}:${canonical(conversationId, 'conversation')}`;
}

/** The tenant inbox object: one per tenant. */
export function inboxName(tenantId: string): string {
  return `${canonical(tenantId, 'tenant')}:inbox`;
}

/** The archiver shard a conversation's outbox writes through (`ARCHIVE_SHARDS` per tenant). */
export function archiverName(tenantId: string, conversationId: string, shards: number): string {
  canonical(conversationId, 'conversation');
  let hash = 0;
  for (let i = 0; i < conversationId.length; i++) hash = (hash * 31 + conversationId.charCodeAt(i)) | 0;
  return `${canonical(tenantId, 'tenant')}:archiver:${Math.abs(hash) % shards}`;
}

/** The pacing and health object of one WhatsApp number (channel). */
export function numberLimiterName(tenantId: string, channelId: string): string {
  return `${canonical(tenantId, 'tenant')}:${canonical(channelId, 'channel')}`;
}

/** The tenant's access object (sessions and users that may act now, and the closing of their sockets). */
export function accessName(tenantId: string): string {
  return `${canonical(tenantId, 'tenant')}:access`;
}

/** A campaign's object (its schedule, tier and release of recipients). */
export function campaignObjectName(tenantId: string, campaignId: string): string {
  return `${canonical(tenantId, 'tenant')}:campaign:${canonical(campaignId, 'campaign')}`;
}
