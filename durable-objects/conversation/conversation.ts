// Conversation Durable Object: the one writer of a conversation's ordered event log. Assigns seq and stores
// synchronously, acks after the write, fans out to hibernating sockets, replays on hello, flushes an outbox
// to Postgres, and (for WhatsApp customers) dedupes inbound messages and sends replies in order.
import { DurableObject } from 'cloudflare:workers';
import type { InboundMessage, StatusUpdate } from '../../workers/channels/inbound';
import type {
  Attachment,
  Author,
  ClientFrame,
  ConversationEvent,
  InboxSummary,
  ServerFrame,
  SocketCloseReason,
  StoredEvent,
  TicketActionRequest,
} from '../../workers/contract';
import { eventAuthor, visibleToCustomer } from '../../workers/contract';
import { type Env, eventRetention } from '../../workers/env';
import { countMetric } from '../../workers/observability/metrics';
import type { ConversationRef } from '../../workers/services/conversation-names';
import { log, setLogLevel } from '../../workers/services/log';
import type { ContinuedOpening } from '../../workers/services/ticket-continue';
import { AlarmClock } from '../alarm-clock';
import { parseClientFrame, send } from '../frames-io';
import { ObjectClock } from '../object-clock';
import { type SocketMatch, sessionTag, socketClosed } from '../tenant-access/rpc';
import { wipeObject } from '../wipe-object';
import { BOT_AUTHOR, BotParticipant } from './bot/bot-participant';
import { type CampaignMark, CampaignSends, postCampaignMessage } from './campaign-sends';
import { AfterCare } from './care/after-care';
import type { ChannelBinding } from './channel-store';
import { ConversationChannel, type InboundResult, type StatusResult } from './conversation-channel';
import { ConversationDesk, type DeskActionResult } from './conversation-desk';
import { ConversationIdentity } from './conversation-identity';
import { type AgentPost, type PostResult, postToConversation } from './conversation-post';
import { type AppendResult, ConversationStore } from './conversation-store';
import { acceptConversationSocket } from './conversation-upgrade';
import { Outbox } from './outbox';
import { tellOutageFirst } from './outreach/outage-first';
import { OutreachKeeper } from './outreach/outreach-keeper';
import { eventFrame, frameFor, replayTo } from './replay';
import { autoAssign, type RoutingChangeResult, requeue } from './routing-changes';
import { SlaKeeper } from './sla/sla-keeper';
import { participantKey, registeredAs, SessionCache, type SocketSession } from './socket-session';
import type { RecoveredState } from './storage-recovery';
import type { ActionNames } from './ticket-rules';
import { VisitorLimits } from './visitor-limits';
import { type VisitorSendDeps, visitorAttachment, visitorMessage } from './visitor-send';

export interface HistoryPage {
  /** Events held here, ascending, newest `limit` below `before`. */
  events: StoredEvent[];
  /** Lowest seq held here; events below it are read from Postgres (they are all flushed). */
  oldestHeld: number;
  lastSeq: number;
}

export interface RedactOptions {
  /** ISO time: only events created before it (the retention period); null: every event (erasure). */
  before: string | null;
  erase: boolean;
}

export interface RedactResult {
  keys: string[];
  redacted: number;
  lastSeq: number;
}

