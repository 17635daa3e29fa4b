// Conversation REST: the agent's inbox list (replica, keyset pagination) and a conversation's event history
// (newest from the DO, older from Postgres), both scoped to the caller's tenant.
import { and, desc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { z } from 'zod';
import { contacts, conversations } from '../../drizzle/schema';
import type { AppEnv } from '../app-env';
import {
  ConversationListQuery,
  type ConversationListResponse,
  EventHistoryQuery,
  type EventHistoryResponse,
  visibleToCustomer,
} from '../contract';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import { activityCursor } from '../services/activity-cursor';
import { readHistory } from '../services/conversation-history';
import { inTenant, replicaOf } from '../services/db';
import { parseIdParam, parseQuery } from '../validation';

export const conversationRoutes = new Hono<AppEnv>()
  .get('/api/conversations', authorize('conversations.read', { apiKeys: true }), async (c) => {
    const q = parseQuery(c, ConversationListQuery);
    const after = q.cursor ? activityCursor.decode(q.cursor) : null;
    const tenantId = c.var.principal.tid;
    const rows = await inTenant(replicaOf(c.var.dbs.db), tenantId, (tx) =>
      tx
        .select({ conversation: conversations, contact: contacts })
        .from(conversations)
        .innerJoin(contacts, and(eq(contacts.id, conversations.contactId), eq(contacts.tenantId, tenantId)))
        .where(
          and(
            eq(conversations.tenantId, tenantId),
            q.status ? eq(conversations.status, q.status) : undefined,
            after
              ? sql`(${conversations.lastActivityAt}, ${conversations.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
        .limit(q.limit + 1),
    );
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const body: z.infer<typeof ConversationListResponse> = {
      conversations: page.map(({ conversation: v, contact }) => ({
        id: v.id,
        channelId: v.channelId,
        contact: { id: contact.id, name: contact.name, phone: contact.phone },
        status: v.status,
        lastSeq: v.lastSeq,
        lastMessagePreview: v.lastMessagePreview,
        lastEventAt: v.lastSeq > 0 ? v.lastActivityAt.toISOString() : null,
        createdAt: v.createdAt.toISOString(),
      })),
      nextCursor:
        rows.length > q.limit && last
          ? activityCursor.encode(last.conversation.lastActivityAt, last.conversation.id)
          : null,
    };
    return c.json(body);
  })
  .get('/api/conversations/:id/events', authorize('conversation.join', { apiKeys: true }), async (c) => {
    const principal = c.var.principal;
    const conversationId = parseIdParam(c.req.param('id'), 'Conversation');
    if (principal.kind === 'visitor' && principal.cid !== conversationId) {
      throw new AppError('not_found', 'Conversation not found');
    }
    const q = parseQuery(c, EventHistoryQuery);
    const ref = { tenantId: principal.tid, conversationId };
    const page = await readHistory(c.env, c.var.dbs, ref, q.before ?? null, q.limit, c.var.requestId);
    if (!page) throw new AppError('not_found', 'Conversation not found');
    // Fan-out rule: customers never see private notes.
    const body: EventHistoryResponse =
      principal.kind === 'visitor'
        ? { ...page, events: page.events.filter((e) => visibleToCustomer(e.event)) }
        : page;
    return c.json(body);
  });
