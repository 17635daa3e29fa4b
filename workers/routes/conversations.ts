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
  isCanonicalUuid,
  visibleToCustomer,
} from '../contract';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import { conversationObjectName } from '../services/conversation-names';
import { inTenant, replicaOf } from '../services/db';
import { readArchivedRange } from '../services/event-archive';
import { errorFields, log } from '../services/log';
import { parseIdParam, parseQuery } from '../validation';

/** 0000-01-01 and 10000-01-01 UTC: the years a cursor's time may name. */
const YEAR_0 = -62_167_219_200_000;
const YEAR_10000 = 253_402_300_800_000;
const Cursor = {
  encode: (at: Date, id: string) => btoa(`${at.toISOString()}|${id}`).replace(/=+$/, ''),
  decode: (raw: string): { at: string; id: string } => {
    try {
      const [at, id] = atob(raw).split('|');
      // Only the exact spelling we issue (toISOString): Date.parse accepts more than timestamptz does (a
      // trailing NUL, for one), and such a time would reach Postgres as a 500.
      const time = at ? Date.parse(at) : Number.NaN;
      if (
        time >= YEAR_0 &&
        time < YEAR_10000 &&
        new Date(time).toISOString() === at &&
        id &&
        isCanonicalUuid(id)
      )
        return { at, id };
    } catch {
      // fall through
    }
    throw new AppError('validation_failed', 'Invalid cursor', [
      { path: 'cursor', message: 'not a cursor we issued' },
    ]);
  },
};

export const conversationRoutes = new Hono<AppEnv>()
  .get('/api/conversations', authorize('conversations.read'), async (c) => {
    const q = parseQuery(c, ConversationListQuery);
    const after = q.cursor ? Cursor.decode(q.cursor) : null;
    const rows = await inTenant(replicaOf(c.var.dbs.db), c.var.agent.tid, (tx) =>
      tx
        .select({ conversation: conversations, contact: contacts })
        .from(conversations)
        .innerJoin(contacts, eq(contacts.id, conversations.contactId))
        .where(
          and(
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
          ? Cursor.encode(last.conversation.lastActivityAt, last.conversation.id)
          : null,
    };
    return c.json(body);
  })
  .get('/api/conversations/:id/events', authorize('conversation.join'), async (c) => {
    const principal = c.var.principal;
    const conversationId = parseIdParam(c.req.param('id'), 'Conversation');
    if (principal.kind === 'visitor' && principal.cid !== conversationId) {
      throw new AppError('not_found', 'Conversation not found');
    }
    const q = parseQuery(c, EventHistoryQuery);
    const ref = { tenantId: principal.tid, conversationId };
    const stub = c.env.CONVERSATIONS.getByName(conversationObjectName(ref.tenantId, ref.conversationId));
    const page = await stub.history(ref, q.before ?? null, q.limit).catch((err: unknown) => {
      log('error', 'history from DO failed', { requestId: c.var.requestId, ...errorFields(err) });
      throw new AppError('unavailable', 'Conversation is unavailable, try again');
    });
    if (!page) throw new AppError('not_found', 'Conversation not found');

    let events = page.events;
    const top = Math.min(q.before ?? Number.MAX_SAFE_INTEGER, page.lastSeq + 1);
    const lowest = events[0]?.seq ?? top;
    const missing = q.limit - events.length;
    // The DO returned everything it holds below `top`; what is still missing is older and already flushed.
    if (missing > 0 && lowest > 1) {
      const older = await readArchivedRange(c.var.dbs, ref, Math.max(1, lowest - missing), lowest - 1).catch(
        (err: unknown) => {
          log('error', 'history from Postgres failed', { requestId: c.var.requestId, ...errorFields(err) });
          throw new AppError('unavailable', 'Older history is unavailable right now, try again');
        },
      );
      events = [...older, ...events];
    }
    const first = events[0];
    // Fan-out rule: customers never see private notes.
    const visible = principal.kind === 'visitor' ? events.filter((e) => visibleToCustomer(e.event)) : events;
    const body: EventHistoryResponse = {
      events: visible,
      nextBefore: first && first.seq > 1 ? first.seq : null,
    };
    return c.json(body);
  });