export class ConversationDO extends DurableObject<Env> {
  private readonly store: ConversationStore;
  private readonly sessions = new SessionCache();
  private readonly outbox: Outbox;
  private readonly clock: AlarmClock;
  private readonly channel: ConversationChannel;
  private readonly identity: ConversationIdentity;
  private readonly desk: ConversationDesk;
  private readonly bot: BotParticipant;
  private readonly sla: SlaKeeper;
  private readonly care: AfterCare;
  private readonly outreach: OutreachKeeper;
  private readonly time: ObjectClock;
  private readonly visitors: VisitorSendDeps;
  private readonly campaigns: CampaignSends;
  /** Whether the contact was erased, as last read from meta (see erased()). */
  private erasedCache: boolean | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    setLogLevel(env.LOG_LEVEL);
    this.store = new ConversationStore(ctx.storage, eventRetention(env));
    this.identity = new ConversationIdentity(ctx, env, this.store, (state) => this.recovered(state));
    this.clock = new AlarmClock(ctx.storage);
    this.campaigns = new CampaignSends(ctx, env, ctx.storage.sql, this.clock);
    this.outbox = new Outbox(this.clock, env, this.store, {
      take: () => this.desk.carrier.take(),
      failed: () => this.desk.carrier.failed(),
    });
    this.channel = new ConversationChannel(
      ctx,
      env,
      this.clock,
      this.store.meta,
      (event, clientId) => this.appendEvent(event, clientId),
      () => this.store.identity(),
      this.campaigns,
    );
    this.time = new ObjectClock(this.store.meta, env.FIO_TEST_CLOCK === '1');
    this.desk = new ConversationDesk(
      ctx,
      env,
      this.store.meta,
      this.store,
      (event, clientId) => this.appendEvent(event, clientId),
      () => this.time.now(),
    );
    const post = (p: AgentPost) =>
      postToConversation(this.store, this.channel, p, (event, clientId) => this.appendEvent(event, clientId));
    const watcher = {
      ctx,
      env,
      clock: this.clock,
      time: this.time,
      meta: this.store.meta,
      store: this.store,
      desk: this.desk,
      channel: this.channel,
      post,
    };
    this.sla = new SlaKeeper(watcher);
    this.care = new AfterCare(watcher);
    this.outreach = new OutreachKeeper(watcher, (event, clientId) => this.appendEvent(event, clientId));
    this.desk.watch([this.sla, this.care, this.outreach]);
    this.bot = new BotParticipant(ctx, env, this.clock, this.store.meta, {
      store: this.store,
      append: (event, clientId) => this.appendEvent(event, clientId),
      post: (p) => {
        const result = post(p);
        if (!result.ok) log('warn', 'bot message not sent', { ...this.store.identity(), code: result.code });
      },
      ticket: () => this.desk.ticket(),
      ticketChange: (ticketId, change, patch) => this.desk.botChange(ticketId, change, patch, BOT_AUTHOR),
      ensureLoaded: (ref) => this.desk.ensureLoaded(ref),
      phone: () => {
        const to = this.channel.store.binding()?.to;
        return to ? `+${to}` : null;
      },
      channelKind: () => this.channel.store.binding()?.kind ?? null,
      firstWord: (host, record, head) =>
        tellOutageFirst(
          {
            env,
            waitUntil: (p) => ctx.waitUntil(p),
            keeper: this.outreach,
            contactId: () => this.desk.summary(host.ref)?.contact.id ?? null,
          },
          host,
          record,
          head,
        ),
    });
    this.visitors = {
      env,
      store: this.store,
      limits: new VisitorLimits(ctx, env),
      append: (event, clientId) => this.appendEvent(event, clientId),
      erased: () => this.erased(),
    };
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('{"type":"ping"}', '{"type":"pong"}'));
  }

  /** Called right after the row is created in Postgres, so the first socket needs no database round trip. */
  async register(ref: ConversationRef): Promise<void> {
    if (!(await this.identity.adopt(ref))) throw new Error('register called on the wrong object');
  }

  // ---- WhatsApp (RPC from the webhook routes and the media queue) ------------------------------------------

  async receiveInbound(
    ref: ConversationRef,
    binding: ChannelBinding,
    inbound: InboundMessage,
  ): Promise<InboundResult> {
    if (!(await this.identity.adopt(ref))) throw new Error('receiveInbound called on the wrong object');
    if (this.erased()) return { seq: 0, duplicate: false, mediaPending: false, erased: true };
    const result = this.channel.receiveInbound(binding, inbound);
    if (!result.duplicate)
      countMetric(this.env, 'fio_messages_in_total', ref.tenantId, { channel: binding.kind });
    return result;
  }

  async receiveStatus(ref: ConversationRef, update: StatusUpdate): Promise<StatusResult> {
    // Statuses name their conversation through our callback reference: checked, never adopted.
    if (!(await this.identity.ensure(ref))) return { seq: null, applied: false, retryLater: false };
    return this.channel.receiveStatus(update);
  }

  /** 'erased' when the contact was erased meanwhile: the caller deletes the file it just stored. */
  async settleAttachment(
    ref: ConversationRef,
    messageSeq: number,
    attachment: Attachment,
  ): Promise<boolean | 'erased'> {
    if (!(await this.identity.adopt(ref))) throw new Error('settleAttachment called on the wrong object');
    if (this.erased()) return 'erased';
    return this.channel.attachmentSettled(messageSeq, attachment);
  }

  /** An agent's (or the bot's) message through REST: text, template or attachment, window rules applied. */
  async postMessage(ref: ConversationRef, post: AgentPost): Promise<PostResult | null> {
    if (!(await this.identity.ensure(ref))) return null;
    return postToConversation(this.store, this.channel, post, (event, clientId) =>
      this.appendEvent(event, clientId),
    );
  }

  /** A campaign's template for this customer (the fan-out queue): appended once per clientId, sent in the bulk lane. */
  async postCampaignMessage(
    ref: ConversationRef,
    binding: ChannelBinding,
    post: AgentPost,
    mark: CampaignMark,
  ): Promise<PostResult | null> {
    if (!(await this.identity.adopt(ref))) return null;
    if (this.erased()) return { ok: false, code: 'conflict', message: 'This contact was erased' };
    if (!this.channel.bound) this.channel.store.bind(binding);
    return postCampaignMessage(this.campaigns, mark, () =>
      postToConversation(this.store, this.channel, post, (event, clientId) =>
        this.appendEvent(event, clientId),
      ),
    );
  }

  /** The campaign object asks again for the outcomes of its sends here (campaign-sends.ts `replay`). */
  async replayCampaignReports(ref: ConversationRef, seqs: number[]): Promise<number | null> {
    if (!(await this.identity.adopt(ref))) return null;
    return this.campaigns.replay(seqs);
  }

  /** Serves the status of the channel side to the REST layer (window, queue). */
  async channelState(
    ref: ConversationRef,
  ): Promise<{ bound: boolean; windowExpiresAt: number | null; queued: number } | null> {
    if (!(await this.identity.ensure(ref))) return null;
    return {
      bound: this.channel.bound,
      windowExpiresAt: this.channel.windowExpiresAt(),
      queued: this.channel.store.queued(),
    };
  }

  // ---- ticket and inbox (RPC from the Worker's REST routes) -------------------------------------------------

  /** take / assign / transfer / close / reopen / priority / tags, applied by this object, the ticket's one writer. */
  async ticketAction(
    ref: ConversationRef,
    action: TicketActionRequest,
    names: ActionNames,
  ): Promise<DeskActionResult | null> {
    if (!(await this.identity.ensure(ref))) return null;
    return this.desk.act(ref, action, names);
  }

  /** Continue on another number, old thread: its ticket closes as `continued` in `continuedIn`. */
  async continueTicketIn(
    ref: ConversationRef,
    by: Author,
    continuedIn: { conversationId: string; channelName: string },
    clientId: string,
  ) {
    if (!(await this.identity.ensure(ref))) return null;
    return this.desk.continueIn(ref, by, continuedIn, clientId);
  }

  /**
   * Continue on another number, new thread (its row just created by the caller): bound to the customer on
   * this number, its ticket opened as the continuation of the old one, before the template that opens it.
   */
  async openContinued(
    ref: ConversationRef,
    binding: ChannelBinding,
    by: Author,
    opening: ContinuedOpening,
  ): Promise<DeskActionResult | null> {
    if (!(await this.identity.adopt(ref))) return null;
    if (this.erased()) return { ok: false, code: 'conflict', message: 'This contact was erased' };
    this.channel.store.bind(binding);
    return this.desk.openContinued(ref, by, opening);
  }

  /** Routing (the tenant inbox): assign the queued ticket `ticket` (id or protocol) to an agent: routing-changes.ts. */
  async autoAssign(
    ref: ConversationRef,
    ticket: string,
    agent: { id: string; name: string },
  ): Promise<RoutingChangeResult | null> {
    if (!(await this.identity.ensure(ref))) return null;
    await this.desk.ensureLoaded(ref);
    return autoAssign(this.desk, ref, ticket, agent);
  }

  /** Routing: back to the queue, while still assigned to `fromAgentId` (offline, or customer unanswered). */
  async requeue(
    ref: ConversationRef,
    fromAgentId: string,
    reason: 'agent_offline' | 'unanswered',
  ): Promise<RoutingChangeResult | null> {
    if (!(await this.identity.ensure(ref))) return null;
    await this.desk.ensureLoaded(ref);
    return requeue(this.desk, ref, fromAgentId, reason);
  }

  /** The conversation as the inbox shows it (for one the live inbox no longer holds, e.g. found by search). */
  async inboxSummary(ref: ConversationRef): Promise<InboxSummary | null> {
    if (!(await this.identity.ensure(ref))) return null;
    await this.desk.ensureLoaded(ref);
    return this.desk.summary(ref);
  }

  /** The contact's name or details changed (contact panel, a returning visitor's name): refresh the card. */
  async contactChanged(ref: ConversationRef): Promise<void> {
    if (!(await this.identity.ensure(ref))) return;
    this.desk.contactChanged();
  }

  // ---- LGPD (RPC from the erasure service and the retention job) ---------------------------------------------

  /**
   * Redacts the content of the events this object holds (those created before `before`, or all when null)
   * with the one redaction rule. A flush already under way is let finish first, so no unredacted copy can
   * reach Postgres after this returns: later flushes read the redacted rows. `erase` (the contact's LGPD
   * erasure) also forgets the customer's address and unsent messages, re-reads the anonymised contact card,
   * and closes the customer's sockets. Returns the R2 keys of the files the redacted events pointed at.
   * Idempotent: a second call finds nothing left to redact.
   */
  async redactContent(ref: ConversationRef, opts: RedactOptions): Promise<RedactResult | null> {
    if (!(await this.identity.ensure(ref))) return null;
    await this.outbox.settled();
    // No await from here on: the flush that could still carry an unredacted row has finished.
    const result = this.store.redact(opts.before);
    if (opts.erase) {
      this.markErased();
      this.channel.store.forgetCustomer();
      this.store.forgetCustomerIds();
      for (const ws of this.ctx.getWebSockets()) {
        if (this.sessions.get(ws)?.participant.kind !== 'visitor') continue;
        this.sessions.delete(ws);
        ws.close(1000, 'conversation erased');
      }
    }
    if (result.redacted > 0 || opts.erase) this.desk.redacted(opts.erase);
    return { ...result, lastSeq: this.store.lastSeq };
  }

  /**
   * Storage was lost and Postgres knows this conversation (storage-recovery.ts): the WhatsApp customer and
   * window come back so agents can still answer, an erasure stays in force, the dedupe memories Postgres
   * still knows come back, and the inbox card's revisions
   * restart above the lost ones. The ticket and card reload from Postgres on first use, as after any wake.
   */
  private recovered(state: RecoveredState): void {
    if (state.binding) this.channel.store.bind(state.binding);
    if (state.windowExpiresMs !== null) this.channel.store.extendWindow(state.windowExpiresMs);
    if (state.erased) this.markErased();
    this.store.restoreClientIds(state.clientIds);
    for (const p of state.providerIds)
      this.channel.store.remember(p.externalId, p.seq, p.outbound, p.status, p.createdMs);
    this.desk.recovered();
  }

  /** The contact was erased: the customer's side of this conversation is closed for good. */
  private erased(): boolean {
    // Asked on every inbound message and visitor send: a SQLite read each was 5 % of the objects' CPU under
    // the webhook bench. Forgotten (not set) on marking, so a rolled-back transaction is read back as it is.
    this.erasedCache ??= this.store.meta.get('erased') !== null;
    return this.erasedCache;
  }

  private markErased(): void {
    this.store.meta.set('erased', '1');
    this.erasedCache = undefined;
  }

  // ---- history (RPC for the Worker's REST route) ----------------------------------------------------------

  async history(ref: ConversationRef, before: number | null, limit: number): Promise<HistoryPage | null> {
    if (!(await this.identity.ensure(ref))) return null;
    const top = Math.min(before ?? Number.MAX_SAFE_INTEGER, this.store.lastSeq + 1);
    return {
      events: this.store.pageBefore(ref, top, limit),
      oldestHeld: this.store.oldestSeq(),
      lastSeq: this.store.lastSeq,
    };
  }

  // ---- sockets ----------------------------------------------------------------------------------------------

  override async fetch(request: Request): Promise<Response> {
    return acceptConversationSocket(this.ctx, this.env, this.identity, this.sessions, request);
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const session = this.sessions.get(ws);
    const ref = this.store.identity();
    if (!session || !ref) {
      ws.close(1011, 'session lost');
      return;
    }
    if (session.participant.kind === 'visitor' && this.erased()) {
      // An old visitor token after an erasure: the widget starts a new conversation instead.
      this.sessions.delete(ws);
      ws.close(1000, 'conversation erased');
      return;
    }
    const parsed = parseClientFrame(message);
    if (!parsed.ok) {
      send(ws, parsed.error);
      return;
    }
    await this.handle(ws, session, ref, parsed.frame);
  }

  private async handle(ws: WebSocket, session: SocketSession, ref: ConversationRef, frame: ClientFrame) {
    switch (frame.type) {
      case 'hello':
        return this.replay(ws, session, ref, frame.since);
      case 'message.send':
        if (session.participant.kind === 'visitor')
          return visitorMessage(this.visitors, session, ref, frame, (f) => send(ws, f));
        return this.sendMessage(ws, session, ref, frame.clientId, frame.text);
      case 'attachment.send':
        return visitorAttachment(this.visitors, session, ref, frame, (f) => send(ws, f));
      case 'note.send':
        return this.sendNote(ws, session, frame.clientId, frame.text);
      case 'typing':
        if (frame.on && session.participant.kind === 'agent' && this.channel.bound) {
          this.channel.receipts.agentTyping(ref);
        }
        return this.broadcast({ type: 'typing', on: frame.on, who: session.participant }, ws);
      case 'read':
        return this.markRead(ws, session, ref, frame.seq);
      case 'ping':
        return send(ws, { type: 'pong' });
    }
  }

  private sendMessage(
    ws: WebSocket,
    session: SocketSession,
    _ref: ConversationRef,
    clientId: string,
    text: string,
  ) {
    const who = session.participant;
    const author = { kind: who.kind, id: who.id, name: who.name ?? null };
    // No await between here and the ack: seq assignment and the write are one synchronous step, and the
    // runtime's output gate holds the ack until the write is durable. A repeat of an acked clientId gets the
    // original ack even if the WhatsApp window closed since.
    const prior = this.store.seqForClientId(author, clientId);
    if (prior !== null) {
      send(ws, { type: 'ack', clientId, seq: prior });
      return;
    }
    const refusal = who.kind === 'agent' ? this.channel.refusal('text') : null;
    if (refusal) {
      send(ws, { type: 'error', code: refusal.code, message: refusal.message, clientId });
      return;
    }
    const result = this.appendEvent(
      { type: 'message.created', message: { text, author, clientId } },
      clientId,
    );
    send(ws, { type: 'ack', clientId, seq: result.seq });
    if (!result.duplicate && who.kind === 'agent') this.channel.queue(result.seq, { kind: 'text', text });
  }

  /** A private note: agents only, acked like a message, never sent to the customer or the channel. */
  private sendNote(ws: WebSocket, session: SocketSession, clientId: string, text: string) {
    const who = session.participant;
    if (who.kind !== 'agent') {
      send(ws, { type: 'error', code: 'forbidden', message: 'Only agents write notes', clientId });
      return;
    }
    const author = { kind: who.kind, id: who.id, name: who.name ?? null };
    const result = this.appendEvent({ type: 'note.created', note: { text, author, clientId } }, clientId);
    send(ws, { type: 'ack', clientId, seq: result.seq });
  }

  /** The one way events enter the log: seq assigned and stored synchronously, then fan-out and outbox. */
  private appendEvent(event: ConversationEvent, clientId: string | null): AppendResult {
    const ref = this.store.identity();
    if (!ref) throw new Error('append before the conversation is known');
    const result = this.store.append(ref, event, eventAuthor(event), clientId, new Date());
    if (result.stored) {
      this.desk.observe(result.stored);
      this.campaigns.observe(result.stored);
      // A thanks or a CSAT answer kept on the closed ticket is not a new demand for the bot.
      // An opt-out word is answered by the outreach keeper, not the bot.
      const seq = result.stored.seq;
      if (!this.desk.kept(seq) && !this.outreach.handled(seq)) this.bot.observe(result.stored);
      this.broadcastEvent(result.stored);
      this.outbox.appended();
    }
    return result;
  }

  private markRead(ws: WebSocket, session: SocketSession, ref: ConversationRef, seq: number) {
    if (seq > this.store.lastSeq) {
      send(ws, {
        type: 'error',
        code: 'validation_failed',
        message: `read seq ${seq} is beyond the last event (${this.store.lastSeq})`,
      });
      return;
    }
    const marker = this.store.markRead(participantKey(session.participant), seq);
    this.broadcast({ type: 'read', seq: marker, who: session.participant });
    if (session.participant.kind === 'agent') this.desk.agentRead(marker);
    if (session.participant.kind === 'agent' && this.channel.bound)
      this.channel.receipts.agentRead(ref, marker);
  }

  /** hello {since}: see replay.ts. */
  private replay(ws: WebSocket, session: SocketSession, ref: ConversationRef, since: number) {
    return replayTo(
      { env: this.env, ctx: this.ctx, store: this.store, sessions: this.sessions },
      ws,
      session,
      ref,
      since,
    );
  }

  private broadcastEvent(e: StoredEvent) {
    if (visibleToCustomer(e.event)) {
      this.broadcast(eventFrame(e));
      return;
    }
    for (const ws of this.ctx.getWebSockets()) {
      const session = this.sessions.get(ws);
      if (session?.live) send(ws, frameFor(e, session.participant));
    }
  }

  private broadcast(frame: ServerFrame, except?: WebSocket) {
    const text = JSON.stringify(frame);
    for (const ws of this.ctx.getWebSockets()) {
      if (ws === except) continue;
      if (this.sessions.get(ws)?.live) send(ws, text);
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    this.socketGone(ws);
    try {
      ws.close(code === 1005 ? 1000 : code, reason);
    } catch {
      // already closed
    }
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.socketGone(ws);
  }

  /** Forgets a socket; when it was its session's last one here, the access object stops routing to us. */
  private socketGone(ws: WebSocket): void {
    const session = this.sessions.get(ws);
    this.sessions.delete(ws);
    const ref = this.store.identity();
    if (!session || !ref) return;
    const { session: key, tag } = registeredAs(session);
    const others = this.ctx.getWebSockets(tag).filter((s) => s !== ws && s.readyState === WebSocket.OPEN);
    if (others.length === 0)
      this.ctx.waitUntil(socketClosed(this.env, ref.tenantId, key, ref.conversationId));
  }

  /** The tenant is being deleted (operator): every socket closed, storage and alarm gone. */
  async wipeStorage(): Promise<void> {
    await wipeObject(this.ctx);
  }

  /** RPC from the tenant access object: close these agents' sockets (session ended, role changed), or all. */
  async endAgentSockets(match: SocketMatch, close: SocketCloseReason): Promise<number> {
    const tags =
      'everyone' in match
        ? [undefined]
        : 'userId' in match
          ? [participantKey({ kind: 'agent', id: match.userId })]
          : match.sessionIds.map(sessionTag);
    let closed = 0;
    for (const tag of tags) {
      for (const ws of this.ctx.getWebSockets(tag)) {
        this.sessions.delete(ws);
        try {
          ws.close(close.code, close.reason);
          closed++;
        } catch {
          // already closing
        }
      }
    }
    return closed;
  }

  /** Tests only (FIO_TEST_CLOCK): this object's timers read `at` as now; its due timers run right away. */
  async setClockForTests(at: string): Promise<void> {
    this.time.setForTests(new Date(at));
    await this.alarm();
  }

  // ---- outbox ------------------------------------------------------------------------------------------------

  override async alarm(): Promise<void> {
    this.clock.fired();
    this.channel.dispatcher.onAlarm();
    this.campaigns.onAlarm();
    this.bot.onAlarm();
    await Promise.all([this.sla.onAlarm(), this.care.onAlarm(), this.outreach.onAlarm()]);
    await this.outbox.onAlarm();
  }
}
