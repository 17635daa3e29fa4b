// From a flattened provider webhook to stored events: each customer message goes to its conversation object
// (deduped there by provider id, in webhook order per conversation), each status to the conversation of the
// message it reports on. Resolves only when every item is stored, so the webhook's 200 means "kept"; any
// failure propagates and the provider delivers the whole webhook again, which dedupe makes harmless. Items
// that did not fit the provider's schema (kept as unsupported) and items we could not act on are logged and
// counted in the summary the webhook answers with. Events about a number (session, ban, quality) change its
// health (number-events.ts).
import { and, eq } from 'drizzle-orm';
import { channels } from '../../drizzle/schema';
import type { ChannelBinding } from '../../durable-objects/conversation/rpc';
import { parseCallbackReference } from '../channels/callback-reference';
import type { FlattenedWebhook, InboundMessage, NumberEvent, StatusUpdate } from '../channels/inbound';
import { normalizePhone } from '../channels/phone';
import type { Env, MediaDownloadJob } from '../env';
import { type ChannelRoute, findThread, forgetThread, resolveThread } from './channel-routing';
import { type ConversationRef, conversationObjectName } from './conversation-names';
import { inTenant, openDatabases, type PrimaryAccess } from './db';
import { errorFields, log } from './log';
import { applyNumberEvents } from './number-events';
import { TtlCache } from './ttl-cache';

export type WhatsAppKind = 'whatsapp_cloud' | 'evolution' | 'uazapi';

export interface IngestSummary {
  stored: number;
  duplicates: number;
  statuses: number;
  /** Items for numbers or customers we cannot place (removed number, malformed phone): acknowledged, logged. */
  unrouted: number;
  echoes: number;
  ignored: number;
  /** Messages that did not fit the provider's schema, stored as `unsupported` with their raw JSON. */
  malformed: number;
  /** A status arrived for a message still being sent: the provider should deliver it again. */
  retryLater: boolean;
  /** Events about a number (session, ban, quality) that changed its health. */
  healthChanges: number;
}

interface Deps {
  env: Env;
  /** Read only on a cache miss (see PrimaryAccess). */
  dbs: PrimaryAccess;
  waitUntil(promise: Promise<unknown>): void;
  route(address: string): Promise<ChannelRoute | null>;
  /**
   * The numbers a NumberEvent is about, when that is not simply `route(address)`: Cloud's WABA-level events
   * name a display phone or a whole account (cloud-number-routing.ts), which may be several numbers.
   */
  numberRoutes?(event: NumberEvent): Promise<ChannelRoute[]>;
  kind: WhatsAppKind;
}

export async function ingestWebhook(flat: FlattenedWebhook, deps: Deps): Promise<IngestSummary> {
  const summary: IngestSummary = {
    stored: 0,
    duplicates: 0,
    statuses: 0,
    unrouted: 0,
    echoes: flat.echoes,
    ignored: flat.ignored,
    malformed: 0,
    retryLater: false,
    healthChanges: 0,
  };
  for (const note of flat.notes) {
    log(note.routine ? 'debug' : 'warn', 'webhook item ignored', {
      kind: deps.kind,
      address: note.address,
      reason: note.reason,
      ...note.detail,
    });
  }
  const threads = new Map<
    string,
    { route: ChannelRoute; conversationId: string; messages: InboundMessage[] }
  >();
  for (const m of flat.messages) {
    const route = await deps.route(m.address);
    const phone = m.from ? normalizePhone(m.from) : null;
    const userId = m.userId ?? null;
    const conversationId =
      route && (phone || userId)
        ? await resolveThread(deps.dbs, route, { phone, userId }, m.profileName)
        : null;
    if (!route || !conversationId) {
      summary.unrouted++;
      log('warn', 'inbound message not routed', {
        kind: deps.kind,
        address: m.address,
        externalId: m.externalId,
      });
      continue;
    }
    noteWebhookSeen(deps, route);
    if (m.malformed) {
      summary.malformed++;
      log('warn', 'inbound message did not fit the provider schema; stored as unsupported', {
        kind: deps.kind,
        channelId: route.channelId,
        externalId: m.externalId,
        issue: m.malformed,
      });
    }
    const thread = threads.get(conversationId) ?? { route, conversationId, messages: [] };
    thread.messages.push({ ...m, from: phone, userId });
    threads.set(conversationId, thread);
  }
  const jobs: MediaDownloadJob[] = [];
  // Conversations in parallel; one conversation's messages in webhook order.
  await Promise.all(
    [...threads.values()].map(async ({ route, conversationId, messages }) => {
      let ref = { tenantId: route.tenantId, conversationId };
      for (const m of messages) {
        const binding = { channelId: route.channelId, kind: deps.kind, to: m.from, userId: m.userId ?? null };
        let r = await deliver(deps.env, ref, binding, m);
        if (r.erased) {
          // The contact was erased (LGPD): this customer starts a new contact and conversation.
          const who = { phone: m.from, userId: m.userId ?? null };
          forgetThread(route.channelId, who);
          const fresh = await resolveThread(deps.dbs, route, who, m.profileName);
          if (!fresh) throw new Error('no new conversation for an erased contact');
          ref = { tenantId: route.tenantId, conversationId: fresh };
          r = await deliver(deps.env, ref, binding, m);
          if (r.erased) throw new Error('the new conversation for an erased contact is erased too');
        }
        if (r.duplicate) summary.duplicates++;
        else summary.stored++;
        if (r.mediaPending && 'mediaId' in m.content) {
          jobs.push({
            ...ref,
            channelId: route.channelId,
            messageSeq: r.seq,
            mediaId: m.content.mediaId,
            kind: m.content.kind,
            mimeType: m.content.mimeType,
            filename: m.content.filename,
          });
        }
      }
    }),
  );
  // Queued before the 200: if this fails the provider retries, and the object reports the media as still
  // pending, so the download is queued again rather than lost.
  if (jobs.length > 0) await deps.env.MEDIA_QUEUE.sendBatch(jobs.map((body) => ({ body })));
  for (const st of flat.statuses) await applyStatus(st, deps, summary);
  await applyNumberEventsOf(flat, deps, summary);
  return summary;
}

/** Number events grouped by the number they are about, each number's in webhook order. */
async function applyNumberEventsOf(flat: FlattenedWebhook, deps: Deps, summary: IngestSummary) {
  const byAddress = new Map<string, NumberEvent[]>();
  for (const e of flat.numberEvents) {
    const key = `${e.addressKind ?? 'channel'}:${e.waba ?? ''}:${e.address}`;
    byAddress.set(key, [...(byAddress.get(key) ?? []), e]);
  }
  for (const events of byAddress.values()) {
    const first = events[0] as NumberEvent;
    const routes = deps.numberRoutes
      ? await deps.numberRoutes(first)
      : await deps.route(first.address).then((r) => (r ? [r] : []));
    if (routes.length === 0) {
      summary.unrouted += events.length;
      log('warn', 'number event not routed', {
        kind: deps.kind,
        address: first.address,
        events: events.length,
      });
      continue;
    }
    for (const route of routes) {
      noteWebhookSeen(deps, route);
      const { changes } = await applyNumberEvents(deps.env, { ...route, kind: deps.kind }, events);
      summary.healthChanges += changes;
    }
  }
}

function deliver(env: Env, ref: ConversationRef, binding: ChannelBinding, m: InboundMessage) {
  return env.CONVERSATIONS.getByName(conversationObjectName(ref.tenantId, ref.conversationId)).receiveInbound(
    ref,
    binding,
    m,
  );
}

async function applyStatus(st: StatusUpdate, deps: Deps, summary: IngestSummary): Promise<void> {
  const route = await deps.route(st.address);
  if (!route) {
    summary.unrouted++;
    return;
  }
  noteWebhookSeen(deps, route);
  const conversationId =
    parseCallbackReference(st.reference)?.conversationId ??
    (await findThread(deps.dbs, route, {
      phone: st.recipient || null,
      userId: st.recipientUserId ?? null,
    }));
  if (!conversationId) {
    summary.unrouted++;
    return;
  }
  const stub = deps.env.CONVERSATIONS.getByName(conversationObjectName(route.tenantId, conversationId));
  const r = await stub.receiveStatus({ tenantId: route.tenantId, conversationId }, st);
  if (r.applied) summary.statuses++;
  if (r.retryLater) summary.retryLater = true;
}

/** When each number last sent us a webhook (health), written at most every 30 s per isolate. */
const seenWritten = new TtlCache<true>(30_000, 10_000);

function noteWebhookSeen(deps: Deps, route: ChannelRoute): void {
  if (seenWritten.get(route.channelId)) return;
  seenWritten.set(route.channelId, true);
  deps.waitUntil(
    (async () => {
      const dbs = openDatabases(deps.env);
      try {
        await inTenant(dbs.primary, route.tenantId, (tx) =>
          tx
            .update(channels)
            .set({ lastWebhookAt: new Date() })
            .where(and(eq(channels.tenantId, route.tenantId), eq(channels.id, route.channelId))),
        );
      } catch (err) {
        log('warn', 'could not record webhook time', { channelId: route.channelId, ...errorFields(err) });
      } finally {
        await dbs.close();
      }
    })(),
  );
}
